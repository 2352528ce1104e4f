// The caller card's recent tickets (caller_card.h, D354).
#include "live/caller_card.h"

#include <algorithm>
#include <cstdint>

#include "live/state.h"

namespace adapter::live {

std::vector<const Ticket*> callerRecentTickets(const AdapterState& s, const Call& c) {
  std::vector<const Ticket*> out;
  std::optional<Id> contact = c.contactId;
  if (!contact && c.lookup) contact = c.lookup->contactId;
  // Only a complete list: a contact whose requested tickets were not loaded may have one ticket known (the call's)
  // and would read as "no other tickets".
  if (!contact || !s.directory.ticketsLoadedFor.count(*contact)) return out;
  // The ticket the screen shows above the list: the call's, else (before the rules chose it) IN-1's latest unsolved.
  std::optional<Id> shown = c.ticketId;
  if (!shown && c.lookup) shown = c.lookup->latestUnsolvedTicketId;
  for (const auto& [id, t] : s.directory.tickets) {
    if (t.requesterId == *contact && id != shown && !t.mergedIntoId) out.push_back(&t);
  }
  // Newest update first; a ticket without a time last; ties by id, newest first (as IN-1's "latest").
  std::sort(out.begin(), out.end(), [](const Ticket* a, const Ticket* b) {
    if (a->updatedAt != b->updatedAt) return a->updatedAt.value_or(INT64_MIN) > b->updatedAt.value_or(INT64_MIN);
    return a->id > b->id;
  });
  if (out.size() > kCallerCardTickets) out.resize(kCallerCardTickets);
  return out;
}

bool onCallerCard(const AdapterState& s, std::int64_t ticketId) {
  for (const auto& [id, call] : s.calls) {
    for (const Ticket* t : callerRecentTickets(s, call)) {
      if (t->id == ticketId) return true;
    }
  }
  return false;
}

}  // namespace adapter::live
