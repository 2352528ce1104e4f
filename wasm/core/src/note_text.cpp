#include "note_text.h"

#include <cstring>

namespace adapter {
namespace {

#include "note_text.inc"

// The entry `key` of a locale's '\0'-separated texts.
const char* entry(NoteLanguage language, NoteKey key) {
  const char* p = kNoteTexts[language];
  for (int i = static_cast<int>(key); i > 0; --i) p += std::strlen(p) + 1;
  return p;
}

}  // namespace

NoteLanguage noteLanguageOf(std::string_view code) {
  std::string c;
  for (char ch : code) c += ch == '_' ? '-' : static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
  std::string language = c.substr(0, c.find('-'));
  if (language == "no" || language == "nn") language = "nb";
  NoteLanguage byLanguage = -1;
  for (int i = 0; i < kNoteLanguageCount; ++i) {
    std::string_view name = kNoteLanguages[i];
    if (name == c) return i;
    if (byLanguage < 0 && name.substr(0, name.find('-')) == language) byLanguage = i;
  }
  return byLanguage;
}

const char* noteLanguageCode(NoteLanguage language) { return kNoteLanguages[language]; }

std::string noteText(NoteLanguage language, NoteKey key, const TextParams& params) {
  if (language < 0 || language >= kNoteLanguageCount) language = kEnglish;
  std::string_view text = entry(language, key);
  if (text.empty()) text = entry(kEnglish, key);
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    std::size_t open = text.find("{{", i);
    std::size_t close = open == std::string_view::npos ? open : text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, open - i));
    std::string_view name = text.substr(open + 2, close - open - 2);
    for (const auto& [k, v] : params) {
      if (k == name) {
        out += v;
        break;
      }
    }
    i = close + 2;
  }
  return out;
}

const char* decisionCode(NoteKey key) {
  const char* p = kDecisionCodes;
  for (int i = static_cast<int>(key) - kFirstDecisionKey; i > 0; --i) p += std::strlen(p) + 1;
  return p;
}

std::string noteDuration(NoteLanguage language, int seconds) {
  TextParams p = {{"h", std::to_string(seconds / 3600)},
                  {"m", std::to_string(seconds >= 3600 ? seconds / 60 % 60 : seconds / 60)},
                  {"s", std::to_string(seconds % 60)}};
  return noteText(language, seconds >= 3600 ? NoteKey::hms : NoteKey::ms, p);
}

}  // namespace adapter
