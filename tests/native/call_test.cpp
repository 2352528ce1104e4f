// adapter::call, the one door every caller uses (CONTRACT.md "Errors").
#include <catch2/catch.hpp>

#include "test_support.h"

using test::json;

TEST_CASE("Contract: every documented function is reachable through call()", "[contract]") {
  for (const char* name :
       {"normalizePhone", "planOutbound", "recordingParts", "sessionTag", "renderTitle", "profileFlags"}) {
    CHECK(adapter::isFunction(name));
  }
}

TEST_CASE("Contract: an unknown function is a structured error", "[contract]") {
  auto r = test::callText("planInbound", "{}");
  CHECK(r["error"]["code"] == "UNKNOWN_FUNCTION");
}

TEST_CASE("Contract: a wrong type names the JSON pointer of the bad value", "[contract]") {
  auto r = test::call("planOutbound", {{"settings", {{"promptSelectOpenTicket", "yes"}}}});
  CHECK(r == json({{"error",
                    {{"code", "INVALID_REQUEST"},
                     {"message", "expected boolean, got string"},
                     {"path", "/settings/promptSelectOpenTicket"}}}}));
}

TEST_CASE("Contract: unknown fields are ignored", "[contract]") {
  auto r = test::call("sessionTag", {{"sessionType", "Outbound Call"}, {"color", "green"}, {"nested", {{"x", 1}}}});
  CHECK(r == json({{"tag", "outbound_call"}}));
}

TEST_CASE("Contract: out-of-range values and bad enums are request errors with a path", "[contract]") {
  struct Case {
    json request;
    const char* path;
  };
  for (const auto& c : {
           Case{{{"entry", {{"source", "fax"}}}}, "/entry/source"},
           Case{{{"contacts", {{{"id", -4}}}}}, "/contacts/0/id"},
           Case{{{"contacts", {{{"id", 4}, {"createdAt", "yesterday"}}}}}, "/contacts/0/createdAt"},
           Case{{{"tickets", {{{"id", 4}, {"requesterId", 1}, {"status", "archived"}}}}}, "/tickets/0/status"},
           Case{{{"tickets", {{{"id", 4}, {"requesterId", 1}}}}}, "/tickets/0/status"},
           Case{{{"agent", {{"teams", {{{"id", 1}, {"ticketIdEntry", "sometimes"}}}}}}},
                "/agent/teams/0/ticketIdEntry"},
           Case{{{"entry", {{"source", "contact"}}}}, "/entry/contactId"},
           Case{{{"input", {{"ticket", "maybe"}}}}, "/input/ticket"},
           Case{{{"settings", {{"defaultCallingCode", "999"}}}}, "/settings/defaultCallingCode"},
           Case{{{"settings", {{"integrationTag", "two words"}}}}, "/settings/integrationTag"},
       }) {
    auto r = test::call("planOutbound", c.request);
    INFO(c.request.dump() << " → " << r.dump());
    CHECK(r["error"]["code"] == "INVALID_REQUEST");
    CHECK(r["error"]["path"] == c.path);
  }
}

TEST_CASE("Contract: ids must survive JavaScript (positive, below 2^53)", "[contract]") {
  auto r = test::call("planOutbound", {{"contacts", {{{"id", 9007199254740993LL}}}}});
  CHECK(r["error"]["path"] == "/contacts/0/id");
  r = test::call("planOutbound", {{"contacts", {{{"id", 9007199254740991LL}, {"phones", json::array()}}}}});
  CHECK_FALSE(r.contains("error"));
}
