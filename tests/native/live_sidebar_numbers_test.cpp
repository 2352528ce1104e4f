// FO-5c, the ticket sidebar's Call menu: the requester's phone numbers are looked up by the top bar's core (the
// app's single writer), within the agent's request budget and with the lookups' retries, and answered to the
// sidebar instance that asked (`sidebarNumbers` effect, docs/adapter-protocol.md).
#include <string>

#include "live_driver.h"

using test::json;
using test::LiveDriver;

namespace {

const char* const kIdentities = "/api/v2/users/300/identities.json";

json numbersWanted(long long ticketId, long long requesterId, const std::string& replyTo) {
  return {
      {"type", "requesterNumbersWanted"}, {"ticketId", ticketId}, {"requesterId", requesterId}, {"replyTo", replyTo}};
}

json identity(const std::string& type, const std::string& value, bool primary) {
  return {{"type", type}, {"value", value}, {"primary", primary}};
}

json adasIdentities() {
  return {{"identities",
           json::array({identity("phone_number", " +1 555 0100 ", false), identity("email", "ada@example.com", true),
                        identity("phone_number", "+49 30 1234", true), identity("phone_number", "+1 555 0100", false),
                        identity("phone_number", "   ", false)})}};
}

std::vector<json> answersTo(const LiveDriver& d, const std::string& sidebar) {
  std::vector<json> out;
  for (const auto& e : d.effectsOfType("sidebarNumbers")) {
    if (e["to"] == sidebar) out.push_back(e);
  }
  return out;
}

// An inbound call whose caller is found: search, the caller's tickets, then the ticket create (a write).
long long createWaitsUntil(LiveDriver& d) {
  d.send(test::ivrRing("c-1", "+14155550100"));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({test::zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  for (const auto& w : d.view["sync"]["writes"]) {
    if (w["kind"] == "createTicket" && w["nextAttemptMs"].is_number()) return w["nextAttemptMs"].get<long long>();
  }
  return 0;
}

}  // namespace

TEST_CASE(
    "FO-5c: the sidebar's ask becomes one identities request, answered to that sidebar, primary first, each once") {
  LiveDriver d;
  d.registerApp();
  d.send(numbersWanted(42, 300, "side-1"));
  auto request = d.pending(kIdentities);
  CHECK(request["method"] == "GET");
  CHECK(request["url"] == "/api/v2/users/300/identities.json?type%5B%5D=phone_number&per_page=100");
  CHECK(answersTo(d, "side-1").empty());  // nothing until Zendesk answered

  d.respond(request, 200, adasIdentities());
  auto answers = answersTo(d, "side-1");
  REQUIRE(answers.size() == 1);
  CHECK(answers[0] == json{{"type", "sidebarNumbers"},
                           {"to", "side-1"},
                           {"ticketId", 42},
                           {"requesterId", 300},
                           {"numbers", {"+49 30 1234", "+1 555 0100"}},
                           {"state", "loaded"}});
  CHECK(d.view["banner"].is_null());
  CHECK(d.view["screen"] == "main");  // the top bar's own view does not change for a sidebar's ask
}

TEST_CASE("FO-5c: numbers the core already has are answered at once, with no second request") {
  LiveDriver d;
  d.registerApp();
  d.send(numbersWanted(42, 300, "side-1"));
  d.respond(kIdentities, 200, adasIdentities());
  auto answer = d.send(numbersWanted(43, 300, "side-2"));  // another ticket of the same requester
  REQUIRE(answer["effects"].size() == 1);
  CHECK(answer["effects"][0]["to"] == "side-2");
  CHECK(answer["effects"][0]["ticketId"] == 43);
  CHECK(answer["effects"][0]["numbers"] == json({"+49 30 1234", "+1 555 0100"}));
  CHECK(d.requestsMatching("GET", "/identities.json").size() == 1);
}

TEST_CASE("FO-5c: two sidebars asking for the same requester share one lookup and both are answered") {
  LiveDriver d;
  d.registerApp();
  d.send(numbersWanted(42, 300, "side-1"));
  d.send(numbersWanted(43, 300, "side-2"));
  d.send(numbersWanted(42, 300, "side-1"));  // the same sidebar asking again is still one ask
  CHECK(d.requestsMatching("GET", "/identities.json").size() == 1);
  d.respond(kIdentities, 200, adasIdentities());
  CHECK(answersTo(d, "side-1").size() == 1);
  CHECK(answersTo(d, "side-2").size() == 1);
}

TEST_CASE(
    "FO-5c: Zendesk failing is retried with backoff, and after the lookup's tries the sidebar hears failed, and a new "
    "ask "
    "tries again") {
  LiveDriver d;
  d.registerApp();
  d.send(numbersWanted(42, 300, "side-1"));
  int tries = 0;
  while (d.hasUnanswered(kIdentities) && tries < 20) {
    ++tries;
    d.respond(kIdentities, 503, {{"error", "Unavailable"}});
    if (!answersTo(d, "side-1").empty()) break;
    CHECK_FALSE(d.hasUnanswered(kIdentities));  // not at once: the retry waits for its backoff
    d.tickAfter(120000);
  }
  CHECK(tries == 8);  // the lookups' tries (lookups.cpp)
  auto answers = answersTo(d, "side-1");
  REQUIRE(answers.size() == 1);
  CHECK(answers[0]["state"] == "failed");
  CHECK(answers[0]["numbers"] == json::array());

  // The sidebar's Retry: a new round of tries, and this time Zendesk answers.
  d.send(numbersWanted(42, 300, "side-1"));
  CHECK(d.requestsMatching("GET", "/identities.json").size() == 9);
  d.respond(kIdentities, 200, adasIdentities());
  answers = answersTo(d, "side-1");
  REQUIRE(answers.size() == 2);
  CHECK(answers[1]["state"] == "loaded");
}

TEST_CASE("FO-5c: a 429 on the sidebar's lookup waits for Retry-After before asking again") {
  LiveDriver d;
  d.registerApp();
  d.send(numbersWanted(42, 300, "side-1"));
  d.respond(d.pending(kIdentities), 429, {{"error", "TooManyRequests"}}, 7);
  d.tickAfter(6999);
  CHECK_FALSE(d.hasUnanswered(kIdentities));
  d.tickAfter(8000);  // Retry-After plus its jitter (at most half of it)
  CHECK(d.hasUnanswered(kIdentities));
  CHECK(answersTo(d, "side-1").empty());  // a 429 is waited out, not reported
}

TEST_CASE("FO-5c and the request budget: the sidebar's lookup counts toward requestBudgetPerMinute") {
  json settings{{"requestBudgetPerMinute", 3}};
  // Without the sidebar: the search and the tickets lookup leave room for the create, sent at once.
  LiveDriver alone;
  alone.registerApp(settings);
  CHECK(createWaitsUntil(alone) == 0);
  CHECK(alone.requestsMatching("POST", "/api/v2/tickets.json").size() == 1);

  // With the sidebar's lookup a minute's budget is used up: the create waits for the minute of that lookup.
  LiveDriver d;
  d.registerApp(settings);
  long long asked = d.nowMs;
  d.send(numbersWanted(42, 300, "side-1"));
  d.advance(1000);
  CHECK(createWaitsUntil(d) == asked + 60001);
  CHECK(d.requestsMatching("POST", "/api/v2/tickets.json").empty());
  d.tickAfter(asked + 60001 - d.nowMs);
  CHECK(d.requestsMatching("POST", "/api/v2/tickets.json").size() == 1);
}

TEST_CASE("FO-5c: an ask without a sidebar to answer, or with bad ids, is refused and changes nothing") {
  LiveDriver d;
  d.registerApp();
  for (const json& bad : {json{{"type", "requesterNumbersWanted"}, {"ticketId", 42}, {"requesterId", 300}},
                          numbersWanted(42, 300, ""), numbersWanted(42, 300, std::string(129, 'g')),
                          numbersWanted(42, 0, "side-1"), numbersWanted(-1, 300, "side-1")}) {
    auto answer = d.send(bad);
    REQUIRE(answer.contains("error"));
    CHECK(answer["error"]["code"] == "INVALID_REQUEST");
  }
  CHECK(d.requests.empty());
  CHECK(d.send(numbersWanted(42, 300, std::string(128, 'g')))["effects"].size() >= 1);  // 128 bytes is a guid
}
