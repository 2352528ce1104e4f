// The call flows under failure: nothing the agent does is lost, nothing is invented. Zendesk's search
// failing, the phone connector offline or refusing a dial, a second call while on a call. Each test asserts what
// the agent sees (view) and what Zendesk would receive (requests) — and what it must not receive.
#include "live_driver.h"

using test::json;
using test::LiveDriver;
using test::onCallWithAda;
using test::zendeskTicket;
using test::zendeskUser;

namespace {

json adaFound() { return {{"results", json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}}; }

// Zendesk's search answers 500 to every try until the lookup is given up (about two minutes).
void searchKeepsFailing(LiveDriver& d) {
  for (int attempt = 0; attempt < 8; ++attempt) {
    d.respond("/api/v2/search.json", 500, {{"error", "InternalServerError"}});
    d.tickAfter(60000);
  }
}

bool anyWrite(const LiveDriver& d) {
  return !d.requestsMatching("POST", "").empty() || !d.requestsMatching("PUT", "").empty();
}

json syncItem(const LiveDriver& d, const std::string& kind) {
  for (const auto& w : d.view["sync"]["writes"]) {
    if (w["kind"] == kind) return w;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("IN-1: while the caller is looked up the call says so and the sync line does not say saved") {
  LiveDriver d;
  d.registerApp();
  d.send(test::ivrRing("c-1", "+14155550100"));
  CHECK(d.view["call"]["lookupState"] == "searching");
  CHECK(d.view["call"]["contact"].is_null());
  CHECK(d.view["sync"]["state"] != "saved");
  d.respond("/api/v2/search.json", 200, adaFound());
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  CHECK(d.view["call"]["lookupState"] == "done");
  CHECK(d.view["call"]["contact"]["name"] == "Ada");
}

TEST_CASE("IN-1/TR-11: search down during a whole call — the record and the agent's note wait, Retry writes both") {
  LiveDriver d;
  d.registerApp();
  d.send(test::ivrRing("c-1", "+14155550100"));
  d.send({{"type", "answerClicked"}});
  d.send({{"type", "callConnected"}, {"callId", "c-1"}});
  searchKeepsFailing(d);
  CHECK(d.view["call"]["lookupState"] == "failed");
  d.send({{"type", "noteChanged"}, {"text", "Wants a refund for order 1234"}});
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 95}});
  d.send({{"type", "wrapUpDone"}});
  CHECK(!anyWrite(d));  // nothing invented: no new contact, no ticket, for a caller nobody could look up

  // The agent sees the call's record failed, with the note's text, and is never told "saved".
  CHECK(d.view["sync"]["state"] == "failed");
  auto item = syncItem(d, "callRecord");
  REQUIRE(item.is_object());
  CHECK(item["state"] == "failed");
  CHECK(item["text"] == "Wants a refund for order 1234");

  // Retry: the search answers now, and the call is recorded on the caller's ticket with the note.
  d.send({{"type", "retryWrite"}, {"key", item["key"]}});
  d.respond("/api/v2/search.json", 200, adaFound());
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  auto create = d.pending("/api/v2/tickets.json");
  CHECK(create["body"]["ticket"]["requester_id"] == 7);  // Ada, not a new contact
  d.respond(create, 201, {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  for (int i = 0; i < 5 && d.hasUnanswered("/api/v2/tickets/90.json"); ++i) {
    d.respond("/api/v2/tickets/90.json", 200, {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
    d.tickAfter(1000);
  }
  bool noteWritten = false;
  for (const auto& put : d.requestsMatching("PUT", "/api/v2/tickets/90.json")) {
    std::string body = put["body"]["ticket"].value("comment", json::object()).value("body", "");
    noteWritten = noteWritten || body.find("Wants a refund for order 1234") != std::string::npos;
  }
  CHECK(noteWritten);
  CHECK(d.requestsMatching("POST", "/api/v2/users.json").empty());
}

TEST_CASE("IN-1: a failed call record the agent discards is listed as discarded, and nothing is written") {
  LiveDriver d;
  d.registerApp();
  d.send(test::ivrRing("c-1", "+14155550100"));
  searchKeepsFailing(d);
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "abandoned"}});
  auto item = syncItem(d, "callRecord");
  REQUIRE(item.is_object());
  d.send({{"type", "discardWrite"}, {"key", item["key"]}});
  CHECK(d.view["sync"]["state"] == "saved");
  CHECK(d.view["sync"]["discarded"] == 1);
  CHECK(!anyWrite(d));
}

TEST_CASE("FO-3a: a failed contact search blocks Call instead of promising a new contact") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "openDialPad"}});
  d.send({{"type", "numberChanged"}, {"text", "+1 415 555 0100"}});
  d.send({{"type", "lookUpNumber"}});
  CHECK(d.view["outbound"]["lookupState"] == "searching");
  CHECK(d.view["outbound"]["canCall"] == false);
  searchKeepsFailing(d);
  CHECK(d.view["outbound"]["lookupState"] == "failed");
  CHECK(d.view["outbound"]["blockedBy"] == "lookupFailed");
  CHECK(d.view["outbound"]["canCall"] == false);
  d.send({{"type", "callClicked"}});
  CHECK(d.effectsOfType("telephony").empty());

  d.send({{"type", "retryLookups"}});
  CHECK(d.view["outbound"]["lookupState"] == "searching");
  d.respond("/api/v2/search.json", 200, adaFound());
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  CHECK(d.view["outbound"]["lookupState"] == "done");
  CHECK(d.view["outbound"]["canCall"] == true);
}

TEST_CASE("FO-6: while the phone connector is offline Call is disabled with its reason") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "connectorState"}, {"state", "offline"}});
  test::clickToCallAda(d);
  CHECK(d.view["outbound"]["canCall"] == false);
  CHECK(d.view["outbound"]["blockedBy"] == "connectorOffline");
  CHECK(d.effectsOfType("telephony").empty());
  d.send({{"type", "connectorState"}, {"state", "online"}});
  CHECK(d.view["outbound"]["canCall"] == true);
  CHECK(d.view["outbound"]["blockedBy"].is_null());
}

TEST_CASE("FO-6: a dial the connector refuses writes nothing and gives the outbound view back with the reason") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "dialout"}, {"number", "+14155550100"}, {"userId", 7}});
  d.respond("/api/v2/users/7.json", 200, {{"user", zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200,
            {{"tickets", json::array({zendeskTicket(42, 7, "open", "2026-09-01T00:00:00Z",
                                                    json::array({"ccaas", "ccaas_outbound"}))})}});
  d.send({{"type", "callClicked"}});
  auto dial = d.effectsOfType("telephony").back();
  REQUIRE(dial["command"] == "dial");
  CHECK(!anyWrite(d));  // not before the connector confirms
  d.send({{"type", "telephonyFailed"}, {"callId", dial["callId"]}, {"command", "dial"}, {"code", "OFFLINE"}});
  CHECK(d.view["screen"] == "outbound");
  CHECK(d.view["banner"]["code"] == "CONNECTOR_OFFLINE");
  CHECK(d.view["call"].is_null());
  d.tickAfter(60000);
  CHECK(!anyWrite(d));  // no "Outbound Call" note for a call that never happened
  CHECK(d.view["sync"]["state"] == "saved");
}

TEST_CASE("FO-6: a dial the connector never confirms ends after 15 s with a message and writes nothing") {
  LiveDriver d;
  d.registerApp();
  test::openOutboundToAda(d);
  d.send({{"type", "callClicked"}});
  CHECK(d.view["screen"] == "call");
  d.tickAfter(14000);
  CHECK(d.view["screen"] == "call");
  d.tickAfter(1000);
  CHECK(d.view["screen"] == "outbound");
  CHECK(d.view["banner"]["code"] == "CALL_FAILED");
  CHECK(d.view["banner"]["params"]["code"] == "TIMEOUT");
  CHECK(d.effectsOfType("telephony").back()["command"] == "hangUp");
  CHECK(!anyWrite(d));
}

TEST_CASE("FO-6, fuzz finding 12: a dial that fails while a caller is on the line beside it shows that call") {
  LiveDriver d;
  d.registerApp();
  test::openOutboundToAda(d);
  d.send({{"type", "callClicked"}});  // never confirmed by the connector
  d.send(test::ivrRing("c-1", "+14155550199"));
  d.send({{"type", "callConnected"}, {"callId", "c-1"}});  // the caller is picked up on the desk phone
  d.tickAfter(15000);                                      // the dial's deadline
  CHECK(d.view["banner"]["code"] == "CALL_FAILED");
  CHECK(d.view["screen"] == "call");  // not the dial pad over the caller
  CHECK(d.view["call"]["id"] == "c-1");
  CHECK(d.view["outbound"].is_null());
}

TEST_CASE(
    "FO-6, TR-10, fuzz finding 5: a dial the connector transfers before confirming it happened: its deadline hangs "
    "up nothing, and the call is recorded") {
  LiveDriver d;
  d.registerApp();
  test::openOutboundToAda(d);
  d.send({{"type", "callClicked"}});
  std::string id = d.effectsOfType("telephony").back()["callId"];
  d.advance(2000);
  d.send({{"type", "callTransferred"}, {"callId", id}, {"toAgentId", 9}});
  auto commands = d.effectsOfType("telephony").size();
  d.tickAfter(20000);                                      // past the 15 s a dial waits for its confirmation
  CHECK(d.effectsOfType("telephony").size() == commands);  // no hangUp for a call with another agent now
  CHECK(d.view["banner"].is_null());                       // and no "call failed"
  CHECK(anyWrite(d));                                      // the call is on record, as a transferred call is
}

TEST_CASE("TR-13: a confirmed dial is written as before") {
  LiveDriver d;
  d.registerApp();
  auto id = test::clickToCallAda(d);
  CHECK(!id.empty());
  CHECK(d.hasUnanswered("/api/v2/tickets.json"));
}

TEST_CASE("Call waiting: a second call while on a call is shown, and declined nothing is written for it") {
  LiveDriver d;
  d.registerApp();
  onCallWithAda(d);
  auto writesBefore = d.requestsMatching("POST", "").size() + d.requestsMatching("PUT", "").size();

  d.send(test::ivrRing("c-2", "+14155550199"));
  CHECK(d.view["call"]["id"] == "c-1");  // the agent stays on the first call
  REQUIRE(d.view["otherCalls"].size() == 1);
  CHECK(d.view["otherCalls"][0]["id"] == "c-2");
  CHECK(d.view["otherCalls"][0]["kind"] == "waiting");
  d.respond("/api/v2/search.json", 200, {{"results", json::array()}});  // a read: who is waiting
  d.send({{"type", "declineWaitingClicked"}, {"callId", "c-2"}});
  CHECK(d.effectsOfType("telephony").back()["command"] == "decline");
  CHECK(d.effectsOfType("telephony").back()["callId"] == "c-2");
  CHECK(d.view["otherCalls"].empty());
  d.tickAfter(30000);
  CHECK(d.requestsMatching("POST", "").size() + d.requestsMatching("PUT", "").size() == writesBefore);
  CHECK(d.requestsMatching("POST", "/api/v2/users.json").empty());  // no contact made up for the second caller
}

TEST_CASE("Call waiting: answer the second call — the first is held, the second recorded by the same rules") {
  LiveDriver d;
  d.registerApp();
  onCallWithAda(d);
  d.send(test::ivrRing("c-2", "+14155550199"));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(8, "Grace", "+14155550199", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/8/tickets/requested.json", 200, {{"tickets", json::array()}});
  CHECK(d.view["otherCalls"][0]["contact"]["name"] == "Grace");
  CHECK(d.requestsMatching("POST", "/api/v2/tickets.json").size() == 1);  // only the first call's ticket

  d.send({{"type", "answerWaitingClicked"}, {"callId", "c-2"}});
  auto telephony = d.effectsOfType("telephony");
  REQUIRE(telephony.size() >= 2);
  CHECK(telephony[telephony.size() - 2]["command"] == "hold");
  CHECK(telephony[telephony.size() - 2]["callId"] == "c-1");
  CHECK(telephony.back()["command"] == "answer");
  CHECK(telephony.back()["callId"] == "c-2");
  d.send({{"type", "callHoldChanged"}, {"callId", "c-1"}, {"held", true}});
  d.send({{"type", "callConnected"}, {"callId", "c-2"}});
  CHECK(d.view["call"]["id"] == "c-2");
  CHECK(d.view["screen"] == "call");
  REQUIRE(d.view["otherCalls"].size() == 1);
  CHECK(d.view["otherCalls"][0]["kind"] == "held");
  auto creates = d.requestsMatching("POST", "/api/v2/tickets.json");
  REQUIRE(creates.size() == 2);  // the second call is recorded now that the agent took it
  CHECK(creates[1]["body"]["ticket"]["requester_id"] == 8);

  // Back to the first call.
  d.send({{"type", "switchCallClicked"}, {"callId", "c-1"}});
  CHECK(d.view["call"]["id"] == "c-1");
  CHECK(d.effectsOfType("telephony").back()["command"] == "resume");
}

TEST_CASE("TR-6: a waiting call whose caller gives up is recorded as abandoned, without popping its ticket") {
  LiveDriver d;
  d.registerApp();
  onCallWithAda(d);
  auto routesBefore = d.effectsOfType("routeTo").size();

  d.send(test::ivrRing("c-2", "+14155550199"));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(8, "Grace", "+14155550199", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/8/tickets/requested.json", 200, {{"tickets", json::array()}});
  d.send({{"type", "callEnded"}, {"callId", "c-2"}, {"reason", "abandoned"}});
  CHECK(d.view["call"]["id"] == "c-1");  // the agent is still on the first call
  CHECK(d.view["otherCalls"].empty());
  auto creates = d.requestsMatching("POST", "/api/v2/tickets.json");
  REQUIRE(creates.size() == 2);
  CHECK(creates[1]["body"]["ticket"]["requester_id"] == 8);
  d.respond(creates[1], 201, {{"ticket", zendeskTicket(91, 8, "open", "2026-09-21T00:00:00Z")}});
  d.tickAfter(1000);
  CHECK(d.effectsOfType("routeTo").size() == routesBefore);  // the agent's browser stays on the call's ticket
}

TEST_CASE("TR-11: a note typed during a call is listed as not yet in Zendesk until Done hands it over") {
  LiveDriver d;
  d.registerApp();
  test::clickToCallAda(d);
  d.respond("/api/v2/tickets.json", 201, {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  d.tickAfter(1000);
  while (d.hasUnanswered("/api/v2/tickets/90.json")) {
    d.respond("/api/v2/tickets/90.json", 200, {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  }
  CHECK(d.view["sync"]["state"] == "saved");
  d.send({{"type", "noteChanged"}, {"text", "Call back Tuesday"}});
  CHECK(d.view["sync"]["state"] == "pending");
  auto item = syncItem(d, "callNote");
  REQUIRE(item.is_object());
  CHECK(item["state"] == "draft");
  CHECK(item["text"] == "Call back Tuesday");
}

TEST_CASE("TR-11: the note of a held call whose caller hangs up is written, not left behind") {
  LiveDriver d;
  d.registerApp();
  onCallWithAda(d);
  d.send({{"type", "noteChanged"}, {"text", "First caller: wants a callback"}});
  d.send(test::ivrRing("c-2", "+14155550199"));
  d.respond("/api/v2/search.json", 200, {{"results", json::array()}});
  d.send({{"type", "answerWaitingClicked"}, {"callId", "c-2"}});
  d.send({{"type", "callConnected"}, {"callId", "c-2"}});
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 40}});
  CHECK(d.view["call"]["id"] == "c-2");
  bool noteSent = false;
  for (int i = 0; i < 5 && !noteSent; ++i) {
    while (d.hasUnanswered("/api/v2/tickets/90.json")) {
      auto put = d.pending("/api/v2/tickets/90.json");
      std::string body = put["body"]["ticket"].value("comment", json::object()).value("body", "");
      noteSent = noteSent || body.find("First caller: wants a callback") != std::string::npos;
      d.respond(put, 200, {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
    }
    d.tickAfter(1000);
  }
  CHECK(noteSent);
}

TEST_CASE("IN-1/TR-2: a number shared by six contacts — the call is looked up once the newest five's tickets are in") {
  // The rules read the tickets of the newest five contacts of a number (TR-2's candidates); the sixth, oldest one's
  // tickets are never asked for. The call card and the sync list follow what the rules wait for, not every contact.
  LiveDriver d;
  d.registerApp();
  d.send(test::ivrRing("c-1", "+14155550100"));
  json users = json::array();
  for (int i = 0; i < 6; ++i) {
    std::string created = "2025-0" + std::to_string(i + 1) + "-01T00:00:00Z";  // user 10 oldest, 15 newest
    users.push_back(zendeskUser(10 + i, "Caller " + std::to_string(i), "+14155550100", created));
  }
  d.respond("/api/v2/search.json", 200, {{"results", users}});
  for (int id = 15; id >= 11; --id) {
    std::string url = "/api/v2/users/" + std::to_string(id) + "/tickets/requested.json";
    d.respond(url.c_str(), 200, {{"tickets", json::array()}});
  }
  CHECK(!d.hasUnanswered("/api/v2/users/10/tickets/requested.json"));
  CHECK(d.view["call"]["lookupState"] == "done");
  d.send({{"type", "answerClicked"}});
  d.send({{"type", "callConnected"}, {"callId", "c-1"}});
  d.send({{"type", "noteChanged"}, {"text", "Asked about the invoice"}});
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 40}});
  d.send({{"type", "wrapUpDone"}});
  CHECK(d.hasUnanswered("/api/v2/tickets.json"));  // the record goes out: nothing waits for the sixth contact
  auto item = syncItem(d, "callRecord");
  CHECK((item.is_null() || item["state"] != "failed"));
}

TEST_CASE("IN-1/TR-2: a contact Zendesk no longer has (their tickets answer 404) is left out, not retried forever") {
  // Search lists users for a while after they are deleted or merged away (its index lags). Their tickets then answer
  // 404, which no retry changes: the call goes on with the contacts that exist, and nothing waits for a Retry.
  LiveDriver d;
  d.registerApp();
  d.send(test::ivrRing("c-1", "+14155550100"));
  json users = json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z"),
                            zendeskUser(8, "Ada (merged away)", "+14155550100", "2025-06-01T00:00:00Z")});
  d.respond("/api/v2/search.json", 200, {{"results", users}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  d.respond("/api/v2/users/8/tickets/requested.json", 404, {{"error", "RecordNotFound"}});
  CHECK(d.view["call"]["lookupState"] == "done");
  CHECK(d.view["banner"].is_null());
  d.send({{"type", "answerClicked"}});
  d.send({{"type", "callConnected"}, {"callId", "c-1"}});
  d.send({{"type", "noteChanged"}, {"text", "Moved house"}});
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 40}});
  d.send({{"type", "wrapUpDone"}});
  auto create = d.pending("/api/v2/tickets.json");
  CHECK(create["body"]["ticket"]["requester_id"] == 7);  // the contact that exists, not the one that is gone
  CHECK(!d.hasUnanswered("/api/v2/users/8/tickets/requested.json"));
  CHECK(d.requestsMatching("POST", "/api/v2/users.json").empty());
}

TEST_CASE("IN-1: a caller whose only contact is gone (404) is an unknown caller, recorded on a new contact") {
  LiveDriver d;
  d.registerApp();
  d.send(test::ivrRing("c-1", "+14155550100"));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(8, "Deleted", "+14155550100", "2025-06-01T00:00:00Z")})}});
  d.respond("/api/v2/users/8/tickets/requested.json", 404, {{"error", "RecordNotFound"}});
  CHECK(d.view["call"]["lookupState"] == "done");
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "abandoned"}});
  auto user = d.pending("/api/v2/users.json");  // TR-6's abandoned call, on a contact made for the number
  CHECK(user["body"]["user"]["phone"] == "+14155550100");
  CHECK(d.requestsMatching("GET", "/api/v2/users/8/tickets/requested.json").size() == 1);
}

TEST_CASE("FO-3: a contact chosen on the dial pad whom Zendesk no longer has leaves the choices, Call is not blocked") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "openDialPad"}});
  d.send({{"type", "numberChanged"}, {"text", "+1 415 555 0100"}});
  d.send({{"type", "lookUpNumber"}});
  json users = json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z"),
                            zendeskUser(8, "Ada (merged away)", "+14155550100", "2025-06-01T00:00:00Z")});
  d.respond("/api/v2/search.json", 200, {{"results", users}});
  d.send({{"type", "contactChosen"}, {"contactId", 8}});
  d.respond("/api/v2/users/8/tickets/requested.json", 404, {{"error", "RecordNotFound"}});
  CHECK(d.view["outbound"]["contact"]["options"].size() == 1);
  CHECK(d.view["outbound"]["contact"]["options"][0]["id"] == 7);
  CHECK(d.view["outbound"]["blockedBy"].is_null());
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  CHECK(d.view["outbound"]["contact"]["selected"] == 7);  // FO-3b: the one contact left
  CHECK(d.view["outbound"]["canCall"] == true);
}
