// The harness's answer splitter and its validating JSON scanner (answer_text.h). The fuzz properties "answers are
// JSON" and the persisted snapshot's check rest on the scanner accepting exactly what nlohmann::json::parse
// accepts (D322): a scanner more lenient than the parser would let a broken snapshot through unchecked, a stricter
// one would report a property failure that is none. So every text below, and every short text over an alphabet of
// JSON's delicate characters, must get the same verdict from both.
#include "answer_text.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace {

int failures = 0;

void expect(bool ok, const std::string& what) {
  if (ok) return;
  ++failures;
  std::fprintf(stderr, "FAILED: %s\n", what.c_str());
}

// The scanner's verdict on a whole text: it starts at a value, so JSON's whitespace around it is skipped here.
bool scannerAccepts(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  std::size_t start = 0;
  while (start < text.size() && space(text[start])) ++start;
  std::size_t end = fuzz::jsonValueEnd(text, start);
  if (end == std::string_view::npos) return false;
  while (end < text.size() && space(text[end])) ++end;
  return end == text.size();
}

void agrees(const std::string& text) {
  bool parser = nlohmann::json::accept(text);
  expect(scannerAccepts(text) == parser,
         "scanner and parser disagree on [" + text + "]: parser " + (parser ? "accepts" : "refuses"));
}

void chosenTexts() {
  const std::vector<std::string> texts = {
      // numbers: leading zeros, lone signs and points, exponents
      "0", "-0", "01", "-", "1.", ".5", "1.5", "1e", "1e+", "1E-7", "-12.5e3", "+1",
      // literals, cut and padded
      "true", "tru", "false", "null", "nul", "nulll",
      // strings: escapes, control characters, surrogates (paired, lone, reversed)
      R"("")", R"("a\"b")", R"("\/\b\f\n\r\t\\")", R"("\x")", R"("\u00e9")", R"("\u00G9")", R"("\ud83d\ude00")",
      R"("\ud83d")", R"("\ude00")", R"("\ud83d\u0041")", std::string("\"a\tb\""), std::string("\"a\nb\""),
      // UTF-8: well formed, overlong, surrogates encoded, beyond U+10FFFF, cut
      "\"\xC3\xA9\"", "\"\xC0\xAF\"", "\"\xE0\x80\xAF\"", "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"",
      "\"\xF0\x9F\x98\x80\"", "\"\xE2\x82\"", "\"\xFF\"",
      // structure: trailing commas, missing colons, whitespace inside
      "[]", "[1,]", "[,1]", "[1 , 2]", "{}", R"({"a":1})", R"({"a" : [ true , null ] })", R"({"a":1,})", R"({"a"})",
      R"({a:1})", R"({"a":1 "b":2})", "[[[]]]", "[[[]]", "{\"a\":{\"b\":{}}}"};
  for (const auto& t : texts) agrees(t);
}

// Every text of up to 4 characters over JSON's delicate characters (~100,000 texts, a fraction of a second).
void shortTexts() {
  const std::string alphabet = "\"\\u0d1-.e[]{}:, \xC3\xA9";
  std::string text;
  auto grow = [&](auto& self, std::size_t length) -> void {
    agrees(text);
    if (length == 4) return;
    for (char c : alphabet) {
      text.push_back(c);
      self(self, length + 1);
      text.pop_back();
    }
  };
  grow(grow, 0);
}

// Nesting beyond the scanner's depth is left to the full parse (npos), never taken as valid on a guess.
void deepNesting() {
  std::string deep = std::string(300, '[') + std::string(300, ']');
  expect(fuzz::jsonValueEnd(deep, 0) == std::string_view::npos, "300 nested arrays are left to the parser");
  std::string shallow = std::string(100, '[') + std::string(100, ']');
  expect(fuzz::jsonValueEnd(shallow, 0) == shallow.size(), "100 nested arrays are scanned");
}

void splitting() {
  auto parts = fuzz::splitAnswer(R"({"view":{"screen":"main"},"effects":[{"type":"persist","state":{"version":1}},)"
                                 R"({"type":"scheduleTick","atMs":5}]})",
                                 "");
  expect(parts && parts->view == R"({"screen":"main"})", "the view's text is split out");
  expect(parts && parts->state == R"({"version":1})", "the persisted snapshot is kept as text");
  expect(parts && parts->otherEffects == R"([{"type":"scheduleTick","atMs":5}])", "the other effects stay an array");
  auto same = fuzz::splitAnswer(R"({"view":{"screen":"main"},"effects":[]})", R"({"screen":"main"})");
  expect(same && same->state.empty() && same->otherEffects == "[]", "an answer without persist and the last view");
  // A broken snapshot, a trailing comma after persist, another layout: left to the full parse, which refuses them.
  expect(!fuzz::splitAnswer(R"({"view":{},"effects":[{"type":"persist","state":{"a":}}]})", ""),
         "a snapshot that is not JSON is not split");
  expect(!fuzz::splitAnswer(R"({"view":{},"effects":[{"type":"persist","state":{}},]})", ""),
         "[persist,] is not split");
  expect(!fuzz::splitAnswer(R"({"error":{"code":"INVALID_REQUEST"}})", ""), "an error answer is not split");
  // The view's members (D411): each key as written and its value's whole text, whitespace around them left out.
  auto members = fuzz::splitAnswer(R"({"view":{"screen":"call", "call":{"id":"c1","can":[1,2]},"k\u0041":null},)"
                                   R"("effects":[]})",
                                   "");
  expect(members && members->viewMembers.size() == 3, "the view's three members are found");
  if (members && members->viewMembers.size() == 3) {
    expect(members->viewMembers[0].key == "screen" && members->viewMembers[0].value == R"("call")", "a text member");
    expect(members->viewMembers[1].key == "call" && members->viewMembers[1].value == R"({"id":"c1","can":[1,2]})",
           "an object member, whole");
    expect(members->viewMembers[2].key == R"(k\u0041)" && members->viewMembers[2].value == "null",
           "a key with an escape, as written");
  }
  expect(!fuzz::splitAnswer(R"({"view":[1],"effects":[]})", ""), "a view that is no object is not split");
}

}  // namespace

int main() {
  chosenTexts();
  shortTexts();
  deepNesting();
  splitting();
  if (failures == 0) std::printf("answer_text: the scanner agrees with the parser\n");
  return failures == 0 ? 0 : 1;
}
