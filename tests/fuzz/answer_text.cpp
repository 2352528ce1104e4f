// The answer splitter and its validating JSON scanner (answer_text.h). The scanner accepts exactly what
// nlohmann::json::parse accepts (RFC 8259: the grammar, string escapes with paired surrogates, well-formed UTF-8,
// no control characters in strings), so that a persisted snapshot the harness keeps as text is checked as
// strictly as the parse it replaces.
#include "answer_text.h"

#include <cstdint>
#include <vector>

namespace fuzz {
namespace {

constexpr std::size_t npos = std::string_view::npos;
constexpr int kMaxDepth = 200;  // deeper than any answer; beyond it, the full parse decides

class Scanner {
 public:
  explicit Scanner(std::string_view text) : t_(text) {}

  // The object at i (no leading whitespace) with its top-level members recorded in `out`; where it ends, or npos.
  std::size_t members(std::size_t i, std::vector<JsonMember>& out) {
    if (!at(i, '{')) return npos;
    i = ws(i + 1);
    if (at(i, '}')) return i + 1;
    for (;;) {
      if (!at(i, '"')) return npos;
      std::size_t key = i + 1;
      i = string(key);
      if (i == npos) return npos;
      std::size_t keyEnd = i - 1;
      i = ws(i);
      if (!at(i, ':')) return npos;
      std::size_t start = ws(i + 1);
      i = value(start, 1);
      if (i == npos) return npos;
      out.push_back({t_.substr(key, keyEnd - key), t_.substr(start, i - start)});
      i = ws(i);
      if (at(i, '}')) return i + 1;
      if (!at(i, ',')) return npos;
      i = ws(i + 1);
    }
  }

  std::size_t value(std::size_t i, int depth) {
    if (i >= t_.size() || depth > kMaxDepth) return npos;
    switch (t_[i]) {
      case '{': return object(i + 1, depth + 1);
      case '[': return array(i + 1, depth + 1);
      case '"': return string(i + 1);
      case 't': return literal(i, "true");
      case 'f': return literal(i, "false");
      case 'n': return literal(i, "null");
      default: return number(i);
    }
  }

 private:
  std::size_t ws(std::size_t i) const {
    while (i < t_.size() && (t_[i] == ' ' || t_[i] == '\n' || t_[i] == '\r' || t_[i] == '\t')) ++i;
    return i;
  }
  bool at(std::size_t i, char c) const { return i < t_.size() && t_[i] == c; }

  std::size_t object(std::size_t i, int depth) {
    i = ws(i);
    if (at(i, '}')) return i + 1;
    for (;;) {
      if (!at(i, '"')) return npos;
      i = string(i + 1);
      if (i == npos) return npos;
      i = ws(i);
      if (!at(i, ':')) return npos;
      i = value(ws(i + 1), depth);
      if (i == npos) return npos;
      i = ws(i);
      if (at(i, '}')) return i + 1;
      if (!at(i, ',')) return npos;
      i = ws(i + 1);
    }
  }

  std::size_t array(std::size_t i, int depth) {
    i = ws(i);
    if (at(i, ']')) return i + 1;
    for (;;) {
      i = value(i, depth);
      if (i == npos) return npos;
      i = ws(i);
      if (at(i, ']')) return i + 1;
      if (!at(i, ',')) return npos;
      i = ws(i + 1);
    }
  }

  std::size_t literal(std::size_t i, std::string_view word) const {
    return t_.compare(i, word.size(), word) == 0 ? i + word.size() : npos;
  }

  bool digit(std::size_t i) const { return i < t_.size() && t_[i] >= '0' && t_[i] <= '9'; }
  std::size_t digits(std::size_t i) const {
    if (!digit(i)) return npos;
    while (digit(i)) ++i;
    return i;
  }
  std::size_t number(std::size_t i) const {
    if (at(i, '-')) ++i;
    if (at(i, '0')) {
      ++i;
    } else {
      i = digits(i);
      if (i == npos) return npos;
    }
    if (at(i, '.')) {
      i = digits(i + 1);
      if (i == npos) return npos;
    }
    if (at(i, 'e') || at(i, 'E')) {
      ++i;
      if (at(i, '+') || at(i, '-')) ++i;
      i = digits(i);
    }
    return i;
  }

  int hex4(std::size_t i) const {  // the value of \uXXXX's four digits at i, or -1
    if (i + 4 > t_.size()) return -1;
    int v = 0;
    for (std::size_t k = i; k < i + 4; ++k) {
      char c = t_[k];
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    return v;
  }

  // After the opening quote; returns the position after the closing one.
  std::size_t string(std::size_t i) const {
    while (i < t_.size()) {
      auto c = static_cast<unsigned char>(t_[i]);
      if (c == '"') return i + 1;
      if (c < 0x20) return npos;
      if (c == '\\') {
        if (i + 1 >= t_.size()) return npos;
        char e = t_[i + 1];
        if (e == 'u') {
          int u = hex4(i + 2);
          if (u < 0) return npos;
          i += 6;
          if (u >= 0xDC00 && u <= 0xDFFF) return npos;  // a low surrogate alone
          if (u >= 0xD800 && u <= 0xDBFF) {             // a high one: its low half must follow
            if (!at(i, '\\') || !at(i + 1, 'u')) return npos;
            int low = hex4(i + 2);
            if (low < 0xDC00 || low > 0xDFFF) return npos;
            i += 6;
          }
          continue;
        }
        if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') return npos;
        i += 2;
        continue;
      }
      if (c < 0x80) {
        ++i;
        continue;
      }
      i = utf8(i, c);
      if (i == npos) return npos;
    }
    return npos;
  }

  // One multi-byte UTF-8 sequence at i (lead byte c), well formed as RFC 3629 defines it.
  std::size_t utf8(std::size_t i, unsigned char c) const {
    auto in = [&](std::size_t k, unsigned lo, unsigned hi) {
      if (k >= t_.size()) return false;
      auto b = static_cast<unsigned char>(t_[k]);
      return b >= lo && b <= hi;
    };
    if (c >= 0xC2 && c <= 0xDF) return in(i + 1, 0x80, 0xBF) ? i + 2 : npos;
    if (c == 0xE0) return in(i + 1, 0xA0, 0xBF) && in(i + 2, 0x80, 0xBF) ? i + 3 : npos;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
      return in(i + 1, 0x80, 0xBF) && in(i + 2, 0x80, 0xBF) ? i + 3 : npos;
    if (c == 0xED) return in(i + 1, 0x80, 0x9F) && in(i + 2, 0x80, 0xBF) ? i + 3 : npos;
    if (c == 0xF0) return in(i + 1, 0x90, 0xBF) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF) ? i + 4 : npos;
    if (c >= 0xF1 && c <= 0xF3)
      return in(i + 1, 0x80, 0xBF) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF) ? i + 4 : npos;
    if (c == 0xF4) return in(i + 1, 0x80, 0x8F) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF) ? i + 4 : npos;
    return npos;
  }

  std::string_view t_;
};

constexpr std::string_view kViewStart = "{\"view\":";
constexpr std::string_view kEffectsStart = ",\"effects\":[";
constexpr std::string_view kPersistStart = "{\"type\":\"persist\",\"state\":";

}  // namespace

std::size_t jsonValueEnd(std::string_view text, std::size_t pos) { return Scanner(text).value(pos, 0); }

std::optional<AnswerParts> splitAnswer(std::string_view answer, std::string_view lastView) {
  if (answer.substr(0, kViewStart.size()) != kViewStart || answer.empty() || answer.back() != '}') return std::nullopt;
  std::size_t viewEnd = npos;
  std::size_t start = kViewStart.size();
  AnswerParts parts;
  // The last view's text again (most events change nothing shown): it was valid JSON when it was parsed.
  if (!lastView.empty() && answer.compare(start, lastView.size(), lastView) == 0 &&
      answer.compare(start + lastView.size(), kEffectsStart.size(), kEffectsStart) == 0) {
    viewEnd = start + lastView.size();
  } else {
    viewEnd = Scanner(answer).members(start, parts.viewMembers);
    if (viewEnd == npos || answer.compare(viewEnd, kEffectsStart.size(), kEffectsStart) != 0) return std::nullopt;
  }
  parts.view = answer.substr(start, viewEnd - start);
  std::size_t effects = viewEnd + kEffectsStart.size();  // just after the array's '['
  std::size_t rest = effects;
  if (answer.compare(effects, kPersistStart.size(), kPersistStart) == 0) {
    std::size_t stateStart = effects + kPersistStart.size();
    std::size_t stateEnd = jsonValueEnd(answer, stateStart);
    if (stateEnd == npos || stateEnd >= answer.size() || answer[stateEnd] != '}') return std::nullopt;
    parts.state = answer.substr(stateStart, stateEnd - stateStart);
    rest = stateEnd + 1;
    if (rest < answer.size() && answer[rest] == ',') {
      ++rest;
      if (rest < answer.size() && answer[rest] == ']') return std::nullopt;  // "[persist,]": the parse refuses it
    }
  }
  // The other effects and the array's ']' (the answer's final '}' left out): the harness parses them.
  parts.otherEffects.reserve(answer.size() - rest + 1);
  parts.otherEffects += '[';
  parts.otherEffects.append(answer, rest, answer.size() - 1 - rest);
  return parts;
}

}  // namespace fuzz
