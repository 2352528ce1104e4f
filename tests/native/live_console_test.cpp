// The agent's console (issue 18 items 1 and 2): the status the agent chooses, sent to the telephony backend and kept
// across a reload, and the home screen's recent calls with their ticket, call back through the outbound rules (FO)
// and missed calls and voicemails listed until the agent marks them handled.
#include "live_driver.h"

using test::json;
using test::LiveDriver;

namespace {

json lastTelephony(const LiveDriver& d) {
  auto t = d.effectsOfType("telephony");
  return t.empty() ? json() : t.back();
}

// An unknown caller rings and hangs up before anyone answers; Zendesk finds nobody.
void missedCallFrom(LiveDriver& d, const std::string& callId, const std::string& ani) {
  d.send(test::ivrRing(callId, ani));
  d.respond("/api/v2/search.json", 200, {{"results", json::array()}});
  d.send({{"type", "callEnded"}, {"callId", callId}, {"reason", "abandoned"}});
}

json persisted(const LiveDriver& d) {
  auto p = d.effectsOfType("persist");
  REQUIRE(!p.empty());
  return p.back()["state"];
}

}  // namespace

TEST_CASE("issue 18.1: the agent's status is shown, sent to the connector once per change, and follows the call") {
  LiveDriver d;
  d.registerApp();
  CHECK(d.view["agentStatus"] == json({{"chosen", "available"}, {"current", "available"}}));

  d.send({{"type", "agentStatusChosen"}, {"status", "away"}});
  CHECK(d.view["agentStatus"]["current"] == "away");
  CHECK(lastTelephony(d) ==
        json({{"type", "telephony"}, {"command", "setStatus"}, {"callId", ""}, {"status", "away"}}));
  auto sent = d.effectsOfType("telephony").size();
  d.send({{"type", "agentStatusChosen"}, {"status", "away"}});
  CHECK(d.effectsOfType("telephony").size() == sent);  // no change, nothing sent

  d.send({{"type", "agentStatusChosen"}, {"status", "available"}});
  test::onCallWithAda(d);
  CHECK(d.view["agentStatus"]["current"] == "onCall");
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 30}});
  CHECK(d.view["agentStatus"]["current"] == "wrapUp");
  CHECK(d.view["agentStatus"]["chosen"] == "available");
  d.send({{"type", "wrapUpDone"}});
  CHECK(d.view["agentStatus"]["current"] == "available");
}

TEST_CASE("issue 18.1: a bad status is refused and changes nothing") {
  LiveDriver d;
  d.registerApp();
  auto answer = d.send({{"type", "agentStatusChosen"}, {"status", "asleep"}});
  CHECK(answer["error"]["code"] == "INVALID_REQUEST");
  CHECK(d.view["agentStatus"]["chosen"] == "available");
}

TEST_CASE("issue 18.1: an away status survives a reload and is told to the connector again") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "agentStatusChosen"}, {"status", "away"}});
  json state = persisted(d);
  CHECK(state["agentStatus"] == "away");

  LiveDriver reloaded;
  reloaded.send({{"type", "restore"}, {"state", state}});
  reloaded.registerApp();
  CHECK(reloaded.view["agentStatus"]["chosen"] == "away");
  CHECK(lastTelephony(reloaded)["status"] == "away");
}

TEST_CASE("issue 18.2: an answered call is listed with its ticket, newest first, and opens its ticket") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 30}});
  d.send({{"type", "wrapUpDone"}});
  REQUIRE(d.view["recentCalls"].size() == 1);
  const json& r = d.view["recentCalls"][0];
  CHECK(r["kind"] == "inbound");
  CHECK(r["handled"] == true);
  CHECK(r["number"]["e164"] == "+14155550100");
  CHECK(r["contact"] == json({{"id", 7}, {"name", "Ada"}}));
  CHECK(r["ticket"] == json({{"id", 90}, {"subject", "Ticket 90"}}));
  CHECK(r["durationSec"] == 30);

  d.send({{"type", "recentCallClicked"}, {"callId", "c-1"}, {"action", "openTicket"}});
  CHECK(d.effectsOfType("routeTo").back() == json({{"type", "routeTo"}, {"target", "ticket"}, {"id", 90}}));
}

TEST_CASE("issue 18.2: a missed call stays listed until the agent marks it handled, across a reload") {
  LiveDriver d;
  d.registerApp();
  missedCallFrom(d, "m-1", "+14155550199");
  CHECK(d.view["screen"] == "main");
  REQUIRE(d.view["recentCalls"].size() == 1);
  CHECK(d.view["recentCalls"][0]["kind"] == "missed");
  CHECK(d.view["recentCalls"][0]["handled"] == false);

  d.advance(60 * 60 * 1000);  // an hour later it is still there: not a toast
  d.send({{"type", "tick"}});
  CHECK(d.view["recentCalls"][0]["handled"] == false);

  LiveDriver reloaded;
  reloaded.send({{"type", "restore"}, {"state", persisted(d)}});
  reloaded.registerApp();
  REQUIRE(reloaded.view["recentCalls"].size() == 1);
  CHECK(reloaded.view["recentCalls"][0]["kind"] == "missed");
  reloaded.send({{"type", "recentCallClicked"}, {"callId", "m-1"}, {"action", "handled"}});
  CHECK(reloaded.view["recentCalls"][0]["handled"] == true);
}

TEST_CASE("issue 18.2: a voicemail is listed as a voicemail, waiting to be handled") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "callRinging"}, {"callId", "vm-1"}, {"ani", "+14155550100"}, {"sessionType", "voicemail"}});
  d.respond("/api/v2/search.json", 200, {{"results", json::array()}});
  d.send({{"type", "callEnded"}, {"callId", "vm-1"}, {"reason", "voicemail"}, {"durationSec", 12}});
  REQUIRE(d.view["recentCalls"].size() == 1);
  CHECK(d.view["recentCalls"][0]["kind"] == "voicemail");
  CHECK(d.view["recentCalls"][0]["handled"] == false);
}

TEST_CASE("issue 18.2/FO-5b: Call back opens the outbound view on the caller, where the outbound rules apply") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}});
  d.send({{"type", "wrapUpDone"}});
  auto dials = d.effectsOfType("telephony").size();
  d.send({{"type", "recentCallClicked"}, {"callId", "c-1"}, {"action", "callBack"}});
  CHECK(d.view["screen"] == "outbound");
  CHECK(d.view["outbound"]["numberText"] == "+14155550100");
  CHECK(d.effectsOfType("telephony").size() == dials);  // nothing dialled before the agent presses Call
}

TEST_CASE("issue 18.2: the list keeps the last 50 calls, dropping handled ones before unhandled missed ones") {
  // A restored list of 50 (the oldest a missed call still to handle), then one more call.
  json recent = json::array();
  for (int i = 49; i >= 1; --i) {
    recent.push_back({{"callId", "c-" + std::to_string(i)},
                      {"kind", "inbound"},
                      {"phone", "+14155550123"},
                      {"atMs", 1000 + i},
                      {"handled", true}});
  }
  recent.push_back({{"callId", "m-old"}, {"kind", "missed"}, {"phone", "+14155550199"}, {"handled", false}});
  LiveDriver d;
  d.send({{"type", "restore"}, {"state", {{"version", 1}, {"recentCalls", recent}}}});
  d.registerApp({{"createTicketForAbandonedCalls", false}});  // nothing written: only the list is looked at
  REQUIRE(d.view["recentCalls"].size() == 50);
  missedCallFrom(d, "c-50", "+14155550123");
  const json& list = d.view["recentCalls"];
  CHECK(list.size() == 50);
  CHECK(list[0]["callId"] == "c-50");
  CHECK(list[48]["callId"] == "c-2");       // c-1, the oldest handled one, went
  CHECK(list.back()["callId"] == "m-old");  // still waiting for "Handled"
}

TEST_CASE("issue 18.2: a click for a call no longer listed changes nothing") {
  LiveDriver d;
  d.registerApp();
  auto before = d.view;
  d.send({{"type", "recentCallClicked"}, {"callId", "nope"}, {"action", "callBack"}});
  CHECK(d.view == before);
}
