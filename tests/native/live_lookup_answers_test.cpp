// Zendesk's answers to the lookups, read at the edge into records (live/zendesk_records.h): what a search, a user,
// a user's tickets, a ticket and a user's phone identities answer carries is kept, and what the rules could not
// read is left out, whatever else the answer holds.
#include <string>

#include "live_driver.h"

using test::json;
using test::LiveDriver;
using test::zendeskTicket;
using test::zendeskUser;

TEST_CASE("IN-1/TR-2: a search answer's usable users are the caller's contacts, other records and ids are left out") {
  LiveDriver d;
  d.registerApp();
  d.send(test::ivrRing("c-1", "+14155550100"));
  json ticketResult = {{"id", 7}, {"result_type", "ticket"}, {"subject", "not a user"}};
  json textId = zendeskUser(8, "Text id", "+14155550100", "2025-01-01T00:00:00Z");
  textId["id"] = "8";
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({ticketResult, "x", nullptr, textId,
                                      zendeskUser(9, "Ada", "+14155550100", "2025-01-01T00:00:00Z"),
                                      // matched on another of Bob's phone identities: the number is his too
                                      zendeskUser(10, "Bob", "+1 415 555 0199", "2026-01-01T00:00:00Z")})}});
  CHECK(d.requestsMatching("GET", "/api/v2/users/7/").empty());
  CHECK(d.requestsMatching("GET", "/api/v2/users/8/").empty());
  d.respond("/api/v2/users/10/tickets/requested.json", 200, {{"tickets", json::array()}});
  d.respond("/api/v2/users/9/tickets/requested.json", 200, {{"tickets", json::array()}});
  auto options = d.view["call"]["contactOptions"];
  REQUIRE(options.size() == 2);  // TR-2: two contacts, the agent settles who is calling (newest first)
  CHECK(options[0] == json{{"id", 10}, {"name", "Bob"}});
  CHECK(options[1] == json{{"id", 9}, {"name", "Ada"}});
  CHECK(d.requestsMatching("POST", "/api/v2/users.json").empty());  // a known caller is never made a new contact
}

TEST_CASE("IN-1: a requested-tickets answer keeps the tickets the rules can read, the others are left out") {
  LiveDriver d;
  d.registerApp();
  d.send(test::ivrRing("c-1", "+14155550100"));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  json unknownStatus = zendeskTicket(43, 7, "archived", "2026-09-20T00:00:00Z");
  json noRequester = zendeskTicket(44, 7, "open", "2026-09-20T00:00:00Z");
  noRequester.erase("requester_id");
  d.respond("/api/v2/users/7/tickets/requested.json", 200,
            {{"tickets",
              json::array({5, unknownStatus, noRequester, zendeskTicket(42, 7, "pending", "2026-09-01T00:00:00Z")})}});
  CHECK(d.view["call"]["contact"]["name"] == "Ada");
  CHECK(d.view["call"]["lookup"]["latestUnsolvedTicket"]["id"] == 42);
}

namespace {

bool ticketNotFound(const json& view) {
  for (const auto& e : view["outbound"]["errors"]) {
    if (e["code"] == "TICKET_NOT_FOUND") return true;
  }
  return false;
}

// FO-5b click-to-call from ticket `ticketId` of Ada (contact 7), whose ticket lookup Zendesk answers with `answer`.
void clickToCallFromTicket(LiveDriver& d, long long ticketId, const json& answer) {
  d.registerApp();
  d.send({{"type", "dialout"}, {"number", "+14155550100"}, {"userId", 7}, {"ticketId", ticketId}});
  d.respond(d.pending("/api/v2/tickets/" + std::to_string(ticketId) + ".json"), 200, answer);
  if (d.hasUnanswered("/api/v2/users/7.json")) {
    d.respond("/api/v2/users/7.json", 200, {{"user", zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")}});
  }
  if (d.hasUnanswered("/api/v2/users/7/tickets/requested.json")) {
    d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  }
}

}  // namespace

TEST_CASE("FO-5b: a ticket answer keeps its ticket, a ticket with a status the rules do not know is not found") {
  LiveDriver d;
  clickToCallFromTicket(d, 40,
                        {{"ticket", zendeskTicket(40, 7, "open", "2026-09-01T00:00:00Z")},
                         {"users", json::array({"x", zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  CHECK(d.view["screen"] == "outbound");
  CHECK_FALSE(ticketNotFound(d.view));
  CHECK(d.view["outbound"]["canCall"] == true);

  LiveDriver unknown;
  clickToCallFromTicket(unknown, 41, {{"ticket", zendeskTicket(41, 7, "deleted", "2026-09-01T00:00:00Z")}});
  CHECK(ticketNotFound(unknown.view));
  CHECK(unknown.view["banner"].is_null());
}

TEST_CASE("IN-1: a search answered 200 without its results list is asked again, never taken as an unknown caller") {
  LiveDriver d;
  d.registerApp();
  d.send(test::ivrRing("c-1", "+14155550100"));
  for (const json& unreadable : {json(), json::array(), json{{"results", "x"}}, json::object()}) {
    d.respond("/api/v2/search.json", 200, unreadable);
    CHECK(d.view["call"]["lookupState"] == "searching");
    CHECK_FALSE(d.hasUnanswered("/api/v2/search.json"));  // asked again after its backoff, not at once
    d.tickAfter(120000);
  }
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  CHECK(d.view["call"]["contact"]["name"] == "Ada");
  CHECK(d.requestsMatching("POST", "/api/v2/users.json").empty());
}

TEST_CASE("FO-5c: identities answered 200 without their list are retried, then the sidebar hears failed, not none") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "requesterNumbersWanted"}, {"ticketId", 42}, {"requesterId", 300}, {"replyTo", "side-1"}});
  int tries = 0;
  while (d.hasUnanswered("/api/v2/users/300/identities.json") && tries < 20) {
    ++tries;
    d.respond("/api/v2/users/300/identities.json", 200, {{"identities", nullptr}});
    d.tickAfter(120000);
  }
  CHECK(tries == 8);  // the lookups' tries, as for a lost answer
  auto answers = d.effectsOfType("sidebarNumbers");
  REQUIRE(answers.size() == 1);
  CHECK(answers[0]["state"] == "failed");
  CHECK(d.view["banner"]["code"] == "LOOKUP_FAILED");
}
