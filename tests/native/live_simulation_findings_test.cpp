// What the outbox simulation (bench/outbox-sim.mjs: search outages, connector outages, second calls, page reloads)
// found in the live adapter, each reduced to the few events that show it. Each test asserts what the agent sees
// after a page reload (the restored snapshot) and what Zendesk would receive — and must not.
#include "live_driver.h"

using test::json;
using test::LiveDriver;
using test::zendeskTicket;
using test::zendeskUser;

namespace {

// The page reloads: a new adapter starts from the last persisted snapshot, as the shim starts it.
void reload(const LiveDriver& before, LiveDriver& after) {
  auto persisted = before.effectsOfType("persist");
  REQUIRE(!persisted.empty());
  after.nowMs = before.nowMs + 1500;
  after.send({{"type", "restore"}, {"state", persisted.back()["state"]}});
  after.registerApp();
  after.send({{"type", "connectorState"}, {"state", "online"}});
}

// Ada calls (c-1, found, no tickets), the agent answers and her ticket 90 is created.
void registerAndCallWithAda(LiveDriver& d) {
  d.registerApp();
  test::onCallWithAda(d);
}

// Grace (c-2) rings while the agent is on the call with Ada; her lookups answered.
void graceWaits(LiveDriver& d) {
  d.send(test::ivrRing("c-2", "+14155550199"));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(8, "Grace", "+14155550199", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/8/tickets/requested.json", 200, {{"tickets", json::array()}});
}

// Grace rings while the agent is on the call with Ada; the agent answers her, Ada is held, Grace's ticket 91 created.
void graceAnsweredAdaHeld(LiveDriver& d) {
  graceWaits(d);
  d.send({{"type", "answerWaitingClicked"}, {"callId", "c-2"}});
  d.send({{"type", "callHoldChanged"}, {"callId", "c-1"}, {"held", true}});
  d.send({{"type", "callConnected"}, {"callId", "c-2"}});
  d.respond("/api/v2/tickets.json", 201, {{"ticket", zendeskTicket(91, 8, "open", "2026-09-21T00:00:00Z")}});
}

std::size_t writes(const LiveDriver& d) {
  return d.requestsMatching("POST", "").size() + d.requestsMatching("PUT", "").size();
}

}  // namespace

TEST_CASE("Call waiting, reload: the first call put on hold to answer the second is still shown held") {
  LiveDriver d;
  registerAndCallWithAda(d);
  graceAnsweredAdaHeld(d);
  REQUIRE(d.view["otherCalls"][0]["held"] == true);

  LiveDriver r;
  reload(d, r);
  REQUIRE(r.view["otherCalls"].size() == 1);
  CHECK(r.view["otherCalls"][0]["id"] == "c-1");
  CHECK(r.view["otherCalls"][0]["held"] == true);

  // Grace's call ends; back on Ada's call, which the phone system still holds: the agent must see it held, or
  // nothing tells them to resume it (the simulation's agent waited on a silent line).
  r.send({{"type", "callEnded"}, {"callId", "c-2"}, {"reason", "completed"}, {"durationSec", 30}});
  r.send({{"type", "wrapUpDone"}});
  CHECK(r.view["call"]["id"] == "c-1");
  CHECK(r.view["call"]["held"] == true);
  r.send({{"type", "holdClicked"}});
  CHECK(r.effectsOfType("telephony").back()["command"] == "resume");
}

TEST_CASE("Call waiting, reload: a second call still waiting stays waiting, nothing written for it, Decline works") {
  LiveDriver d;
  registerAndCallWithAda(d);
  graceWaits(d);
  auto before = writes(d);
  REQUIRE(d.view["otherCalls"][0]["kind"] == "waiting");

  LiveDriver r;
  reload(d, r);
  // The restored adapter reads Grace again (a reload is a fresh look), but writes nothing for her call.
  r.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(8, "Grace", "+14155550199", "2025-01-01T00:00:00Z")})}});
  r.respond("/api/v2/users/8/tickets/requested.json", 200, {{"tickets", json::array()}});
  r.tickAfter(1000);
  REQUIRE(r.view["otherCalls"].size() == 1);
  CHECK(r.view["otherCalls"][0]["kind"] == "waiting");
  CHECK(r.view["call"]["id"] == "c-1");
  CHECK(writes(r) == 0);

  r.send({{"type", "declineWaitingClicked"}, {"callId", "c-2"}});
  CHECK(r.effectsOfType("telephony").back()["command"] == "decline");
  CHECK(r.view["otherCalls"].empty());
  r.tickAfter(30000);
  CHECK(writes(r) == 0);  // nothing for the declined call: no ticket, no contact, no comment
  CHECK(writes(d) == before);
}

TEST_CASE("FO-6, reload: a dial the connector has not confirmed stays unconfirmed: refused, it writes nothing") {
  LiveDriver d;
  d.registerApp();
  test::openOutboundToAda(d);
  d.send({{"type", "callClicked"}});
  auto dial = d.effectsOfType("telephony").back();
  REQUIRE(dial["command"] == "dial");
  REQUIRE(writes(d) == 0);

  LiveDriver r;
  reload(d, r);
  CHECK(writes(r) == 0);  // still not a call that happened
  r.send({{"type", "telephonyFailed"}, {"callId", dial["callId"]}, {"command", "dial"}, {"code", "OFFLINE"}});
  CHECK(r.view["call"].is_null());
  CHECK(r.view["banner"]["code"] == "CONNECTOR_OFFLINE");
  r.tickAfter(60000);
  CHECK(writes(r) == 0);  // no ticket, no "Outbound Call" comment for a dial that was refused
}

TEST_CASE("FO-6, reload: the 15 s deadline of an unconfirmed dial survives a reload") {
  LiveDriver d;
  d.registerApp();
  test::openOutboundToAda(d);
  d.send({{"type", "callClicked"}});
  REQUIRE(d.effectsOfType("telephony").back()["command"] == "dial");

  LiveDriver r;
  reload(d, r);
  r.tickAfter(15000);
  CHECK(r.view["call"].is_null());
  CHECK(r.view["banner"]["params"]["code"] == "TIMEOUT");
  CHECK(r.effectsOfType("telephony").back()["command"] == "hangUp");
  r.tickAfter(60000);
  CHECK(writes(r) == 0);
}

TEST_CASE("Reload: a restored call is not resolved or written before appRegistered names the agent and settings") {
  LiveDriver before;
  before.registerApp();
  before.send(test::ivrRing("c-1", "+14155550100"));  // its search is still out when the page reloads
  auto persisted = before.effectsOfType("persist");
  REQUIRE(!persisted.empty());
  LiveDriver after;
  after.nowMs = before.nowMs + 1500;
  after.send({{"type", "restore"}, {"state", persisted.back()["state"]}});
  CHECK(after.requests.empty());  // agent id and settings unknown yet: nothing leaves
  after.registerApp();
  CHECK(after.hasUnanswered("/api/v2/search.json"));
}

TEST_CASE(
    "Call waiting, fuzz finding 6: answering the call beside from the dial pad closes the dial pad, and its late "
    "Cancel leaves the call on screen") {
  LiveDriver d;
  registerAndCallWithAda(d);
  graceWaits(d);
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 30}});
  REQUIRE(d.view["screen"] == "wrapUp");
  d.send({{"type", "openDialPad"}});  // the agent starts a call out while Grace still waits
  REQUIRE(d.view["screen"] == "outbound");

  d.send({{"type", "answerWaitingClicked"}, {"callId", "c-2"}});
  CHECK(d.view["call"]["id"] == "c-2");
  CHECK(d.view["outbound"].is_null());  // one thing on screen: the call
  d.send({{"type", "cancelClicked"}});  // a late click on the dial pad's Cancel
  CHECK(d.view["screen"] == "incoming");
  CHECK(d.view["call"]["id"] == "c-2");
}

TEST_CASE("Call waiting, FO-5b, fuzz oddity: a dial is refused while the agent's first call is held beside a wrap-up") {
  LiveDriver d;
  registerAndCallWithAda(d);
  graceAnsweredAdaHeld(d);
  d.send({{"type", "callEnded"}, {"callId", "c-2"}, {"reason", "completed"}, {"durationSec", 30}});
  REQUIRE(d.view["screen"] == "wrapUp");
  REQUIRE(d.view["otherCalls"].size() == 1);

  // The agent clicks a number in Zendesk (click-to-call) while Ada is still on hold.
  std::size_t commands = d.effectsOfType("telephony").size();
  d.send({{"type", "dialout"}, {"number", "+14155550123"}, {"userId", nullptr}, {"ticketId", nullptr}});
  CHECK(d.view["banner"]["code"] == "CALL_IN_PROGRESS");
  CHECK(d.view["screen"] == "wrapUp");
  CHECK(d.view["outbound"].is_null());
  CHECK(d.view["otherCalls"][0]["id"] == "c-1");
  CHECK(d.view["otherCalls"][0]["held"] == true);
  CHECK(d.effectsOfType("telephony").size() == commands);  // nothing dialled
}

TEST_CASE("Call waiting, fuzz finding 10: a caller the phone system connects beside the dial pad comes on screen") {
  LiveDriver d;
  registerAndCallWithAda(d);
  d.send({{"type", "callTransferred"}, {"callId", "c-1"}, {"toAgentId", 9}});
  REQUIRE(d.view["screen"] == "wrapUp");
  graceWaits(d);
  d.send({{"type", "openDialPad"}});  // Grace only rings: the agent may still dial out (D399)
  REQUIRE(d.view["screen"] == "outbound");

  d.send({{"type", "callConnected"}, {"callId", "c-2"}});  // picked up on the desk phone
  CHECK(d.view["screen"] == "call");
  CHECK(d.view["call"]["id"] == "c-2");
  CHECK(d.view["call"]["state"] == "connected");
  CHECK(d.view["outbound"].is_null());
  CHECK(d.view["otherCalls"].empty());
}
