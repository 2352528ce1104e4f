#pragma once
// How much of each outside text the core keeps. Every text from outside (a Zendesk answer, a connector event, the
// agent's registration, a restored snapshot) is cut with utf8Prefix once, where it comes in, so that a huge one is
// neither copied into the view and the persisted snapshot on every later event nor written back anywhere: the
// core's time per event stays bounded whatever the shim lets through (docs/security.md §5, §7).
#include <cstddef>

namespace adapter {

// A text the agent only reads (a contact's name, a ticket's subject, a queue, a menu path, the agent's own name).
// The shim shows 500 characters and the whole text up to 5,000 UTF-16 units in the element's title; 5,000 units
// are at most 15,000 bytes of UTF-8, so nothing the agent can see is lost to this cut.
inline constexpr std::size_t kMaxShownTextBytes = 16384;
// The agent's call note: below Zendesk's comment size limit (64 KB).
inline constexpr std::size_t kMaxNoteBytes = 60000;
// A call id, from the connector or a restored snapshot: refused past this, never cut (two calls would become one).
inline constexpr std::size_t kMaxCallIdBytes = 128;

}  // namespace adapter
