// Phone normalisation (FO-2 and CONTRACT "Common shapes").
#include <catch2/catch.hpp>

#include "digit_regex.h"
#include "phone_metadata.h"
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
  CHECK(norm("+442079460958")["display"] == "+44 20 7946 0958");  // libphonenumber's grouping
}

// Numbers as libphonenumber reads them (expected values are libphonenumber-js 1.13.18's answers;
// tests/js/phone-oracle.test.mjs checks every country against it).
TEST_CASE("FO-2: a national (trunk) prefix other than 0 is dropped: Russia, Kazakhstan, Belarus, Turkmenistan, Hungary",
          "[FO-2][phone]") {
  auto [input, code, e164] = GENERATE(table<std::string, std::string, std::string>({
      {"8 912 345-67-89", "7", "+79123456789"},
      {"8 (771) 000 99 98", "7", "+77710009998"},  // Kazakhstan shares +7
      {"8 029 491-19-11", "375", "+375294911911"},
      {"8 12 345678", "993", "+99312345678"},
      {"06 20 123 4567", "36", "+36201234567"},
      {"810 44 20 7946 0958", "7", "+442079460958"},  // Russia's international prefix
  }));
  auto r = norm(input, code);
  INFO(input << " with " << code << " → " << r.dump());
  CHECK(r["valid"] == true);
  CHECK(r["e164"] == e164);
}

TEST_CASE("FO-2: a leading 0 that is part of the number is kept: Benin, Côte d'Ivoire, Congo, Gabon, Italy",
          "[FO-2][phone]") {
  auto [input, code, e164] = GENERATE(table<std::string, std::string, std::string>({
      {"01 95 12 34 56", "229", "+2290195123456"},
      {"01 23 45 67 89", "225", "+2250123456789"},
      {"06 123 4567", "242", "+242061234567"},
      {"06 03 12 34", "241", "+24106031234"},
      {"06 1234 5678", "39", "+390612345678"},
  }));
  auto r = norm(input, code);
  INFO(input << " with " << code << " → " << r.dump());
  CHECK(r["valid"] == true);
  CHECK(r["e164"] == e164);
}

TEST_CASE("FO-2: Argentina's mobile 15 becomes the international 9", "[FO-2][phone]") {
  CHECK(norm("011 15-2345-6789", "54")["e164"] == "+5491123456789");
  CHECK(norm("0351 15 123-4567", "54")["e164"] == "+5493511234567");
  CHECK(norm("+54 9 11 2345-6789", "1")["e164"] == "+5491123456789");
}

TEST_CASE("FO-2: display is libphonenumber's international format", "[FO-2][phone]") {
  CHECK(norm("030 55501234", "49")["display"] == "+49 30 55501234");
  CHECK(norm("8 912 345-67-89", "7")["display"] == "+7 912 345 67 89");
  CHECK(norm("8 (771) 000 99 98", "7")["display"] == "+7 771 000 9998");
  CHECK(norm("011 15-2345-6789", "54")["display"] == "+54 9 11 2345 6789");
  CHECK(norm("01 23 45 67 89", "225")["display"] == "+225 01 23 45 6789");
  CHECK(norm("+80012345678", "")["display"] == "+800 1234 5678");
}

TEST_CASE("FO-2: validity is libphonenumber's: a number no plan allows is invalid", "[FO-2][phone]") {
  for (const char* text : {"+1 555 123 4567", "+49 1", "+7 812 345", "+44 20 7946 09581234"}) {
    auto r = norm(text);
    INFO(text << " → " << r.dump());
    CHECK(r["valid"] == false);
    CHECK(r["e164"].is_null());
  }
}

TEST_CASE("FO-2: every pattern of the generated tables is one the matcher understands", "[FO-2][phone]") {
  const auto& m = adapter::phone_metadata::metadata();
  CHECK(m.source.find("libphonenumber-js") == 0);
  CHECK(m.plans.size() > 240);
  std::size_t patterns = 0;
  auto check = [&](std::string_view source) {
    if (source.empty()) return;
    ++patterns;
    INFO(source);
    CHECK(adapter::digit_regex::compiled(source).ok());
  };
  for (const auto& p : m.plans) {
    for (auto s : {p.internationalPrefix, p.nationalPrefixForParsing, p.leadingDigits, p.nationalNumberPattern}) {
      check(s);
    }
    for (const auto& f : p.formats) {
      check(f.pattern);
      check(f.leadingDigits);
    }
    for (const auto& t : p.types) check(t.pattern);
  }
  CHECK(patterns > 1000);
}

TEST_CASE("FO-2: the digit matcher matches as JavaScript's RegExp does", "[FO-2][phone]") {
  using adapter::digit_regex::Pattern;
  CHECK(Pattern("(\\d{3})(\\d{3,4})").matchStart("1234567", true)->group("1234567", 2) == "4567");
  CHECK(Pattern("0|80?").matchStart("80291", false)->end == 2);         // greedy ?
  CHECK(Pattern("0(1\\d)?").matchStart("0x", false)->groups[0] == -1);  // a group that took no part
  CHECK(Pattern("([457]\\d{6})$|1").matchStart("4641234", false)->group("4641234", 1) == "4641234");
  CHECK(Pattern("([457]\\d{6})$|1").matchStart("12684641234", false)->end == 1);
  CHECK_FALSE(Pattern("2[0-35-9]").matchStart("24", false));
  CHECK_FALSE(Pattern("a").ok());
  CHECK_FALSE(Pattern("(1").ok());
}

TEST_CASE("FO-2: a malformed default calling code is a request error", "[FO-2][phone]") {
  auto r = norm("415 555 0100", "abc");
  CHECK(r["error"]["code"] == "INVALID_REQUEST");
  CHECK(r["error"]["path"] == "/defaultCallingCode");
}
