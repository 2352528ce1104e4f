// Many agents sharing one Zendesk account's limits (issue 19): Zendesk's rate-limit headers, AIMD on Update
// Ticket, jittered spreading seeded by the agent id, notes and creates before field-only updates (D381), and BA-1's
// wait for the wrap-up that makes a call's closing changes and the agent's note one PUT (D382).
#include "live/flows.h"
#include "live_driver.h"

using test::json;
using test::LiveDriver;
using test::zendeskTicket;

namespace adapter::live {
namespace {

constexpr Millis kNow = 1'790'000'000'000;

AdapterState agentState(Id agentId, bool highVolume = false) {
  AdapterState s;
  s.agent.id = agentId;
  s.nowMs = kNow;
  s.config.highVolume = highVolume;
  return s;
}

Write fieldUpdate() {
  Write w;
  w.kind = WriteKind::UpdateTicket;
  w.targetId = 42;
  w.ticket.customFields = std::vector<FieldValue>{};
  return w;
}

Write noteUpdate() {
  Write w = fieldUpdate();
  w.ticket.customFields.reset();
  w.ticket.comment = WriteComment{"Agent note", false};
  return w;
}

// What Zendesk's answer said: the plan's 700 a minute, `remaining` of it left, the minute turning in `resetSec`.
void headers(AdapterState& s, std::int64_t remaining, std::int64_t resetSec) {
  noteRateLimitHeaders(s, RateLimitHeaders{700, remaining, resetSec});
}

}  // namespace

TEST_CASE("BA-1 pacing (D381): AIMD — a 429 halves the agent's Update Ticket rate, time without one raises it") {
  AdapterState s = agentState(5);
  CHECK(updateRateOf(s) == Approx(10));  // a tenth of the account's 100 a minute to start with
  recordUpdateSent(s);
  onUpdateRefused(s);
  CHECK(updateRateOf(s) == Approx(5));
  for (int i = 0; i < 20; ++i) onUpdateRefused(s);
  CHECK(updateRateOf(s) == Approx(0.25));  // the floor: one PUT every 4 minutes, whatever the others do
  s.nowMs += 60'000;
  CHECK(updateRateOf(s) == Approx(2.25));  // a fiftieth of the account more per minute without a 429
  s.nowMs += 60 * 60'000;
  CHECK(updateRateOf(s) == Approx(100));  // the ceiling: the whole account, for an agent alone on it
  AdapterState hv = agentState(5, true);
  CHECK(updateRateOf(hv) == Approx(30));  // High Volume: Update Ticket 300 a minute
}

TEST_CASE(
    "BA-1 pacing (D381): PUTs are spaced by the agent's rate once Zendesk's headers are seen, jittered by agent") {
  AdapterState a = agentState(5);
  Write w = noteUpdate();
  recordUpdateSent(a);
  CHECK(paceFreeAtMs(a, w) == 0);  // no header seen yet: as before, no pacing
  headers(a, 600, 30);
  Millis gapA = paceFreeAtMs(a, w) - kNow;
  CHECK(gapA >= 3000);  // 10 a minute: 6 s, between half and one and a half of it
  CHECK(gapA < 9000);
  AdapterState b = agentState(6);
  recordUpdateSent(b);
  headers(b, 600, 30);
  CHECK(paceFreeAtMs(b, w) - kNow != gapA);         // another agent's gap differs: the agents do not move in step
  CHECK(paceFreeAtMs(b, w) == paceFreeAtMs(b, w));  // and is the same every time (replays, tests)
}

TEST_CASE("BA-1 pacing (D381): near the end of the account's minute, writes wait for ratelimit-reset, notes last") {
  AdapterState s = agentState(5);
  headers(s, 30, 20);                         // 30 of 700 left, 20 s to the next minute
  CHECK(paceFreeAtMs(s, noteUpdate()) == 0);  // an agent's note may use the last of the minute
  Millis fieldsAt = paceFreeAtMs(s, fieldUpdate());
  CHECK(fieldsAt >= kNow + 20'000);  // field values wait for the next minute …
  CHECK(fieldsAt < kNow + 35'000);   // … coming back within its first 15 s
  headers(s, 5, 20);
  CHECK(paceFreeAtMs(s, noteUpdate()) >= kNow + 20'000);  // the reserve is for the account's other clients
  AdapterState other = agentState(6);
  headers(other, 5, 20);
  CHECK(paceFreeAtMs(other, noteUpdate()) != paceFreeAtMs(s, noteUpdate()));  // spread over the next minute
  s.nowMs += 20'000;
  CHECK(paceFreeAtMs(s, fieldUpdate()) == 0);  // a new minute: what was left is no longer known to be short
  CHECK(writePriority(s, noteUpdate()) == 0);
  CHECK(writePriority(s, fieldUpdate()) == 1);
}

TEST_CASE("BA-1 pacing (D381): with room for one more write, the agent's note goes before an older field update") {
  AdapterState s = agentState(5);
  s.config.requestBudgetPerMinute = 1;  // the agent's own budget: one request this minute
  headers(s, 600, 30);                  // Zendesk's headers seen: pacing on, the account's minute far from spent
  Write fields = fieldUpdate();         // made first, on ticket 42
  fields.keys = {"fields-42"};
  Write note = noteUpdate();  // made after it, on ticket 43
  note.targetId = 43;
  note.keys = {"note-43"};
  s.writes = {fields, note};
  sendReadyWrites(s);
  REQUIRE(s.writes.size() == 2);
  CHECK(s.writes[1].state == Write::State::InFlight);  // the note took the one request
  CHECK(s.writes[0].state == Write::State::Queued);    // the field values wait for the next
}

}  // namespace adapter::live

namespace {

json openTicket42() { return zendeskTicket(42, 7, "open", "2026-09-01T00:00:00Z"); }

const json kBatching = {{"batchComments", true}, {"batchTicketUpdates", true}, {"batchWindowSeconds", 10}};

int putsTo42(const LiveDriver& d) {
  return static_cast<int>(d.requestsMatching("PUT", "/api/v2/tickets/42.json").size());
}

}  // namespace

TEST_CASE("BA-1 (D382): a call's closing comment waits for the wrap-up and leaves with the agent's note as one PUT") {
  LiveDriver d;
  d.registerApp(kBatching);
  std::string callId = test::clickToCallAda(d, json::array({openTicket42()}));
  d.send({{"type", "callConnected"}, {"callId", callId}});
  d.send({{"type", "noteChanged"}, {"text", "Refund promised"}});
  d.send({{"type", "callEnded"}, {"callId", callId}, {"reason", "completed"}, {"durationSec", 42}});
  d.tickAfter(60'000);  // the batch window is long over: still held while the agent wraps up
  CHECK(putsTo42(d) == 0);
  CHECK(d.view["sync"]["pending"] >= 1);  // the agent sees it waiting, nothing is lost
  d.send({{"type", "wrapUpDone"}});
  REQUIRE(putsTo42(d) == 1);
  std::string comment = d.requestsMatching("PUT", "/api/v2/tickets/42.json")[0]["body"]["ticket"]["comment"]["body"];
  CHECK(comment.find("Refund promised") != std::string::npos);  // the agent's note …
  CHECK(comment.find("42") != std::string::npos);               // … with the call's summary, one comment
  CHECK(comment.rfind("Call ID: ", 0) == 0);                    // … after the call's standard data (D420)
  d.respond("/api/v2/tickets/42.json", 200, {{"ticket", openTicket42()}});
  CHECK(d.view["sync"]["state"] == "saved");
}

TEST_CASE("BA-1 (D382): a wrap-up never done holds the call's update 5 minutes at most") {
  LiveDriver d;
  d.registerApp(kBatching);
  std::string callId = test::clickToCallAda(d, json::array({openTicket42()}));
  d.send({{"type", "callConnected"}, {"callId", callId}});
  d.send({{"type", "callEnded"}, {"callId", callId}, {"reason", "completed"}, {"durationSec", 42}});
  d.tickAfter(299'000);
  CHECK(putsTo42(d) == 0);
  d.tickAfter(1'000);
  CHECK(putsTo42(d) == 1);
}

TEST_CASE("httpResponse rateLimit (D381): Zendesk's headers are read, a malformed one is refused with its path") {
  LiveDriver d;
  d.registerApp();
  json rateLimit = {{"limit", 700}, {"remaining", -1}, {"resetSec", 10}};
  json event = {{"type", "httpResponse"}, {"requestId", "r999"},      {"status", 200},
                {"body", nullptr},        {"retryAfterSec", nullptr}, {"rateLimit", rateLimit}};
  CHECK(d.send(event)["error"]["path"] == "/rateLimit/remaining");
  event["rateLimit"]["remaining"] = 699;
  CHECK(d.send(event)["error"].is_null());
  event["rateLimit"] = {{"limit", nullptr}, {"remaining", 3}, {"resetSec", nullptr}};  // each may be missing
  CHECK(d.send(event)["error"].is_null());
}
