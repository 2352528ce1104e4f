#pragma once
// The caller card's recent tickets (issue 18 item 3, D354): the caller's other tickets, newest update first, from
// what the call's lookups already loaded (IN-1's requested tickets). No request of its own: a card shows what
// Zendesk told, and nothing while the caller's tickets are not known.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "adapter/domain.h"

namespace adapter::live {

struct AdapterState;
struct Call;

inline constexpr std::size_t kCallerCardTickets = 5;  // what fits the 320 × 480 pane under the call's own ticket

// The card's tickets for `c`: its contact's (chosen, else IN-1's), without the ticket shown above them (the call's,
// else IN-1's latest unsolved) and without tickets merged into another (closed copies), at most kCallerCardTickets.
std::vector<const Ticket*> callerRecentTickets(const AdapterState& s, const Call& c);

// Whether a caller card on screen links this ticket (openTicketClicked opens only what the view shows).
bool onCallerCard(const AdapterState& s, std::int64_t ticketId);

}  // namespace adapter::live
