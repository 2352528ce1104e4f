#pragma once
// Finding contacts and tickets in what the shim sent: shared by planOutbound and resolveSession.
#include <string>
#include <string_view>
#include <vector>

#include "adapter/domain.h"

namespace adapter {

template <typename T>
const T* findById(const std::vector<T>& items, Id id) {
  for (const auto& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

// The stored phone of `contact` that normalises to `e164`, or empty.
std::string matchingPhone(const Contact& contact, const std::string& e164, std::string_view defaultCallingCode);

// Contacts with a phone equal to `e164`, most recently created first (FO-3c, TR-2).
std::vector<const Contact*> contactsWithPhone(const std::vector<Contact>& contacts, const std::string& e164,
                                              std::string_view defaultCallingCode);

// Tickets requested by `requesterId`, most recently updated first; `openOnly` keeps the open set.
std::vector<const Ticket*> ticketsOf(const std::vector<Ticket>& tickets, Id requesterId, bool openOnly);

}  // namespace adapter
