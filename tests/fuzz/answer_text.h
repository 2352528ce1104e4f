#pragma once
// An answer of the live adapter split into its parts as text, so that the harness parses only what it checks
// (docs/fuzzing.md "Speed, fourth pass"): the view when its text differs from the last one (the same text is the
// same view, already checked), the effects, and the persisted snapshot only as text (kept for the next reload).
// Every byte is still checked to be JSON: the parts the harness does not parse go through a validating scanner as
// strict as nlohmann's parser (grammar, escapes, surrogates, UTF-8). An answer not in the expected layout (an
// error, or one this splitter does not know) is left to the full parse.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fuzz {

// Where the JSON value starting at text[pos] (no leading whitespace) ends, or npos when it is not valid JSON (or
// nests deeper than the scanner follows).
std::size_t jsonValueEnd(std::string_view text, std::size_t pos);

// One member of a JSON object as text: its key as written between the quotes (escapes not undone), its value.
struct JsonMember {
  std::string_view key;
  std::string_view value;
};

struct AnswerParts {
  std::string_view view;  // the view's text
  // The view's top-level members when the view was scanned (a view that is no object fails the split); empty when
  // it is the last view's text again (or `{}`).
  std::vector<JsonMember> viewMembers;
  std::string_view state;    // the persist effect's state, or empty when the answer persists nothing
  std::string otherEffects;  // the effects array without the persist effect, as JSON text
};

// {"view":V,"effects":[{"type":"persist","state":S},E…]} or {"view":V,"effects":[E…]}, V an object, every part valid
// JSON; nullopt for anything else. `lastView`: the previous answer's view text, recognised without a scan.
std::optional<AnswerParts> splitAnswer(std::string_view answer, std::string_view lastView);

}  // namespace fuzz
