#pragma once
// What Zendesk holds about a caller, as the core sees it (CONTRACT "Common shapes").
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace adapter {

using Id = std::int64_t;

struct Contact {
  Id id = 0;
  std::string name;
  std::vector<std::string> phones;        // as stored; the first is the default phone (TB-5)
  std::optional<std::int64_t> createdAt;  // epoch ms
};

enum class TicketStatus { New, Open, Pending, Hold, Solved, Closed };

// The open set: new, open, pending, hold. solved and closed never are.
inline bool isOpen(TicketStatus s) { return s != TicketStatus::Solved && s != TicketStatus::Closed; }
const char* toString(TicketStatus s);

struct CustomField {
  Id id = 0;
  std::optional<std::string> text;  // the value when it is a string (other values are kept as absent)
};

struct Ticket {
  Id id = 0;
  Id requesterId = 0;
  TicketStatus status = TicketStatus::New;
  std::optional<std::int64_t> createdAt;
  std::optional<std::int64_t> updatedAt;
  std::string subject;
  std::vector<std::string> tags;
  std::vector<CustomField> customFields;
  std::optional<Id> mergedIntoId;  // set by the shim when Zendesk closed this ticket by merging it (TR-9)

  bool hasTag(const std::string& tag) const;
  const CustomField* field(Id fieldId) const;
};

// A decision-level problem or notice shown to the agent (not a request error).
struct Notice {
  std::string code;
  std::string message;
};

// Why the core decided what it decided: the rule id and a sentence an agent or admin can read.
struct Decision {
  std::string rule;
  std::string reason;
};

}  // namespace adapter
