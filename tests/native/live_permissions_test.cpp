// A plain agent's role on a real account (issue 17 item 4): what the app does when Zendesk refuses a request the
// agent's role does not allow. Zendesk's Create User is for admins and agents in custom roles with permission to
// manage end users (docs/zendesk-requests.md); the others get 403 Forbidden.
#include "live_driver.h"

using test::json;
using test::LiveDriver;
using test::zendeskTicket;

namespace {

// Zendesk's answer to a request the role does not allow (the stand-in answers the same: sandbox/zendesk).
const json kForbidden = {{"error", "Forbidden"},
                         {"description",
                          "You do not have access to this page. Please contact the account owner of this help desk "
                          "for further help."}};

json unknownCallerRings(LiveDriver& d) {
  d.send({{"type", "callRinging"}, {"callId", "c-1"}, {"ani", "+1 415 555 0177"}, {"sessionType", "ivr"}});
  return d.respond("/api/v2/search.json", 200, {{"results", json::array()}});
}

}  // namespace

TEST_CASE("FO-3a/TR-11: a role that may not add end users: the call is still recorded, without a new contact") {
  LiveDriver d;
  d.registerApp();
  unknownCallerRings(d);
  auto user = d.pending("/api/v2/users");
  CHECK(user["method"] == "POST");
  d.respond(user, 403, kForbidden);

  // The ticket goes out at once, with Zendesk's default requester (the agent), not waiting for a contact forever.
  auto create = d.pending("/api/v2/tickets.json");
  CHECK(create["method"] == "POST");
  CHECK(!create["body"]["ticket"].contains("requester_id"));
  CHECK(create["body"]["ticket"]["comment"]["body"].get<std::string>().find("+14155550177") != std::string::npos);

  // The agent reads why, in words (a translated code with the number), not an HTTP status in the sync list.
  CHECK(d.view["banner"]["code"] == "CONTACT_NOT_ALLOWED");
  CHECK(d.view["banner"]["kind"] == "notice");
  CHECK(d.view["banner"]["params"]["number"] == "+14155550177");
  CHECK(d.view["sync"]["failed"] == 0);
  auto notices = d.effectsOfType("notify");
  REQUIRE(!notices.empty());
  CHECK(notices.back()["code"] == "CONTACT_NOT_ALLOWED");

  d.respond(create, 201, {{"ticket", zendeskTicket(91, 5, "new", "2026-09-21T00:00:00Z")}});
  CHECK(d.view["sync"]["pending"] == 0);
  CHECK(d.view["sync"]["failed"] == 0);
  CHECK(d.requestsMatching("POST", "/api/v2/users").size() == 1);  // asked once, not retried
}

TEST_CASE("FO-3a: any other refusal of a contact create stays listed for the agent, as before") {
  LiveDriver d;
  d.registerApp();
  unknownCallerRings(d);
  json refusal = {{"error", "RecordInvalid"}, {"description", "Record validation errors"}};
  d.respond(d.pending("/api/v2/users"), 422, refusal);
  // D439: a 422 for the number's external id may mean another create for the number landed first; that user is
  // looked up once, and when there is none the create goes once more with the call's own id.
  d.respond(d.pending("/api/v2/users/show_many.json"), 200, {{"users", json::array()}});
  REQUIRE(d.requestsMatching("POST", "/api/v2/users").size() == 2);
  d.respond(d.pending("/api/v2/users"), 422, refusal);
  CHECK(d.view["sync"]["failed"] == 1);
  CHECK(!d.hasUnanswered("/api/v2/tickets.json"));                 // the ticket still waits for its contact
  CHECK(d.requestsMatching("POST", "/api/v2/users").size() == 2);  // and nothing is sent again unasked
}

namespace {

// A known caller with no ticket rings: Ada (contact 7) or, with `grace`, Grace (contact 12).
json knownCallerRings(LiveDriver& d, const std::string& callId, bool grace = false) {
  std::string phone = grace ? "+14155550199" : "+14155550100";
  long long id = grace ? 12 : 7;
  d.send({{"type", "callRinging"}, {"callId", callId}, {"ani", phone}, {"sessionType", "ivr"}});
  d.respond(
      "/api/v2/search.json", 200,
      {{"results", json::array({test::zendeskUser(id, grace ? "Grace" : "Ada", phone, "2025-01-01T00:00:00Z")})}});
  std::string tickets = "/api/v2/users/" + std::to_string(id) + "/tickets/requested.json";
  return d.respond(tickets.c_str(), 200, {{"tickets", json::array()}});
}

std::size_t notifications(const LiveDriver& d, const std::string& code) {
  std::size_t n = 0;
  for (const auto& e : d.effectsOfType("notify")) n += e["code"] == code ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("TPE/TR-13: useTalkPartnerEdition on an account without it: reported once, calls recorded as plain tickets") {
  LiveDriver d;
  d.registerApp({{"useTalkPartnerEdition", true}});
  knownCallerRings(d, "c-1");
  auto voice = d.pending("/api/v2/channels/voice/tickets.json");
  d.respond(voice, 403, kForbidden);

  // The same ticket, at once, as an ordinary create: no via_id, no voice comment, no display_to_agent.
  auto plain = d.pending("/api/v2/tickets.json");
  CHECK(plain["method"] == "POST");
  CHECK(plain["url"] == "/api/v2/tickets.json");
  CHECK(!plain["body"]["ticket"].contains("via_id"));
  CHECK(!plain["body"].contains("display_to_agent"));
  CHECK(plain["body"]["ticket"]["requester_id"] == 7);
  CHECK(d.view["banner"]["code"] == "TPE_UNAVAILABLE");
  CHECK(notifications(d, "TPE_UNAVAILABLE") == 1);
  CHECK(d.view["sync"]["failed"] == 0);

  // Popped in the agent's browser by ZAF instead, once the ticket exists.
  d.respond(plain, 201, {{"ticket", zendeskTicket(91, 7, "new", "2026-09-21T00:00:00Z")}});
  REQUIRE(!d.effectsOfType("routeTo").empty());
  CHECK(d.effectsOfType("routeTo").back()["id"] == 91);

  // The next call goes the ordinary way from the start, and nothing is reported again.
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "abandoned"}});
  while (d.hasUnanswered("/api/v2/tickets/91.json")) {
    d.respond("/api/v2/tickets/91.json", 200, {{"ticket", zendeskTicket(91, 7, "new", "2026-09-21T00:00:00Z")}});
  }
  knownCallerRings(d, "c-2", true);
  CHECK(!d.hasUnanswered("/api/v2/channels/voice/"));
  auto next = d.pending("/api/v2/tickets.json");
  CHECK(next["url"] == "/api/v2/tickets.json");
  CHECK(next["body"]["ticket"]["requester_id"] == 12);
  CHECK(notifications(d, "TPE_UNAVAILABLE") == 1);
  CHECK(d.requestsMatching("POST", "/api/v2/channels/voice/").size() == 1);  // one refused request in all
}
