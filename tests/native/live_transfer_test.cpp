// Issue 18 item 3 (D341–D343): the transfer directory (AH-1's queues from the admin's transferTargets setting, the
// connector's agents with their availability) and the consult (warm) transfer: the caller on hold, the target
// called, then completed (TR-10: the call leaves this agent) or cancelled (the caller back), and the conference
// where the connector can. Each test asserts what the agent sees (view) and what reaches the phone or Zendesk.
#include "live_driver.h"

using test::json;
using test::LiveDriver;

namespace {

// Queue 1 is open; queue 2 is closed without deflection (offered only while an agent is logged in, AH-1); queue 3
// is closed and its virtual agent works only in business hours (never offered after hours).
const json kQueues = {{"transferTargets",
                       R"([{"id": 1, "name": "Billing", "inBusinessHours": true},
         {"id": 2, "name": "Night desk", "inBusinessHours": false},
         {"id": 3, "name": "Bot line", "inBusinessHours": false, "virtualAgent": "business_hours", "loggedInAgents": 4}])"}};

json directory(bool consult = true, bool conference = true, json queues = json::array()) {
  return {{"type", "transferDirectory"},
          {"agents", json::array({{{"id", 9}, {"name", "Zoe"}, {"availability", "away"}},
                                  {{"id", "6"}, {"name", "Alex"}, {"availability", "available"}},
                                  {{"id", 5}, {"name", "Sam Agent"}, {"availability", "busy"}},
                                  {{"id", 8}, {"name", "Bo"}, {"availability", "on holiday"}}})},
          {"queues", std::move(queues)},
          {"consult", consult},
          {"conference", conference}};
}

std::vector<std::string> targetNames(const json& view) {
  std::vector<std::string> out;
  for (const auto& t : view["call"]["transfer"]["targets"]) out.push_back(t["name"]);
  return out;
}

json lastTelephony(const LiveDriver& d) { return d.effectsOfType("telephony").back(); }

// The agent, on Ada's call (c-1, ticket 90), consults Alex (agent 6), who answers.
void consultingAlex(LiveDriver& d) {
  d.send(directory());
  d.send({{"type", "consultClicked"}, {"target", "6"}});
  d.send({{"type", "callHoldChanged"}, {"callId", "c-1"}, {"held", true}});
  d.send({{"type", "consultChanged"}, {"callId", "c-1"}, {"state", "connected"}});
}

}  // namespace

TEST_CASE(
    "AH-1 directory: the queues offered now (a closed queue only while an agent is logged in), then the "
    "connector's agents, the available first, never the agent themself") {
  LiveDriver d;
  d.registerApp(kQueues);
  CHECK(d.view["settingsProblems"].empty());
  test::onCallWithAda(d);
  // Before the connector reports: the admin's queues AH-1 offers, and no consult.
  CHECK(targetNames(d.view) == std::vector<std::string>{"Billing"});
  CHECK(d.view["call"]["transfer"]["can"]["consult"] == false);

  d.send(directory(true, true, json::array({{{"id", 2}, {"loggedInAgents", 1}}})));
  CHECK(targetNames(d.view) == std::vector<std::string>{"Billing", "Night desk", "Alex", "Bo", "Zoe"});
  const auto& targets = d.view["call"]["transfer"]["targets"];
  CHECK(targets[0] == json({{"kind", "queue"}, {"id", "1"}, {"name", "Billing"}, {"availability", nullptr}}));
  CHECK(targets[2] == json({{"kind", "agent"}, {"id", "6"}, {"name", "Alex"}, {"availability", "available"}}));
  CHECK(targets[3]["availability"] == "unknown");  // a state the protocol does not name is said to be unknown
  CHECK(targets[4]["availability"] == "away");
  CHECK(d.view["call"]["transfer"]["can"] == json({{"consult", true}, {"conference", true}}));

  // Nobody logged in on the closed queue any more: it is not offered.
  d.send(directory(true, true, json::array({{{"id", 2}, {"loggedInAgents", 0}}})));
  CHECK(targetNames(d.view).front() == "Billing");
  CHECK(targetNames(d.view)[1] == "Alex");
}

TEST_CASE("D341: without a directory or queues the call view has no transfer part (the view of before)") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  CHECK_FALSE(d.view["call"].contains("transfer"));
  CHECK(d.view["call"]["can"]["transfer"] == true);  // the typed blind transfer stays
}

TEST_CASE("D341: a transferTargets setting that cannot be read is reported by its queue, the others still apply") {
  LiveDriver d;
  d.registerApp({{"transferTargets", R"([{"id": 1, "name": "Billing", "inBusinessHours": true}, {"name": "x"}])"}});
  REQUIRE(d.view["settingsProblems"].size() == 1);
  CHECK(d.view["settingsProblems"][0]["setting"] == "transferTargets");
  CHECK(d.view["settingsProblems"][0]["message"].get<std::string>().find("queue 2") != std::string::npos);
  test::onCallWithAda(d);
  CHECK(targetNames(d.view) == std::vector<std::string>{"Billing"});

  LiveDriver bad;
  bad.registerApp({{"transferTargets", "{not json"}});
  CHECK(bad.view["settingsProblems"][0]["setting"] == "transferTargets");
}

TEST_CASE(
    "TR-10 consult then complete: the caller is held, the target called, then handed over, the ticket and "
    "notes stay the customer call's") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  d.send(directory());
  d.send({{"type", "consultClicked"}, {"target", "6"}});
  CHECK(lastTelephony(d) == json({{"type", "telephony"}, {"command", "consult"}, {"callId", "c-1"}, {"target", "6"}}));
  CHECK(d.view["call"]["transfer"]["consult"] == json({{"target", "6"}, {"name", "Alex"}, {"state", "dialing"}}));
  CHECK(d.view["call"]["transfer"]["can"]["consult"] == false);  // one consult leg at a time

  // Complete is not taken while the target still rings (that would be a blind transfer without its question).
  std::size_t before = d.effectsOfType("telephony").size();
  d.send({{"type", "consultCompleteClicked"}});
  CHECK(d.effectsOfType("telephony").size() == before);

  d.send({{"type", "callHoldChanged"}, {"callId", "c-1"}, {"held", true}});
  d.send({{"type", "consultChanged"}, {"callId", "c-1"}, {"state", "connected"}});
  CHECK(d.view["call"]["held"] == true);
  CHECK(d.view["call"]["transfer"]["consult"]["state"] == "connected");
  std::size_t requestsBefore = d.requests.size();
  d.send({{"type", "consultCompleteClicked"}});
  CHECK(lastTelephony(d) == json({{"type", "telephony"}, {"command", "completeTransfer"}, {"callId", "c-1"}}));
  CHECK(d.requests.size() == requestsBefore);  // nothing is written for the consult leg

  d.advance(5000);
  d.send({{"type", "callTransferred"}, {"callId", "c-1"}, {"toAgentId", 6}});
  CHECK(d.view["screen"] == "wrapUp");
  CHECK(d.view["call"]["endReason"] == "transferred");
  CHECK(d.view["call"]["transfer"]["consult"].is_null());
  // The transfer is recorded on the customer call's ticket, 90, as a blind transfer's is (TR-10).
  for (int round = 0; round < 4; ++round) {
    d.tickAfter(61'000);
    for (int i = 0; i < 10 && d.hasUnanswered("/api/v2/tickets/90.json"); ++i) {
      d.respond("/api/v2/tickets/90.json", 200,
                {{"ticket", test::zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
    }
  }
  bool noted = false;
  for (const auto& put : d.requestsMatching("PUT", "/api/v2/tickets/90.json")) {
    if (put["body"]["ticket"].value("assignee_id", 0) == 6) noted = true;
  }
  CHECK(noted);
  CHECK(d.requestsMatching("POST", "/api/v2/tickets.json").size() == 1);  // Ada's one ticket; none for the leg
}

TEST_CASE(
    "TR consult cancel: the leg hangs up and the caller is back on the agent's call, a late event changes "
    "nothing") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  consultingAlex(d);
  d.send({{"type", "consultCancelClicked"}});
  CHECK(lastTelephony(d) == json({{"type", "telephony"}, {"command", "cancelConsult"}, {"callId", "c-1"}}));
  CHECK(d.view["call"]["transfer"]["consult"].is_null());
  CHECK(d.view["call"]["transfer"]["can"]["consult"] == true);
  d.send({{"type", "consultChanged"}, {"callId", "c-1"}, {"state", "connected"}});
  CHECK(d.view["call"]["transfer"]["consult"].is_null());
  d.send({{"type", "callHoldChanged"}, {"callId", "c-1"}, {"held", false}});
  CHECK(d.view["screen"] == "call");
  CHECK(d.view["call"]["state"] == "connected");
  CHECK(d.view["call"]["held"] == false);
}

TEST_CASE(
    "TR consult: a target that declines or hangs up is named in a notice, the caller stays held with the "
    "agent") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  consultingAlex(d);
  d.send({{"type", "consultChanged"}, {"callId", "c-1"}, {"state", "ended"}});
  CHECK(d.view["call"]["transfer"]["consult"].is_null());
  CHECK(d.view["banner"]["code"] == "CONSULT_ENDED");
  CHECK(d.view["banner"]["params"]["target"] == "Alex");
  CHECK(d.view["call"]["held"] == true);
  CHECK(d.view["call"]["state"] == "connected");
  d.send({{"type", "consultClicked"}, {"target", "2"}});  // the agent tries someone else: the notice has served
  CHECK(d.view["banner"].is_null());
}

TEST_CASE("TR consult refused by the connector: no leg, the caller stays, the agent reads why") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  d.send(directory());
  d.send({{"type", "consultClicked"}, {"target", "6"}});
  d.send({{"type", "telephonyFailed"}, {"callId", "c-1"}, {"command", "consult"}, {"code", "WRONG_STATE"}});
  CHECK(d.view["call"]["transfer"]["consult"].is_null());
  CHECK(d.view["banner"]["code"] == "COMMAND_FAILED");
  CHECK(d.view["call"]["state"] == "connected");
}

TEST_CASE("TR conference: only where the connector can, only with the target on the line") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  d.send(directory(true, false));
  CHECK(d.view["call"]["transfer"]["can"]["conference"] == false);
  d.send({{"type", "consultClicked"}, {"target", "6"}});
  d.send({{"type", "consultChanged"}, {"callId", "c-1"}, {"state", "connected"}});
  std::size_t before = d.effectsOfType("telephony").size();
  d.send({{"type", "conferenceClicked"}});
  CHECK(d.effectsOfType("telephony").size() == before);

  d.send(directory(true, true));
  d.send({{"type", "conferenceClicked"}});
  CHECK(lastTelephony(d) == json({{"type", "telephony"}, {"command", "conference"}, {"callId", "c-1"}}));
  d.send({{"type", "callHoldChanged"}, {"callId", "c-1"}, {"held", false}});
  d.send({{"type", "consultChanged"}, {"callId", "c-1"}, {"state", "conference"}});
  CHECK(d.view["call"]["transfer"]["consult"]["state"] == "conference");
  // Leaving the conference hands the caller to the target (complete), as in Zendesk Talk's "leave".
  d.send({{"type", "consultCompleteClicked"}});
  CHECK(lastTelephony(d)["command"] == "completeTransfer");
}

TEST_CASE("TR consult: nothing without a connector that consults, a connected call, or a target") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  std::size_t before = d.effectsOfType("telephony").size();
  d.send({{"type", "consultClicked"}, {"target", "6"}});  // no directory: the connector never said it can
  CHECK(d.effectsOfType("telephony").size() == before);
  json answer = d.send({{"type", "consultClicked"}, {"target", ""}});
  REQUIRE(answer.contains("error"));
  CHECK(answer["error"]["path"] == "/target");
  answer = d.send({{"type", "consultChanged"}, {"callId", "c-1"}, {"state", "ringing"}});
  CHECK(answer["error"]["path"] == "/state");
  // The caller hangs up during the consult: the leg ends with the call.
  d.send(directory());
  d.send({{"type", "consultClicked"}, {"target", "6"}});
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 30}});
  CHECK(d.view["call"]["transfer"]["consult"].is_null());
}

// ---- the target's side of a consult (D430), the consult leg across a reload (D431), fresh availability (D432) ----

namespace {

// Another agent consults this one about Ada (+1 415 555 0100, contact 7, open ticket 90): the sip connector's
// callRinging for an INVITE with X-Consult-Caller. Zendesk is asked who Ada is (reads), as for any ring.
void consultRingsAboutAda(LiveDriver& d) {
  json ring = test::ivrRing("k-1", "+14155550100");
  ring["consult"] = true;
  ring["attributes"] = {{"consultedBy", "6"}};
  d.send(ring);
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({test::zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200,
            {{"tickets", json::array({test::zendeskTicket(90, 7, "open", "2026-09-20T00:00:00Z")})}});
}

// What this agent's app asked Zendesk to change: every request but a read.
std::size_t zendeskWrites(const LiveDriver& d) {
  std::size_t n = 0;
  for (const auto& r : d.requests) n += r["method"] != "GET";
  return n;
}

json consultSnapshot(const LiveDriver& d) {
  auto p = d.effectsOfType("persist");
  REQUIRE(!p.empty());
  return p.back()["state"];
}

}  // namespace

TEST_CASE(
    "TR-10 consult target (D430): a consult call declined, cancelled while ringing or ended after talking writes "
    "nothing on the caller's ticket and leaves no call to call back") {
  for (const char* how : {"declined", "cancelled", "talked"}) {
    CAPTURE(how);
    LiveDriver d;
    d.registerApp();
    consultRingsAboutAda(d);
    CHECK(d.view["screen"] == "incoming");
    CHECK(d.view["call"]["contact"]["name"] == "Ada");  // the target sees who the consult is about
    if (std::string(how) == "declined") {
      d.send({{"type", "declineClicked"}});
    } else {
      if (std::string(how) == "talked") {
        d.send({{"type", "answerClicked"}});
        d.send({{"type", "callConnected"}, {"callId", "k-1"}});
        CHECK(d.view["screen"] == "call");
        d.advance(40'000);
      }
      d.send({{"type", "callEnded"}, {"callId", "k-1"}, {"reason", "abandoned"}});
      CHECK(d.effectsOfType("notify").back()["code"] == "CONSULT_CALL_ENDED");
    }
    CHECK(d.view["screen"] == "main");  // no wrap-up of an internal call
    for (int i = 0; i < 3; ++i) d.tickAfter(61'000);
    CHECK(zendeskWrites(d) == 0);
    CHECK(d.view["recentCalls"].empty());
  }
}

TEST_CASE(
    "TR-10 consult target (D430): once the caller is transferred onto the consult call it is the caller's call "
    "this agent answered: assigned to this agent and recorded on the caller's ticket") {
  LiveDriver d;
  d.registerApp();
  consultRingsAboutAda(d);
  d.send({{"type", "answerClicked"}});
  d.send({{"type", "callConnected"}, {"callId", "k-1"}});
  CHECK(zendeskWrites(d) == 0);
  d.send({{"type", "consultChanged"}, {"callId", "k-1"}, {"state", "transferred"}});
  CHECK(d.view["screen"] == "call");
  CHECK(d.view["call"]["id"] == "k-1");
  d.send({{"type", "callEnded"}, {"callId", "k-1"}, {"reason", "completed"}, {"durationSec", 60}});
  CHECK(d.view["screen"] == "wrapUp");
  d.send({{"type", "wrapUpDone"}});
  for (int i = 0; i < 4; ++i) d.tickAfter(61'000);
  bool assigned = false;
  for (const auto& r : d.requests) {
    if (r["method"] == "GET") continue;
    const auto& ticket = r["body"]["ticket"];
    if (ticket.value("assignee_id", 0) == 5) assigned = true;
  }
  CHECK(assigned);
  CHECK(zendeskWrites(d) > 0);
}

TEST_CASE("D431: a consult leg survives a reload as the snapshot keeps it, and a restored one checked like any input") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  consultingAlex(d);
  json state = consultSnapshot(d);
  REQUIRE(state["calls"].size() == 1);
  CHECK(state["calls"][0]["consultTarget"] == "6");
  CHECK(state["calls"][0]["consultState"] == "connected");

  LiveDriver reloaded;
  reloaded.send({{"type", "restore"}, {"state", state}});
  reloaded.registerApp();
  CHECK(reloaded.view["call"]["transfer"]["consult"] ==
        json({{"target", "6"}, {"name", nullptr}, {"state", "connected"}}));
  CHECK(reloaded.view["call"]["held"] == true);
  // The sip connector lost the leg with the page: the shim says so (consultChanged ended), never a phantom leg.
  reloaded.send({{"type", "consultChanged"}, {"callId", "c-1"}, {"state", "ended"}});
  CHECK(reloaded.view["call"]["transfer"]["consult"].is_null());
  CHECK(reloaded.view["banner"]["code"] == "CONSULT_ENDED");
  CHECK(reloaded.view["call"]["held"] == true);  // the caller is still on hold with the agent

  // A consult state the protocol does not name, or a target without its state, refuses the snapshot whole.
  for (auto [key, value] : {std::pair<const char*, json>{"consultState", "ringing"}, {"consultState", nullptr}}) {
    json bad = state;
    bad["calls"][0][key] = value;
    LiveDriver other;
    json answer = other.send({{"type", "restore"}, {"state", bad}});
    REQUIRE(answer.contains("error"));
    CHECK(answer["error"]["path"] == "/state/calls/0/consultState");
  }
  // A snapshot without the consult fields (every one written before) reads as before: no leg.
  json old = state;
  old["calls"][0].erase("consultTarget");
  old["calls"][0].erase("consultState");
  LiveDriver before;
  before.send({{"type", "restore"}, {"state", old}});
  before.registerApp();
  CHECK(before.view["call"]["transfer"].is_null());
}

TEST_CASE("D432: availability the connector has not confirmed for 90 s is shown as unknown, a fresh answer as it is") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  d.send(directory());
  CHECK(d.view["call"]["transfer"]["targets"][0]["availability"] == "available");
  CHECK(test::nextTickIn(d) == 90'001);  // the core wakes to say it, with no other event
  d.tickAfter(90'001);
  for (const auto& t : d.view["call"]["transfer"]["targets"]) CHECK(t["availability"] == "unknown");
  CHECK(targetNames(d.view) == std::vector<std::string>{"Zoe", "Alex", "Bo"});  // the connector's order
  d.send(directory());
  CHECK(d.view["call"]["transfer"]["targets"][0]["availability"] == "available");
}

TEST_CASE("D435: an agent in the wrap-up is shown so (not free yet), among the others in the connector's order") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  json report = directory();
  report["agents"][0]["availability"] = "wrapUp";  // Zoe finishes a call's work
  report["agents"][1]["availability"] = "busy";    // Alex is on a call
  report["agents"][3]["availability"] = "available";
  d.send(report);
  CHECK(targetNames(d.view) == std::vector<std::string>{"Bo", "Zoe", "Alex"});
  CHECK(d.view["call"]["transfer"]["targets"][1]["availability"] == "wrapUp");
  CHECK(d.view["call"]["transfer"]["targets"][2]["availability"] == "busy");
}

namespace {

json zendeskAgentsPage(std::initializer_list<std::pair<int, const char*>> agents, const char* after) {
  json users = json::array();
  for (auto [id, name] : agents) users.push_back({{"id", id}, {"name", name}, {"role", "agent"}, {"active", true}});
  json meta = {{"has_more", after != nullptr}, {"after_cursor", after ? json(after) : json(nullptr)}};
  return {{"users", users}, {"meta", meta}};
}

json directoryWithoutAgents() {
  return {{"type", "transferDirectory"}, {"agents", nullptr}, {"queues", json::array()}, {"consult", true}};
}

}  // namespace

TEST_CASE(
    "D433: a backend without a list of agents gets the account's agents from Zendesk (agents and admins, every "
    "page, availability unknown), listed once and kept, not per call") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  d.send(directoryWithoutAgents());
  auto first = d.pending("/api/v2/users.json");
  CHECK(first["method"] == "GET");
  CHECK(first["url"] == "/api/v2/users.json?role%5B%5D=agent&role%5B%5D=admin&page%5Bsize%5D=100");
  d.respond(first, 200, zendeskAgentsPage({{6, "Kim"}, {5, "Sam Agent"}}, "c2"));
  auto second = d.pending("/api/v2/users.json");
  CHECK(second["url"] == "/api/v2/users.json?role%5B%5D=agent&role%5B%5D=admin&page%5Bsize%5D=100&page%5Bafter%5D=c2");
  json last = zendeskAgentsPage({{8, "Bo"}, {9, "Gone"}}, nullptr);
  last["users"][1]["suspended"] = true;  // cannot take a call: not listed
  d.respond(second, 200, last);
  CHECK(targetNames(d.view) == std::vector<std::string>{"Kim", "Bo"});  // never the agent themself
  for (const auto& t : d.view["call"]["transfer"]["targets"]) CHECK(t["availability"] == "unknown");

  // The shim's refreshes and the next call: the kept list, no new request for ten minutes.
  std::size_t asked = d.requestsMatching("GET", "/api/v2/users.json").size();
  d.advance(30'000);
  d.send(directoryWithoutAgents());
  CHECK(targetNames(d.view) == std::vector<std::string>{"Kim", "Bo"});
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}});
  d.send({{"type", "wrapUpDone"}});
  d.advance(5 * 60'000);
  d.send(test::ivrRing("c-2", "+14155550100"));
  d.send({{"type", "answerClicked"}});
  d.send({{"type", "callConnected"}, {"callId", "c-2"}});
  d.send(directoryWithoutAgents());
  CHECK(targetNames(d.view) == std::vector<std::string>{"Kim", "Bo"});
  CHECK(d.requestsMatching("GET", "/api/v2/users.json").size() == asked);
  d.advance(10 * 60'000);
  d.send(directoryWithoutAgents());
  CHECK(d.requestsMatching("GET", "/api/v2/users.json").size() == asked + 1);  // old: listed again
}

TEST_CASE(
    "D433: a listing Zendesk refuses leaves the directory without agents and no error banner, asked again later") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  d.send(directoryWithoutAgents());
  d.respond("/api/v2/users.json", 403, {{"error", "Forbidden"}});
  CHECK(targetNames(d.view).empty());
  CHECK(d.view["banner"].is_null());
  std::size_t asked = d.requestsMatching("GET", "/api/v2/users.json").size();
  d.advance(30'000);
  d.send(directoryWithoutAgents());
  CHECK(d.requestsMatching("GET", "/api/v2/users.json").size() == asked);
  d.advance(31'000);
  d.send(directoryWithoutAgents());
  CHECK(d.requestsMatching("GET", "/api/v2/users.json").size() == asked + 1);
  // A connector with a list of its own (even an empty one) is never completed from Zendesk.
  LiveDriver other;
  other.registerApp();
  test::onCallWithAda(other);
  other.send(directory());
  CHECK(other.requestsMatching("GET", "/api/v2/users.json").empty());
}

TEST_CASE(
    "TR-10, fuzz finding 4: a waiting call the phone system transfers away leaves the list of waiting calls, its "
    "record waits in the sync list (never hidden) and is written, then the call is gone") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  // Grace rings beside Ada's call; Zendesk cannot be searched for her number yet.
  d.send(test::ivrRing("c-2", "+14155550199"));
  REQUIRE(d.view["otherCalls"].size() == 1);
  d.respond("/api/v2/search.json", 503, nullptr);

  // The queue moves her call to agent 9 before this agent took it.
  d.send({{"type", "callTransferred"}, {"callId", "c-2"}, {"toAgentId", 9}});
  CHECK(d.view["otherCalls"].empty());
  CHECK(d.view["call"]["id"] == "c-1");  // the agent stays on Ada's call
  // The search's retry is work the agent can see: the transferred call's record waits for it.
  CHECK(d.view["sync"]["state"] == "pending");
  bool listed = false;
  for (const auto& w : d.view["sync"]["writes"]) {
    listed = listed || (w["kind"] == "callRecord" && w["labelParams"]["number"] == "+14155550199");
  }
  CHECK(listed);

  d.tickAfter(nextTickIn(d));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({test::zendeskUser(8, "Grace", "+14155550199", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/8/tickets/requested.json", 200, {{"tickets", json::array()}});
  auto creates = d.requestsMatching("POST", "/api/v2/tickets.json");
  REQUIRE(creates.size() == 2);  // Ada's, then Grace's: the call that rang here is on record (TR-10)
  d.respond(creates.back(), 201, {{"ticket", test::zendeskTicket(91, 8, "open", "2026-09-21T00:00:00Z")}});
  bool graceKept = false;
  json persisted = d.lastPersistedState();  // kept: a loop over a temporary's member would read freed memory
  for (const auto& c : persisted["calls"]) graceKept = graceKept || c["id"] == "c-2";
  CHECK_FALSE(graceKept);
}

TEST_CASE(
    "TR consult, fuzz finding 7: a late callDialing for a connected call leaves it connected, its consult and "
    "buttons as they were") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  consultingAlex(d);
  json before = d.view["call"];
  REQUIRE(before["transfer"]["consult"]["state"] == "connected");

  d.send({{"type", "callDialing"}, {"callId", "c-1"}});  // the connector repeats itself
  CHECK(d.view["call"]["state"] == "connected");
  CHECK(d.view["call"]["can"] == before["can"]);
  CHECK(d.view["call"]["transfer"]["consult"] == before["transfer"]["consult"]);
}
