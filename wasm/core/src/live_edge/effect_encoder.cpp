// Typed effects and messages (live/effects.h) as docs/adapter-protocol.md's JSON, and the answers made of them:
// every object's keys in the order the shim and the recorded answers have always had them.
#include <type_traits>

#include "adapter/json_convert.h"
#include "live_edge/edge.h"

namespace adapter::live {
namespace {

// Out of line, one per field, as in view_model.cpp: initializer lists cost WebAssembly size per call site.
[[gnu::noinline]] void put(OutJson& o, const char* key, OutJson&& value) { o[key] = std::move(value); }
[[gnu::noinline]] void put(OutJson& o, const char* key, const std::string& value) { o[key] = value; }
[[gnu::noinline]] void put(OutJson& o, const char* key, const char* value) { o[key] = value; }
[[gnu::noinline]] void put(OutJson& o, const char* key, std::int64_t value) { o[key] = value; }

template <typename E, std::size_t N>
const char* name(const std::pair<E, std::string_view> (&table)[N], E value) {
  return nameOf(table, value).data();  // the names are literals
}

OutJson typed(const char* type) {
  OutJson effect = OutJson::object();
  put(effect, "type", type);
  return effect;
}

void putMessage(OutJson& o, const Message& m) {
  put(o, "code", m.code);
  put(o, "kind", name(kMessageKindNames, m.kind));
  put(o, "params", encodeParams(m.params));
}

OutJson encode(const RequestEffect& e) {
  OutJson out = typed("request");
  put(out, "id", e.id);
  put(out, "method", e.request.method);
  put(out, "url", e.request.url);
  put(out, "body", toOutJson(e.request.body));
  return out;
}

OutJson encode(const RouteToEffect& e) {
  OutJson out = typed("routeTo");
  put(out, "target", e.user ? "user" : "ticket");
  put(out, "id", e.id);
  return out;
}

OutJson encode(const PopoverEffect&) {
  OutJson out = typed("popover");
  put(out, "action", "show");
  return out;
}

OutJson encode(const NotifyEffect& e) {
  OutJson out = typed("notify");
  putMessage(out, e.message);
  return out;
}

OutJson encode(const TelephonyEffect& e) {
  OutJson out = typed("telephony");
  put(out, "command", name(kTelephonyCommandNames, e.command));
  put(out, "callId", e.callId);
  if (e.number) put(out, "number", *e.number);
  if (e.extension) put(out, "extension", *e.extension);
  if (e.target) put(out, "target", *e.target);
  if (e.digits) put(out, "digits", *e.digits);
  return out;
}

OutJson encode(const SidebarNumbersEffect& e) {
  OutJson out = typed("sidebarNumbers");
  put(out, "to", e.to);
  put(out, "ticketId", e.ticketId);
  put(out, "requesterId", e.requesterId);
  put(out, "numbers", OutJson(e.numbers));
  put(out, "state", e.loaded ? "loaded" : "failed");
  return out;
}

OutJson encode(const ScheduleTickEffect& e) {
  OutJson out = typed("scheduleTick");
  put(out, "atMs", e.atMs);
  return out;
}

}  // namespace

OutJson encodeParams(const Params& params) {
  OutJson out = OutJson::object();
  for (const auto& p : params) {
    std::visit(
        [&](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, Params>) {
            put(out, p.name.c_str(), encodeParams(value));
          } else if constexpr (std::is_same_v<T, std::nullptr_t>) {
            put(out, p.name.c_str(), OutJson(nullptr));
          } else {
            put(out, p.name.c_str(), value);
          }
        },
        p.value);
  }
  return out;
}

OutJson encodeBanner(const std::optional<Message>& banner) {
  if (!banner) return OutJson();
  OutJson out = OutJson::object();
  putMessage(out, *banner);
  return out;
}

OutJson encodeEffects(const std::vector<Effect>& effects) {
  OutJson out = OutJson::array();
  for (const auto& effect : effects) {
    out.push_back(std::visit([](const auto& e) { return encode(e); }, effect));
  }
  return out;
}

std::string encodeAnswer(AdapterState& s) {
  OutJson effects = encodeEffects(s.effects);
  s.effects.clear();
  OutJson state = snapshot(s);
  // Dumped as answers are (invalid UTF-8 replaced, never thrown on): a throw here refuses the whole event, so a
  // caller's text that the core cut badly would lose the call it came with.
  std::string text = state.dump(-1, ' ', false, OutJson::error_handler_t::replace);
  if (text != s.lastPersisted) {
    s.lastPersisted = std::move(text);
    // First of the effects: the snapshot is stored before any request of this answer leaves, so that a page closed
    // in between finds the write marked in flight (to be checked), never merely queued (to be sent blindly).
    OutJson persist = typed("persist");
    put(persist, "state", std::move(state));
    effects.insert(effects.begin(), std::move(persist));
  }
  OutJson answer = OutJson::object();
  put(answer, "view", buildView(s));
  put(answer, "effects", std::move(effects));
  return dumpResponse(answer);
}

std::string encodeError(const char* code, const std::string& message, const std::string& path) {
  OutJson error = OutJson::object();
  put(error, "code", code);
  put(error, "message", message);
  put(error, "path", path);
  OutJson answer = OutJson::object();
  put(answer, "error", std::move(error));
  return dumpResponse(answer);
}

}  // namespace adapter::live
