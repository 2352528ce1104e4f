// The view's shape as the renderer needs it. Checked on every answer of the live targets.
#include "view_shape.h"

#include <algorithm>
#include <cstdlib>
#include <initializer_list>
#include <iterator>
#include <string>

#include "adapter/session.h"
#include "property.h"

namespace fuzz {
namespace {

using nlohmann::json;

constexpr const char* kProperty = "view renderable";

class Shape {
 public:
  explicit Shape(const json& view) : view_(view) {}

  const json& at(const json& o, const char* key, const char* path) const {
    FUZZ_REQUIRE(o.is_object(), kProperty, std::string(path) + " is not an object in " + view_.dump());
    auto it = o.find(key);
    FUZZ_REQUIRE(it != o.end(), kProperty, std::string(path) + "." + key + " is missing in " + view_.dump());
    return *it;
  }
  const json& object(const json& o, const char* key, const char* path) const {
    const json& v = at(o, key, path);
    FUZZ_REQUIRE(v.is_object(), kProperty, std::string(path) + "." + key + " is not an object");
    return v;
  }
  const json& array(const json& o, const char* key, const char* path) const {
    const json& v = at(o, key, path);
    FUZZ_REQUIRE(v.is_array(), kProperty, std::string(path) + "." + key + " is not an array");
    return v;
  }
  void string(const json& o, const char* key, const char* path) const {
    FUZZ_REQUIRE(at(o, key, path).is_string(), kProperty, std::string(path) + "." + key + " is not a string");
  }
  void stringOrNull(const json& o, const char* key, const char* path) const {
    const json& v = at(o, key, path);
    FUZZ_REQUIRE(v.is_string() || v.is_null(), kProperty, std::string(path) + "." + key + " is neither text nor null");
  }
  void boolean(const json& o, const char* key, const char* path) const {
    FUZZ_REQUIRE(at(o, key, path).is_boolean(), kProperty, std::string(path) + "." + key + " is not a boolean");
  }
  void count(const json& o, const char* key, const char* path) const {
    const json& v = at(o, key, path);
    FUZZ_REQUIRE(v.is_number_integer() && v.get<long long>() >= 0, kProperty,
                 std::string(path) + "." + key + " is not a count");
  }
  void timeOrNull(const json& o, const char* key, const char* path) const {
    const json& v = at(o, key, path);
    FUZZ_REQUIRE(v.is_null() || (v.is_number_integer() && v.get<long long>() >= 0), kProperty,
                 std::string(path) + "." + key + " is neither a time nor null");
  }
  void oneOf(const json& o, const char* key, const char* path, std::initializer_list<const char*> values) const {
    const json& v = at(o, key, path);
    FUZZ_REQUIRE(v.is_string(), kProperty, std::string(path) + "." + key + " is not a string");
    for (const char* value : values) {
      if (v.get_ref<const std::string&>() == value) return;
    }
    propertyFailed(kProperty, std::string(path) + "." + key + " has an unknown value " + v.dump());
  }

 private:
  const json& view_;
};

void requireSync(const Shape& s, const json& view) {
  const json& sync = s.object(view, "sync", "view");
  s.oneOf(sync, "state", "sync", {"saved", "pending", "paused", "failed"});
  s.count(sync, "pending", "sync");
  s.count(sync, "failed", "sync");
  s.count(sync, "discarded", "sync");
  s.timeOrNull(sync, "pausedUntilMs", "sync");
  long long pending = 0, failed = 0;
  for (const auto& w : s.array(sync, "writes", "sync")) {
    s.string(w, "key", "sync.writes[]");
    s.string(w, "kind", "sync.writes[]");
    s.string(w, "label", "sync.writes[]");
    s.string(w, "labelCode", "sync.writes[]");
    s.object(w, "labelParams", "sync.writes[]");
    s.oneOf(w, "state", "sync.writes[]", {"pending", "inFlight", "checking", "failed", "waiting", "draft"});
    s.stringOrNull(w, "error", "sync.writes[]");
    s.stringOrNull(w, "errorCode", "sync.writes[]");
    s.object(w, "errorParams", "sync.writes[]");
    s.count(w, "attempts", "sync.writes[]");
    s.timeOrNull(w, "nextAttemptMs", "sync.writes[]");
    s.stringOrNull(w, "text", "sync.writes[]");
    s.boolean(w, "batched", "sync.writes[]");
    (w["state"].get_ref<const std::string&>() == "failed" ? failed : pending)++;  // checked: a state
  }
  // The status line counts what the list shows: "2 waiting" with one item listed would lose a write from sight.
  FUZZ_REQUIRE(sync["failed"].get<long long>() == failed && sync["pending"].get<long long>() == pending, kProperty,
               "sync counts disagree with sync.writes: " + sync.dump());
  const std::string& state = sync["state"].get_ref<const std::string&>();  // checked: one of the states
  bool saved = state == "saved";
  FUZZ_REQUIRE(saved == (pending == 0 && failed == 0), kProperty,
               "sync.state disagrees with its counts: " + sync.dump());
  FUZZ_REQUIRE((state == "failed") == (failed > 0), kProperty, "sync.state hides a failed write: " + sync.dump());
}

// D341–D343: the directory and the consult leg; a consult leg only on a call that is still connected.
void requireTransfer(const Shape& s, const json& call) {
  const json& transfer = s.object(call, "transfer", "call");
  for (const auto& t : s.array(transfer, "targets", "call.transfer")) {
    s.oneOf(t, "kind", "call.transfer.targets[]", {"queue", "agent"});
    s.string(t, "id", "call.transfer.targets[]");
    s.string(t, "name", "call.transfer.targets[]");
  }
  const json& can = s.object(transfer, "can", "call.transfer");
  s.boolean(can, "consult", "call.transfer.can");
  s.boolean(can, "conference", "call.transfer.can");
  const json& consult = s.at(transfer, "consult", "call.transfer");
  if (consult.is_null()) return;
  s.oneOf(consult, "state", "call.transfer.consult", {"dialing", "connected", "conference"});
  FUZZ_REQUIRE(call.value("state", "") == "connected", kProperty, "a consult leg on a call that is not connected");
}

void requireCallFields(const Shape& s, const json& call) {
  s.string(call, "id", "call");
  s.oneOf(call, "direction", "call", {"inbound", "outbound"});
  s.oneOf(call, "state", "call", {"ringing", "dialing", "connected", "ended"});
  // Only a call the agent dialled is dialling: a caller's call shown so has lost its Answer (D398).
  FUZZ_REQUIRE(call["direction"] == "outbound" || call["state"] != "dialing", kProperty,
               "an inbound call shown as dialing");
  s.boolean(call, "held", "call");
  s.boolean(call, "muted", "call");
  const json& number = s.object(call, "number", "call");
  s.stringOrNull(number, "e164", "call.number");
  s.string(number, "display", "call.number");
  const json& contact = s.at(call, "contact", "call");
  FUZZ_REQUIRE(contact.is_null() || contact.is_object(), kProperty, "call.contact is neither an object nor null");
  for (const auto& c : s.array(call, "contactOptions", "call")) s.at(c, "id", "call.contactOptions[]");
  for (const auto& f : s.array(call, "flags", "call")) {
    FUZZ_REQUIRE(f.is_string(), kProperty, "call.flags[] is not a code");
  }
  const json& ticket = s.at(call, "ticket", "call");
  FUZZ_REQUIRE(ticket.is_null() || (ticket.is_object() && ticket.contains("id")), kProperty,
               "call.ticket is neither a ticket nor null");
  s.oneOf(call, "lookupState", "call", {"searching", "failed", "done"});
  s.boolean(call, "recordWaiting", "call");
  s.string(call, "note", "call");
  s.stringOrNull(call, "endReason", "call");
  s.string(call, "sessionType", "call");
  const auto& type = call["sessionType"].get_ref<const std::string&>();
  FUZZ_REQUIRE(std::any_of(std::begin(adapter::kSessionTypeNames), std::end(adapter::kSessionTypeNames),
                           [&type](const auto& entry) { return entry.second == type; }),
               kProperty, "call.sessionType is not a session type: " + type);
  s.timeOrNull(call, "connectedAtMs", "call");
  const json& can = s.object(call, "can", "call");
  for (const char* action : {"answer", "decline", "hangUp", "hold", "mute", "transfer", "callBack"})
    s.boolean(can, action, "call.can");
  if (call.contains("transfer")) requireTransfer(s, call);
}

void requireOutbound(const Shape& s, const json& outbound) {
  s.string(outbound, "source", "outbound");
  s.string(outbound, "numberText", "outbound");
  const json& number = s.object(outbound, "number", "outbound");
  s.stringOrNull(number, "e164", "outbound.number");
  s.string(number, "display", "outbound.number");
  s.boolean(outbound, "canCall", "outbound");
  s.boolean(outbound, "searching", "outbound");
  s.oneOf(outbound, "lookupState", "outbound", {"searching", "failed", "done"});
  if (!outbound.contains("contact")) return;  // no plan yet (an empty number box)
  const json& contact = s.object(outbound, "contact", "outbound");
  s.array(contact, "options", "outbound.contact");
  const json& ticket = s.object(outbound, "ticket", "outbound");
  s.array(ticket, "options", "outbound.ticket");
  s.array(outbound, "errors", "outbound");
  s.array(outbound, "warnings", "outbound");
}

}  // namespace

void requireRenderableView(const json& view) {
  Shape s(view);
  s.oneOf(view, "screen", "view", {"main", "outbound", "incoming", "call", "wrapUp"});
  s.boolean(view, "ready", "view");
  s.object(view, "agent", "view");
  s.string(s.object(view, "agent", "view"), "name", "view.agent");
  const json& connector = s.object(view, "connector", "view");
  s.string(connector, "name", "view.connector");
  s.oneOf(connector, "state", "view.connector", {"online", "offline"});
  for (const auto& p : s.array(view, "settingsProblems", "view")) {
    s.string(p, "setting", "settingsProblems[]");
    s.string(p, "code", "settingsProblems[]");
  }
  const json& banner = s.at(view, "banner", "view");
  if (!banner.is_null()) {
    s.string(banner, "code", "banner");
    s.oneOf(banner, "kind", "banner", {"error", "notice"});
    s.object(banner, "params", "banner");
  }
  requireSync(s, view);
  const std::string& screen = view["screen"].get_ref<const std::string&>();  // checked: one of the screens
  const json& outbound = s.at(view, "outbound", "view");
  const json& call = s.at(view, "call", "view");
  // Each screen draws from its own part of the view: a screen without it would draw an empty frame.
  FUZZ_REQUIRE((screen == "outbound") == outbound.is_object(), kProperty,
               "screen " + screen + " with outbound " + outbound.dump());
  bool callScreen = screen == "incoming" || screen == "call" || screen == "wrapUp";
  FUZZ_REQUIRE(callScreen == call.is_object(), kProperty, "screen " + screen + " with call " + call.dump());
  if (outbound.is_object()) requireOutbound(s, outbound);
  if (call.is_object()) requireCallFields(s, call);
  for (const auto& c : s.array(view, "otherCalls", "view")) {
    s.string(c, "id", "otherCalls[]");
    s.oneOf(c, "kind", "otherCalls[]", {"waiting", "held"});
    s.string(s.object(c, "number", "otherCalls[]"), "display", "otherCalls[].number");
    // The dial pad never hides a caller the agent is on the line with (D399); one still ringing may wait beside it.
    FUZZ_REQUIRE(screen != "outbound" || c["kind"] != "held", kProperty, "the dial pad open over a held call");
  }
}

}  // namespace fuzz
