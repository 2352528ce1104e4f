#include "adapter/lookup.h"

#include <algorithm>
#include <climits>

#include "adapter/phone.h"

namespace adapter {
namespace {

// Newest first; a missing time sorts last; ties by id, largest (newest) first.
bool newerFirst(const std::optional<std::int64_t>& a, const std::optional<std::int64_t>& b, Id ida, Id idb) {
  if (a != b) return a.value_or(INT64_MIN) > b.value_or(INT64_MIN);
  return ida > idb;
}

}  // namespace

std::string matchingPhone(const Contact& contact, const std::string& e164, std::string_view defaultCallingCode) {
  for (const auto& p : contact.phones) {
    auto n = normalizePhone(p, defaultCallingCode);
    if (n.valid && n.e164 == e164) return p;
  }
  return {};
}

std::vector<const Contact*> contactsWithPhone(const std::vector<Contact>& contacts, const std::string& e164,
                                              std::string_view defaultCallingCode) {
  std::vector<const Contact*> out;
  for (const auto& c : contacts) {
    if (!matchingPhone(c, e164, defaultCallingCode).empty()) out.push_back(&c);
  }
  std::sort(out.begin(), out.end(),
            [](const Contact* a, const Contact* b) { return newerFirst(a->createdAt, b->createdAt, a->id, b->id); });
  return out;
}

std::vector<const Ticket*> ticketsOf(const std::vector<Ticket>& tickets, Id requesterId, bool openOnly) {
  std::vector<const Ticket*> out;
  for (const auto& t : tickets) {
    if (t.requesterId == requesterId && (!openOnly || isOpen(t.status))) out.push_back(&t);
  }
  std::sort(out.begin(), out.end(),
            [](const Ticket* a, const Ticket* b) { return newerFirst(a->updatedAt, b->updatedAt, a->id, b->id); });
  return out;
}

}  // namespace adapter
