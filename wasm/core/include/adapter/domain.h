#pragma once
// What Zendesk holds about a caller, as the core sees it (CONTRACT "Common shapes").
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace adapter {

using Id = std::int64_t;

// The longest a call's duration, wait or hold can be, in seconds: a week. A longer "duration" is wrong data.
inline constexpr std::int64_t kMaxCallSeconds = 7LL * 24 * 3600;

// An id as the text notes and keys write it.
inline std::string idText(Id id) { return std::to_string(id); }

struct Contact {
  Id id = 0;
  std::string name;
  std::vector<std::string> phones;        // as stored; the first is the default phone (TB-5)
  std::optional<std::int64_t> createdAt;  // epoch ms
};

// The wire name of `value` in an enum's name table (every enum's names live in one table beside it).
template <typename E, std::size_t N>
constexpr std::string_view nameOf(const std::pair<E, std::string_view> (&table)[N], E value) {
  for (const auto& entry : table) {
    if (entry.first == value) return entry.second;
  }
  return table[0].second;
}

enum class TicketStatus { New, Open, Pending, Hold, Solved, Closed };
inline constexpr std::pair<TicketStatus, std::string_view> kTicketStatusNames[] = {
    {TicketStatus::New, "new"},   {TicketStatus::Open, "open"},     {TicketStatus::Pending, "pending"},
    {TicketStatus::Hold, "hold"}, {TicketStatus::Solved, "solved"}, {TicketStatus::Closed, "closed"},
};

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

// Why the core decided what it decided: the rule id (audit trail), the reason in English (kept for the contract),
// and the same reason as a code with its parameters, which the view and the audit note translate.
struct Decision {
  std::string rule;
  std::string reason;
  std::string code;
  std::vector<std::pair<std::string, std::string>> params;
};

}  // namespace adapter
