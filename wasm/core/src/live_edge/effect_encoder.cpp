// Typed effects and messages (live/effects.h) as docs/adapter-protocol.md's JSON, and the answers made of them:
// every object's keys in the order the shim and the recorded answers have always had them.
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <type_traits>

#include "adapter/json_convert.h"
#include "live_edge/edge.h"
#include "out_json_put.h"

namespace adapter::live {
namespace {

using adapter::put;  // live/ has its own put() for the snapshot's InJson; the answers' is out_json_put.h's

OutJson typed(const char* type) {
  OutJson effect = OutJson::object();
  put(effect, "type", type);
  return effect;
}

void putMessage(OutJson& o, const Message& m) {
  put(o, "code", m.code);
  put(o, "kind", wireName(kMessageKindNames, m.kind));
  put(o, "params", encodeParams(m.params));
}

OutJson encode(const RequestEffect& e) {
  OutJson out = typed("request");
  put(out, "id", e.id);
  put(out, "method", e.request.method);
  put(out, "url", e.request.url);
  put(out, "body", toOutJson(e.request.body));
  if (!e.request.idempotencyKey.empty()) {  // only then: every other request keeps its bytes
    OutJson headers = OutJson::object();
    put(headers, "Idempotency-Key", e.request.idempotencyKey);
    put(out, "headers", std::move(headers));
  }
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
  put(out, "command", wireName(kTelephonyCommandNames, e.command));
  put(out, "callId", e.callId);
  if (e.number) put(out, "number", *e.number);
  if (e.extension) put(out, "extension", *e.extension);
  if (e.target) put(out, "target", *e.target);
  if (e.digits) put(out, "digits", *e.digits);
  if (e.status) put(out, "status", *e.status);
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

#if !defined(NDEBUG) || defined(ADAPTER_CHECK_CACHE)
#define ADAPTER_ANSWER_CACHE_CHECK 1
#endif

#ifdef ADAPTER_ANSWER_CACHE_CHECK
// Debug builds (the native tests, the corpus replays) and the ASan fuzz build (ADAPTER_CHECK_CACHE: the replays of
// what a fuzzing run kept) check after every answer that the snapshot and the view the answer reused, whole or by
// parts (D320, D401), are what a fresh build makes: a value read by either but missing from its fingerprint fails
// here, in the test that changed it, instead of leaving a stale view or an unsaved change.
void checkAnswerCache(const AdapterState& s) {
  if (answerCacheFresh(s)) return;
  std::fprintf(stderr, "answer cache: the %s changed but its fingerprint did not (D255, D401)\n",
               snapshotText(s) == s.lastPersisted ? "view" : "snapshot");
  std::abort();
}
#endif

}  // namespace

bool answerCacheFresh(const AdapterState& s) {
  return snapshotText(s) == s.lastPersisted && dumpResponse(buildView(s)) == s.lastView;
}

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
  std::string effects = dumpResponse(encodeEffects(s.effects));
  s.effects.clear();
  // The snapshot and the view are printed again only when what they are made from changed (D255): an event that
  // leaves them as they were costs their fingerprints, not their JSON. The snapshot is joined from its parts, each
  // printed again only when its own fingerprint moved (D320), and persisted when the text differs from the last.
  RecordPrints prints = recordPrints(s);
  std::optional<std::string> snapshot = snapshotTextByParts(s, prints);
  if (*snapshot == s.lastPersisted) snapshot.reset();
  ViewPrints drawn = viewPrints(s, prints);
  if (s.lastView.empty() || drawn.whole != s.viewFingerprint) {
    s.lastView = viewTextByParts(s, drawn);
    s.viewFingerprint = drawn.whole;
  }
  // {"view": …, "effects": [persist?, …]} as dumpResponse would print it, with the texts above spliced in.
  std::string answer;
  answer.reserve(32 + s.lastView.size() + effects.size() + (snapshot ? snapshot->size() : 0));
  answer += "{\"view\":";
  answer += s.lastView;
  answer += ",\"effects\":[";
  if (snapshot) {
    // First of the effects: the snapshot is stored before any request of this answer leaves, so that a page closed
    // in between finds the write marked in flight (to be checked), never merely queued (to be sent blindly).
    answer += "{\"type\":\"persist\",\"state\":";
    answer += *snapshot;
    answer += effects.size() > 2 ? "}," : "}";
  }
  answer.append(effects, 1, std::string::npos);  // the effects' items and their closing bracket
  answer += '}';
  // Taken as sent only once the answer is whole (an exception above leaves the next answer to persist).
  if (snapshot) s.lastPersisted = std::move(*snapshot);
#ifdef ADAPTER_ANSWER_CACHE_CHECK
  checkAnswerCache(s);
#endif
  return answer;
}

std::string encodeError(const char* code, const std::string& message, const std::string& path, const Params& params) {
  OutJson error = OutJson::object();
  put(error, "code", code);
  put(error, "message", message);
  put(error, "path", path);
  if (!params.empty()) put(error, "params", encodeParams(params));
  OutJson answer = OutJson::object();
  put(answer, "error", std::move(error));
  return dumpResponse(answer);
}

}  // namespace adapter::live
