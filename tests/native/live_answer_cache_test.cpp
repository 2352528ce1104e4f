// The answer's cached texts (D255, D320, D401): the view and the persisted snapshot are printed again only in the
// parts whose fingerprint moved, and the parts a call or a write did not touch are reused. A stale part would show
// the agent an old screen (IN-1: the view always reflects the state) or leave a change unsaved across a reload
// (D73: what is not in Zendesk survives the reload). Every step below changes the state through one flow and checks
// that the answer's view and snapshot are byte for byte what a fresh build of the whole state makes.
#include "live_driver.h"

using test::json;
using test::LiveDriver;

namespace {

// Sends the event and requires the answer's cached view and snapshot to equal a fresh build.
json sendFresh(LiveDriver& d, json event) {
  json answer = d.send(std::move(event));
  INFO(answer.dump().substr(0, 300));
  REQUIRE(d.answerCacheFresh());
  return answer;
}

void respondFresh(LiveDriver& d, const char* urlPart, int status, json body) {
  d.respond(urlPart, status, std::move(body));
  REQUIRE(d.answerCacheFresh());
}

}  // namespace

TEST_CASE("IN-1/D401: every flow's change shows in the view and the snapshot at once, with three calls at once") {
  LiveDriver d;
  d.registerApp({{"wrapUpCodes", "Sale\nCallback"}});
  REQUIRE(d.answerCacheFresh());
  // Ada rings, is found, her ticket is created; the agent answers.
  sendFresh(d, test::ivrRing("c-1", "+14155550100"));
  respondFresh(d, "/api/v2/search.json", 200,
               {{"results", json::array({test::zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  respondFresh(d, "/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  respondFresh(d, "/api/v2/tickets.json", 201,
               {{"ticket", test::zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  sendFresh(d, {{"type", "answerClicked"}});
  sendFresh(d, {{"type", "callConnected"}, {"callId", "c-1"}});
  CHECK(d.view["call"]["state"] == "connected");
  // Two more ring while she talks: they wait beside her call, one changes its attributes.
  sendFresh(d, test::ivrRing("c-2", "+14155550111"));
  sendFresh(d, test::ivrRing("c-3", "+14155550122"));
  CHECK(d.view["otherCalls"].size() == 2);
  sendFresh(d, {{"type", "callAttributes"}, {"callId", "c-2"}, {"attributes", {{"vip", "yes"}}}});
  // One field of one call at a time: the note, hold, mute.
  sendFresh(d, {{"type", "noteChanged"}, {"text", "Sent a new router"}});
  CHECK(d.view["call"]["note"] == "Sent a new router");
  CHECK(d.lastPersistedState()["calls"][0]["note"] == "Sent a new router");
  sendFresh(d, {{"type", "callHoldChanged"}, {"callId", "c-1"}, {"held", true}});
  CHECK(d.view["call"]["held"] == true);
  sendFresh(d, {{"type", "callMuteChanged"}, {"callId", "c-1"}, {"muted", true}});
  sendFresh(d, {{"type", "callHoldChanged"}, {"callId", "c-1"}, {"held", false}});
  // A waiting call ends on its own; then Ada's call ends and is wrapped up with a code.
  sendFresh(d, {{"type", "callEnded"}, {"callId", "c-3"}, {"reason", "abandoned"}});
  CHECK(d.view["otherCalls"].size() == 1);
  sendFresh(d, {{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 30}});
  CHECK(d.view["screen"] == "wrapUp");
  sendFresh(d, {{"type", "wrapUpCodeChosen"}, {"code", "Sale"}});
  CHECK(d.view["call"]["wrapUp"]["chosen"] == "Sale");
  sendFresh(d, {{"type", "noteChanged"}, {"text", "Router sent, call back Monday"}});
  sendFresh(d, {{"type", "wrapUpDone"}});
  // The writes' states as Zendesk answers them: failed, then in the sync list until sent again.
  while (d.hasUnanswered("/api/v2/tickets/90.json")) {
    respondFresh(d, "/api/v2/tickets/90.json", 500, {{"error", "boom"}});
  }
  for (int i = 0; i < 6; ++i) {
    d.advance(20'000);  // the clock alone moves a write from waiting to due
    sendFresh(d, {{"type", "tick"}});
  }
  sendFresh(d, {{"type", "retryWrites"}});
  while (d.hasUnanswered("/api/v2/tickets/90.json")) {
    respondFresh(d, "/api/v2/tickets/90.json", 200,
                 {{"ticket", test::zendeskTicket(90, 7, "open", "2026-09-21T00:10:00Z")}});
  }
  // The waiting call is answered; the home screen's status; the connector drops and comes back.
  sendFresh(d, {{"type", "answerWaitingClicked"}, {"callId", "c-2"}});
  sendFresh(d, {{"type", "agentStatusChosen"}, {"status", "away"}});
  sendFresh(d, {{"type", "connectorState"}, {"state", "offline"}});
  CHECK(d.view["connector"]["state"] == "offline");
  sendFresh(d, {{"type", "connectorState"}, {"state", "online"}});
  sendFresh(d, {{"type", "dismissBanner"}});

  // A reload: the snapshot restored into a new adapter, whose answers are checked the same way.
  LiveDriver reloaded;
  reloaded.nowMs = d.nowMs;
  json state = d.lastPersistedState();
  sendFresh(reloaded, {{"type", "restore"}, {"state", state}});
  reloaded.registerApp({{"wrapUpCodes", "Sale\nCallback"}});
  REQUIRE(reloaded.answerCacheFresh());
  sendFresh(reloaded, {{"type", "noteChanged"}, {"text", "after the reload"}});
  CHECK(reloaded.lastPersistedState()["calls"].dump().find("after the reload") != std::string::npos);
}

TEST_CASE("IN-1/D401: the outbound view and the recent calls redraw with each change of their own") {
  LiveDriver d;
  d.registerApp();
  sendFresh(d, {{"type", "openDialPad"}});
  CHECK(d.view["screen"] == "outbound");
  sendFresh(d, {{"type", "numberChanged"}, {"text", "+1415555"}});
  sendFresh(d, {{"type", "numberChanged"}, {"text", "+14155550100"}});
  CHECK(d.view["outbound"]["numberText"] == "+14155550100");
  d.advance(1'000);
  sendFresh(d, {{"type", "tick"}});
  sendFresh(d, {{"type", "lookUpNumber"}});
  while (d.hasUnanswered("/api/v2/search.json")) {
    respondFresh(d, "/api/v2/search.json", 200,
                 {{"results", json::array({test::zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  }
  while (d.hasUnanswered("/api/v2/users/7/tickets/requested.json")) {
    respondFresh(d, "/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  }
  sendFresh(d, {{"type", "cancelClicked"}});
  // A missed call lands in the recent calls; marking it handled changes that list alone.
  sendFresh(d, test::ivrRing("c-9", "+14155550199"));
  sendFresh(d, {{"type", "callEnded"}, {"callId", "c-9"}, {"reason", "abandoned"}});
  REQUIRE(!d.view["recentCalls"].empty());
  sendFresh(d, {{"type", "recentCallClicked"}, {"callId", "c-9"}, {"action", "handled"}});
  CHECK(d.view["recentCalls"][0]["handled"] == true);
}
