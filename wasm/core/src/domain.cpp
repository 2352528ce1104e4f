#include "adapter/domain.h"

#include <algorithm>

namespace adapter {

const char* toString(TicketStatus s) {
  switch (s) {
    case TicketStatus::New: return "new";
    case TicketStatus::Open: return "open";
    case TicketStatus::Pending: return "pending";
    case TicketStatus::Hold: return "hold";
    case TicketStatus::Solved: return "solved";
    case TicketStatus::Closed: return "closed";
  }
  return "new";
}

bool Ticket::hasTag(const std::string& tag) const { return std::find(tags.begin(), tags.end(), tag) != tags.end(); }

const CustomField* Ticket::field(Id fieldId) const {
  for (const auto& f : customFields) {
    if (f.id == fieldId) return &f;
  }
  return nullptr;
}

}  // namespace adapter
