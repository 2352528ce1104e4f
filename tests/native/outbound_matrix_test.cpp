// The whole outbound matrix: matching contacts 0/1/many × open tickets 0/1/many × every combination of the
// five FO settings × the four entry points (FO-1…FO-6). Each cell is checked against the rules as stated in
// RULES.md, written here as plain expectations rather than by re-running the planner's own logic.
#include <catch2/catch.hpp>
#include <set>

#include "test_support.h"

using test::json;

namespace {

const char* kNumber = "+14155550100";

struct Cell {
  int contacts;  // 0, 1 or 2 contacts with the number
  int open;      // open tickets of the first contact: 0, 1 or 2 (all created by the integration)
  bool a, b, c, d, e;
  std::string source;
};

test::Outbound build(const Cell& cell) {
  test::Outbound o;
  o.settings["doNotAppendToOpenTicket"] = cell.a;
  o.settings["promptSelectOpenTicket"] = cell.b;
  o.settings["allowCreateNewTicket"] = cell.c;
  o.settings["allowDoNotCreateTicket"] = cell.d;
  o.settings["allowDialEnteredNumber"] = cell.e;
  for (int i = 0; i < cell.contacts; ++i) {
    o.contacts.push_back(
        test::contact(100 + i, "C" + std::to_string(i), {kNumber}, "2020-0" + std::to_string(i + 1) + "-01T00:00:00Z"));
  }
  // The newest contact (largest createdAt) is 100 + contacts - 1; tickets belong to contact 100.
  for (int i = 0; i < cell.open; ++i) {
    o.tickets.push_back(
        test::ticket(500 + i, 100, i == 0 ? "open" : "pending", "2026-11-1" + std::to_string(i) + "T00:00:00Z"));
  }
  o.tickets.push_back(test::ticket(499, 100, "solved", "2026-11-19T00:00:00Z"));
  if (cell.source == "dialpad") {
    o.entry = {{"source", "dialpad"}, {"number", kNumber}};
    if (cell.contacts > 1) o.input["contactId"] = 100;  // FO-3c: the agent chose
  } else if (cell.source == "contact") {
    o.entry = {{"source", "contact"}, {"number", kNumber}, {"contactId", 100}};
  } else if (cell.source == "ticket") {
    o.entry = {{"source", "ticket"}, {"number", kNumber}, {"ticketId", cell.open > 0 ? 500 : 499}};
  } else {
    o.entry = {{"source", "ticket_new_number"}, {"ticketId", cell.open > 0 ? 500 : 499}};
    o.input["number"] = "+14155550199";
  }
  return o;
}

std::set<long long> existingOptions(const json& options) {
  std::set<long long> ids;
  for (const auto& o : options) {
    if (o.is_number()) ids.insert(o.get<long long>());
  }
  return ids;
}

bool offers(const json& options, const char* what) {
  for (const auto& o : options) {
    if (o == what) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("FO matrix: contacts × open tickets × FO settings × entry points follow FO-1…FO-6", "[FO][matrix]") {
  int cells = 0;
  for (int contacts : {0, 1, 2}) {
    for (int open : {0, 1, 2}) {
      for (int bits = 0; bits < 32; ++bits) {
        for (const char* source : {"dialpad", "contact", "ticket", "ticket_new_number"}) {
          Cell cell{contacts,       open,           bool(bits & 1),  bool(bits & 2),
                    bool(bits & 4), bool(bits & 8), bool(bits & 16), source};
          if (contacts == 0 && cell.source != "dialpad") continue;  // those entries start from an existing contact
          ++cells;
          auto r = build(cell).plan();
          INFO("contacts=" << contacts << " open=" << open << " a..e=" << cell.a << cell.b << cell.c << cell.d << cell.e
                           << " source=" << source << "\n"
                           << r.dump());
          REQUIRE_FALSE(r.contains("error"));
          const auto& options = r["ticket"]["options"];

          // FO-6: plan exactly when Call is possible.
          CHECK(r.contains("plan") == r["canCall"].get<bool>());

          // FO-5d without FO-1e: only the requester's stored numbers (D59); the typed one is not among them.
          if (cell.source == "ticket_new_number" && !cell.e) {
            CHECK(test::hasCode(r["errors"], "NUMBER_NOT_ON_CONTACT"));
            CHECK_FALSE(test::hasCode(r["errors"], "ENTERED_NUMBER_DISABLED"));
            CHECK(r["useEnteredNumber"]["checked"] == false);
            CHECK(r["canCall"] == false);
            continue;
          }
          // The entered-number option exists exactly with FO-1e; FO-5d checks it.
          CHECK(r["useEnteredNumber"]["offered"] == cell.e);
          CHECK(r["useEnteredNumber"]["checked"] == (cell.e && cell.source == "ticket_new_number"));

          // FO-1d: "Do not create a ticket" is offered exactly when allowed.
          CHECK(offers(options, "none") == cell.d);

          auto existing = existingOptions(options);
          int openOfContact = contacts > 0 ? open : 0;
          if (cell.a) {
            CHECK(existing.empty());  // FO-1a: never an existing ticket
            CHECK(offers(options, "new"));
          } else if (!cell.b) {
            CHECK(existing.size() == (openOfContact > 0 ? 1u : 0u));  // FO-1b off: one automatic choice
            bool fromTicket = cell.source == "ticket" || cell.source == "ticket_new_number";
            if (openOfContact > 0 && !fromTicket) CHECK(existing.count(500 + open - 1) == 1);  // newest updated
            if (openOfContact > 0 && fromTicket) CHECK(existing.count(500) == 1);  // FO-5c/d: the prefilled ticket
            CHECK(offers(options, "new") == (openOfContact == 0));
          } else {
            CHECK(existing.size() == static_cast<std::size_t>(openOfContact));  // FO-1b on: all open tickets
            CHECK(offers(options, "new") == (openOfContact == 0 || cell.c));    // FO-1c
          }
          CHECK(existing.count(499) == 0);  // solved tickets are never offered

          // FO-3: who the call is for.
          if (contacts == 0) {
            CHECK(r["contact"]["selected"].is_null());
            bool writes = !r["ticket"]["selected"].is_null() && r["ticket"]["selected"] != "none";
            CHECK(r["contact"]["willCreate"] == writes);  // FO-3a
          } else {
            CHECK(r["contact"]["selected"] == 100);
          }

          // The ticket choice is complete when Call is possible, and an append always reopens.
          if (r["canCall"] == true) {
            const auto& t = r["plan"]["ticket"];
            if (t["action"] == "append") {
              CHECK(existing.count(t["id"].get<long long>()) == 1);
              CHECK(t["setStatus"] == "open");
            }
            CHECK(r["plan"]["noteDialedNumber"] == (cell.source == "ticket_new_number"));  // FO-1e
          } else {
            // Only the agent's explicit choice may still be missing: FO-1b on with more than one real option
            // (open tickets and "new"; "none" is never a default).
            CHECK(cell.b);
            CHECK(existing.size() + (offers(options, "new") ? 1 : 0) > 1);
            CHECK(test::hasCode(r["errors"], "TICKET_REQUIRED"));
          }
        }
      }
    }
  }
  CHECK(cells == 32 * (3 + 2 * 4 * 3));  // 32 settings × (dialpad-only rows + full rows)
}
