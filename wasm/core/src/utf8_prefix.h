#pragma once
// Text the core keeps is cut to a byte budget at a character boundary. A cut inside a multi-byte UTF-8 character
// left invalid UTF-8 in the adapter's state, which the persist snapshot could not serialise: the event carrying
// the text (a ringing call, the agent's note) was refused as a whole.
#include <cstddef>
#include <string>
#include <string_view>

namespace adapter {

// At most maxBytes bytes of `text` (valid UTF-8), never ending inside a character.
inline std::string utf8Prefix(std::string_view text, std::size_t maxBytes) {
  if (text.size() <= maxBytes) return std::string(text);
  std::size_t end = maxBytes;
  // text[end] is the first byte left out: while it continues a character (10xxxxxx), that character goes too.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

}  // namespace adapter
