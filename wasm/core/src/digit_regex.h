#pragma once
// The regular expressions of libphonenumber's metadata, matched as JavaScript's RegExp matches them (first
// alternative first, greedy quantifiers, backtracking), over strings of ASCII digits. The syntax is the subset the
// metadata uses, which scripts/gen-phone-metadata.mjs checks: digits, \d, [digit ranges], (, (?:, ), |, ?, {n},
// {n,m} and $.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace adapter::digit_regex {

struct Match {
  std::size_t end = 0;
  std::vector<int> groups;  // start, end of each capture group (group n at 2(n-1)); -1 when it took no part
  std::string_view group(std::string_view text, int n) const;  // "" when group n took no part
};

class Pattern {
 public:
  explicit Pattern(std::string_view source);

  bool ok() const { return ok_; }  // false when the source is outside the subset (then nothing matches)
  int groupCount() const { return groups_; }

  // A match that starts at the beginning of `text` (as `^(?:source)`), the first one JavaScript would find;
  // with `whole`, only one that ends at the end of `text` (as `^(?:source)$`).
  std::optional<Match> matchStart(std::string_view text, bool whole) const;

  struct Inst {
    enum Op : std::uint8_t { Set, Split, Jmp, Save, End, Accept } op;
    std::uint16_t mask;  // Set: the digits 0-9 it accepts, one bit each
    int x, y;            // Split: try x, then y; Jmp: x; Save: slot
  };

 private:
  std::vector<Inst> code_;
  int groups_ = 0;
  bool ok_ = false;
};

// The pattern for `source`, compiled once and kept for the life of the process.
const Pattern& compiled(std::string_view source);

// `^(?:source)$` matches all of `text`.
bool matchesEntirely(std::string_view text, std::string_view source);

// `source` matches at the start of `text` (JavaScript's `text.search(source) === 0`).
bool matchesAtStart(std::string_view text, std::string_view source);

}  // namespace adapter::digit_regex
