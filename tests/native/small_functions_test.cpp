// The smaller contract functions: recordingParts (RS-1), sessionTag (RC-2), renderTitle (RC-1),
// profileFlags (PF-1).
#include <catch2/catch.hpp>

#include "test_support.h"

using test::json;

TEST_CASE("RS-1: recordings over 50 MB are split into ordered 50 MB parts", "[RS-1]") {
  CHECK(test::call("recordingParts", {{"bytes", 73400320}})["parts"] == json::array({52428800, 20971520}));
  CHECK(test::call("recordingParts", {{"bytes", 52428800}})["parts"] == json::array({52428800}));
  CHECK(test::call("recordingParts", {{"bytes", 1000}})["parts"] == json::array({1000}));
  CHECK(test::call("recordingParts", {{"bytes", 0}})["parts"] == json::array());
  CHECK(test::call("recordingParts", {{"bytes", 157286401}})["parts"].size() == 4);
}

TEST_CASE("RS-1: negative, fractional or absurd sizes are request errors", "[RS-1]") {
  for (json bytes : {json(-1), json(1.5), json("10"), json(1LL << 50)}) {
    auto r = test::call("recordingParts", {{"bytes", bytes}});
    CHECK(r["error"]["code"] == "INVALID_REQUEST");
    CHECK(r["error"]["path"] == "/bytes");
  }
}

TEST_CASE("RC-2: session types become Zendesk tags in lowercase snake case", "[RC-2]") {
  auto [type, tag] = GENERATE(table<std::string, std::string>({
      {"Voice Inbound (IVR)", "voice_inbound_ivr"},
      {"Inbound Call (App)", "inbound_call_app"},
      {"  Chat -- Web  ", "chat_web"},
      {"Outbound Call", "outbound_call"},
      {"voice_outbound", "voice_outbound"},
  }));
  CHECK(test::call("sessionTag", {{"sessionType", type}})["tag"] == tag);
}

TEST_CASE("RC-2: a session type without letters or digits is refused", "[RC-2]") {
  CHECK(test::call("sessionTag", {{"sessionType", "()"}})["error"]["code"] == "INVALID_REQUEST");
}

TEST_CASE("RC-1: the title template fills every variable", "[RC-1]") {
  auto r = test::call("renderTitle", {{"template",
                                       "{{CALL_TYPE}} {{CALL_ID}} from {{PHONE_NUMBER}} [{{MENU_PATH}}] "
                                       "{{LANGUAGE}} {{TIMESTAMP}}"},
                                      {"vars",
                                       {{"CALL_TYPE", "Inbound Call (App)"},
                                        {"CALL_ID", 1234},
                                        {"PHONE_NUMBER", "+14155550100"},
                                        {"MENU_PATH", "Sales > EMEA"},
                                        {"LANGUAGE", "de"},
                                        {"TIMESTAMP", "2026-11-20 10:15"}}}});
  CHECK(r["title"] == "Inbound Call (App) 1234 from +14155550100 [Sales > EMEA] de 2026-11-20 10:15");
}

TEST_CASE("RC-1: a missing value renders empty, never a raw placeholder", "[RC-1]") {
  auto r = test::call("renderTitle",
                      {{"template", "{{CALL_TYPE}} - {{ MENU_PATH }}"}, {"vars", {{"CALL_TYPE", "IVR Call"}}}});
  CHECK(r["title"] == "IVR Call -");
  CHECK(r["unknownVariables"].empty());
}

TEST_CASE("RC-1: an empty variable leaves no double space", "[RC-1]") {
  auto r = test::call("renderTitle", {{"template", "{{CALL_TYPE}} {{MENU_PATH}} ({{LANGUAGE}})"},
                                      {"vars", {{"CALL_TYPE", "IVR Call"}, {"LANGUAGE", "nb"}}}});
  CHECK(r["title"] == "IVR Call (nb)");
}

TEST_CASE("RC-1: unknown variables render empty and are reported for the admin", "[RC-1]") {
  auto r = test::call("renderTitle", {{"template", "Call {{CALLER}}"}, {"vars", json::object()}});
  CHECK(r["title"] == "Call");
  CHECK(r["unknownVariables"] == json::array({"CALLER"}));
}

TEST_CASE("RC-1: line breaks in values cannot break the title onto several lines", "[RC-1]") {
  auto r = test::call("renderTitle", {{"template", "{{MENU_PATH}}"}, {"vars", {{"MENU_PATH", "a\nb\tc"}}}});
  CHECK(r["title"] == "a b c");
}

TEST_CASE("PF-1: reserved attributes become profile flags", "[PF-1]") {
  auto r = test::call("profileFlags", {{"attributes",
                                        {{"reserved_verified_customer", true},
                                         {"reserved_bad_actor", "true"},
                                         {"reserved_repeat_customer", 1},
                                         {"favourite_colour", "blue"}}}});
  CHECK(r["flags"] == json::array({{{"code", "verified_customer"}, {"attribute", "reserved_verified_customer"}},
                                   {{"code", "bad_actor"}, {"attribute", "reserved_bad_actor"}},
                                   {{"code", "repeat_customer"}, {"attribute", "reserved_repeat_customer"}}}));
}

TEST_CASE("PF-1: verified false means an unverified customer", "[PF-1]") {
  auto r = test::call("profileFlags", {{"attributes", {{"reserved_verified_customer", "false"}}}});
  CHECK(r["flags"] == json::array({{{"code", "unverified_customer"}, {"attribute", "reserved_verified_customer"}}}));
}

TEST_CASE("PF-1: attributes without the reserved_ prefix (SIP, virtual agents) count too", "[PF-1]") {
  auto r = test::call("profileFlags", {{"attributes", {{"bad_actor", "yes"}, {"verified_customer", 0}}}});
  REQUIRE(r["flags"].size() == 2);
  CHECK(r["flags"][0]["code"] == "unverified_customer");
  CHECK(r["flags"][1]["code"] == "bad_actor");
}

TEST_CASE("PF-1: the reserved_ form wins over the bare form", "[PF-1]") {
  auto r = test::call("profileFlags",
                      {{"attributes", {{"reserved_verified_customer", true}, {"verified_customer", false}}}});
  CHECK(r["flags"] == json::array({{{"code", "verified_customer"}, {"attribute", "reserved_verified_customer"}}}));
}

TEST_CASE("PF-1: unreadable values make no flag and are reported", "[PF-1]") {
  auto r = test::call("profileFlags", {{"attributes", {{"reserved_bad_actor", "maybe"}}}});
  CHECK(r["flags"].empty());
  CHECK(r["ignored"] == json::array({"reserved_bad_actor"}));
}
