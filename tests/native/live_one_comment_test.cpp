// Issue 18 item 4: a call that joins an EXISTING ticket writes one comment, as a call whose ticket it creates does
// (D420): the answer's PUT carries what must happen now — the reopening, SF-1's fields, TR-10's assignment — and no
// comment; the standard data (who called, the number, when, PF-1's flags) waits in the persisted outbox and the call's
// closing comment joins it, released as D334's (Done, the next call's answer, 5 minutes after the end). And with Talk
// Partner Edition on, the wrapped-up call is recorded once in TPE's standard call object with its wrap-up code as
// `call_disposition` (D421).
#include <string>
#include <vector>

#include "live_driver.h"

using test::json;
using test::LiveDriver;

namespace {

const char* const kTicket42 = "/api/v2/tickets/42.json";
constexpr long long kAppId = 735264019863524;

json billingQueueRing(const std::string& callId) {
  return {{"type", "callRinging"},
          {"callId", callId},
          {"ani", "+14155550100"},
          {"dnis", "+18005550100"},
          {"sessionType", "ivr"},
          {"menuPath", "Support > Billing"},
          {"queue", {{"id", "billing"}, {"name", "Billing"}}},
          {"attributes", {{"reserved_verified_customer", "true"}}}};
}

// Ada's pending ticket 42, made by a call of this integration in the same queue and channel: TR-3 appends to it.
json adasTicket42() {
  return test::zendeskTicket(42, 7, "pending", "2026-09-01T00:00:00Z",
                             json::array({"ccaas", "ccaas_voice", "ccaas_queue_billing"}));
}

// Ada rings (as c-1 unless told), and her open ticket 42 is found.
void ringsOnTicket42(LiveDriver& d, json ring = billingQueueRing("c-1")) {
  d.send(std::move(ring));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({test::zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array({adasTicket42()})}});
}

// … and the agent answers.
void answeredOnTicket42(LiveDriver& d, json ring = billingQueueRing("c-1")) {
  std::string callId = ring["callId"];
  ringsOnTicket42(d, std::move(ring));
  d.send({{"type", "answerClicked"}});
  d.send({{"type", "callConnected"}, {"callId", callId}});
}

void answerUpdatesOf42(LiveDriver& d) {
  for (int i = 0; i < 10 && d.hasUnanswered(kTicket42); ++i) {
    json t = test::zendeskTicket(42, 7, "open", "2026-09-21T00:00:00Z");
    t["assignee_id"] = 5;
    d.respond(kTicket42, 200, {{"ticket", t}});
  }
}

std::vector<std::string> commentsTo42(const LiveDriver& d) {
  std::vector<std::string> out;
  for (const auto& put : d.requestsMatching("PUT", kTicket42)) {
    const auto& t = put["body"]["ticket"];
    if (t.contains("comment")) out.push_back(t["comment"]["body"]);
  }
  return out;
}

void endCall(LiveDriver& d, const std::string& callId) {
  d.send({{"type", "callEnded"}, {"callId", callId}, {"reason", "completed"}, {"durationSec", 222}});
}

// The call ends and the agent presses Done, with the wrap-up code when one is given.
void endAndWrapUp(LiveDriver& d, const std::string& callId, const std::string& code = "") {
  endCall(d, callId);
  if (!code.empty()) d.send({{"type", "wrapUpCodeChosen"}, {"code", code}});
  d.send({{"type", "wrapUpDone"}});
}

json lastSnapshot(const LiveDriver& d) {
  auto persisted = d.effectsOfType("persist");
  REQUIRE(!persisted.empty());
  return persisted.back()["state"];
}

json tpeSettings() { return {{"useTalkPartnerEdition", true}, {"wrapUpCodes", "Resolved\nCallback needed"}}; }

void registerWithAppId(LiveDriver& d, json settings) {
  d.send({{"type", "appRegistered"},
          {"settings", std::move(settings)},
          {"agent", {{"id", 5}, {"name", "Sam Agent"}, {"groupIds", json::array()}}},
          {"appId", kAppId}});
}

}  // namespace

TEST_CASE(
    "IN-1/TR-3/TR-10: a call on an existing ticket writes one comment, and the answer's PUT reopens and assigns "
    "without a comment") {
  LiveDriver d;
  d.registerApp();
  answeredOnTicket42(d);
  auto puts = d.requestsMatching("PUT", kTicket42);
  REQUIRE(puts.size() == 1);  // TR-10 and the reopening go now
  const auto& now = puts[0]["body"]["ticket"];
  CHECK(now["assignee_id"] == 5);
  CHECK(now["status"] == "open");
  CHECK(!now.contains("comment"));  // Zendesk takes an update without a comment (OAS TicketUpdateInput)
  answerUpdatesOf42(d);
  CHECK(d.view["sync"]["state"] != "saved");  // the standard data waits, listed, never shown as saved
  d.send({{"type", "noteChanged"}, {"text", "Refund agreed."}});
  endCall(d, "c-1");
  answerUpdatesOf42(d);
  CHECK(commentsTo42(d).empty());  // held for the wrap-up
  d.send({{"type", "wrapUpDone"}});
  answerUpdatesOf42(d);
  auto comments = commentsTo42(d);
  REQUIRE(comments.size() == 1);
  const std::string& one = comments[0];
  // Who called, the number, the flags in words (PF-1), then how the call went and the agent's note.
  CHECK(one.rfind("Call ID: c-1\n", 0) == 0);
  CHECK(one.find("+14155550100") != std::string::npos);
  CHECK(one.find("Verified customer") != std::string::npos);
  CHECK(one.find("Call finished (c-1). Duration 3m 42s (hold included).") != std::string::npos);
  CHECK(one.find("Agent note:\nRefund agreed.") != std::string::npos);
  CHECK(one.find("Call c-1\n") == std::string::npos);  // it names its call already: no extra first line
  CHECK(one.find("\n\n\n") == std::string::npos);      // its parts one blank line apart
  CHECK(d.requestsMatching("PUT", kTicket42).size() == 2);
  CHECK(d.view["sync"]["state"] == "saved");
}

TEST_CASE("IN-1: the held standard data survives a reload and leaves 5 minutes after the call's end without Done") {
  LiveDriver d;
  d.registerApp();
  answeredOnTicket42(d);
  answerUpdatesOf42(d);
  LiveDriver reloaded;  // the tab reloads during the call: the held comment is in the snapshot
  reloaded.nowMs = d.nowMs;
  reloaded.registerApp();
  REQUIRE(!reloaded.send({{"type", "restore"}, {"state", lastSnapshot(d)}}).contains("error"));
  CHECK(lastSnapshot(reloaded).dump().find("Call ID: c-1") != std::string::npos);
  endCall(reloaded, "c-1");
  // After a reload the caller is looked up again before the rules run (the directory is not all persisted).
  if (reloaded.hasUnanswered("/api/v2/search.json")) {
    reloaded.respond("/api/v2/search.json", 200,
                     {{"results", json::array({test::zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  }
  if (reloaded.hasUnanswered("/api/v2/users/7/tickets/requested.json")) {
    reloaded.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array({adasTicket42()})}});
  }
  answerUpdatesOf42(reloaded);
  CHECK(commentsTo42(reloaded).empty());
  reloaded.tickAfter(5 * 60'000);
  answerUpdatesOf42(reloaded);
  auto comments = commentsTo42(reloaded);
  REQUIRE(comments.size() == 1);
  CHECK(comments[0].rfind("Call ID: c-1\n", 0) == 0);
  CHECK(comments[0].find("Call finished (c-1).") != std::string::npos);
}

TEST_CASE("TR-10: a transfer takes the held standard data along at once, with the receiving agent's assignment") {
  LiveDriver d;
  d.registerApp();
  answeredOnTicket42(d);
  answerUpdatesOf42(d);
  d.send({{"type", "callTransferred"}, {"callId", "c-1"}, {"toAgentId", 6}});
  auto puts = d.requestsMatching("PUT", kTicket42);
  REQUIRE(puts.size() == 2);
  const auto& t = puts[1]["body"]["ticket"];
  CHECK(t["assignee_id"] == 6);
  std::string body = t["comment"]["body"];
  CHECK(body.rfind("Call ID: c-1\n", 0) == 0);
  CHECK(body.find("Call finished (c-1).") != std::string::npos);
}

TEST_CASE("D421 TPE: the wrapped-up call is recorded once in TPE's call object with its wrap-up code") {
  LiveDriver d;
  registerWithAppId(d, tpeSettings());
  answeredOnTicket42(d);
  answerUpdatesOf42(d);
  endCall(d, "c-1");
  d.send({{"type", "wrapUpCodeChosen"}, {"code", "Resolved"}});
  CHECK(d.requestsMatching("POST", "/api/v2/calls.json").empty());  // not before the wrap-up
  d.send({{"type", "wrapUpDone"}});
  auto records = d.requestsMatching("POST", "/api/v2/calls.json");
  REQUIRE(records.size() == 1);
  const auto& call = records[0]["body"]["call"];
  CHECK(call["app_id"] == kAppId);
  CHECK(call["from_line"] == "+14155550100");
  CHECK(call["to_line"] == "+18005550100");
  CHECK(call["direction"] == "inbound");
  CHECK(call["call_started_at"].get<std::string>().size() == 20);  // ISO 8601, to the second
  CHECK(call.contains("call_ended_at"));
  CHECK(call["call_disposition"] == "Resolved");
  CHECK(call["completion_status"] == "completed");
  CHECK(call["agent_id"] == 5);
  CHECK(call["ticket_id"] == 42);
  CHECK(d.view["sync"]["state"] != "saved");  // not saved before Zendesk says so
  d.respond(records[0], 201, {{"call", {{"id", 1}}}});
  answerUpdatesOf42(d);
  CHECK(d.view["sync"]["state"] == "saved");
  d.tickAfter(60'000);
  CHECK(d.requestsMatching("POST", "/api/v2/calls.json").size() == 1);  // once
}

// The one write of view.sync.writes that is TPE's call record, or null.
json callRecordListed(const LiveDriver& d) {
  for (const auto& w : d.view["sync"]["writes"]) {
    if (w["labelCode"] == "CALL_RECORD") return w;
  }
  return nullptr;
}

TEST_CASE("D421 TPE: a call record whose answer is lost is listed as failed, never sent twice unasked") {
  LiveDriver d;
  registerWithAppId(d, tpeSettings());
  answeredOnTicket42(d);
  answerUpdatesOf42(d);
  d.send({{"type", "noteChanged"}, {"text", "Refund agreed."}});
  endAndWrapUp(d, "c-1", "Callback needed");
  d.respond(d.pending("/api/v2/calls.json"), 504, nullptr);
  // What the agent wrote does not depend on the record: the ticket's one comment carries the note and the code,
  // and it lands as always (D422).
  answerUpdatesOf42(d);
  auto comments = commentsTo42(d);
  REQUIRE(comments.size() == 1);
  CHECK(comments[0].find("Wrap-up: Callback needed") != std::string::npos);
  CHECK(comments[0].find("Agent note:\nRefund agreed.") != std::string::npos);
  for (int i = 0; i < 5; ++i) d.tickAfter(60'000);
  CHECK(d.requestsMatching("POST", "/api/v2/calls.json").size() == 1);
  CHECK(d.view["sync"]["state"] == "failed");
  json listed = callRecordListed(d);
  REQUIRE(listed.is_object());
  CHECK(listed["state"] == "failed");
  CHECK(listed["errorCode"] == "MAYBE_RECORDED");  // the agent is told a Retry could record the call twice
  CHECK(d.view["sync"]["writes"].size() == 1);     // the record only: the ticket's writes are saved
  // The agent's Retry sends it once more, and Zendesk's answer settles it.
  d.send({{"type", "retryWrite"}, {"key", listed["key"]}});
  auto records = d.requestsMatching("POST", "/api/v2/calls.json");
  REQUIRE(records.size() == 2);
  CHECK(records[1]["body"] == records[0]["body"]);
  d.respond(records[1], 201, {{"call", {{"id", 1}}}});
  CHECK(d.view["sync"]["state"] == "saved");
  // A reload while it is in flight: the same, not sent again on its own.
  LiveDriver d2;
  registerWithAppId(d2, tpeSettings());
  answeredOnTicket42(d2);
  answerUpdatesOf42(d2);
  endAndWrapUp(d2, "c-1");
  REQUIRE(d2.hasUnanswered("/api/v2/calls.json"));
  LiveDriver reloaded;
  reloaded.nowMs = d2.nowMs;
  registerWithAppId(reloaded, tpeSettings());
  REQUIRE(!reloaded.send({{"type", "restore"}, {"state", lastSnapshot(d2)}}).contains("error"));
  for (int i = 0; i < 3; ++i) reloaded.tickAfter(60'000);
  CHECK(reloaded.requestsMatching("POST", "/api/v2/calls.json").empty());
  CHECK(reloaded.view["sync"]["state"] != "saved");
}

TEST_CASE("D421 TPE: no call record with TPE off, or on an account that refuses TPE's Calls API") {
  LiveDriver off;
  registerWithAppId(off, {{"wrapUpCodes", "Resolved"}});
  answeredOnTicket42(off);
  answerUpdatesOf42(off);
  endAndWrapUp(off, "c-1", "Resolved");
  CHECK(off.requestsMatching("POST", "/api/v2/calls.json").empty());

  LiveDriver refused;
  registerWithAppId(refused, tpeSettings());
  answeredOnTicket42(refused);
  answerUpdatesOf42(refused);
  endAndWrapUp(refused, "c-1", "Resolved");
  refused.respond(refused.pending("/api/v2/calls.json"), 403, {{"error", "Forbidden"}});
  CHECK(refused.view["sync"]["state"] != "saved");  // listed as failed: the agent sees it was not recorded
  CHECK(callRecordListed(refused)["state"] == "failed");
  bool told = false;
  for (const auto& n : refused.effectsOfType("notify")) told = told || n["code"] == "TPE_UNAVAILABLE";
  CHECK(told);
  answerUpdatesOf42(refused);  // the code is on the ticket all the same (D370)
  auto comments = commentsTo42(refused);
  REQUIRE(comments.size() == 1);
  CHECK(comments[0].find("Wrap-up: Resolved") != std::string::npos);
  // TPE is off for the session: the next call is not recorded there.
  answeredOnTicket42(refused, billingQueueRing("c-2"));
  endAndWrapUp(refused, "c-2");
  answerUpdatesOf42(refused);
  CHECK(commentsTo42(refused).size() == 2);                                   // c-2 was wrapped up and written …
  CHECK(refused.requestsMatching("POST", "/api/v2/calls.json").size() == 1);  // … and not recorded in TPE
}

TEST_CASE("D421 TPE: a call record refused with 429 goes again after Retry-After, once") {
  LiveDriver d;
  registerWithAppId(d, tpeSettings());
  answeredOnTicket42(d);
  answerUpdatesOf42(d);
  endAndWrapUp(d, "c-1");
  d.respond(d.pending("/api/v2/calls.json"), 429, {{"error", "TooManyRequests"}}, 30);
  CHECK(d.requestsMatching("POST", "/api/v2/calls.json").size() == 1);
  CHECK(d.view["sync"]["state"] == "paused");
  for (int i = 0; i < 4 && !d.hasUnanswered("/api/v2/calls.json"); ++i) d.tickAfter(15'000);
  REQUIRE(d.requestsMatching("POST", "/api/v2/calls.json").size() == 2);  // Zendesk said it was not applied
  d.respond(d.pending("/api/v2/calls.json"), 201, {{"call", {{"id", 1}}}});
  answerUpdatesOf42(d);
  CHECK(d.view["sync"]["state"] == "saved");
}

TEST_CASE("D422 TPE: only a call the agent spoke in is recorded, with both lines as phone numbers") {
  // A missed call reaches no wrap-up and has no disposition: no record that would read as still in progress.
  LiveDriver missed;
  registerWithAppId(missed, tpeSettings());
  ringsOnTicket42(missed);
  missed.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "abandoned"}, {"durationSec", 0}});
  for (int i = 0; i < 3; ++i) missed.tickAfter(60'000);
  CHECK(missed.requestsMatching("POST", "/api/v2/calls.json").empty());

  // A dialled line that is a SIP extension, not a number: nothing Zendesk would take as from_line / to_line.
  LiveDriver extension;
  registerWithAppId(extension, tpeSettings());
  json ring = billingQueueRing("c-1");
  ring["dnis"] = "support";
  answeredOnTicket42(extension, ring);
  endAndWrapUp(extension, "c-1");
  CHECK(extension.requestsMatching("POST", "/api/v2/calls.json").empty());

  // A dialled line written nationally is sent in E.164, as the caller's number is.
  LiveDriver national;
  registerWithAppId(national, tpeSettings());
  ring["dnis"] = "(800) 555-0100";
  answeredOnTicket42(national, ring);
  endAndWrapUp(national, "c-1");
  auto records = national.requestsMatching("POST", "/api/v2/calls.json");
  REQUIRE(records.size() == 1);
  CHECK(records[0]["body"]["call"]["to_line"] == "+18005550100");
}

// An outbound call with the line it went out on (callDialing's `line`, D391): recorded like an inbound one, from
// that line to the customer; the line a connector does not name cannot be made up, so such a call is not recorded.
namespace {
std::string dialAdaOn(LiveDriver& d, const std::string& line) {
  registerWithAppId(d, tpeSettings());
  std::string callId = test::clickToCallAda(d, json::array(), line);
  d.send({{"type", "callConnected"}, {"callId", callId}});
  d.respond(d.pending("/api/v2/channels/voice/tickets.json"), 201,
            {{"ticket", test::zendeskTicket(42, 7, "open", "2026-09-01T00:00:00Z")}});
  endAndWrapUp(d, callId, "Resolved");
  return callId;
}
}  // namespace

TEST_CASE("D391 TPE: an outbound call is recorded from the line the connector names, to the customer") {
  LiveDriver d;
  dialAdaOn(d, "+1 (800) 555-0100");
  auto records = d.requestsMatching("POST", "/api/v2/calls.json");
  REQUIRE(records.size() == 1);
  const auto& call = records[0]["body"]["call"];
  CHECK(call["direction"] == "outbound");
  CHECK(call["from_line"] == "+18005550100");  // in E.164, as every line (D422)
  CHECK(call["to_line"] == "+14155550100");
  CHECK(call["call_disposition"] == "Resolved");
  CHECK(call["ticket_id"] == 42);

  LiveDriver unnamed;
  dialAdaOn(unnamed, "");
  unnamed.tickAfter(60'000);
  CHECK(unnamed.requestsMatching("POST", "/api/v2/calls.json").empty());
}
