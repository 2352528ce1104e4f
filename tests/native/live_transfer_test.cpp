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
