// Phone normalisation (FO-2 and CONTRACT "Common shapes").
#include <catch2/catch.hpp>

#include "test_support.h"

using test::json;

namespace {
json norm(const std::string& number, const std::string& code = "1") {
  return test::call("normalizePhone", {{"number", number}, {"defaultCallingCode", code}});
}
}  // namespace

TEST_CASE("FO-2: human formats normalise to E.164", "[FO-2][phone]") {
  auto [input, code, e164] = GENERATE(table<std::string, std::string, std::string>({
      {"+1 (415) 555-0100", "1", "+14155550100"},
      {"415.555.0100", "1", "+14155550100"},
      {"1-415-555-0100", "1", "+14155550100"},
      {"011 44 20 7946 0958", "1", "+442079460958"},
      {"0044 20 7946 0958", "49", "+442079460958"},
      {"030 1234567", "49", "+49301234567"},
      {"06 1234 5678", "+39", "+390612345678"},  // Italy keeps the leading 0
      {"22 22 22 22", "47", "+4722222222"},
      {"+886 2 2345 6789", "", "+886223456789"},
  }));
  auto r = norm(input, code);
  INFO(input << " with " << code << " → " << r.dump());
  CHECK(r["valid"] == true);
  CHECK(r["e164"] == e164);
}

TEST_CASE("FO-2: an extension marker is allowed and kept apart", "[FO-2][phone]") {
  for (const char* text :
       {"+1 415 555 0100 ext. 12", "+1 415 555 0100 x12", "+14155550100;ext=12", "+14155550100#12"}) {
    auto r = norm(text);
    INFO(text);
    CHECK(r["e164"] == "+14155550100");
    CHECK(r["extension"] == "12");
  }
}

TEST_CASE("FO-2: letters, too few or too many digits, and unknown country codes are invalid", "[FO-2][phone]") {
  for (const char* text : {"1-800-FLOWERS", "12345", "+1234567890123456", "+999 1234 5678", "", "+", "<script>"}) {
    auto r = norm(text);
    INFO(text << " → " << r.dump());
    CHECK(r["valid"] == false);
    CHECK(r["e164"].is_null());
    CHECK_FALSE(r["reason"].get<std::string>().empty());
  }
}

TEST_CASE("FO-2: without + and without a default calling code the number is invalid", "[FO-2][phone]") {
  auto r = test::call("normalizePhone", {{"number", "415 555 0100"}});
  CHECK(r["valid"] == false);
}

TEST_CASE("FO-2: display groups the national number", "[FO-2][phone]") {
  CHECK(norm("+14155550100")["display"] == "+1 415 555 0100");
  CHECK(norm("+442079460958")["display"] == "+44 207 946 0958");
}

TEST_CASE("FO-2: a malformed default calling code is a request error", "[FO-2][phone]") {
  auto r = norm("415 555 0100", "abc");
  CHECK(r["error"]["code"] == "INVALID_REQUEST");
  CHECK(r["error"]["path"] == "/defaultCallingCode");
}
