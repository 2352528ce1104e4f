#pragma once
// libphonenumber's numbering plans (from libphonenumber-js's metadata, generated into phone_metadata.inc by
// scripts/gen-phone-metadata.mjs), trimmed to what parsing and INTERNATIONAL formatting read.
#include <cstdint>
#include <string_view>
#include <vector>

namespace adapter::phone_metadata {

struct Format {
  std::string_view pattern;        // the national number entirely, in groups
  std::string_view intlFormat;     // "$1 $2 $3"; "" = the groups in order, separated by spaces
  std::string_view leadingDigits;  // the last (most precise) leading-digits pattern, or ""
};

struct Type {  // a number type (fixed line, mobile, toll free, ...): kept only where libphonenumber-js keeps it
  std::string_view pattern;  // "" = no pattern (never matches)
  std::uint32_t lengths;     // bit n: n digits are possible; 0 = the plan's
};

struct Plan {
  std::string_view callingCode;                  // "49"
  std::string_view region;                       // "DE", "001" for non-geographic codes
  std::string_view internationalPrefix;          // regex; main plans only
  std::string_view nationalPrefixForParsing;     // regex; main plans only
  std::string_view nationalPrefixTransformRule;  // "$1"-style; main plans only
  std::string_view leadingDigits;                // regex telling this region among those sharing its calling code
  std::uint32_t lengths = 0;                     // bit n: a national number of n digits is possible; 0 = unknown
  std::string_view nationalNumberPattern;
  std::vector<Format> formats;  // empty: the main plan's
  std::vector<Type> types;      // empty: validity by the national number pattern alone
};

struct Metadata {
  std::string_view source;  // "libphonenumber-js 1.13.18"
  std::vector<Plan> plans;  // grouped by calling code, the main region first
};

const Metadata& metadata();

// The plans of a calling code, main region first; empty when the code is not assigned.
std::vector<const Plan*> plansFor(std::string_view callingCode);

// The main plan of a calling code, or nullptr.
const Plan* mainPlan(std::string_view callingCode);

}  // namespace adapter::phone_metadata
