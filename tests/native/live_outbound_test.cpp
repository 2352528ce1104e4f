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
  REQUIRE(puts.size() == 1);                              // the reopen and the assignment in one request …
  CHECK(!puts[0]["body"]["ticket"].contains("comment"));  // … the standard data waits for the closing comment (D420)
  CHECK(puts[0]["body"]["ticket"]["status"] == "open");
  auto pops = d.effectsOfType("routeTo");
  REQUIRE(pops.size() == 1);  // TR-13, through routeTo without Talk Partner Edition
  CHECK(pops[0] == json({{"type", "routeTo"}, {"target", "ticket"}, {"id", 42}}));
  CHECK(d.view["call"]["ticket"]["id"] == 42);
  CHECK(d.view["sync"]["pending"] == 2);  // and the held standard data, listed
  d.respond(puts[0], 200, {{"ticket", zendeskTicket(42, 7, "open", "2026-09-21T00:00:00Z")}});
  CHECK(d.view["sync"]["pending"] == 1);
  CHECK(d.requestsMatching("POST", "/api/v2/users").empty());  // the contact existed
}

TEST_CASE("FO-3c: contacts created within the same second are listed as the rules see them, to the second (D240)") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "openDialPad"}});
  typeNumber(d, "(415) 555-0100");
  // Ada was created 0.8 s after Bob, within the same second: the rules' times are whole seconds, so the tie goes
  // to the higher id, as it would through planOutbound's JSON.
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+1 415 555 0100", "2026-03-01T00:00:00.900Z"),
                                      zendeskUser(8, "Bob", "(415) 555-0100", "2026-03-01T00:00:00.100Z")})}});
  auto options = d.view["outbound"]["contact"]["options"];
  REQUIRE(options.size() == 2);
  CHECK(options[0]["id"] == 8);
  CHECK(options[0]["createdAt"] == "2026-03-01T00:00:00Z");
  CHECK(options[1]["id"] == 7);
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
  // Not among Ada's known phones: her other numbers are asked for before the number is noted as not hers.
  CHECK(d.view["outbound"]["canCall"] == false);
  d.respond("/api/v2/users/7/identities.json", 200,
            {{"identities", json::array({{{"type", "phone_number"}, {"value", "+12125550142"}, {"primary", true}}})}});
  CHECK(d.view["outbound"]["warnings"][0]["code"] == "ENTERED_NUMBER_NOT_SAVED");
  REQUIRE(d.view["outbound"]["canCall"] == true);
  d.clickCall();
  CHECK(d.effectsOfType("telephony")[0]["number"] == "+14155550199");
  auto puts = d.requestsMatching("PUT", "/api/v2/tickets/42.json");
  REQUIRE(puts.size() == 1);  // reopened and assigned; the standard data waits for the call's end (D420)
  d.respond(puts[0], 200, {{"ticket", zendeskTicket(42, 7, "open", "2026-09-21T00:00:00Z")}});
  std::string callId = d.effectsOfType("telephony")[0]["callId"];
  d.send({{"type", "callEnded"}, {"callId", callId}, {"reason", "completed"}, {"durationSec", 30}});
  d.send({{"type", "wrapUpDone"}});
  puts = d.requestsMatching("PUT", "/api/v2/tickets/42.json");
  REQUIRE(puts.size() == 2);
  CHECK(bodyText(puts[1]).find("+14155550199") != std::string::npos);  // FO-1e: the dialled number is noted
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

// ---- every number on the contact, from every entry point; a changed number re-plans; extensions ----------------

namespace {

const char* kJuergenPrimary = "+49 30 5550 1234";
const char* kJuergenSecond = "+49 171 5550 2233";  // a second phone identity: not in users/{id}.json's `phone`

json juergen() { return zendeskUser(10, "Jürgen", kJuergenPrimary, "2025-03-03T09:00:00Z"); }

json phoneIdentities(long long userId, std::vector<std::string> values) {
  json list = json::array();
  long long id = 900000 + userId * 10;
  bool primary = true;
  for (const auto& v : values) {
    list.push_back({{"id", ++id},
                    {"user_id", userId},
                    {"type", "phone_number"},
                    {"value", v},
                    {"primary", primary},
                    {"verified", true}});
    primary = false;
  }
  return {{"identities", list}, {"next_page", nullptr}, {"previous_page", nullptr}, {"count", list.size()}};
}

bool hasError(const json& view, const std::string& code) {
  for (const auto& e : view["outbound"]["errors"]) {
    if (e["code"] == code) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("FO-2/FO-3: typing another number after choosing a contact re-plans the contact and the ticket choice") {
  LiveDriver d;
  d.registerApp({{"promptSelectOpenTicket", true}, {"allowCreateNewTicket", true}});
  d.send({{"type", "openDialPad"}});
  typeNumber(d, "+1 415 555 0100");
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+1 415 555 0100", "2025-01-01T00:00:00Z"),
                                      zendeskUser(8, "Bob", "(415) 555-0100", "2026-03-01T00:00:00Z")})}});
  d.send({{"type", "contactChosen"}, {"contactId", 7}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200,
            {{"tickets", json::array({zendeskTicket(42, 7, "open", "2026-09-01T00:00:00Z")})}});
  d.send({{"type", "ticketChosen"}, {"value", 42}});
  REQUIRE(d.view["outbound"]["canCall"] == true);

  // Another number: Ada's choice (and her ticket) belonged to the first one.
  d.send({{"type", "numberChanged"}, {"text", "+1 415 555 0199"}});
  CHECK_FALSE(hasError(d.view, "NUMBER_NOT_ON_CONTACT"));
  CHECK(d.view["outbound"]["contact"]["selected"].is_null());
  CHECK(d.view["outbound"]["canCall"] == false);
  d.tickAfter(400);  // the typing pause: the new number is searched
  auto search = d.pending("/api/v2/search.json");
  CHECK(search["url"] == "/api/v2/search.json?query=role%3Aend-user%20phone%3A%2A4155550199");
  d.respond(search, 200,
            {{"results", json::array({zendeskUser(12, "Grace", "+1 415 555 0199", "2025-05-05T00:00:00Z")})}});
  CHECK(d.view["outbound"]["contact"]["selected"] == 12);  // FO-3b: the one contact of the new number
  d.respond("/api/v2/users/12/tickets/requested.json", 200, {{"tickets", json::array()}});
  CHECK(d.view["outbound"]["errors"].empty());
  CHECK(d.view["outbound"]["ticket"]["selected"] == "new");  // not ticket 42 of Ada
  REQUIRE(d.view["outbound"]["canCall"] == true);
  d.clickCall();
  CHECK(d.effectsOfType("telephony")[0]["number"] == "+14155550199");
  auto create = d.pending("/api/v2/tickets.json");
  CHECK(create["body"]["ticket"]["requester_id"] == 12);
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/42.json").empty());  // nothing about this call on Ada's ticket
}

TEST_CASE(
    "FO-3c: back to the number the contact was chosen for, the choice holds, and a contact of both numbers stays") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "openDialPad"}});
  typeNumber(d, "+1 415 555 0100");
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+1 415 555 0100", "2025-01-01T00:00:00Z"),
                                      zendeskUser(8, "Bob", "(415) 555-0100", "2026-03-01T00:00:00Z")})}});
  d.send({{"type", "contactChosen"}, {"contactId", 7}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  REQUIRE(d.view["outbound"]["canCall"] == true);
  // Half-way through an edit (no valid number), then back: the agent's choice is still there.
  d.send({{"type", "numberChanged"}, {"text", "+1 415 555 010"}});
  d.send({{"type", "numberChanged"}, {"text", "+1 415 555 0100"}});
  CHECK(d.view["outbound"]["contact"]["selected"] == 7);
  // A number that Zendesk finds on Ada too (her other phone): she stays chosen.
  typeNumber(d, "+1 415 555 0101");
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+1 415 555 0100", "2025-01-01T00:00:00Z"),
                                      zendeskUser(9, "Cy", "+1 415 555 0101", "2026-04-01T00:00:00Z")})}});
  CHECK(d.view["outbound"]["contact"]["selected"] == 7);
  CHECK(d.view["outbound"]["errors"].empty());
  CHECK(d.view["outbound"]["canCall"] == true);
}

TEST_CASE("FO-1e: with \"use entered number\" ticked the chosen contact is kept when the number changes (D5)") {
  LiveDriver d;
  d.registerApp({{"allowDialEnteredNumber", true}});
  d.send({{"type", "openDialPad"}});
  typeNumber(d, "+1 415 555 0100");
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+1 415 555 0100", "2025-01-01T00:00:00Z"),
                                      zendeskUser(8, "Bob", "(415) 555-0100", "2026-03-01T00:00:00Z")})}});
  d.send({{"type", "contactChosen"}, {"contactId", 7}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  d.send({{"type", "useEnteredNumberChanged"}, {"checked", true}});
  typeNumber(d, "+1 212 555 0142");
  CHECK(d.view["outbound"]["contact"]["selected"] == 7);
}

TEST_CASE("FO-5b: click-to-call on a contact's second number (a phone identity) is callable") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "dialout"}, {"number", kJuergenSecond}, {"userId", 10}, {"ticketId", nullptr}});
  d.respond("/api/v2/users/10.json", 200, {{"user", juergen()}});
  // users/10.json carries only the primary phone: the adapter asks for the others before it decides.
  auto identities = d.pending("/api/v2/users/10/identities.json");
  CHECK(identities["method"] == "GET");
  CHECK(identities["url"] == "/api/v2/users/10/identities.json?type%5B%5D=phone_number&per_page=100");
  CHECK_FALSE(hasError(d.view, "NUMBER_NOT_ON_CONTACT"));  // not before Zendesk has said
  CHECK(d.view["outbound"]["searching"] == true);
  CHECK(d.view["outbound"]["canCall"] == false);
  d.respond(identities, 200, phoneIdentities(10, {kJuergenPrimary, kJuergenSecond}));
  d.respond("/api/v2/users/10/tickets/requested.json", 200,
            {{"tickets", json::array({zendeskTicket(53, 10, "pending", "2026-11-12T10:00:00Z")})}});
  CHECK(d.view["outbound"]["errors"].empty());
  CHECK(d.view["outbound"]["contact"]["options"][0]["matchedPhone"] == kJuergenSecond);
  REQUIRE(d.view["outbound"]["canCall"] == true);
  d.clickCall();
  CHECK(d.effectsOfType("telephony")[0]["number"] == "+4917155502233");
  d.respond(d.pending("/api/v2/tickets/53.json"), 200,
            {{"ticket", zendeskTicket(53, 10, "open", "2026-11-12T10:00:00Z")}});
  std::string callId = d.effectsOfType("telephony")[0]["callId"];
  d.send({{"type", "callEnded"}, {"callId", callId}, {"reason", "completed"}, {"durationSec", 30}});
  d.send({{"type", "wrapUpDone"}});  // the standard data with the closing comment (D420)
  auto put = d.pending("/api/v2/tickets/53.json");
  CHECK(put["body"]["ticket"]["comment"]["body"].get<std::string>().find("Dialled number") == std::string::npos);
}

TEST_CASE("FO-5b: click-to-call on the primary number needs no identities look-up") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "dialout"}, {"number", kJuergenPrimary}, {"userId", 10}, {"ticketId", nullptr}});
  d.respond("/api/v2/users/10.json", 200, {{"user", juergen()}});
  d.respond("/api/v2/users/10/tickets/requested.json", 200, {{"tickets", json::array()}});
  CHECK(d.view["outbound"]["canCall"] == true);
  CHECK(d.requestsMatching("GET", "/identities").empty());
}

TEST_CASE("FO-5b: when the contact's other numbers cannot be loaded, Call waits, then says why") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "dialout"}, {"number", kJuergenSecond}, {"userId", 10}, {"ticketId", nullptr}});
  d.respond("/api/v2/users/10.json", 200, {{"user", juergen()}});
  // Zendesk keeps failing: while it is asked again, Call waits and no verdict on the number is shown.
  for (int attempt = 0; attempt < 20 && d.hasUnanswered("/identities.json"); ++attempt) {
    d.respond("/api/v2/users/10/identities.json", 500, {{"error", "InternalError"}});
    CHECK(d.view["outbound"]["canCall"] == false);
    if (d.hasUnanswered("/identities.json")) break;
    CHECK_FALSE(hasError(d.view, "NUMBER_NOT_ON_CONTACT"));
    d.tickAfter(120000);
  }
  CHECK_FALSE(d.hasUnanswered("/identities.json"));  // given up
  CHECK(d.view["outbound"]["canCall"] == false);
  CHECK(hasError(d.view, "CONTACT_NUMBERS_NOT_LOADED"));  // the reason, not "not on this contact"
  CHECK(d.effectsOfType("telephony").empty());
  CHECK(d.requestsMatching("POST", "").empty());
  CHECK(d.requestsMatching("PUT", "").empty());
}

TEST_CASE("FO-5c: the ticket Call menu on the requester's second number is callable and goes to the ticket") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "callMenu"}, {"ticketId", 53}, {"number", kJuergenSecond}});
  d.respond(
      "/api/v2/tickets/53.json?include=users", 200,
      {{"ticket", zendeskTicket(53, 10, "pending", "2026-11-12T10:00:00Z")}, {"users", json::array({juergen()})}});
  CHECK_FALSE(hasError(d.view, "NUMBER_NOT_ON_CONTACT"));
  d.respond("/api/v2/users/10/identities.json", 200, phoneIdentities(10, {kJuergenPrimary, kJuergenSecond}));
  if (d.hasUnanswered("/api/v2/users/10/tickets/requested.json")) {
    d.respond("/api/v2/users/10/tickets/requested.json", 200,
              {{"tickets", json::array({zendeskTicket(53, 10, "pending", "2026-11-12T10:00:00Z")})}});
  }
  CHECK(d.view["outbound"]["errors"].empty());
  REQUIRE(d.view["outbound"]["canCall"] == true);
  d.clickCall();
  CHECK(d.effectsOfType("telephony")[0]["number"] == "+4917155502233");
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/53.json").size() == 1);  // FO-5c: the call goes to ticket 53
}

TEST_CASE("FO-5d/FO-1e off: \"Enter new number\" opens without an error, and the requester's numbers can be dialled") {
  LiveDriver d;
  d.registerApp();  // default settings: allowDialEnteredNumber off
  d.send({{"type", "callMenu"}, {"ticketId", 53}, {"number", nullptr}});
  d.respond(
      "/api/v2/tickets/53.json?include=users", 200,
      {{"ticket", zendeskTicket(53, 10, "pending", "2026-11-12T10:00:00Z")}, {"users", json::array({juergen()})}});
  if (d.hasUnanswered("/api/v2/users/10/tickets/requested.json")) {
    d.respond("/api/v2/users/10/tickets/requested.json", 200,
              {{"tickets", json::array({zendeskTicket(53, 10, "pending", "2026-11-12T10:00:00Z")})}});
  }
  auto out = d.view["outbound"];
  CHECK(out["errors"].empty());  // nothing typed yet: nothing wrong yet
  CHECK(out["useEnteredNumber"] == json({{"offered", false}, {"checked", false}}));
  CHECK(out["number"]["isPlaceholder"] == true);
  CHECK(out["canCall"] == false);

  // A number that is not on Jürgen's profile: refused with the reason.
  typeNumber(d, "+1 212 555 0142");
  d.respond("/api/v2/users/10/identities.json", 200, phoneIdentities(10, {kJuergenPrimary, kJuergenSecond}));
  CHECK(hasError(d.view, "NUMBER_NOT_ON_CONTACT"));
  CHECK_FALSE(hasError(d.view, "ENTERED_NUMBER_DISABLED"));
  CHECK(d.view["outbound"]["canCall"] == false);

  // His second number: dialable, to ticket 53.
  typeNumber(d, kJuergenSecond);
  CHECK(d.view["outbound"]["errors"].empty());
  REQUIRE(d.view["outbound"]["canCall"] == true);
  d.clickCall();
  CHECK(d.effectsOfType("telephony")[0]["number"] == "+4917155502233");
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/53.json").size() == 1);
  CHECK(d.requestsMatching("GET", "/identities").size() == 1);  // asked once per outbound view
}

TEST_CASE("FO-2: a typed extension is kept, shown, dialled after connect and written in the call's note") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "openDialPad"}});
  typeNumber(d, "+1 415 555 0100 ext 12");
  CHECK(d.pending("/api/v2/search.json")["url"] ==
        "/api/v2/search.json?query=role%3Aend-user%20phone%3A%2A4155550100");  // the number, without the extension
  d.respond("/api/v2/search.json", 200, {{"results", json::array()}});
  auto number = d.view["outbound"]["number"];
  CHECK(number["e164"] == "+14155550100");
  CHECK(number["extension"] == "12");  // the view shows "Dials +1 415 555 0100 ext. 12"
  REQUIRE(d.view["outbound"]["canCall"] == true);
  d.clickCall();
  auto dial = d.effectsOfType("telephony").back();
  CHECK(dial["command"] == "dial");
  CHECK(dial["number"] == "+14155550100");
  CHECK(dial["extension"] == "12");
  CHECK(d.view["call"]["number"]["extension"] == "12");
  std::string callId = dial["callId"];
  d.send({{"type", "callDialing"}, {"callId", callId}});
  CHECK(d.effectsOfType("telephony").size() == 1);  // no digits before the callee answers
  d.send({{"type", "callConnected"}, {"callId", callId}});
  auto digits = d.effectsOfType("telephony").back();
  CHECK(digits == json({{"type", "telephony"}, {"command", "sendDigits"}, {"callId", callId}, {"digits", "12"}}));
  d.respond("/api/v2/users.json", 201,
            {{"user", zendeskUser(99, "Caller +14155550100", "+14155550100", "2026-09-21T00:00:00Z")}});
  auto create = d.pending("/api/v2/tickets.json");
  CHECK(create["body"]["ticket"]["comment"]["body"].get<std::string>().find("Extension: 12") != std::string::npos);
}
