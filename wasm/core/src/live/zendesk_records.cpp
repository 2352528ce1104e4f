// Zendesk API objects (users, tickets) → the core's contact and ticket shapes. Data from Zendesk is checked
// here, once: a record the rules could not read (no id, unknown status, a malformed time) is left out rather
// than allowed to make every later rule call fail.
#include <cstdio>

#include "adapter/iso_time.h"
#include "calling_codes.h"
#include "live/flows.h"

namespace adapter::live {
namespace {

constexpr Id kMaxSafeId = (Id{1} << 53) - 1;

std::optional<Id> idField(const InJson& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  auto id = it->get<std::int64_t>();
  if (id <= 0 || id > kMaxSafeId) return std::nullopt;
  return id;
}

std::string textField(const InJson& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::int64_t> timeField(const InJson& object, const char* key) {
  return parseIsoTime(textField(object, key));
}

std::optional<TicketStatus> statusField(const InJson& object) {
  std::string text = textField(object, "status");
  for (const auto& [status, name] : kTicketStatusNames) {
    if (name == text) return status;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Contact> contactFromZendesk(const InJson& user) {
  if (!user.is_object()) return std::nullopt;
  auto id = idField(user, "id");
  if (!id) return std::nullopt;
  Contact c;
  c.id = *id;
  c.name = textField(user, "name");
  std::string phone = textField(user, "phone");
  if (!phone.empty()) c.phones.push_back(std::move(phone));
  c.createdAt = timeField(user, "created_at");
  return c;
}

std::optional<Ticket> ticketFromZendesk(const InJson& t) {
  if (!t.is_object()) return std::nullopt;
  auto id = idField(t, "id");
  auto requester = idField(t, "requester_id");
  auto status = statusField(t);
  if (!id || !requester || !status) return std::nullopt;
  Ticket out;
  out.id = *id;
  out.requesterId = *requester;
  out.status = *status;
  out.createdAt = timeField(t, "created_at");
  out.updatedAt = timeField(t, "updated_at");
  out.subject = textField(t, "subject");
  if (auto it = t.find("tags"); it != t.end() && it->is_array()) {
    for (const auto& tag : *it) {
      if (tag.is_string()) out.tags.push_back(tag.get<std::string>());
    }
  }
  if (auto it = t.find("custom_fields"); it != t.end() && it->is_array()) {
    for (const auto& f : *it) {
      if (!f.is_object()) continue;
      auto fieldId = idField(f, "id");
      if (!fieldId) continue;
      CustomField field;
      field.id = *fieldId;
      auto value = f.find("value");
      if (value != f.end() && value->is_string()) field.text = value->get<std::string>();
      out.customFields.push_back(std::move(field));
    }
  }
  return out;
}

std::string percentEncode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// Zendesk stores phones as typed ("(415) 555-0100", "+1 415 555 0100"); `phone:*<national number>` matches all
// of those (zendesk-platform.md §4), and the rules then keep only the exact E.164 matches.
std::string phoneSearchDigits(const std::string& e164) {
  std::string digits = e164.size() > 1 && e164[0] == '+' ? e164.substr(1) : e164;
  int codeLength = callingCodeLength(digits);
  if (codeLength > 0 && static_cast<std::size_t>(codeLength) < digits.size()) return digits.substr(codeLength);
  return digits;
}

std::string phoneSearchUrl(const std::string& e164) {
  return "/api/v2/search.json?query=" + percentEncode("role:end-user phone:*" + phoneSearchDigits(e164));
}

// A ticket's assignee as Zendesk last told it: an "assign to me" the ticket already has is not sent again.
void rememberAssignee(Directory& d, const InJson& t) {
  if (!t.is_object() || !t.contains("id") || !t["id"].is_number_integer()) return;
  Id id = t["id"].get<Id>();
  auto assignee = t.find("assignee_id");
  if (assignee != t.end() && assignee->is_number_integer()) {
    d.assignees[id] = assignee->get<Id>();
  } else {
    d.assignees.erase(id);
  }
}

}  // namespace adapter::live
