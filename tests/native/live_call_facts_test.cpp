// Transfers, reloads and shared numbers keep the call's facts: the duration, the caller, the ticket's
// subject, the assignment and the call-finished record survive a transfer and a reload, and a contact the agent
// chooses gets its ticket assigned. Each test names the rules it pins; each asserts what the agent sees (the view)
// and what Zendesk would receive (the requests).
#include "live_driver.h"

using test::json;
using test::LiveDriver;
using test::zendeskTicket;
using test::zendeskUser;

namespace {

// SF-2: the end-of-call data go into these ticket fields.
const json kSettings = {{"fieldMap", R"({"duration": 360001, "waitTime": 360002, "holdTime": 360003})"}};

json factsRing(const std::string& callId, const std::string& ani) {
  return {{"type", "callRinging"}, {"callId", callId},      {"ani", ani},       {"dnis", "+18005550000"},
          {"sessionType", "ivr"},  {"menuPath", "Support"}, {"queue", nullptr}, {"language", "en"}};
}

json ticketAssignedTo(long long id, long long requester, long long assignee) {
  json t = zendeskTicket(id, requester, "open", "2026-09-21T00:00:00Z");
  t["subject"] = "Router keeps rebooting";
  t["assignee_id"] = assignee;
  return t;
}

// Ada (contact 7) calls; the look-ups answer; ticket 90 is created (assigned to this agent, 5) when `createLands`;
// the agent answers 2 s after the ring.
void answeredAdaCall(LiveDriver& d, bool createLands = true) {
  d.send(factsRing("c-1", "+1 415 555 0100"));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  if (createLands) d.respond("/api/v2/tickets.json", 201, {{"ticket", ticketAssignedTo(90, 7, 5)}});
  d.send({{"type", "answerClicked"}});
  d.advance(2000);
  d.send({{"type", "callConnected"}, {"callId", "c-1"}});
}

// Answers every update of the ticket as Zendesk would, one at a time and in order (the assignee as written).
void answerUpdates(LiveDriver& d, long long ticket) {
  long long assignee = 5;
  std::string url = "/api/v2/tickets/" + std::to_string(ticket) + ".json";
  while (d.hasUnanswered(url)) {
    json put = d.pending(url);
    if (put["body"]["ticket"].contains("assignee_id")) assignee = put["body"]["ticket"]["assignee_id"];
    d.respond(put, 200, {{"ticket", ticketAssignedTo(ticket, 7, assignee)}});
  }
}

// After a reload the caller is looked up again before the rules run (the directory is not all persisted).
void answerLookups(LiveDriver& d) {
  if (d.hasUnanswered("/api/v2/search.json")) {
    d.respond("/api/v2/search.json", 200,
              {{"results", json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  }
  if (d.hasUnanswered("/api/v2/users/7/tickets/requested.json")) {
    d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array({ticketAssignedTo(90, 7, 5)})}});
  }
}

std::vector<json> updatesOf(const LiveDriver& d, long long ticket) {
  return d.requestsMatching("PUT", "/api/v2/tickets/" + std::to_string(ticket) + ".json");
}

std::string commentOf(const json& put) {
  const auto& t = put["body"]["ticket"];
  return t.contains("comment") ? std::string(t["comment"]["body"].get<std::string>()) : "";
}

int countContaining(const std::vector<json>& requests, const std::string& text) {
  int n = 0;
  for (const auto& r : requests) n += r["body"].dump().find(text) != std::string::npos ? 1 : 0;
  return n;
}

json fieldValue(const std::vector<json>& puts, long long fieldId) {
  json value;
  for (const auto& p : puts) {
    for (const auto& f : p["body"]["ticket"].value("custom_fields", json::array())) {
      if (f["id"] == fieldId) value = f["value"];
    }
  }
  return value;
}

// The assignee Zendesk is left with: the last assignee_id among the updates, in the order they were sent.
json lastAssignee(const std::vector<json>& puts) {
  json assignee;
  for (const auto& p : puts) {
    if (p["body"]["ticket"].contains("assignee_id")) assignee = p["body"]["ticket"]["assignee_id"];
  }
  return assignee;
}

json lastPersisted(const LiveDriver& d) {
  auto persisted = d.effectsOfType("persist");
  REQUIRE(!persisted.empty());
  return persisted.back()["state"];
}

// The agent's tab reloads: a new adapter gets the last snapshot back.
void reloadWithFieldMap(const LiveDriver& from, LiveDriver& to, const json& settings = kSettings) {
  to.nowMs = from.nowMs;
  to.registerApp(settings);
  auto answer = to.send({{"type", "restore"}, {"state", lastPersisted(from)}});
  REQUIRE(!answer.contains("error"));
}

}  // namespace

TEST_CASE(
    "SF-2/TR-11/TR-10: a transferred call keeps its duration (hold included, from the core's clock), the "
    "call-finished note and end fields are written once, then the receiving agent's assignment, which stays") {
  LiveDriver d;
  d.registerApp(kSettings);
  answeredAdaCall(d);
  d.advance(30000);
  d.send({{"type", "callHoldChanged"}, {"callId", "c-1"}, {"held", true}});
  d.advance(15000);
  d.send({{"type", "callHoldChanged"}, {"callId", "c-1"}, {"held", false}});
  d.advance(50000);
  d.send({{"type", "transferClicked"}, {"target", "9"}});
  CHECK(d.effectsOfType("telephony").back()["command"] == "transfer");
  // The connector's event carries no timings: the core's own clock gives them.
  d.send({{"type", "callTransferred"}, {"callId", "c-1"}, {"toAgentId", 9}});

  CHECK(d.view["screen"] == "wrapUp");
  CHECK(d.view["call"]["durationSec"] == 95);  // connected 95 s, the 15 s on hold included
  answerUpdates(d, 90);
  d.send({{"type", "noteChanged"}, {"text", "Passed to billing"}});
  d.send({{"type", "wrapUpDone"}});
  answerUpdates(d, 90);
  CHECK(d.view["sync"]["pending"] == 0);

  auto puts = updatesOf(d, 90);
  CHECK(countContaining(d.requests, "Call finished (c-1)") == 1);  // written once
  std::size_t finished = puts.size(), assigned = puts.size();
  for (std::size_t i = 0; i < puts.size(); ++i) {
    if (commentOf(puts[i]).find("Call finished (c-1)") != std::string::npos) finished = i;
    if (puts[i]["body"]["ticket"].value("assignee_id", 0) == 9) assigned = i;
  }
  REQUIRE(finished < puts.size());
  CHECK(commentOf(puts[finished]).find("Duration 1m 35s (hold included). Wait 0m 2s. Hold 0m 15s.") !=
        std::string::npos);
  CHECK(fieldValue(puts, 360001) == "95");  // SF-2
  CHECK(fieldValue(puts, 360002) == "2");
  CHECK(fieldValue(puts, 360003) == "15");
  REQUIRE(assigned < puts.size());  // TR-10: the receiving agent
  CHECK(finished <= assigned);
  CHECK(lastAssignee(puts) == 9);  // nothing written after it gives the ticket back
  CHECK(countContaining(puts, "Call transferred to agent 9.") == 1);
  CHECK(countContaining(puts, "Agent note:\\nPassed to billing") == 1);
}

TEST_CASE("SF-2/TR-11: a transfer to a queue with the connector's own timings: they are shown and written") {
  LiveDriver d;
  d.registerApp(kSettings);
  answeredAdaCall(d);
  d.advance(10000);
  d.send({{"type", "callTransferred"},
          {"callId", "c-1"},
          {"toAgentId", nullptr},
          {"durationSec", 200},
          {"waitSec", 7},
          {"holdSec", 30}});
  CHECK(d.view["screen"] == "wrapUp");
  CHECK(d.view["call"]["durationSec"] == 200);
  d.send({{"type", "wrapUpDone"}});  // the call's closing comment waits for its wrap-up (D334)
  answerUpdates(d, 90);
  auto puts = updatesOf(d, 90);
  CHECK(countContaining(puts, "Call finished (c-1). Duration 3m 20s (hold included). Wait 0m 7s. Hold 0m 30s.") == 1);
  CHECK(fieldValue(puts, 360001) == "200");
  CHECK(countContaining(puts, "Call transferred.") == 1);
  CHECK(lastAssignee(puts).is_null());  // no Zendesk agent to assign: the assignment stays as it was
}

TEST_CASE(
    "TR-10/SF-2: a reload while the transfer waits for its ticket's create still assigns the receiving agent and "
    "writes the finished note with the call's duration") {
  LiveDriver d;
  d.registerApp(kSettings);
  answeredAdaCall(d, false);  // the ticket's create is still on its way
  d.advance(60000);
  d.send({{"type", "callTransferred"}, {"callId", "c-1"}, {"toAgentId", 9}});
  CHECK(d.view["call"]["durationSec"] == 60);
  json create = d.pending("/api/v2/tickets.json");

  LiveDriver reloaded;
  reloadWithFieldMap(d, reloaded);
  CHECK(reloaded.view["screen"] == "wrapUp");
  CHECK(reloaded.view["call"]["durationSec"] == 60);
  // The create that was in flight is settled before anything else: sent again with its Idempotency-Key, it is
  // answered with the ticket it made.
  reloaded.tickAfter(10000);
  json found = ticketAssignedTo(90, 7, 5);
  found["external_id"] = "c-1";
  reloaded.respond(reloaded.pending("/api/v2/tickets.json"), 201, {{"ticket", found}});
  answerLookups(reloaded);
  answerUpdates(reloaded, 90);
  auto puts = updatesOf(reloaded, 90);
  CHECK(countContaining(puts, "Call finished (c-1). Duration 1m 0s (hold included).") == 1);
  CHECK(fieldValue(puts, 360001) == "60");
  CHECK(lastAssignee(puts) == 9);
}

TEST_CASE(
    "TR-2/TR-10: the agent answers a shared-number call, then chooses the contact: the ticket is created on it, "
    "assigned to the agent and shown") {
  LiveDriver d;
  d.registerApp();
  d.send(factsRing("c-4", "+1 415 555 0100"));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z"),
                                      zendeskUser(8, "Bob", "+14155550100", "2026-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/8/tickets/requested.json", 200, {{"tickets", json::array()}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  d.send({{"type", "answerClicked"}});
  d.send({{"type", "callConnected"}, {"callId", "c-4"}});
  REQUIRE(d.view["call"]["contactOptions"].size() == 2);
  CHECK(d.requestsMatching("POST", "/api/v2/tickets.json").empty());  // TR-2: not before it is settled

  d.send({{"type", "contactChosen"}, {"contactId", 7}});
  auto create = d.pending("/api/v2/tickets.json");
  CHECK(create["body"]["ticket"]["requester_id"] == 7);
  CHECK(create["body"]["ticket"]["assignee_id"] == 5);  // TR-10: the answering agent
  d.respond(create, 201, {{"ticket", ticketAssignedTo(90, 7, 5)}});
  CHECK(d.view["call"]["ticket"]["id"] == 90);
  CHECK(d.view["call"]["contact"]["name"] == "Ada");
  CHECK(d.view["call"]["contactOptions"].empty());
  REQUIRE(d.effectsOfType("routeTo").size() == 1);  // TR-13
  CHECK(d.effectsOfType("routeTo")[0]["id"] == 90);

  d.send({{"type", "callEnded"}, {"callId", "c-4"}, {"reason", "completed"}, {"durationSec", 40}});
  d.send({{"type", "wrapUpDone"}});
  answerUpdates(d, 90);
  CHECK(d.requestsMatching("POST", "/api/v2/tickets.json").size() == 1);
  // D334: the ticket this call created holds its data as the description; "finished, 40 s" alone adds no comment.
  CHECK(countContaining(updatesOf(d, 90), "Call finished (c-4)") == 0);
  auto assignee = lastAssignee(updatesOf(d, 90));
  CHECK((assignee.is_null() || assignee == 5));  // nothing took the ticket away from the agent
}

TEST_CASE(
    "TR-2/TR-10: nobody chose among the contacts sharing the number: the newest gets the ticket, assigned to "
    "the agent who answered") {
  LiveDriver d;
  d.registerApp();
  d.send(factsRing("c-4", "+1 415 555 0100"));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z"),
                                      zendeskUser(8, "Bob", "+14155550100", "2026-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/8/tickets/requested.json", 200, {{"tickets", json::array()}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  d.send({{"type", "answerClicked"}});
  d.send({{"type", "callConnected"}, {"callId", "c-4"}});
  d.send({{"type", "callEnded"}, {"callId", "c-4"}, {"reason", "completed"}, {"durationSec", 40}});
  auto create = d.pending("/api/v2/tickets.json");
  CHECK(create["body"]["ticket"]["requester_id"] == 8);  // TR-2: the most recently created
  CHECK(create["body"]["ticket"]["assignee_id"] == 5);   // TR-10
}

TEST_CASE("IN-1/SF-2: a reload during wrap-up keeps the caller's name, the ticket's subject and the duration") {
  LiveDriver d;
  d.registerApp(kSettings);
  answeredAdaCall(d);
  d.advance(125000);
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 125}, {"waitSec", 2}});
  answerUpdates(d, 90);
  d.send({{"type", "noteChanged"}, {"text", "Sent a new router"}});
  REQUIRE(d.view["screen"] == "wrapUp");

  LiveDriver reloaded;
  reloadWithFieldMap(d, reloaded);
  auto call = reloaded.view["call"];
  CHECK(reloaded.view["screen"] == "wrapUp");
  CHECK(call["contact"]["name"] == "Ada");
  CHECK(call["ticket"]["id"] == 90);
  CHECK(call["ticket"]["subject"] == "Router keeps rebooting");
  CHECK(call["ticket"]["status"] == "open");
  CHECK(call["durationSec"] == 125);
  CHECK(call["note"] == "Sent a new router");
  CHECK(reloaded.requests.empty());  // nothing asked again, nothing written again
  reloaded.send({{"type", "wrapUpDone"}});
  answerUpdates(reloaded, 90);
  // D334: the call's summary waited for the wrap-up across the reload, and leaves with the note as one comment.
  CHECK(countContaining(updatesOf(d, 90), "Call finished") == 0);
  CHECK(countContaining(updatesOf(reloaded, 90), "Agent note:\\nSent a new router") == 1);
  CHECK(countContaining(updatesOf(reloaded, 90),
                        "Call finished (c-1). Duration 2m 5s (hold included). Wait 0m 2s."
                        "\\n\\nAgent note:\\nSent a new router") == 1);
}

TEST_CASE("IN-1/PF-1/SF-2: a reload mid-call keeps the caller, the ticket, hold time and the rules' decision") {
  LiveDriver d;
  d.registerApp(kSettings);
  answeredAdaCall(d);
  d.advance(10000);
  d.send({{"type", "callHoldChanged"}, {"callId", "c-1"}, {"held", true}});
  d.advance(20000);
  json before = d.view["call"];

  LiveDriver reloaded;
  reloadWithFieldMap(d, reloaded);
  auto call = reloaded.view["call"];
  CHECK(reloaded.view["screen"] == "call");
  CHECK(call["contact"]["name"] == "Ada");
  CHECK(call["ticket"]["subject"] == "Router keeps rebooting");
  CHECK(call["held"] == true);
  CHECK(call["decision"] == before["decision"]);
  CHECK(call["lookup"] == before["lookup"]);
  reloaded.advance(10000);
  reloaded.send({{"type", "callHoldChanged"}, {"callId", "c-1"}, {"held", false}});
  reloaded.advance(5000);
  reloaded.send({{"type", "callTransferred"}, {"callId", "c-1"}, {"toAgentId", 9}});
  CHECK(reloaded.view["call"]["durationSec"] == 45);  // connected at 0, transferred at 45 s
  answerLookups(reloaded);
  answerUpdates(reloaded, 90);
  CHECK(fieldValue(updatesOf(reloaded, 90), 360003) == "30");  // the hold before and after the reload
}

TEST_CASE("FO-5b/IN-1: a reload during an outbound call keeps the contact's name and the ticket's subject") {
  LiveDriver d;
  d.registerApp();
  json ticket = zendeskTicket(42, 7, "open", "2026-09-01T00:00:00Z");
  ticket["subject"] = "Billing question";
  std::string callId = test::clickToCallAda(d, json::array({ticket}));
  d.send({{"type", "callConnected"}, {"callId", callId}});
  REQUIRE(d.view["call"]["contact"]["name"] == "Ada");
  REQUIRE(d.view["call"]["ticket"]["subject"] == "Billing question");

  LiveDriver reloaded;
  reloadWithFieldMap(d, reloaded, json::object());
  CHECK(reloaded.view["call"]["contact"]["name"] == "Ada");
  CHECK(reloaded.view["call"]["ticket"]["id"] == 42);
  CHECK(reloaded.view["call"]["ticket"]["subject"] == "Billing question");
}

TEST_CASE("Reload: persisted records go through Zendesk's checks, a malformed one is left out, the rest restored") {
  LiveDriver d;
  d.registerApp(kSettings);
  answeredAdaCall(d);
  json state = lastPersisted(d);
  REQUIRE(state["directory"]["contacts"].size() == 1);  // only what the call shows: Ada and ticket 90
  REQUIRE(state["directory"]["tickets"].size() == 1);
  state["directory"]["contacts"].push_back({{"id", "eight"}, {"name", 8}});
  state["directory"]["tickets"].push_back({{"id", 91}, {"requesterId", 7}, {"status", "exploded"}});
  state["directory"]["tickets"].push_back("not a ticket");
  state["calls"][0]["lookup"]["latestUnsolvedTicket"] = {{"status", "open"}};

  LiveDriver reloaded;
  reloaded.registerApp(kSettings);
  auto answer = reloaded.send({{"type", "restore"}, {"state", state}});
  REQUIRE(!answer.contains("error"));
  CHECK(reloaded.view["call"]["contact"]["name"] == "Ada");
  CHECK(reloaded.view["call"]["ticket"]["subject"] == "Router keeps rebooting");
  CHECK(reloaded.view["call"]["lookup"]["latestUnsolvedTicket"].is_null());
  // The restored snapshot is what is persisted next: the malformed records are gone from it.
  reloaded.send({{"type", "noteChanged"}, {"text", "x"}});
  auto again = lastPersisted(reloaded);
  CHECK(again["directory"]["contacts"].size() == 1);
  CHECK(again["directory"]["tickets"].size() == 1);
}
