// Issue 18 item 3 (D354): the caller card lists the caller's other recent tickets — the IN-1 lookup's requested
// tickets, newest update first, at most five, without the call's own ticket — and each opens with one click. Each
// test asserts what the agent sees (view.call.recentTickets) and where a click takes them (routeTo).
#include "live_driver.h"

using test::json;
using test::LiveDriver;

namespace {

// Ada's requested tickets as Zendesk answers them (not in order): 80 is her latest unsolved one, which IN-1 puts
// the call on; six others, one updated too long ago to be listed.
json adasTickets() {
  json t = json::array();
  t.push_back(test::zendeskTicket(84, 7, "solved", "2026-06-01T00:00:00Z"));
  t.push_back(test::zendeskTicket(80, 7, "open", "2026-09-20T00:00:00Z"));
  t.push_back(test::zendeskTicket(86, 7, "closed", "2026-04-01T00:00:00Z"));
  t.push_back(test::zendeskTicket(81, 7, "solved", "2026-09-10T08:30:00Z"));
  t.push_back(test::zendeskTicket(83, 7, "closed", "2026-07-01T00:00:00Z"));
  t.push_back(test::zendeskTicket(82, 7, "solved", "2026-08-01T00:00:00Z"));
  t.push_back(test::zendeskTicket(85, 7, "closed", "2026-05-01T00:00:00Z"));
  return t;
}

// Ada rings as c-1 and Zendesk finds her; her requested tickets are not answered yet.
void adaRings(LiveDriver& d) {
  d.send(test::ivrRing("c-1", "+14155550100"));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({test::zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
}

std::vector<long long> idsOf(const json& list) {
  std::vector<long long> ids;
  for (const auto& t : list) ids.push_back(t["id"].get<long long>());
  return ids;
}

}  // namespace

TEST_CASE("IN-1 caller card: the caller's five most recently updated other tickets, newest first, with status") {
  LiveDriver d;
  d.registerApp();
  adaRings(d);
  // While Zendesk has not listed her tickets the card lists none (a partial list would read as "no others").
  CHECK_FALSE(d.view["call"].contains("recentTickets"));
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", adasTickets()}});
  // IN-1: the latest unsolved one is shown above the list (and becomes the call's), so it is not in the list.
  REQUIRE(d.view["call"]["lookup"]["latestUnsolvedTicket"]["id"] == 80);
  const json& recent = d.view["call"]["recentTickets"];
  CHECK(idsOf(recent) == std::vector<long long>{81, 82, 83, 84, 85});
  CHECK(recent[0] ==
        json({{"id", 81}, {"subject", "Ticket 81"}, {"status", "solved"}, {"updatedAt", "2026-09-10T08:30:00Z"}}));
  CHECK(recent[1]["status"] == "solved");
  CHECK(recent[2]["status"] == "closed");

  // The card stays while the agent talks and in the wrap-up.
  d.send({{"type", "answerClicked"}});
  d.send({{"type", "callConnected"}, {"callId", "c-1"}});
  REQUIRE(d.view["call"]["ticket"]["id"] == 80);
  CHECK(idsOf(d.view["call"]["recentTickets"]) == std::vector<long long>{81, 82, 83, 84, 85});
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 42}});
  REQUIRE(d.view["screen"] == "wrapUp");
  CHECK(idsOf(d.view["call"]["recentTickets"]) == std::vector<long long>{81, 82, 83, 84, 85});
}

TEST_CASE("IN-1 caller card: a caller with no other ticket and an unknown caller list nothing (the view as before)") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);  // Ada has no tickets; her call's ticket 90 was created
  REQUIRE(d.view["call"]["ticket"]["id"] == 90);
  CHECK_FALSE(d.view["call"].contains("recentTickets"));

  LiveDriver unknown;
  unknown.registerApp();
  unknown.send(test::ivrRing("c-2", "+14155550199"));
  unknown.respond("/api/v2/search.json", 200, {{"results", json::array()}});
  CHECK(unknown.view["call"]["contact"].is_null());
  CHECK_FALSE(unknown.view["call"].contains("recentTickets"));
}

TEST_CASE("IN-1 caller card, TR-13: a listed ticket opens with one click, a ticket the card does not list does not") {
  LiveDriver d;
  d.registerApp();
  adaRings(d);
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", adasTickets()}});
  std::size_t before = d.effectsOfType("routeTo").size();
  d.send({{"type", "openTicketClicked"}, {"ticketId", 86}});  // Ada's, but not on the card (sixth)
  d.send({{"type", "openTicketClicked"}, {"ticketId", 999}});
  CHECK(d.effectsOfType("routeTo").size() == before);
  d.send({{"type", "openTicketClicked"}, {"ticketId", 83}});
  REQUIRE(d.effectsOfType("routeTo").size() == before + 1);
  CHECK(d.effectsOfType("routeTo").back() == json({{"type", "routeTo"}, {"target", "ticket"}, {"id", 83}}));
}
