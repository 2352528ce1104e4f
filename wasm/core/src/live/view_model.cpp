// The view the shim draws (docs/adapter-protocol.md "View"): everything the agent sees, already decided.
#include "adapter/json_convert.h"
#include "adapter/phone.h"
#include "live/flows.h"

namespace adapter::live {
namespace {

// Objects are built one out-of-line put() per field, not as OutJson{{"key", value}, ...}: the initializer-list
// form expands, for every field, into inline construction and exception-cleanup code, several KB of WebAssembly
// per builder (the size budget, wasm/bindings/CMakeLists.txt). OutJson keeps insertion order: the output is the same.
[[gnu::noinline]] void put(OutJson& o, const char* key, OutJson&& value) { o[key] = std::move(value); }
[[gnu::noinline]] void put(OutJson& o, const char* key, const OutJson& value) { o[key] = value; }
[[gnu::noinline]] void put(OutJson& o, const char* key, const std::string& value) { o[key] = value; }
[[gnu::noinline]] void put(OutJson& o, const char* key, const char* value) { o[key] = value; }
[[gnu::noinline]] void put(OutJson& o, const char* key, std::int64_t value) { o[key] = value; }
[[gnu::noinline]] void put(OutJson& o, const char* key, int value) { o[key] = value; }
[[gnu::noinline]] void put(OutJson& o, const char* key, bool value) { o[key] = value; }
[[gnu::noinline]] void put(OutJson& o, const char* key, std::nullptr_t) { o[key] = nullptr; }
// to[key] = from[key], out of line for the same reason.
[[gnu::noinline]] void copyField(OutJson& to, const OutJson& from, const char* key) { to[key] = from[key]; }

OutJson toOut(const InJson& j) { return toOutJson(j); }

OutJson ticketSummary(const AdapterState& s, Id id) {
  OutJson out = OutJson::object();
  put(out, "id", id);
  auto it = s.directory.tickets.find(id);
  if (it == s.directory.tickets.end()) {
    put(out, "subject", nullptr);
    put(out, "status", nullptr);
  } else {
    put(out, "subject", OutJson(it->second["subject"]));
    put(out, "status", OutJson(it->second["status"]));
  }
  return out;
}

OutJson contactSummary(const AdapterState& s, Id id) {
  OutJson out = OutJson::object();
  put(out, "id", id);
  auto it = s.directory.contacts.find(id);
  put(out, "name", it == s.directory.contacts.end() ? OutJson(nullptr) : toOut(it->second["name"]));
  return out;
}

const char* writeState(const Write& w) {
  if (w.state == Write::State::Failed) return "failed";
  if (w.state == Write::State::InFlight) return w.uncertain ? "checking" : "inFlight";
  return "pending";
}

// Whether Zendesk has everything: what waits (and until when), what is being checked, what failed and why, with
// the text of each note so that nothing the agent wrote is out of sight while it is not in Zendesk.
OutJson syncView(const AdapterState& s) {
  OutJson writes = OutJson::array();
  int pending = 0, failed = 0;
  for (const auto& w : s.writes) {
    if (isPop(w)) continue;  // pops are not data the agent could lose
    (w.state == Write::State::Failed ? failed : pending)++;
    bool waiting = w.state == Write::State::Queued && w.notBeforeMs > s.nowMs;
    std::string text = commentText(w);
    OutJson item = OutJson::object();
    put(item, "key", w.keys.front());
    put(item, "kind", w.kind);
    put(item, "label", w.label);
    put(item, "state", writeState(w));
    put(item, "error", w.error.empty() ? OutJson(nullptr) : OutJson(w.error));
    put(item, "attempts", w.attempts);
    put(item, "nextAttemptMs", waiting ? OutJson(w.notBeforeMs) : OutJson(nullptr));
    put(item, "text", text.empty() ? OutJson(nullptr) : OutJson(text));
    put(item, "batched", w.batched && waiting);
    writes.push_back(std::move(item));
  }
  bool paused = s.sendLog.pausedUntilMs > s.nowMs;
  OutJson out = OutJson::object();
  put(out, "state", failed > 0 ? "failed" : paused && pending > 0 ? "paused" : pending > 0 ? "pending" : "saved");
  put(out, "pending", pending);
  put(out, "failed", failed);
  put(out, "pausedUntilMs", paused ? OutJson(s.sendLog.pausedUntilMs) : OutJson(nullptr));
  put(out, "discarded", s.discardedWrites);
  put(out, "writes", std::move(writes));
  return out;
}

OutJson outboundView(const AdapterState& s) {
  const auto& o = *s.outbound;
  const auto& p = o.plan;
  bool ready = outboundReady(s);
  OutJson view = OutJson::object();
  put(view, "source", o.source);
  put(view, "numberText", o.numberTyped ? o.numberText : o.entryNumber);
  if (!p.is_object()) {
    OutJson number = OutJson::object();
    put(number, "e164", nullptr);
    put(number, "display", std::string(kPhonePlaceholder));
    put(number, "isPlaceholder", true);
    put(number, "valid", false);
    put(view, "number", std::move(number));
    put(view, "canCall", false);
    put(view, "searching", !ready);
    return view;
  }
  OutJson number = p["number"];
  number["valid"] = !number["e164"].is_null();
  view["number"] = number;
  view["searching"] = !ready;
  copyField(view, p, "useEnteredNumber");
  copyField(view, p, "contact");
  OutJson ticket = OutJson::object();
  copyField(ticket, p["ticket"], "mode");
  copyField(ticket, p["ticket"], "required");
  copyField(ticket, p["ticket"], "selected");
  OutJson options = OutJson::array();
  for (const auto& value : p["ticket"]["options"]) {
    OutJson option = OutJson::object();
    put(option, "value", value);
    put(option, "subject", nullptr);
    put(option, "status", nullptr);
    put(option, "updatedAt", nullptr);
    for (const auto& t : p["ticket"].value("openTickets", OutJson::array())) {
      if (t["id"] == value) {
        copyField(option, t, "subject");
        copyField(option, t, "status");
        copyField(option, t, "updatedAt");
      }
    }
    options.push_back(option);
  }
  ticket["options"] = options;
  ticket["ticketIdText"] = p["ticket"].contains("ticketId") ? p["ticket"]["ticketId"] : OutJson(o.ticketIdText);
  ticket["checking"] = !ready && p["ticket"]["mode"] == "idEntry";
  view["ticket"] = ticket;
  copyField(view, p, "errors");
  copyField(view, p, "warnings");
  view["canCall"] = p.value("canCall", false) && ready;
  copyField(view, p, "decision");
  return view;
}

OutJson callView(const AdapterState& s, const Call& c) {
  bool e164 = c.phone.rfind('+', 0) == 0;
  OutJson number = OutJson::object();
  put(number, "e164", e164 ? OutJson(c.phone) : OutJson(nullptr));
  put(number, "display", e164 ? displayPhone(c.phone) : c.phone);
  put(number, "extension", c.extension.empty() ? OutJson(nullptr) : OutJson(c.extension));  // dialled after connect
  OutJson contact = nullptr;
  if (c.contactId) {
    contact = contactSummary(s, *c.contactId);
  } else if (c.lookup.is_object() && c.lookup["contactId"].is_number_integer()) {
    contact = contactSummary(s, c.lookup["contactId"].get<Id>());
  }
  OutJson options = OutJson::array();
  if (!c.contactId) {
    for (Id id : c.contactOptions) options.push_back(contactSummary(s, id));
  }
  OutJson flags = OutJson::array();
  for (const auto& f : c.flags) flags.push_back(f["code"]);
  bool connected = c.state == "connected";
  OutJson view = OutJson::object();
  put(view, "id", c.id);
  put(view, "direction", c.direction);
  put(view, "state", c.state);
  put(view, "held", c.held);
  put(view, "muted", c.muted);
  put(view, "number", std::move(number));
  put(view, "contact", std::move(contact));
  put(view, "contactOptions", std::move(options));
  put(view, "flags", std::move(flags));
  put(view, "ticket", c.ticketId ? ticketSummary(s, *c.ticketId) : OutJson(nullptr));
  put(view, "lookup", c.lookup.is_null() ? OutJson(nullptr) : c.lookup);
  put(view, "decision", c.decision.is_null() ? OutJson(nullptr) : c.decision);
  put(view, "queueName", c.queueName);
  put(view, "menuPath", c.menuPath);
  put(view, "language", c.language);
  put(view, "startedAtMs", c.startedAtMs);
  put(view, "connectedAtMs", c.connectedAtMs > 0 ? OutJson(c.connectedAtMs) : OutJson(nullptr));
  put(view, "endedAtMs", c.endedAtMs > 0 ? OutJson(c.endedAtMs) : OutJson(nullptr));
  put(view, "durationSec", c.durationSec);
  put(view, "note", c.note);
  OutJson can = OutJson::object();
  put(can, "answer", c.state == "ringing");
  put(can, "decline", c.state == "ringing");
  put(can, "hangUp", c.state == "dialing" || connected);
  put(can, "hold", connected);
  put(can, "mute", connected);
  put(can, "transfer", connected);
  put(view, "can", std::move(can));
  return view;
}

}  // namespace

OutJson buildView(const AdapterState& s) {
  OutJson problems = OutJson::array();
  for (const auto& p : s.config.problems) {
    OutJson problem = OutJson::object();
    put(problem, "setting", p.setting);
    put(problem, "code", "SETTING_INVALID");
    put(problem, "message", p.message);
    problems.push_back(std::move(problem));
  }
  const Call* call = nullptr;
  if (auto it = s.calls.find(s.activeCallId); it != s.calls.end()) call = &it->second;
  OutJson agent = OutJson::object();
  put(agent, "id", s.agent.id);
  put(agent, "name", s.agent.name);
  OutJson connector = OutJson::object();
  put(connector, "name", s.connectorName);
  put(connector, "state", s.connectorState);
  OutJson view = OutJson::object();
  put(view, "screen", s.screen);
  put(view, "ready", s.registered);
  put(view, "agent", std::move(agent));
  put(view, "connector", std::move(connector));
  put(view, "settingsProblems", std::move(problems));
  put(view, "banner", s.banner);
  put(view, "sync", syncView(s));
  put(view, "outbound", s.outbound && s.screen == "outbound" ? outboundView(s) : OutJson(nullptr));
  put(view, "call", call ? callView(s, *call) : OutJson(nullptr));
  return view;
}

}  // namespace adapter::live
