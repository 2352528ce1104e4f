#pragma once
// The words the core writes into Zendesk tickets (notes, audit notes, new contacts' names) and the reasons of its
// decisions, in the nine locales of the app (wasm/core/text/texts.json, generated into note_text.inc, D81).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "note_text_keys.h"

namespace adapter {

// An index into the locales of texts.json; 0 is English.
using NoteLanguage = int;
inline constexpr NoteLanguage kEnglish = 0;

// "de", "pt-BR", "pt_br", "ja-JP", "no" … → the locale; -1 when none of the nine fits.
NoteLanguage noteLanguageOf(std::string_view code);
const char* noteLanguageCode(NoteLanguage language);

using TextParams = std::vector<std::pair<std::string, std::string>>;

// The text of `key` in `language` (English where a locale has none), {{name}} filled from `params` (a missing
// one is empty). Parameters are plain text: a value holding "{{x}}" is not expanded.
std::string noteText(NoteLanguage language, NoteKey key, const TextParams& params = {});
// A decision key's code ("OPEN_TICKET_APPENDED").
const char* decisionCode(NoteKey key);
// "2m 13s", "1h 0m 5s" in `language`.
std::string noteDuration(NoteLanguage language, int seconds);

}  // namespace adapter
