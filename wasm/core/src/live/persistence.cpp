// What must survive a reload of the Zendesk tab: the writes not yet confirmed by Zendesk, the ids creates gave,
// the keys already written (so a replay after reload writes nothing twice), and the calls in progress with the
// agent's note. The shim stores the snapshot (persist effect) and hands it back (restore event).
#include "adapter/json_convert.h"
#include "live/flows.h"

namespace adapter::live {
namespace {

constexpr int kSnapshotVersion = 1;

const char* stateName(Write::State st) {
  switch (st) {
    case Write::State::InFlight: return "inFlight";
    case Write::State::Failed: return "failed";
    default: return "queued";
  }
}

InJson optionalId(const std::optional<Id>& id) { return id ? InJson(*id) : InJson(nullptr); }

InJson callSnapshot(const Call& c) {
  return InJson{{"id", c.id},
                {"direction", c.direction},
                {"sessionType", c.sessionType},
                {"state", c.state},
                {"phone", c.phone},
                {"dnis", c.dnis},
                {"menuPath", c.menuPath},
                {"queueId", c.queueId},
                {"queueName", c.queueName},
                {"language", c.language},
                {"attributes", c.attributes},
                {"startedAtMs", c.startedAtMs},
                {"connectedAtMs", c.connectedAtMs},
                {"wasConnected", c.wasConnected},
                {"ticketId", optionalId(c.ticketId)},
                {"contactId", optionalId(c.contactId)},
                {"plan", c.plan},
                {"note", c.note},
                {"events", c.events},
                {"wrappedUp", c.wrappedUp},
                {"popped", c.popped}};
}

Call readCall(const JsonReader& r) {
  Call c;
  c.id = r.string("id", "");
  if (c.id.empty()) r.field("id").fail("required");
  c.direction = r.oneOf("direction", {"inbound", "outbound"}, "inbound");
  c.sessionType = r.string("sessionType", "ivr");
  c.state = r.oneOf("state", {"ringing", "dialing", "connected", "ended"}, "ended");
  c.phone = r.string("phone", "");
  c.dnis = r.string("dnis", "");
  c.menuPath = r.string("menuPath", "");
  c.queueId = r.string("queueId", "");
  c.queueName = r.string("queueName", "");
  c.language = r.string("language", "");
  if (r.field("attributes").json().is_object()) c.attributes = r.field("attributes").json();
  c.startedAtMs = r.optInteger("startedAtMs", 0, std::int64_t{1} << 53).value_or(0);
  c.connectedAtMs = r.optInteger("connectedAtMs", 0, std::int64_t{1} << 53).value_or(0);
  c.wasConnected = r.boolean("wasConnected", false);
  c.ticketId = r.optId("ticketId");
  c.contactId = r.optId("contactId");
  c.plan = r.field("plan").json();
  c.note = r.string("note", "");
  r.forEach("events", [&](const JsonReader& e) { c.events.push_back(e.asString()); });
  c.wrappedUp = r.boolean("wrappedUp", false);
  r.forEach("popped", [&](const JsonReader& p) { c.popped.insert(p.asString()); });
  return c;
}

}  // namespace

OutJson snapshot(const AdapterState& s) {
  InJson writes = InJson::array();
  for (const auto& w : s.writes) {
    writes.push_back(InJson{{"keys", w.keys},
                            {"kind", w.kind},
                            {"label", w.label},
                            {"callId", w.callId},
                            {"method", w.method},
                            {"url", w.url},
                            {"body", w.body},
                            {"waitsFor", w.waitsFor},
                            {"fill", w.fill},
                            {"targetId", w.targetId},
                            {"state", stateName(w.state)},
                            {"error", w.error},
                            {"attempts", w.attempts}});
  }
  InJson calls = InJson::array();
  for (const auto& [id, c] : s.calls) calls.push_back(callSnapshot(c));
  InJson created = InJson::object();
  for (const auto& [key, id] : s.createdIds) created[key] = id;
  InJson out{{"version", kSnapshotVersion},
             {"writes", writes},
             {"createdIds", created},
             {"seenKeys", s.seenKeys},
             {"calls", calls},
             {"activeCallId", s.activeCallId},
             {"nextCallNumber", s.nextCallNumber}};
  return toOutJson(out);
}

void restoreSnapshot(AdapterState& s, const JsonReader& r) {
  if (r.optInteger("version", 0, 1000).value_or(0) != kSnapshotVersion)
    r.field("version").fail("unknown snapshot version");
  std::vector<Write> writes;
  r.forEach("writes", [&](const JsonReader& w) {
    Write out;
    w.forEach("keys", [&](const JsonReader& k) { out.keys.push_back(k.asString()); });
    if (out.keys.empty()) w.field("keys").fail("required");
    out.kind = w.oneOf("kind", {"createContact", "createTicket", "updateTicket", "popTicket", "popContact"}, "");
    out.label = w.string("label", "");
    out.callId = w.string("callId", "");
    out.method = w.oneOf("method", {"GET", "POST", "PUT"}, "PUT");
    out.url = w.string("url", "");
    out.body = w.field("body").json();
    out.waitsFor = w.string("waitsFor", "");
    out.fill = w.string("fill", "");
    out.targetId = w.optInteger("targetId", 0, std::int64_t{1} << 53).value_or(0);
    // A write that was in flight when the page closed may or may not have reached Zendesk; it is sent again.
    out.state = w.string("state", "") == "failed" ? Write::State::Failed : Write::State::Queued;
    out.error = w.string("error", "");
    out.attempts = static_cast<int>(w.optInteger("attempts", 0, 1000000).value_or(0));
    writes.push_back(std::move(out));
  });
  std::map<std::string, Id> created;
  auto ids = r.field("createdIds");
  if (ids.json().is_object()) {
    for (const auto& item : ids.json().items()) created[item.key()] = ids.id(item.key());
  }
  std::set<std::string> seen;
  r.forEach("seenKeys", [&](const JsonReader& k) { seen.insert(k.asString()); });
  std::map<std::string, Call> calls;
  r.forEach("calls", [&](const JsonReader& c) {
    Call call = readCall(c);
    std::string id = call.id;  // read before the move: the right side of `=` is evaluated first
    calls[id] = std::move(call);
  });
  // Everything read: only now replace the state (a bad snapshot changes nothing).
  s.writes = std::move(writes);
  s.createdIds = std::move(created);
  s.seenKeys = std::move(seen);
  s.calls = std::move(calls);
  s.activeCallId = r.string("activeCallId", "");
  s.nextCallNumber = r.optInteger("nextCallNumber", 1, std::int64_t{1} << 53).value_or(1);
  if (auto* call = s.activeCall()) {
    s.screen = call->state == "ringing" ? "incoming" : call->state == "ended" ? "wrapUp" : "call";
  } else {
    s.activeCallId.clear();
  }
  s.lastPersisted.clear();
}

}  // namespace adapter::live
