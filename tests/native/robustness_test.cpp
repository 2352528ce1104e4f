// Bad input gets a structured answer, never a crash, abort, trap or stack overflow (issue: Robustness).
// The same cases run natively, under ASan/UBSan, and compiled to WebAssembly under node.
#include <catch2/catch.hpp>

#include "test_support.h"

using test::json;

namespace {

const std::vector<std::string>& functions() { return adapter::functionNames(); }

// Answers must be JSON objects: either a normal response or {"error": {...}} with a known code.
void requireStructured(const std::string& function, const std::string& request) {
  std::string out = adapter::call(function, request);
  auto parsed = json::parse(out, nullptr, false);
  INFO(function << " ← " << request.substr(0, 120) << " → " << out.substr(0, 200));
  REQUIRE_FALSE(parsed.is_discarded());
  REQUIRE(parsed.is_object());
  if (parsed.contains("error")) CHECK(parsed["error"]["code"] == "INVALID_REQUEST");
}

}  // namespace

TEST_CASE("Robustness: malformed JSON is INVALID_REQUEST for every function", "[robustness]") {
  for (const auto& f : functions()) {
    for (const char* bad : {"", "{", "}", "[1,2", "nul", "{\"a\":}", "\"just a string\"", "[]", "42", "{\"a\":1,}",
                            "{\"a\":\"\\ud800\"}", "\xff\xfe{}"}) {
      auto r = test::callText(f, bad);
      INFO(f << " ← " << bad);
      CHECK(r["error"]["code"] == "INVALID_REQUEST");
    }
  }
}

TEST_CASE("Robustness: 100,000 nested brackets are refused without recursion", "[robustness]") {
  std::string arrays = std::string(100000, '[') + std::string(100000, ']');
  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(100000, '}');
  for (const auto& f : functions()) {
    for (const auto* text : {&arrays, &objects}) {
      auto r = test::callText(f, "{\"x\":" + *text + "}");
      CHECK(r["error"]["code"] == "INVALID_REQUEST");
      CHECK(r["error"]["message"].get<std::string>().find("nesting") != std::string::npos);
    }
  }
}

TEST_CASE("Robustness: wrong types anywhere are answered, not crashed on", "[robustness]") {
  const std::vector<json> values = {
      nullptr, true, 0, -1, 1.5, "x", json::array(), json::object(), json::array({1, "a", nullptr}), 1e308};
  for (const auto& f : functions()) {
    for (const char* key : {"settings", "agent", "entry", "contacts", "tickets", "input", "number", "bytes",
                            "sessionType", "template", "vars", "attributes", "defaultCallingCode"}) {
      for (const auto& v : values) requireStructured(f, json{{key, v}}.dump());
    }
  }
}

TEST_CASE("Robustness: wrong types inside contacts, tickets and settings are answered", "[robustness]") {
  const std::vector<json> values = {nullptr, true, 0, 1.5, "x", json::array(), json::object()};
  for (const char* section : {"settings", "entry", "input"}) {
    for (const char* field : {"doNotAppendToOpenTicket", "promptSelectOpenTicket", "teamTicketEntry", "source",
                              "number", "contactId", "ticketId", "ticket", "useEnteredNumber"}) {
      for (const auto& v : values) requireStructured("planOutbound", json{{section, {{field, v}}}}.dump());
    }
  }
  for (const char* field :
       {"id", "requesterId", "status", "createdAt", "updatedAt", "tags", "customFields", "phones"}) {
    for (const auto& v : values) {
      requireStructured("planOutbound",
                        json{{"tickets", {{{"id", 1}, {"requesterId", 1}, {"status", "open"}, {field, v}}}}}.dump());
      requireStructured("planOutbound", json{{"contacts", {{{"id", 1}, {field, v}}}}}.dump());
    }
  }
}

TEST_CASE("Robustness: 10,000-element lists get a normal answer", "[robustness]") {
  test::Outbound o;
  o.entry["number"] = "+14155550100";
  for (int i = 1; i <= 10000; ++i) {
    o.contacts.push_back(test::contact(i, "Contact " + std::to_string(i), {i % 2 ? "+14155550100" : "+14155550101"},
                                       "2020-01-01T00:00:00Z"));
    o.tickets.push_back(test::ticket(100000 + i, i, i % 3 ? "open" : "solved", "2026-01-01T00:00:00Z"));
  }
  auto r = o.plan();
  REQUIRE_FALSE(r.contains("error"));
  CHECK(r["contact"]["options"].size() == 5000);
  CHECK(test::hasCode(r["errors"], "CONTACT_REQUIRED"));

  json list = json::array();
  for (int i = 0; i < 10000; ++i) list.push_back(i);
  for (const auto& f : functions())
    requireStructured(f, json{{"contacts", list}, {"tickets", list}, {"phones", list}}.dump());
}

TEST_CASE("Robustness: lists over the limit are refused with a path", "[robustness]") {
  std::string huge = "{\"contacts\":[";
  for (int i = 0; i < 100001; ++i) huge += i ? ",0" : "0";
  huge += "]}";
  auto r = test::callText("planOutbound", huge);
  CHECK(r["error"]["code"] == "INVALID_REQUEST");
  CHECK(r["error"]["path"] == "/contacts");
}

TEST_CASE("Robustness: hostile strings pass through as data", "[robustness]") {
  const std::string hostile = "<img src=x onerror=alert(1)>\u202e\u0000\"'\\";
  test::Outbound o;
  o.entry["number"] = "+14155550100";
  o.contacts =
      json::array({test::contact(1, hostile + std::string(10000, 'A'), {"+14155550100"}, "2020-01-01T00:00:00Z")});
  o.tickets = json::array({test::ticket(2, 1, "open", "2026-01-01T00:00:00Z")});
  o.tickets[0]["subject"] = hostile;
  auto r = o.plan();
  CHECK(r["contact"]["options"][0]["name"].get<std::string>().substr(0, hostile.size()) == hostile);
  CHECK(r["ticket"]["openTickets"][0]["subject"] == hostile);
  requireStructured("renderTitle",
                    json{{"template", hostile + "{{CALL_ID}}{{"}, {"vars", {{"CALL_ID", hostile}}}}.dump());
  requireStructured("sessionTag", json{{"sessionType", hostile}}.dump());
}
