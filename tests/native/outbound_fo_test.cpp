// Flexible outbound dialing, one rule per test case (RULES.md FO-1…FO-6, TR-4 where FO-1b meets it).
#include <catch2/catch.hpp>

#include "test_support.h"

using test::json;

namespace {

const char* kAdaNumber = "+14155550100";
const char* kOther = "+14155550199";

// Ada (id 7) with the number above and tickets: 42 open (newest), 41 pending, 40 solved, 39 an e-mail ticket.
test::Outbound adaWithTickets() {
  test::Outbound o;
  o.entry = {{"source", "dialpad"}, {"number", "(415) 555-0100"}};
  o.contacts = json::array({test::contact(7, "Ada", {kAdaNumber}, "2020-01-01T00:00:00Z")});
  o.tickets = json::array({test::ticket(42, 7, "open", "2026-11-20T10:00:00Z"),
                           test::ticket(41, 7, "pending", "2026-11-19T10:00:00Z"),
                           test::ticket(40, 7, "solved", "2026-11-21T10:00:00Z"),
                           test::ticket(39, 7, "new", "2026-11-22T10:00:00Z", json::array({"email"}))});
  return o;
}

}  // namespace

TEST_CASE("FO-1a: doNotAppendToOpenTicket creates a new ticket even when open tickets exist", "[FO-1a]") {
  auto o = adaWithTickets();
  o.settings["doNotAppendToOpenTicket"] = true;
  o.settings["promptSelectOpenTicket"] = true;
  auto r = o.plan();
  CHECK(r["ticket"]["options"] == json::array({"new"}));
  CHECK(r["ticket"]["mode"] == "auto");
  CHECK(r["plan"]["ticket"]["action"] == "create");
  CHECK(r["decision"]["rule"] == "FO-1a");
}

TEST_CASE("FO-1a + FO-1d: with doNotAppend the agent may still choose not to create a ticket", "[FO-1a][FO-1d]") {
  auto o = adaWithTickets();
  o.settings["doNotAppendToOpenTicket"] = true;
  o.settings["allowDoNotCreateTicket"] = true;
  auto r = o.plan();
  CHECK(r["ticket"]["options"] == json::array({"new", "none"}));
  CHECK(r["ticket"]["selected"] == "new");
  CHECK(r["canCall"] == true);
}

TEST_CASE("FO-1b off: the most recently updated open ticket created by this integration is chosen", "[FO-1b][TR-4]") {
  auto o = adaWithTickets();
  auto r = o.plan();
  // 39 is newer but is an e-mail ticket without the integration tag; 40 is newer but solved.
  CHECK(r["ticket"]["options"] == json::array({42}));
  CHECK(r["ticket"]["mode"] == "auto");
  CHECK(r["plan"]["ticket"] == json({{"action", "append"}, {"id", 42}, {"setStatus", "open"}}));
  CHECK(r["decision"]["rule"] == "TR-4");
}

TEST_CASE("FO-1b off with scope 'any': the most recently updated open ticket is chosen whatever created it",
          "[FO-1b]") {
  auto o = adaWithTickets();
  o.settings["outboundAutoAppendScope"] = "any";
  auto r = o.plan();
  CHECK(r["plan"]["ticket"]["id"] == 39);
  CHECK(r["decision"]["rule"] == "FO-1b");
}

TEST_CASE("FO-1b off / TR-4: open tickets none of which the integration created → a new ticket", "[FO-1b][TR-4]") {
  auto o = adaWithTickets();
  o.tickets = json::array({test::ticket(39, 7, "open", "2026-11-22T10:00:00Z", json::array({"email"}))});
  auto r = o.plan();
  CHECK(r["plan"]["ticket"]["action"] == "create");
  CHECK(r["decision"]["rule"] == "TR-4");
}

TEST_CASE("FO-1b off: no open ticket → a new ticket", "[FO-1b]") {
  auto o = adaWithTickets();
  o.tickets = json::array(
      {test::ticket(40, 7, "solved", "2026-11-21T10:00:00Z"), test::ticket(38, 7, "closed", "2026-11-21T10:00:00Z")});
  auto r = o.plan();
  CHECK(r["ticket"]["options"] == json::array({"new"}));
  CHECK(r["plan"]["ticket"]["action"] == "create");
}

TEST_CASE("FO-1b on: the agent chooses among all open tickets, newest updated first, none preselected", "[FO-1b]") {
  auto o = adaWithTickets();
  o.settings["promptSelectOpenTicket"] = true;
  auto r = o.plan();
  CHECK(r["ticket"]["options"] == json::array({39, 42, 41}));
  CHECK(r["ticket"]["mode"] == "list");
  CHECK(r["ticket"]["selected"].is_null());
  CHECK(r["canCall"] == false);
  CHECK(test::hasCode(r["errors"], "TICKET_REQUIRED"));
  CHECK_FALSE(r.contains("plan"));
  REQUIRE(r["ticket"]["openTickets"].size() == 3);
  CHECK(r["ticket"]["openTickets"][0]["createdByIntegration"] == false);
  CHECK(r["ticket"]["openTickets"][1]["subject"] == "Ticket 42");

  o.input["ticket"] = 41;
  r = o.plan();
  CHECK(r["canCall"] == true);
  CHECK(r["plan"]["ticket"] == json({{"action", "append"}, {"id", 41}, {"setStatus", "open"}}));
}

TEST_CASE("FO-1b on: a single open ticket and nothing else to choose is taken automatically", "[FO-1b][FO-4]") {
  auto o = adaWithTickets();
  o.settings["promptSelectOpenTicket"] = true;
  o.tickets = json::array({test::ticket(42, 7, "hold", "2026-11-20T10:00:00Z")});
  auto r = o.plan();
  CHECK(r["ticket"]["mode"] == "auto");
  CHECK(r["plan"]["ticket"]["id"] == 42);
}

TEST_CASE("FO-1c on: 'Create new ticket' is offered beside the open tickets", "[FO-1c]") {
  auto o = adaWithTickets();
  o.settings["promptSelectOpenTicket"] = true;
  o.settings["allowCreateNewTicket"] = true;
  auto r = o.plan();
  CHECK(r["ticket"]["options"] == json::array({39, 42, 41, "new"}));
  o.input["ticket"] = "new";
  r = o.plan();
  CHECK(r["plan"]["ticket"] == json({{"action", "create"}}));
}

TEST_CASE("FO-1c off: with an open ticket the agent must pick an existing one", "[FO-1c]") {
  auto o = adaWithTickets();
  o.settings["promptSelectOpenTicket"] = true;
  o.input["ticket"] = "new";
  auto r = o.plan();
  CHECK(test::hasCode(r["errors"], "CHOICE_NOT_ALLOWED"));
  CHECK(r["canCall"] == false);
}

TEST_CASE("FO-1c is only meaningful with FO-1b on", "[FO-1c]") {
  auto o = adaWithTickets();
  o.settings["allowCreateNewTicket"] = true;  // prompt off: the automatic choice stands
  auto r = o.plan();
  CHECK(r["ticket"]["options"] == json::array({42}));
}

TEST_CASE("FO-1d: 'Do not create a ticket' writes nothing and warns the agent", "[FO-1d]") {
  auto o = adaWithTickets();
  o.settings["allowDoNotCreateTicket"] = true;
  auto r = o.plan();
  CHECK(r["ticket"]["options"] == json::array({42, "none"}));
  CHECK(r["ticket"]["selected"] == 42);
  o.input["ticket"] = "none";
  r = o.plan();
  CHECK(r["plan"]["ticket"] == json({{"action", "none"}}));
  CHECK(test::hasCode(r["warnings"], "NO_TICKET_NO_RECORDING"));
}

TEST_CASE("FO-1d: 'none' is refused when the admin has not allowed it", "[FO-1d]") {
  auto o = adaWithTickets();
  o.input["ticket"] = "none";
  CHECK(test::hasCode(o.plan()["errors"], "CHOICE_NOT_ALLOWED"));
}

TEST_CASE("FO-1d + FO-3a: no ticket means no contact is created either", "[FO-1d][FO-3a]") {
  test::Outbound o;
  o.settings["allowDoNotCreateTicket"] = true;
  o.entry["number"] = "+14155550123";
  o.input["ticket"] = "none";
  auto r = o.plan();
  CHECK(r["contact"]["willCreate"] == false);
  CHECK(r["plan"]["createContact"] == false);
  CHECK(r["canCall"] == true);
}

TEST_CASE("FO-1e off: only numbers stored on the contact can be dialled", "[FO-1e]") {
  auto o = adaWithTickets();
  o.entry = {{"source", "contact"}, {"number", kOther}, {"contactId", 7}};
  auto r = o.plan();
  CHECK(test::hasCode(r["errors"], "NUMBER_NOT_ON_CONTACT"));
  CHECK(r["useEnteredNumber"] == json({{"offered", false}, {"checked", false}}));
  o.input["useEnteredNumber"] = true;
  CHECK(test::hasCode(o.plan()["errors"], "ENTERED_NUMBER_DISABLED"));
}

TEST_CASE("FO-1e on: a typed number not on the contact is dialled, noted in the comment, not saved", "[FO-1e]") {
  auto o = adaWithTickets();
  o.settings["allowDialEnteredNumber"] = true;
  o.entry = {{"source", "contact"}, {"number", kAdaNumber}, {"contactId", 7}};
  o.input = {{"number", "415-555-0199"}, {"useEnteredNumber", true}};
  auto r = o.plan();
  CHECK(r["canCall"] == true);
  CHECK(r["plan"]["dial"] == kOther);
  CHECK(r["plan"]["contactId"] == 7);
  CHECK(r["plan"]["createContact"] == false);
  CHECK(r["plan"]["noteDialedNumber"] == true);
  CHECK(test::hasCode(r["warnings"], "ENTERED_NUMBER_NOT_SAVED"));
}

TEST_CASE("FO-1e on but unticked: a number not on the contact asks for the tick", "[FO-1e]") {
  auto o = adaWithTickets();
  o.settings["allowDialEnteredNumber"] = true;
  o.entry = {{"source", "contact"}, {"number", kOther}, {"contactId", 7}};
  auto r = o.plan();
  CHECK(r["useEnteredNumber"] == json({{"offered", true}, {"checked", false}}));
  CHECK(test::hasCode(r["errors"], "NUMBER_NOT_ON_CONTACT"));
}

TEST_CASE("FO-1e on: from the dial pad the agent may keep a chosen contact and dial another number", "[FO-1e]") {
  auto o = adaWithTickets();
  o.settings["allowDialEnteredNumber"] = true;
  o.entry = {{"source", "dialpad"}, {"number", kOther}};
  o.input = {{"contactId", 7}, {"useEnteredNumber", true}};
  auto r = o.plan();
  CHECK(r["contact"]["selected"] == 7);
  CHECK(r["contact"]["options"][0]["matchedPhone"].is_null());
  CHECK(r["plan"]["noteDialedNumber"] == true);
  CHECK(r["plan"]["ticket"]["id"] == 42);
}

TEST_CASE("FO-2: with no number the placeholder is shown and Call is disabled", "[FO-2][FO-6]") {
  test::Outbound o;
  auto r = o.plan();
  CHECK(r["number"] ==
        json({{"e164", nullptr}, {"display", "(415) 123-4567"}, {"isPlaceholder", true}, {"extension", nullptr}}));
  CHECK(r["canCall"] == false);
  CHECK_FALSE(r.contains("plan"));
}

TEST_CASE("FO-2: formatting characters are ignored and a number without + takes the default calling code", "[FO-2]") {
  test::Outbound o;
  o.entry["number"] = " (415) 555-0100 ";
  auto r = o.plan();
  CHECK(r["number"]["e164"] == kAdaNumber);
  CHECK(r["number"]["display"] == "+1 415 555 0100");
  o.settings["defaultCallingCode"] = "49";
  o.entry["number"] = "030 1234567";
  CHECK(o.plan()["number"]["e164"] == "+49301234567");
}

TEST_CASE("FO-2: an undiallable number is an error shown as typed", "[FO-2]") {
  test::Outbound o;
  o.entry["number"] = "555-CALL";
  auto r = o.plan();
  CHECK(test::hasCode(r["errors"], "NUMBER_INVALID"));
  CHECK(r["number"]["display"] == "555-CALL");
  CHECK(r["number"]["isPlaceholder"] == false);
  CHECK(r["canCall"] == false);
}

TEST_CASE("FO-3a: no contact has the number → the call may be placed and a contact is created", "[FO-3a]") {
  test::Outbound o;
  o.entry["number"] = "+14155550123";
  auto r = o.plan();
  CHECK(r["contact"]["options"].empty());
  CHECK(r["contact"]["willCreate"] == true);
  CHECK(r["plan"]["createContact"] == true);
  CHECK(r["plan"]["contactId"].is_null());
  CHECK(r["plan"]["ticket"]["action"] == "create");
}

TEST_CASE("FO-3b: exactly one contact has the number → preselected", "[FO-3b]") {
  auto o = adaWithTickets();
  auto r = o.plan();
  CHECK(r["contact"]["selected"] == 7);
  CHECK(r["contact"]["options"][0]["matchedPhone"] == kAdaNumber);
}

TEST_CASE("FO-3b: a number stored in international form matches the same number typed nationally", "[FO-3b]") {
  test::Outbound o;
  o.settings["defaultCallingCode"] = "7";
  o.entry["number"] = "8 (912) 345-67-89";
  o.contacts = json::array({test::contact(7, "Olga", {"+7 912 345 67 89"}, "2020-01-01T00:00:00Z")});
  auto r = o.plan();
  CHECK(r["number"]["e164"] == "+79123456789");
  CHECK(r["number"]["display"] == "+7 912 345 67 89");
  CHECK(r["contact"]["selected"] == 7);
  CHECK(r["contact"]["options"][0]["matchedPhone"] == "+7 912 345 67 89");
  o.entry["number"] = "+7 912 345 67 89";  // and the other way round
  o.contacts = json::array({test::contact(7, "Olga", {"8 912 345-67-89"}, "2020-01-01T00:00:00Z")});
  CHECK(o.plan()["contact"]["selected"] == 7);
}

TEST_CASE("FO-3c: several contacts share the number → newest first, the agent must choose", "[FO-3c]") {
  test::Outbound o;
  o.entry["number"] = kAdaNumber;
  o.contacts = json::array({test::contact(7, "Ada (old)", {"415.555.0100"}, "2020-01-01T00:00:00Z"),
                            test::contact(8, "Ada (new)", {kAdaNumber}, "2024-06-01T09:00:00+02:00"),
                            test::contact(9, "Bob", {kOther}, "2025-01-01T00:00:00Z")});
  auto r = o.plan();
  REQUIRE(r["contact"]["options"].size() == 2);
  CHECK(r["contact"]["options"][0]["id"] == 8);
  CHECK(r["contact"]["options"][1]["id"] == 7);
  CHECK(r["contact"]["options"][1]["matchedPhone"] == "415.555.0100");
  CHECK(r["contact"]["selected"].is_null());
  CHECK(test::hasCode(r["errors"], "CONTACT_REQUIRED"));
  CHECK(r["canCall"] == false);

  o.input["contactId"] = 7;
  r = o.plan();
  CHECK(r["canCall"] == true);
  CHECK(r["plan"]["contactId"] == 7);
}

TEST_CASE("FO-5b: click-to-call fills number and contact", "[FO-5b]") {
  auto o = adaWithTickets();
  o.entry = {{"source", "contact"}, {"number", kAdaNumber}, {"contactId", 7}};
  auto r = o.plan();
  CHECK(r["contact"]["selected"] == 7);
  CHECK(r["plan"]["dial"] == kAdaNumber);
  CHECK(r["plan"]["ticket"]["id"] == 42);
}

TEST_CASE("FO-5b: a contact that is not in the request is reported, not guessed", "[FO-5b]") {
  test::Outbound o;
  o.entry = {{"source", "contact"}, {"number", kAdaNumber}, {"contactId", 99}};
  CHECK(test::hasCode(o.plan()["errors"], "CONTACT_NOT_FOUND"));
}

TEST_CASE("FO-5c: the ticket Call menu fills number, requester and ticket", "[FO-5c]") {
  auto o = adaWithTickets();
  o.settings["promptSelectOpenTicket"] = true;
  o.entry = {{"source", "ticket"}, {"number", kAdaNumber}, {"ticketId", 41}};
  auto r = o.plan();
  CHECK(r["contact"]["selected"] == 7);
  CHECK(r["ticket"]["selected"] == 41);
  CHECK(r["plan"]["ticket"]["id"] == 41);
}

TEST_CASE("FO-5c: the ticket Call menu on a solved ticket falls back to the FO rules and says why", "[FO-5c]") {
  auto o = adaWithTickets();
  o.entry = {{"source", "ticket"}, {"number", kAdaNumber}, {"ticketId", 40}};
  auto r = o.plan();
  CHECK(test::hasCode(r["warnings"], "ENTRY_TICKET_NOT_OPEN"));
  CHECK(r["plan"]["ticket"]["id"] == 42);
}

TEST_CASE("FO-5d: 'Enter new number' checks 'use entered number' and keeps the ticket", "[FO-5d][FO-1e]") {
  auto o = adaWithTickets();
  o.settings["allowDialEnteredNumber"] = true;
  o.entry = {{"source", "ticket_new_number"}, {"ticketId", 41}};
  auto r = o.plan();
  CHECK(r["useEnteredNumber"] == json({{"offered", true}, {"checked", true}}));
  CHECK(r["number"]["isPlaceholder"] == true);
  CHECK(r["canCall"] == false);
  o.input["number"] = "+44 20 7946 0958";
  r = o.plan();
  CHECK(r["canCall"] == true);
  CHECK(r["plan"]["dial"] == "+442079460958");
  CHECK(r["plan"]["ticket"]["id"] == 41);
  CHECK(r["plan"]["noteDialedNumber"] == true);
}

TEST_CASE("FO-5d/FO-1e off: 'Enter new number' dials only the requester's stored numbers (D53)", "[FO-5d][FO-1e]") {
  auto o = adaWithTickets();
  o.entry = {{"source", "ticket_new_number"}, {"ticketId", 41}};
  auto r = o.plan();
  CHECK(r["errors"].empty());  // nothing typed yet: nothing wrong yet
  CHECK(r["useEnteredNumber"] == json({{"offered", false}, {"checked", false}}));
  CHECK(r["canCall"] == false);
  o.input["number"] = kOther;
  r = o.plan();
  CHECK(test::hasCode(r["errors"], "NUMBER_NOT_ON_CONTACT"));
  CHECK_FALSE(test::hasCode(r["errors"], "ENTERED_NUMBER_DISABLED"));
  CHECK(r["canCall"] == false);
  o.input["number"] = kAdaNumber;
  r = o.plan();
  REQUIRE(r["canCall"] == true);
  CHECK(r["plan"]["ticket"]["id"] == 41);
  CHECK(r["plan"]["noteDialedNumber"] == false);
  o.input["useEnteredNumber"] = true;  // a tick the view never offers is still refused
  CHECK(test::hasCode(o.plan()["errors"], "ENTERED_NUMBER_DISABLED"));
}

TEST_CASE("FO-6: plan is present exactly when Call is possible", "[FO-6]") {
  auto o = adaWithTickets();
  auto r = o.plan();
  CHECK(r["canCall"] == true);
  CHECK(r["errors"].empty());
  CHECK(r.contains("plan"));
}
