// Team-based outbound ticket-ID entry (RULES.md TB-1…TB-7).
#include <catch2/catch.hpp>

#include "test_support.h"

using test::json;

namespace {

// Team ticket-ID entry switched on; the agent is in the given teams.
test::Outbound withTeams(json teams) {
  test::Outbound o;
  o.settings["teamTicketEntry"] = {{"enabled", true}};
  o.agent["teams"] = std::move(teams);
  o.contacts = json::array({test::contact(7, "Ada", {"+14155550100", "+14155550111"}, "2020-01-01T00:00:00Z")});
  o.tickets = json::array({test::ticket(42, 7, "pending", "2026-11-20T10:00:00Z", json::array()),
                           test::ticket(40, 7, "solved", "2026-11-21T10:00:00Z"),
                           test::ticket(30, 7, "closed", "2026-11-21T10:00:00Z")});
  return o;
}
json team(long long id, const char* mode) { return {{"id", id}, {"ticketIdEntry", mode}}; }

}  // namespace

TEST_CASE("TB-1: off globally → the FO view, whatever the teams say", "[TB-1]") {
  auto o = withTeams(json::array({team(10, "required")}));
  o.settings["teamTicketEntry"]["enabled"] = false;
  o.entry["number"] = "+14155550100";
  auto r = o.plan();
  CHECK(r["teamTicketEntry"]["applies"] == false);
  CHECK(r["ticket"]["mode"] != "idEntry");
}

TEST_CASE("TB-1: an agent in no enabled team keeps the FO view", "[TB-1]") {
  auto o = withTeams(json::array({team(10, "off"), team(11, "off")}));
  CHECK(o.plan()["teamTicketEntry"]["applies"] == false);
}

TEST_CASE("TB-1: several teams → enabled if any is, required if any enabled one requires", "[TB-1]") {
  auto optional = withTeams(json::array({team(10, "off"), team(11, "optional")})).plan();
  CHECK(optional["teamTicketEntry"] == json({{"applies", true}, {"required", false}}));
  auto required = withTeams(json::array({team(10, "optional"), team(11, "required"), team(12, "off")})).plan();
  CHECK(required["teamTicketEntry"] == json({{"applies", true}, {"required", true}}));
}

TEST_CASE("TB-2: the view asks for a ticket ID and does not offer 'use entered number'", "[TB-2]") {
  auto o = withTeams(json::array({team(10, "optional")}));
  o.settings["allowDialEnteredNumber"] = true;
  o.settings["promptSelectOpenTicket"] = true;
  auto r = o.plan();
  CHECK(r["ticket"]["mode"] == "idEntry");
  CHECK(r["useEnteredNumber"]["offered"] == false);
}

TEST_CASE("TB-3: required and empty → Call stays disabled", "[TB-3]") {
  auto o = withTeams(json::array({team(10, "required")}));
  o.entry["number"] = "+14155550100";
  auto r = o.plan();
  CHECK(r["ticket"]["required"] == true);
  CHECK(test::hasCode(r["errors"], "TICKET_REQUIRED"));
  CHECK(r["canCall"] == false);
  o.input["ticketId"] = "   ";
  CHECK(o.plan()["canCall"] == false);
}

TEST_CASE("TB-3: optional and empty → the default, a new ticket for the call", "[TB-3]") {
  auto o = withTeams(json::array({team(10, "optional")}));
  o.entry["number"] = "+14155550100";
  auto r = o.plan();
  CHECK(r["canCall"] == true);
  CHECK(r["plan"]["ticket"] == json({{"action", "create"}}));
  CHECK(r["plan"]["contactId"] == 7);
  CHECK(r["decision"]["rule"] == "TB-3");
}

TEST_CASE("TB-4: an open-set ticket ID links the call — TB-6 appends to it", "[TB-4][TB-6]") {
  auto o = withTeams(json::array({team(10, "required")}));
  o.input["ticketId"] = "#42";
  auto r = o.plan();
  CHECK(r["canCall"] == true);
  CHECK(r["ticket"]["selected"] == 42);
  CHECK(r["plan"]["ticket"] == json({{"action", "append"}, {"id", 42}, {"setStatus", "open"}}));
  CHECK(r["plan"]["contactId"] == 7);
  CHECK(r["decision"]["rule"] == "TB-6");
}

TEST_CASE("TB-4: solved or closed tickets cannot be linked", "[TB-4]") {
  auto o = withTeams(json::array({team(10, "required")}));
  for (const char* id : {"40", "30"}) {
    o.input["ticketId"] = id;
    auto r = o.plan();
    CHECK(test::hasCode(r["errors"], "TICKET_NOT_LINKABLE"));
    CHECK(r["canCall"] == false);
  }
}

TEST_CASE("TB-4: an unknown ticket or a non-number is a clear error", "[TB-4]") {
  auto o = withTeams(json::array({team(10, "optional")}));
  o.input["ticketId"] = "9999";
  CHECK(test::hasCode(o.plan()["errors"], "TICKET_NOT_FOUND"));
  o.input["ticketId"] = "42a";
  CHECK(test::hasCode(o.plan()["errors"], "TICKET_ID_INVALID"));
}

TEST_CASE("TB-5: the requester's default phone is dialled", "[TB-5]") {
  auto o = withTeams(json::array({team(10, "required")}));
  o.input["ticketId"] = "42";
  auto r = o.plan();
  CHECK(r["plan"]["dial"] == "+14155550100");
  CHECK(r["warnings"].empty());
}

TEST_CASE("TB-5: a configured custom ticket field supplies the number", "[TB-5]") {
  auto o = withTeams(json::array({team(10, "required")}));
  o.settings["teamTicketEntry"]["phoneFieldId"] = 5001;
  o.tickets[0]["customFields"] = json::array({{{"id", 5001}, {"value", "+1 212 555 0142"}}});
  o.input["ticketId"] = "42";
  auto r = o.plan();
  CHECK(r["plan"]["dial"] == "+12125550142");
  CHECK(r["plan"]["contactId"] == 7);
}

TEST_CASE("TB-5: an empty phone field falls back to the requester's phone with a warning", "[TB-5]") {
  auto o = withTeams(json::array({team(10, "required")}));
  o.settings["teamTicketEntry"]["phoneFieldId"] = 5001;
  o.input["ticketId"] = "42";
  auto r = o.plan();
  CHECK(r["plan"]["dial"] == "+14155550100");
  CHECK(test::hasCode(r["warnings"], "TICKET_FIELD_PHONE_EMPTY"));
}

TEST_CASE("TB-5: no number anywhere → the call cannot be placed", "[TB-5]") {
  auto o = withTeams(json::array({team(10, "required")}));
  o.contacts[0]["phones"] = json::array();
  o.input["ticketId"] = "42";
  auto r = o.plan();
  CHECK(test::hasCode(r["errors"], "TICKET_PHONE_MISSING"));
  CHECK(r["canCall"] == false);
}

TEST_CASE("TB-5: a typed number is replaced by the ticket's, and the agent is told", "[TB-5]") {
  auto o = withTeams(json::array({team(10, "optional")}));
  o.entry["number"] = "+14155550199";
  o.input["ticketId"] = "42";
  auto r = o.plan();
  CHECK(r["plan"]["dial"] == "+14155550100");
  CHECK(test::hasCode(r["warnings"], "NUMBER_FROM_TICKET"));
}

TEST_CASE("TB-7: the ticket Call menu with an existing number fills the ticket ID", "[TB-7]") {
  auto o = withTeams(json::array({team(10, "required")}));
  o.entry = {{"source", "ticket"}, {"number", "+14155550111"}, {"ticketId", 42}};
  auto r = o.plan();
  CHECK(r["ticket"]["ticketId"] == "42");
  CHECK(r["canCall"] == true);
  CHECK(r["plan"]["dial"] == "+14155550111");  // the number the agent picked, not the default
  CHECK(r["plan"]["ticket"]["id"] == 42);
}

TEST_CASE("TB-7: the ticket Call menu on a solved ticket still refuses the link", "[TB-7][TB-4]") {
  auto o = withTeams(json::array({team(10, "optional")}));
  o.entry = {{"source", "ticket"}, {"number", "+14155550100"}, {"ticketId", 40}};
  CHECK(test::hasCode(o.plan()["errors"], "TICKET_NOT_LINKABLE"));
}

TEST_CASE("TB-7: 'Enter new number' is incompatible with team ticket-ID entry", "[TB-7]") {
  auto o = withTeams(json::array({team(10, "optional")}));
  o.settings["allowDialEnteredNumber"] = true;
  o.entry = {{"source", "ticket_new_number"}, {"ticketId", 42}};
  o.input["number"] = "+14155550199";
  auto r = o.plan();
  CHECK(test::hasCode(r["errors"], "TEAM_ENTRY_INCOMPATIBLE"));
  CHECK(r["canCall"] == false);
}

TEST_CASE("TB-7: click-to-call on a contact is incompatible with team ticket-ID entry", "[TB-7]") {
  auto o = withTeams(json::array({team(10, "required")}));
  o.entry = {{"source", "contact"}, {"number", "+14155550100"}, {"contactId", 7}};
  auto r = o.plan();
  CHECK(test::hasCode(r["errors"], "TEAM_ENTRY_INCOMPATIBLE"));
  CHECK(r["decision"]["rule"] == "TB-7");
  CHECK_FALSE(r.contains("plan"));
}

TEST_CASE("TB-2: a ticket list choice is refused while the team enters IDs", "[TB-2]") {
  auto o = withTeams(json::array({team(10, "optional")}));
  o.input["ticket"] = "new";
  CHECK(test::hasCode(o.plan()["errors"], "CHOICE_NOT_ALLOWED"));
}
