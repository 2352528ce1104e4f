#include "adapter/phone.h"

#include <cctype>

#include "calling_codes.h"

namespace adapter {
namespace {

constexpr std::size_t kMinDigits = 7;
constexpr std::size_t kMaxDigits = 15;
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
  std::string digits;
  for (char c : main) {
    if (c == '+') {
      international = true;
    } else if (isDigit(c)) {
      digits += c;
    }
  }
  if (digits.empty()) return invalid("no digits");
  if (digits.size() > kMaxDigits + 4) return invalid("more than 15 digits");

  if (!international) {
    auto code = parseCallingCode(defaultCallingCode);
    if (!code) return invalid("no country code: type + and the country code, or configure a default calling code");
    bool nanp = *code == "1";
    if (nanp && digits.rfind("011", 0) == 0) {
      digits.erase(0, 3);  // North American international prefix
    } else if (!nanp && digits.rfind("00", 0) == 0) {
      digits.erase(0, 2);  // international prefix used in most other countries
    } else {
      if (nanp && digits.size() == 11 && digits[0] == '1') digits.erase(0, 1);  // trunk "1"
      // A national trunk "0" is dropped, except where it is part of the number (Italy, San Marino, Vatican).
      bool keepsZero = *code == "39" || *code == "378" || *code == "379";
      if (!nanp && !keepsZero && digits.size() > 1 && digits[0] == '0') digits.erase(0, 1);
      digits = *code + digits;
    }
  }

  int ccLength = callingCodeLength(digits);
  if (ccLength == 0) return invalid("unknown country calling code");
  if (digits.size() < kMinDigits) return invalid("fewer than 7 digits");
  if (digits.size() > kMaxDigits) return invalid("more than 15 digits");
  if (digits[0] == '1' && digits.size() != 11) return invalid("numbers with country code 1 have 10 digits after it");

  PhoneNumber p;
  p.valid = true;
  p.e164 = "+" + digits;
  p.extension = extension;
  return p;
}

std::string displayPhone(std::string_view e164) {
  if (e164.size() < 2 || e164[0] != '+') return std::string(e164);
  std::string_view digits = e164.substr(1);
  int cc = callingCodeLength(digits);
  if (cc == 0) return std::string(e164);
  std::string_view national = digits.substr(static_cast<std::size_t>(cc));
  std::string out = "+" + std::string(digits.substr(0, static_cast<std::size_t>(cc)));
  if (cc == 1 && digits[0] == '1' && national.size() == 10) {
    out += ' ';
    out += national.substr(0, 3);
    out += ' ';
    out += national.substr(3, 3);
    out += ' ';
    out += national.substr(6);
    return out;
  }
  // Elsewhere: a final group of four, groups of three before it (the shim may format by locale instead).
  std::string grouped;
  std::size_t n = national.size();
  std::size_t tail = n > 4 ? 4 : n;
  std::size_t head = n - tail;
  std::size_t first = head % 3 == 0 ? 3 : head % 3;
  std::size_t i = 0;
  while (i < head) {
    std::size_t len = i == 0 ? first : 3;
    grouped += ' ';
    grouped += national.substr(i, len);
    i += len;
  }
  grouped += ' ';
  grouped += national.substr(head);
  return out + grouped;
}

}  // namespace adapter
