#pragma once
// The ticket sidebar's Call menu asks the top bar's core for the ticket requester's phone numbers (FO-5c): the
// core asks Zendesk, within its request budget and with its lookup retries, and answers the sidebar instance that
// asked with a `sidebarNumbers` effect. Internal to the core.
#include <cstddef>
#include <string>

#include "live/state.h"

namespace adapter::live {

inline constexpr std::size_t kMaxReplyToBytes = 128;   // a ZAF instance guid is 36 characters
inline constexpr std::size_t kMaxNumbersWaiting = 32;  // sidebars waiting at most

// A sidebar instance (`replyTo`, its ZAF guid) wants the numbers of ticket `ticketId`'s requester: answered at once
// when Zendesk already gave them, else once the identities lookup answers or fails after its tries. An ask after a
// failed lookup sends it again (the sidebar's Retry).
void requesterNumbersWanted(AdapterState& s, Id ticketId, Id requesterId, const std::string& replyTo);

// After a lookup answer or failure: answers every sidebar whose numbers are now known or whose lookup failed.
void answerNumberWaiters(AdapterState& s);

}  // namespace adapter::live
