#include "adapter/domain.h"

#include <algorithm>

namespace adapter {

const char* toString(TicketStatus s) { return nameOf(kTicketStatusNames, s).data(); }  // names are literals

bool Ticket::hasTag(const std::string& tag) const { return std::find(tags.begin(), tags.end(), tag) != tags.end(); }

const CustomField* Ticket::field(Id fieldId) const {
  for (const auto& f : customFields) {
    if (f.id == fieldId) return &f;
  }
  return nullptr;
}

}  // namespace adapter
