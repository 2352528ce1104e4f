// Whole outbound flows through the live adapter: entry point → Zendesk look-ups → the agent's choices → Call →
// the writes Zendesk receives and the pop. Each test names the rules it pins.
#include "live_driver.h"

using test::json;
using test::LiveDriver;
using test::zendeskTicket;
using test::zendeskUser;

namespace {

std::string bodyText(const json& request) { return request["body"].dump(); }

void typeNumber(LiveDriver& d, const std::string& text) {
  d.send({{"type", "numberChanged"}, {"text", text}});
  d.tickAfter(400);  // the typing pause: the adapter searches now
}

}  // namespace

TEST_CASE("FO-2/FO-3c/FO-1b: dial pad, two contacts share the number, the agent chooses one and a ticket, calls") {
  LiveDriver d;
  d.registerApp({{"promptSelectOpenTicket", true}, {"allowCreateNewTicket", true}});
  d.send({{"type", "openDialPad"}});
  CHECK(d.view["screen"] == "outbound");
  CHECK(d.view["outbound"]["number"]["display"] == "(415) 123-4567");
  CHECK(d.view["outbound"]["canCall"] == false);

  typeNumber(d, "(415) 555-0100");
  auto search = d.pending("/api/v2/search.json");
  CHECK(search["url"] == "/api/v2/search.json?query=role%3Aend-user%20phone%3A%2A4155550100");
  CHECK(d.view["outbound"]["searching"] == true);
  CHECK(d.view["outbound"]["canCall"] == false);  // not before Zendesk has answered

  d.respond(search, 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+1 415 555 0100", "2025-01-01T00:00:00Z"),
                                      zendeskUser(8, "Bob", "(415) 555-0100", "2026-03-01T00:00:00Z")})}});
  auto options = d.view["outbound"]["contact"]["options"];
  REQUIRE(options.size() == 2);
  CHECK(options[0]["id"] == 8);  // newest created first
  CHECK(options[0]["matchedPhone"] == "(415) 555-0100");
  CHECK(d.view["outbound"]["canCall"] == false);

  d.send({{"type", "contactChosen"}, {"contactId", 7}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200,
            {{"tickets", json::array({zendeskTicket(42, 7, "open", "2026-09-01T00:00:00Z"),
                                      zendeskTicket(43, 7, "solved", "2026-09-02T00:00:00Z")})}});
  auto ticket = d.view["outbound"]["ticket"];
  CHECK(ticket["mode"] == "list");
  CHECK(ticket["options"][0]["value"] == 42);
  CHECK(ticket["options"][0]["subject"] == "Ticket 42");
  CHECK(ticket["options"][1]["value"] == "new");

  d.send({{"type", "ticketChosen"}, {"value", 42}});
  REQUIRE(d.view["outbound"]["canCall"] == true);
  d.clickCall();

  CHECK(d.view["screen"] == "call");
  auto dial = d.effectsOfType("telephony");
  REQUIRE(dial.size() == 1);
  CHECK(dial[0]["command"] == "dial");
  CHECK(dial[0]["number"] == "+14155550100");
  auto puts = d.requestsMatching("PUT", "/api/v2/tickets/42.json");
  REQUIRE(puts.size() == 1);  // the note, the reopen and the assignment in one request
  CHECK(puts[0]["body"]["ticket"]["comment"]["public"] == false);
  CHECK(puts[0]["body"]["ticket"]["status"] == "open");
  auto pops = d.effectsOfType("routeTo");
  REQUIRE(pops.size() == 1);  // TR-13, through routeTo without Talk Partner Edition
  CHECK(pops[0] == json({{"type", "routeTo"}, {"target", "ticket"}, {"id", 42}}));
  CHECK(d.view["call"]["ticket"]["id"] == 42);
  CHECK(d.view["sync"]["pending"] == 1);
  d.respond(puts[0], 200, {{"ticket", zendeskTicket(42, 7, "open", "2026-09-21T00:00:00Z")}});
  CHECK(d.view["sync"]["pending"] == 0);
  CHECK(d.requestsMatching("POST", "/api/v2/users").empty());  // the contact existed
}

TEST_CASE("FO-6: Cancel returns to the main view — nothing is dialled or written") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "openDialPad"}});
  typeNumber(d, "+1 415 555 0100");
  d.respond("/api/v2/search.json", 200, {{"results", json::array()}});
  CHECK(d.view["outbound"]["canCall"] == true);
  d.send({{"type", "cancelClicked"}});
  CHECK(d.view["screen"] == "main");
  CHECK(d.view["outbound"].is_null());
  CHECK(d.effectsOfType("telephony").empty());
  CHECK(d.requestsMatching("POST", "").empty());
  CHECK(d.requestsMatching("PUT", "").empty());
}

TEST_CASE("TB-2/TB-3/TB-4: a team that requires a ticket ID gets the ID box — Call waits for an open ticket") {
  LiveDriver d;
  d.registerApp({{"teamTicketEntryEnabled", true}, {"teamTicketEntryGroups", "{\"900\": \"required\"}"}},
                json::array({900, 901}));
  d.send({{"type", "openDialPad"}});
  typeNumber(d, "+1 212 555 0142");
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+12125550142", "2025-01-01T00:00:00Z")})}});
  auto out = d.view["outbound"];
  CHECK(out["ticket"]["mode"] == "idEntry");
  CHECK(out["ticket"]["required"] == true);
  CHECK(out["useEnteredNumber"]["offered"] == false);
  CHECK(out["canCall"] == false);

  d.send({{"type", "ticketIdChanged"}, {"text", "#43"}});
  d.tickAfter(400);
  d.respond("/api/v2/tickets/43.json?include=users", 200,
            {{"ticket", zendeskTicket(43, 7, "solved", "2026-09-01T00:00:00Z")}});
  CHECK(d.view["outbound"]["canCall"] == false);
  CHECK(d.view["outbound"]["errors"][0]["code"] == "TICKET_NOT_LINKABLE");

  d.send({{"type", "ticketIdChanged"}, {"text", "44"}});
  d.tickAfter(400);
  d.respond("/api/v2/tickets/44.json?include=users", 404, {{"error", "RecordNotFound"}});
  CHECK(d.view["outbound"]["errors"][0]["code"] == "TICKET_NOT_FOUND");
  CHECK(d.view["banner"].is_null());  // a wrong ID is the agent's to fix, not a Zendesk failure

  d.send({{"type", "ticketIdChanged"}, {"text", " #42 "}});
  d.tickAfter(400);
  d.respond("/api/v2/tickets/42.json?include=users", 200,
            {{"ticket", zendeskTicket(42, 7, "hold", "2026-09-01T00:00:00Z")},
             {"users", json::array({zendeskUser(7, "Ada", "+12125550142", "2025-01-01T00:00:00Z")})}});
  REQUIRE(d.view["outbound"]["canCall"] == true);
  d.clickCall();
  auto puts = d.requestsMatching("PUT", "/api/v2/tickets/42.json");
  REQUIRE(puts.size() == 1);  // TB-6: the call is appended to that ticket
  CHECK(d.effectsOfType("telephony")[0]["number"] == "+12125550142");
}

TEST_CASE("TB-7: the ticket Call menu's \"Enter new number\" is refused when the team enters ticket IDs") {
  LiveDriver d;
  d.registerApp({{"teamTicketEntryEnabled", true},
                 {"teamTicketEntryGroups", "{\"900\": \"optional\"}"},
                 {"allowDialEnteredNumber", true}},
                json::array({900}));
  d.send({{"type", "callMenu"}, {"ticketId", 42}, {"number", nullptr}});
  CHECK(d.effectsOfType("popover").size() == 1);
  d.respond("/api/v2/tickets/42.json?include=users", 200,
            {{"ticket", zendeskTicket(42, 7, "open", "2026-09-01T00:00:00Z")},
             {"users", json::array({zendeskUser(7, "Ada", "+12125550142", "2025-01-01T00:00:00Z")})}});
  bool incompatible = false;
  for (const auto& e : d.view["outbound"]["errors"]) incompatible |= e["code"] == "TEAM_ENTRY_INCOMPATIBLE";
  CHECK(incompatible);
  CHECK(d.view["outbound"]["canCall"] == false);
}

TEST_CASE("FO-5d/FO-1e: the ticket Call menu's \"Enter new number\" dials a typed number and notes it") {
  LiveDriver d;
  d.registerApp({{"allowDialEnteredNumber", true}});
  d.send({{"type", "callMenu"}, {"ticketId", 42}, {"number", nullptr}});
  d.respond("/api/v2/tickets/42.json?include=users", 200,
            {{"ticket", zendeskTicket(42, 7, "open", "2026-09-01T00:00:00Z")},
             {"users", json::array({zendeskUser(7, "Ada", "+12125550142", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200,
            {{"tickets", json::array({zendeskTicket(42, 7, "open", "2026-09-01T00:00:00Z")})}});
  CHECK(d.view["outbound"]["useEnteredNumber"]["checked"] == true);
  CHECK(d.view["outbound"]["canCall"] == false);  // no number yet
  d.send({{"type", "numberChanged"}, {"text", "+1 415 555 0199"}});
  d.tickAfter(400);
  CHECK(d.requestsMatching("GET", "/api/v2/search.json").empty());  // the contact is the requester: no search
  REQUIRE(d.view["outbound"]["canCall"] == true);
  d.clickCall();
  CHECK(d.effectsOfType("telephony")[0]["number"] == "+14155550199");
  auto puts = d.requestsMatching("PUT", "/api/v2/tickets/42.json");
  REQUIRE(puts.size() == 1);
  CHECK(bodyText(puts[0]).find("+14155550199") != std::string::npos);  // FO-1e: the dialled number is noted
  CHECK(d.requestsMatching("PUT", "/api/v2/users").empty());           // and never saved on the contact
}

TEST_CASE("FO-5b/TR-13: click-to-call on a contact creates the ticket, then pops it once Zendesk gave its id") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "dialout"}, {"number", "+14155550100"}, {"userId", 7}, {"ticketId", nullptr}});
  CHECK(d.view["screen"] == "outbound");
  CHECK(d.effectsOfType("popover").size() == 1);
  d.respond("/api/v2/users/7.json", 200, {{"user", zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  REQUIRE(d.view["outbound"]["canCall"] == true);
  d.clickCall();
  auto create = d.pending("/api/v2/tickets.json");
  CHECK(create["method"] == "POST");
  CHECK(create["body"]["ticket"]["requester_id"] == 7);
  CHECK(create["body"]["ticket"]["comment"]["public"] == false);
  CHECK(create["body"]["ticket"]["tags"].dump().find("\"ccaas\"") != std::string::npos);  // RC-3
  CHECK(d.effectsOfType("routeTo").empty());  // nothing to pop before Zendesk answers
  d.respond(create, 201, {{"ticket", zendeskTicket(77, 7, "open", "2026-09-21T00:00:00Z")}});
  auto pops = d.effectsOfType("routeTo");
  REQUIRE(pops.size() == 1);
  CHECK(pops[0]["id"] == 77);
  CHECK(d.view["call"]["ticket"]["id"] == 77);
}

TEST_CASE("TB-7: click-to-call on a contact is refused when the agent's team must enter a ticket ID") {
  LiveDriver d;
  d.registerApp({{"teamTicketEntryEnabled", true}, {"teamTicketEntryGroups", "{\"900\": \"required\"}"}},
                json::array({900}));
  d.send({{"type", "dialout"}, {"number", "+14155550100"}, {"userId", 7}});
  d.respond("/api/v2/users/7.json", 200, {{"user", zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")}});
  CHECK(d.view["outbound"]["errors"][0]["code"] == "TEAM_ENTRY_INCOMPATIBLE");
  CHECK(d.view["outbound"]["canCall"] == false);
}

TEST_CASE("FO-2: clearing a prefilled number empties the box and disables Call") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "dialout"}, {"number", "+14155550100"}, {"userId", nullptr}, {"ticketId", nullptr}});
  CHECK(d.view["outbound"]["numberText"] == "+14155550100");
  d.send({{"type", "numberChanged"}, {"text", ""}});
  CHECK(d.view["outbound"]["numberText"] == "");
  CHECK(d.view["outbound"]["number"]["isPlaceholder"] == true);
  CHECK(d.view["outbound"]["canCall"] == false);
}
