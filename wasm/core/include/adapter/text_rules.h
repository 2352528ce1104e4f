#pragma once
// Ticket title and tags (RC-1, RC-2).
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace adapter {

// RC-2: "Voice Inbound (IVR)" → "voice_inbound_ivr". Empty when the text has no letters or digits.
std::string toTagForm(std::string_view text);

// RC-1: replaces {{NAME}} with vars[NAME]; known variables without a value and unknown variables render as
// empty text (unknown names are reported). Control characters become spaces, runs of spaces collapse to one,
// and the result is trimmed.
struct RenderedTitle {
  std::string title;
  std::vector<std::string> unknownVariables;
};
RenderedTitle renderTitle(std::string_view templ, const std::map<std::string, std::string>& vars);

// The variables RC-1 defines.
const std::vector<std::string>& titleVariables();

}  // namespace adapter
