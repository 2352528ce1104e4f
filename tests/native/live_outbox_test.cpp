// The outbox: BA-1 batching and coalescing per ticket, Zendesk's limits as budgets, retries with jitter, and
// exactly-once writes when an answer is lost (verify before retry). Each test names the rule or promise it pins.
#include "live_driver.h"

using test::json;
using test::LiveDriver;
using test::nextTickIn;
using test::tickUntil;
using test::zendeskTicket;
using test::zendeskUser;

namespace {

json ticket42(json assignee = nullptr) {
  json t = zendeskTicket(42, 7, "open", "2026-09-01T00:00:00Z");
  t["assignee_id"] = std::move(assignee);
  return t;
}

// Click-to-call on contact 7, whose open ticket 42 the call is noted on (FO-5b); returns the call id.
std::string callOnTicket42(LiveDriver& d, json settings = json::object(), json assignee = nullptr) {
  d.registerApp(std::move(settings));
  return test::clickToCallAda(d, json::array({ticket42(assignee)}));
}

void endCall(LiveDriver& d, const std::string& callId) {
  d.send({{"type", "callEnded"}, {"callId", callId}, {"reason", "completed"}, {"durationSec", 42}});
}

int answerPutsTo42(LiveDriver& d, json assignee);

// A call on ticket 42 up to its one comment (D420): the dial's PUT (reopen, assign) answered, the call ended and
// wrapped up; the comment's PUT is the one pending.
std::string callWithNoteOn42(LiveDriver& d, json settings = json::object()) {
  std::string callId = callOnTicket42(d, std::move(settings));
  answerPutsTo42(d, nullptr);
  endCall(d, callId);
  d.send({{"type", "wrapUpDone"}});
  REQUIRE(d.pending("/api/v2/tickets/42.json")["body"]["ticket"].contains("comment"));
  return callId;
}

// Answers every PUT to ticket 42 as it comes, the way Zendesk would; returns how many there were.
int answerPutsTo42(LiveDriver& d, json assignee = nullptr) {
  int n = 0;
  while (d.hasUnanswered("/api/v2/tickets/42.json")) {
    d.respond("/api/v2/tickets/42.json", 200, {{"ticket", ticket42(assignee)}});
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("BA-1: with comment and update batching, a call's notes and assignment reach the ticket as one PUT") {
  LiveDriver d;
  std::string callId =
      callOnTicket42(d, {{"batchComments", true}, {"batchTicketUpdates", true}, {"batchWindowSeconds", 10}});
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/42.json").empty());  // held for the window
  CHECK(d.view["sync"]["state"] == "pending");
  CHECK(d.view["sync"]["writes"][0]["batched"] == true);
  CHECK(d.view["sync"]["writes"][0]["nextAttemptMs"] == d.nowMs + 10000);
  d.advance(2000);
  d.send({{"type", "callConnected"}, {"callId", callId}});  // TR-10 assignment joins the waiting write
  d.advance(3000);
  endCall(d, callId);  // the call summary joins it too
  d.tickAfter(4999);
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/42.json").empty());
  d.tickAfter(1);
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/42.json").empty());  // D382: the call's wrap-up is awaited
  d.send({{"type", "wrapUpDone"}});
  auto puts = d.requestsMatching("PUT", "/api/v2/tickets/42.json");
  REQUIRE(puts.size() == 1);
  const auto& t = puts[0]["body"]["ticket"];
  CHECK(t["assignee_id"] == 5);
  std::string comment = t["comment"]["body"];
  CHECK(comment.find("42") != std::string::npos);  // the summary's duration, after the first note
  CHECK(!test::hasMarker(comment));                // D335: no bookkeeping in the ticket
  CHECK(answerPutsTo42(d) == 1);
  CHECK(d.view["sync"]["state"] == "saved");
}

TEST_CASE("BA-1: batching sends fewer requests than writing each change at once, and loses none of them") {
  auto putsFor = [](json settings) {
    LiveDriver d;
    std::string callId = callOnTicket42(d, std::move(settings));
    d.send({{"type", "callConnected"}, {"callId", callId}});
    d.send({{"type", "noteChanged"}, {"text", "first <note>"}});
    endCall(d, callId);
    d.send({{"type", "wrapUpDone"}});
    d.tickAfter(60000);
    int n = answerPutsTo42(d);
    d.tickAfter(60000);
    n += answerPutsTo42(d);
    std::string all;
    for (const auto& r : d.requestsMatching("PUT", "/api/v2/tickets/42.json")) all += r["body"].dump();
    CHECK(all.find("first <note>") != std::string::npos);
    CHECK(d.view["sync"]["pending"] == 0);
    return n;
  };
  int unbatched = putsFor(json::object());
  int batched = putsFor({{"batchComments", true}, {"batchTicketUpdates", true}});
  CHECK(unbatched >= 2);
  CHECK(batched == 1);
}

TEST_CASE("TR-10: answering does not send a lone assignment when Zendesk already shows the ticket as the agent's") {
  LiveDriver mine;
  std::string callId = callOnTicket42(mine, json::object(), 5);
  answerPutsTo42(mine, 5);
  mine.send({{"type", "callConnected"}, {"callId", callId}});
  CHECK(mine.requestsMatching("PUT", "/api/v2/tickets/42.json").size() == 1);  // only the call's note

  LiveDriver someoneElses;
  callId = callOnTicket42(someoneElses, json::object(), 9);
  answerPutsTo42(someoneElses, 9);
  someoneElses.send({{"type", "callConnected"}, {"callId", callId}});
  auto puts = someoneElses.requestsMatching("PUT", "/api/v2/tickets/42.json");
  REQUIRE(puts.size() == 2);
  CHECK(puts[1]["body"]["ticket"]["assignee_id"] == 5);
}

TEST_CASE("Budgets: over updateBudgetPerMinute a ticket write waits for the minute to free a slot, and says when") {
  LiveDriver d;
  long long first = d.nowMs;
  std::string callId = callOnTicket42(d, {{"updateBudgetPerMinute", 1}});
  answerPutsTo42(d);
  d.advance(5000);
  d.send({{"type", "callConnected"}, {"callId", callId}});
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/42.json").size() == 1);
  // The assignment waits (the held standard data, D420, is listed before it and has no time of its own).
  CHECK(d.view["sync"]["writes"].back()["nextAttemptMs"] == first + 60001);
  d.tickAfter(first + 60001 - d.nowMs);
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/42.json").size() == 2);
}

TEST_CASE("Budgets: over ticketUpdateBudgetPer10Minutes the next update of that ticket waits ten minutes") {
  LiveDriver d;
  long long first = d.nowMs;
  std::string callId = callOnTicket42(d, {{"ticketUpdateBudgetPer10Minutes", 1}});
  answerPutsTo42(d);
  d.send({{"type", "callConnected"}, {"callId", callId}});
  d.tickAfter(9 * 60000);
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/42.json").size() == 1);
  d.tickAfter(first + 600001 - d.nowMs);
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/42.json").size() == 2);
}

TEST_CASE("Budgets: a budget of 0 or text is reported to the agent and the default kept") {
  LiveDriver d;
  d.registerApp({{"updateBudgetPerMinute", 0}, {"requestBudgetPerMinute", "many"}});
  std::string problems = d.view["settingsProblems"].dump();
  CHECK(problems.find("updateBudgetPerMinute") != std::string::npos);
  CHECK(problems.find("requestBudgetPerMinute") != std::string::npos);
}

TEST_CASE(
    "Retries: 5xx and network errors back off between half and all of 1 s, 2 s, 4 s — the same events, the same "
    "times") {
  auto delays = [] {
    LiveDriver d;
    callWithNoteOn42(d, {{"batchTicketUpdates", false}});
    std::vector<long long> out;
    d.respond(d.pending("/api/v2/tickets/42.json"), 503, nullptr);
    out.push_back(nextTickIn(d));
    tickUntil(d, "/api/v2/tickets/42/comments.json");  // checked once the PUT had time to land (10 s)
    d.respond(d.pending("/api/v2/tickets/42/comments.json"), 0, nullptr);  // the check fails too
    out.push_back(nextTickIn(d));
    d.tickAfter(out.back());
    d.respond(d.pending("/api/v2/tickets/42/comments.json"), 502, nullptr);
    out.push_back(nextTickIn(d));
    return out;
  };
  auto a = delays();
  CHECK(a[0] >= 500);
  CHECK(a[0] <= 1000);
  CHECK(a[1] >= 1000);
  CHECK(a[1] <= 2000);
  CHECK(a[2] >= 2000);
  CHECK(a[2] <= 4000);
  CHECK(delays() == a);  // deterministic: a replay sees the same schedule
}

// A create without an Idempotency-Key (Talk Partner Edition's voice endpoint documents none), or one whose key
// Zendesk may have forgotten (live_exactly_once_test.cpp), is looked up before it is sent again.
TEST_CASE("Exactly once: a ticket create whose answer was lost is found by external_id and not created again") {
  LiveDriver d;
  d.registerApp({{"useTalkPartnerEdition", true}});
  std::string callId = test::clickToCallAda(d);
  long long sentAt = d.nowMs;
  d.respond(d.pending("/api/v2/channels/voice/tickets.json"), 0, nullptr);  // Zendesk made it; the answer was lost
  // The check waits until the create has surely landed if it ever will, so it cannot overtake it.
  CHECK(tickUntil(d, "/api/v2/tickets.json?external_id=") == sentAt + 10000);
  auto check = d.pending("/api/v2/tickets.json?external_id=");
  CHECK(check["method"] == "GET");
  json made = zendeskTicket(77, 7, "open", "2026-09-21T00:00:00Z");
  made["external_id"] = callId;
  json other = zendeskTicket(76, 7, "open", "2026-09-21T00:00:00Z");
  other["external_id"] = "another-call";
  d.respond(check, 200, {{"tickets", json::array({other, made})}, {"count", 2}});
  CHECK(d.requestsMatching("POST", "/api/v2/channels/voice/tickets.json").size() == 1);
  CHECK(d.view["call"]["ticket"]["id"] == 77);
  d.send({{"type", "callConnected"}, {"callId", callId}});
  endCall(d, callId);
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/77.json").size() >= 1);  // the call goes on on that ticket
}

TEST_CASE("Exactly once: a check answered 200 without the ticket list is asked again, never taken as not found") {
  LiveDriver d;
  d.registerApp({{"useTalkPartnerEdition", true}});
  std::string callId = test::clickToCallAda(d);
  d.respond(d.pending("/api/v2/channels/voice/tickets.json"), 0, nullptr);  // Zendesk made it; the answer was lost
  tickUntil(d, "/api/v2/tickets.json?external_id=");
  d.respond(d.pending("/api/v2/tickets.json?external_id="), 200, json::array());         // a body that is not the list
  CHECK(d.requestsMatching("POST", "/api/v2/channels/voice/tickets.json").size() == 1);  // no second ticket
  tickUntil(d, "/api/v2/tickets.json?external_id=");                                     // asked again, after a backoff
  json made = zendeskTicket(77, 7, "open", "2026-09-21T00:00:00Z");
  made["external_id"] = callId;
  d.respond(d.pending("/api/v2/tickets.json?external_id="), 200, {{"tickets", json::array({made})}, {"count", 1}});
  CHECK(d.requestsMatching("POST", "/api/v2/channels/voice/tickets.json").size() == 1);
  CHECK(d.view["call"]["ticket"]["id"] == 77);
}

namespace {
// The call's one comment on ticket 42 sent and its answer lost (504), up to the outbox's check of the ticket's
// comments; returns the comment's PUT.
json noteLostUntilCheckedOn42(LiveDriver& d) {
  callWithNoteOn42(d);
  json put = d.pending("/api/v2/tickets/42.json");
  d.respond(put, 504, nullptr);
  tickUntil(d, "/api/v2/tickets/42/comments.json");
  return put;
}
}  // namespace

TEST_CASE("Exactly once: a note whose answer was lost is found by its own text and not written again") {
  LiveDriver d;
  json put = noteLostUntilCheckedOn42(d);
  auto check = d.pending("/api/v2/tickets/42/comments.json");
  CHECK(check["url"].get<std::string>().find("sort_order=desc") != std::string::npos);
  d.respond(check, 200, {{"comments", json::array({{{"id", 1}, {"body", put["body"]["ticket"]["comment"]["body"]}}})}});
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/42.json").size() == 2);  // the dial's, and this one once
  CHECK(d.view["sync"]["pending"] == 0);
}

TEST_CASE("Exactly once: a check whose comments carry a field of the wrong type is asked again, not an error") {
  LiveDriver d;
  json put = noteLostUntilCheckedOn42(d);
  // A body that is a number (a proxy's rewrite): whether the note landed is unknown, so neither an error nor a
  // second note, and the agent's note stays pending.
  json answer = d.respond(d.pending("/api/v2/tickets/42/comments.json"), 200,
                          {{"comments", json::array({{{"id", 1}, {"body", 7}}})}});
  CHECK_FALSE(answer.contains("error"));
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/42.json").size() == 2);  // the dial's, and the comment once
  CHECK(d.view["sync"]["pending"] == 1);
  tickUntil(d, "/api/v2/tickets/42/comments.json");  // asked again, after a backoff
  d.respond(d.pending("/api/v2/tickets/42/comments.json"), 200,
            {{"comments", json::array({{{"id", 1}, {"body", put["body"]["ticket"]["comment"]["body"]}}})}});
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/42.json").size() == 2);
  CHECK(d.view["sync"]["pending"] == 0);
}

TEST_CASE("Exactly once: a replayed event or a replayed answer writes nothing twice") {
  LiveDriver d;
  std::string callId = callOnTicket42(d);
  auto put = d.pending("/api/v2/tickets/42.json");
  d.respond(put, 200, {{"ticket", ticket42(5)}});
  d.respond(put, 200, {{"ticket", ticket42(5)}});  // the same answer again: nothing waits for it
  d.send({{"type", "callConnected"}, {"callId", callId}});
  d.send({{"type", "callConnected"}, {"callId", callId}});
  answerPutsTo42(d, 5);
  endCall(d, callId);
  endCall(d, callId);
  answerPutsTo42(d, 5);
  std::vector<std::string> bodies;
  for (const auto& r : d.requestsMatching("PUT", "/api/v2/tickets/42.json")) bodies.push_back(r["body"].dump());
  std::set<std::string> distinct(bodies.begin(), bodies.end());
  CHECK(distinct.size() == bodies.size());
  int assignments = 0;
  for (const auto& b : bodies) assignments += b.find("\"assignee_id\":5") != std::string::npos;
  INFO(json(bodies).dump());
  CHECK(assignments == 1);
}

TEST_CASE("Permanent failures: a note on a deleted ticket stays listed with its text until retried or discarded") {
  LiveDriver d;
  std::string callId = callWithNoteOn42(d);
  d.respond(d.pending("/api/v2/tickets/42.json"), 404, {{"error", "RecordNotFound"}});
  REQUIRE(d.view["sync"]["failed"] == 1);
  const auto& w = d.view["sync"]["writes"][0];
  CHECK(w["state"] == "failed");
  CHECK(w["error"] == "HTTP 404: RecordNotFound");
  REQUIRE(w["text"].is_string());
  CHECK(!test::hasMarker(w["text"]));  // the agent's words, not the adapter's bookkeeping
  std::string key = w["key"];

  d.send({{"type", "retryWrite"}, {"key", key}});
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/42.json").size() == 3);  // the dial's, the note, its retry
  d.send({{"type", "discardWrite"}, {"key", key}});                         // in flight: not discarded
  CHECK(d.view["sync"]["pending"] == 1);
  d.respond(d.pending("/api/v2/tickets/42.json"), 404, {{"error", "RecordNotFound"}});
  d.send({{"type", "discardWrite"}, {"key", key}});
  CHECK(d.view["sync"]["failed"] == 0);
  CHECK(d.view["sync"]["discarded"] == 1);
  CHECK(d.view["sync"]["state"] == "saved");
  (void)callId;
}

TEST_CASE("Budgets: a write Zendesk refused with a 429 does not use up the ticket's budget") {
  LiveDriver d;
  callOnTicket42(d, {{"ticketUpdateBudgetPer10Minutes", 2}});
  for (int refused = 0; refused < 3; ++refused) {
    d.respond(d.pending("/api/v2/tickets/42.json"), 429, {{"error", "TooManyRequests"}}, 1);
    tickUntil(d, "/api/v2/tickets/42.json");
  }
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/42.json").size() == 4);
  CHECK(d.nowMs < 1'790'000'000'000 + 60'000);  // seconds, not the ten minutes a counted refusal would cost
}

TEST_CASE("Wrap-up before Zendesk answered the caller's lookup: the note is written once the call's ticket exists") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "callRinging"}, {"callId", "c-1"}, {"ani", "+14155550100"}});
  d.respond(d.pending("/api/v2/search.json"), 429, {{"error", "TooManyRequests"}}, 30);
  d.send({{"type", "answerClicked"}});
  d.send({{"type", "callConnected"}, {"callId", "c-1"}});
  d.send({{"type", "noteChanged"}, {"text", "NOTE-c1"}});
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 20}});
  d.send({{"type", "wrapUpDone"}});
  CHECK(d.view["banner"].is_null());  // not "note not saved": it waits with the call
  tickUntil(d, "/api/v2/search.json");
  d.respond(d.pending("/api/v2/search.json"), 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  d.respond(d.pending("/api/v2/tickets.json"), 201, {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  std::string all;
  for (int i = 0; i < 10 && d.hasUnanswered("/api/v2/tickets/90.json"); ++i) {
    all += d.pending("/api/v2/tickets/90.json")["body"].dump();
    d.respond("/api/v2/tickets/90.json", 200, {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  }
  CHECK(all.find("Agent note:\\nNOTE-c1") != std::string::npos);
  CHECK(d.view["sync"]["pending"] == 0);
}
