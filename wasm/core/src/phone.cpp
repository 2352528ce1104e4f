#include "adapter/phone.h"

#include <cctype>

#include "calling_codes.h"
#include "digit_regex.h"
#include "phone_metadata.h"

namespace adapter {
namespace {

using digit_regex::matchesAtStart;
using digit_regex::matchesEntirely;
using phone_metadata::Plan;

constexpr std::size_t kMaxInputDigits = 250;    // libphonenumber's longest input
constexpr std::size_t kMinNationalDigits = 2;   // libphonenumber's MIN_LENGTH_FOR_NSN
constexpr std::size_t kMaxNationalDigits = 17;  // libphonenumber's MAX_LENGTH_FOR_NSN
constexpr std::size_t kMaxExtensionDigits = 10;

bool isFormatting(char c) { return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\t'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

PhoneNumber invalid(std::string reason) {
  PhoneNumber p;
  p.reason = std::move(reason);
  return p;
}

// Splits "415 555 0100 ext. 12" into main part and extension digits. Returns false when the text has
// letters or symbols that are not an extension marker.
bool splitExtension(std::string_view text, std::string_view& main, std::string& extension, std::string& reason) {
  std::size_t markerAt = std::string_view::npos;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (isDigit(c) || isFormatting(c) || (c == '+' && i == text.find_first_not_of(" \t"))) continue;
    markerAt = i;
    break;
  }
  main = text.substr(0, markerAt);
  if (markerAt == std::string_view::npos) return true;

  std::string tail = lower(text.substr(markerAt));
  static constexpr std::string_view kMarkers[] = {";ext=", "extension", "ext.", "ext", "x", "#", ","};
  for (auto marker : kMarkers) {
    if (tail.compare(0, marker.size(), marker) != 0) continue;
    std::size_t i = marker.size();
    while (i < tail.size() && (tail[i] == ' ' || tail[i] == ':' || tail[i] == '.')) ++i;
    std::string digits;
    while (i < tail.size() && isDigit(tail[i])) digits += tail[i++];
    while (i < tail.size() && tail[i] == ' ') ++i;
    if (i != tail.size() || digits.empty()) break;
    if (digits.size() > kMaxExtensionDigits) {
      reason = "extension too long";
      return false;
    }
    extension = digits;
    return true;
  }
  reason = "only digits, '+', formatting characters and an extension are allowed";
  return false;
}

// ---- libphonenumber's parsing (ported from libphonenumber-js 1.13, the functions of the same names) ----

enum class Length { Possible, TooShort, TooLong, Invalid };

// checkNumberLength: the plan's possible lengths (a bit per length).
Length checkLength(std::string_view national, std::uint32_t lengths) {
  if (lengths == 0) return Length::Possible;
  std::size_t n = national.size();
  std::size_t min = 0, max = 31;
  while (!(lengths & (1u << min))) ++min;
  while (!(lengths & (1u << max))) --max;
  if (n < min) return Length::TooShort;
  if (n > max) return Length::TooLong;
  return (lengths & (1u << n)) ? Length::Possible : Length::Invalid;
}

// getNumberType(...) !== undefined: the national number is of one of the plan's types.
bool hasType(const Plan& plan, std::string_view national) {
  if (!matchesEntirely(national, plan.nationalNumberPattern)) return false;
  for (const auto& type : plan.types) {
    if (type.pattern.empty()) continue;
    std::uint32_t lengths = type.lengths ? type.lengths : plan.lengths;
    if (lengths && (national.size() >= 32 || !(lengths & (1u << national.size())))) continue;
    if (matchesEntirely(national, type.pattern)) return true;
  }
  return false;
}

// getCountryByCallingCode: which region of a shared calling code the number belongs to (nullptr: none).
const Plan* regionFor(std::string_view callingCode, std::string_view national) {
  auto plans = phone_metadata::plansFor(callingCode);
  if (plans.empty() || plans[0]->region == "001") return nullptr;
  if (plans.size() == 1) return plans[0];
  for (const Plan* plan : plans) {
    if (!plan->leadingDigits.empty()) {
      if (!national.empty() && matchesAtStart(national, plan->leadingDigits)) return plan;
    } else if (hasType(*plan, national)) {
      return plan;
    }
  }
  return nullptr;
}

// "$1"-style replacement text with the groups of `match`.
std::string expand(std::string_view rule, const digit_regex::Match& match, std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < rule.size(); ++i) {
    if (rule[i] == '$' && i + 1 < rule.size() && isDigit(rule[i + 1]) && rule[i + 1] != '0') {
      out += match.group(text, rule[i + 1] - '0');
      ++i;
    } else {
      out += rule[i];
    }
  }
  return out;
}

// extractNationalNumberFromPossiblyIncompleteNumber: drops a national (trunk) prefix, or rewrites the number by
// the plan's transform rule (Argentina's mobile "15", the area codes of +1 islands dialled locally, ...).
std::string dropNationalPrefix(const std::string& number, const Plan& plan) {
  if (number.empty() || plan.nationalPrefixForParsing.empty()) return number;
  const auto& pattern = digit_regex::compiled(plan.nationalPrefixForParsing);
  auto match = pattern.matchStart(number, false);
  if (!match) return number;
  int groups = pattern.groupCount();
  bool captured = groups > 0 && !match->group(number, groups).empty();
  std::string rest = number.substr(match->end);
  if (!plan.nationalPrefixTransformRule.empty() && captured) {
    return expand(plan.nationalPrefixTransformRule, *match, number) + rest;
  }
  return rest;
}

// extractNationalNumber: the prefix is dropped only when what remains still looks like a number of the plan.
std::string nationalNumberOf(const std::string& number, const Plan& plan) {
  std::string national = dropNationalPrefix(number, plan);
  if (national == number) return national;
  if (matchesEntirely(number, plan.nationalNumberPattern) && !matchesEntirely(national, plan.nationalNumberPattern)) {
    return number;
  }
  if (plan.lengths) {
    const Plan* region = regionFor(plan.callingCode, national);
    auto length = checkLength(national, (region ? region : &plan)->lengths);
    if (length == Length::TooShort || length == Length::Invalid) return number;
  }
  return national;
}

// stripIddPrefix: "00 49 …" (the default plan's international prefix) → "49 …".
std::optional<std::string> withoutInternationalPrefix(const std::string& number, const Plan& plan) {
  if (plan.internationalPrefix.empty()) return std::nullopt;
  auto match = digit_regex::compiled(plan.internationalPrefix).matchStart(number, false);
  if (!match) return std::nullopt;
  std::string rest = number.substr(match->end);
  if (rest.empty() || rest[0] == '0') return std::nullopt;
  return rest;
}

// extractCountryCallingCodeFromInternationalNumberWithoutPlusSign: "7 912 …" typed under +7 without its "+".
std::optional<std::string> withoutOwnCallingCode(const std::string& number, const Plan& plan) {
  if (number.rfind(plan.callingCode, 0) != 0) return std::nullopt;
  std::string shorter = number.substr(plan.callingCode.size());
  std::string shorterNational = nationalNumberOf(shorter, plan);
  std::string national = nationalNumberOf(number, plan);
  if ((!matchesEntirely(national, plan.nationalNumberPattern) &&
       matchesEntirely(shorterNational, plan.nationalNumberPattern)) ||
      checkLength(national, plan.lengths) == Length::TooLong) {
    return shorter;
  }
  return std::nullopt;
}

// The calling code that starts `digits` ("4930…" → "49"), or "".
std::string callingCodeAtStart(std::string_view digits) {
  int length = callingCodeLength(digits);
  return length > 0 ? std::string(digits.substr(0, static_cast<std::size_t>(length))) : std::string();
}

// isValid: the national number is of one of the plan's types, or (a plan without types) matches its pattern.
bool isValidFor(const Plan& plan, std::string_view national) {
  if (!plan.types.empty()) return hasType(plan, national);
  return matchesEntirely(national, plan.nationalNumberPattern);
}

std::string lengthReason(Length length, const std::string& callingCode) {
  switch (length) {
    case Length::TooShort: return "too few digits for a number of +" + callingCode;
    case Length::TooLong: return "too many digits for a number of +" + callingCode;
    case Length::Invalid: return "not a possible length for a number of +" + callingCode;
    case Length::Possible: break;
  }
  return "not a valid number of +" + callingCode;
}

}  // namespace

std::optional<std::string> parseCallingCode(std::string_view code) {
  std::string digits;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (i == 0 && code[i] == '+') continue;
    if (!isDigit(code[i])) return std::nullopt;
    digits += code[i];
  }
  if (digits.empty() || digits.size() > 3) return std::nullopt;
  if (callingCodeLength(digits) != static_cast<int>(digits.size())) return std::nullopt;
  return digits;
}

PhoneNumber normalizePhone(std::string_view text, std::string_view defaultCallingCode) {
  std::string_view main;
  std::string extension;
  std::string reason;
  if (!splitExtension(text, main, extension, reason)) return invalid(reason);

  bool international = false;
  std::string number;
  for (char c : main) {
    if (c == '+') {
      international = true;
    } else if (isDigit(c)) {
      number += c;
    }
  }
  if (number.empty()) return invalid("no digits");
  if (number.size() > kMaxInputDigits) return invalid("too many digits");

  // The default plan: the main region of the configured calling code, as libphonenumber's default region.
  const Plan* defaultPlan = nullptr;
  if (auto code = parseCallingCode(defaultCallingCode)) defaultPlan = phone_metadata::mainPlan(*code);

  // extractCountryCallingCode
  std::string callingCode;
  if (!international && defaultPlan) {
    if (auto rest = withoutInternationalPrefix(number, *defaultPlan)) {
      international = true;
      number = *rest;
    } else if (auto shorter = withoutOwnCallingCode(number, *defaultPlan)) {
      callingCode = std::string(defaultPlan->callingCode);
      number = *shorter;
    }
  }
  if (international) {
    if (number[0] == '0') return invalid("unknown country calling code");
    callingCode = callingCodeAtStart(number);
    if (callingCode.empty()) return invalid("unknown country calling code");
    number.erase(0, callingCode.size());
  } else if (callingCode.empty()) {
    if (!defaultPlan)
      return invalid("no country code: type + and the country code, or configure a default calling code");
    callingCode = std::string(defaultPlan->callingCode);
  }
  if (number.empty()) return invalid(lengthReason(Length::TooShort, callingCode));

  const Plan* plan = phone_metadata::mainPlan(callingCode);
  std::string national = nationalNumberOf(number, *plan);
  if (const Plan* region = regionFor(callingCode, national)) plan = region;

  if (national.size() < kMinNationalDigits) return invalid(lengthReason(Length::TooShort, callingCode));
  if (national.size() > kMaxNationalDigits) return invalid(lengthReason(Length::TooLong, callingCode));
  if (!isValidFor(*plan, national)) return invalid(lengthReason(checkLength(national, plan->lengths), callingCode));

  PhoneNumber p;
  p.valid = true;
  p.e164 = "+" + callingCode + national;
  p.extension = extension;
  return p;
}

// libphonenumber's INTERNATIONAL format ("+49 30 55501234"): the first of the region's formats whose leading
// digits and pattern fit the national number, with its punctuation as single spaces.
std::string displayPhone(std::string_view e164) {
  if (e164.size() < 2 || e164[0] != '+') return std::string(e164);
  std::string_view digits = e164.substr(1);
  for (char c : digits) {
    if (!isDigit(c)) return std::string(e164);
  }
  std::string callingCode = callingCodeAtStart(digits);
  if (callingCode.empty()) return std::string(e164);
  std::string national(digits.substr(callingCode.size()));
  std::string out = "+" + callingCode;
  if (national.empty()) return out;

  const Plan* main = phone_metadata::mainPlan(callingCode);
  const Plan* plan = regionFor(callingCode, national);
  if (!plan) plan = main;
  const auto& formats = plan->formats.empty() ? main->formats : plan->formats;
  for (const auto& format : formats) {
    if (!format.leadingDigits.empty() && !matchesAtStart(national, format.leadingDigits)) continue;
    if (!matchesEntirely(national, format.pattern)) continue;
    const auto& pattern = digit_regex::compiled(format.pattern);
    auto match = pattern.matchStart(national, false);
    if (!match) break;
    std::string formatted;
    if (format.intlFormat.empty()) {
      for (int g = 1; g <= pattern.groupCount(); ++g) {
        formatted += ' ';
        formatted += match->group(national, g);
      }
    } else {
      formatted = expand(format.intlFormat, *match, national);
    }
    formatted += national.substr(match->end);
    // applyInternationalSeparatorStyle: each run of punctuation becomes one space; no space at either end.
    std::string spaced;
    bool pending = false;
    for (char c : formatted) {
      if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '[' || c == ']' || c == '~' ||
          c == '\t') {
        pending = !spaced.empty();
      } else {
        if (pending) spaced += ' ';
        pending = false;
        spaced += c;
      }
    }
    out.append(" ").append(spaced);
    return out;
  }
  out.append(" ").append(national);
  return out;
}

}  // namespace adapter
