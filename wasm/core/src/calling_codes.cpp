#include "calling_codes.h"

#include <algorithm>
#include <array>

namespace adapter {
namespace {

constexpr std::array<int, 42> kTwoDigit = {20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45,
                                           46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58, 60, 61,
                                           62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94};
constexpr std::array<int, 2> kTwoDigitTail = {95, 98};

bool isThreeDigitAssigned(int code) {
  // Ranges of assigned three-digit codes (ITU-T E.164 list); gaps such as 214/215 are unassigned.
  struct Range {
    int from, to;
  };
  static constexpr std::array<Range, 33> kRanges = {{
      {211, 213}, {216, 216}, {218, 218}, {220, 258}, {260, 269}, {290, 291}, {297, 299}, {350, 359}, {370, 383},
      {385, 387}, {389, 389}, {420, 421}, {423, 423}, {500, 509}, {590, 599}, {670, 670}, {672, 683}, {685, 692},
      {800, 800}, {808, 808}, {850, 850}, {852, 853}, {855, 856}, {870, 870}, {878, 878}, {880, 883}, {886, 886},
      {888, 888}, {960, 968}, {970, 977}, {979, 979}, {992, 996}, {998, 998},
  }};
  return std::any_of(kRanges.begin(), kRanges.end(), [code](Range r) { return code >= r.from && code <= r.to; });
}

int prefixValue(std::string_view digits, std::size_t n) {
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) v = v * 10 + (digits[i] - '0');
  return v;
}

}  // namespace

int callingCodeLength(std::string_view digits) {
  if (digits.empty()) return 0;
  if (digits[0] == '1' || digits[0] == '7') return 1;
  if (digits.size() < 2) return 0;
  int two = prefixValue(digits, 2);
  if (std::find(kTwoDigit.begin(), kTwoDigit.end(), two) != kTwoDigit.end() ||
      std::find(kTwoDigitTail.begin(), kTwoDigitTail.end(), two) != kTwoDigitTail.end()) {
    return 2;
  }
  if (digits.size() < 3) return 0;
  return isThreeDigitAssigned(prefixValue(digits, 3)) ? 3 : 0;
}

}  // namespace adapter
