#pragma once
// Phone numbers in any human format → E.164 (FO-2, CONTRACT "Common shapes").
#include <optional>
#include <string>
#include <string_view>

namespace adapter {

struct PhoneNumber {
  bool valid = false;
  std::string e164;       // "+14155550100" when valid
  std::string extension;  // digits after an extension marker ("ext. 12", "x12", "#12"), may be empty
  std::string reason;     // why it is invalid
};

// Normalises `text` as libphonenumber parses it, with the main region of `defaultCallingCode` (digits,
// e.g. "1") as the default region: its international prefix ("00", "011", "810", ...), national prefix and
// transform rules ("8" in Russia, "06" in Hungary, Argentina's "15"), possible lengths and number patterns. Valid
// means libphonenumber-js's isValid().
PhoneNumber normalizePhone(std::string_view text, std::string_view defaultCallingCode);

// Checks a configured default calling code ("1", "+49"); returns its digits, or nullopt when it is not an
// assigned country calling code.
std::optional<std::string> parseCallingCode(std::string_view code);

// "+14155550100" → "+1 415 555 0100": libphonenumber's INTERNATIONAL format.
std::string displayPhone(std::string_view e164);

// The placeholder shown when no number is selected (FO-2).
inline constexpr std::string_view kPhonePlaceholder = "(415) 123-4567";

}  // namespace adapter
