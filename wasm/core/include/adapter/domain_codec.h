#pragma once
// Reading contacts and tickets from requests; writing them into responses.
#include "adapter/domain.h"
#include "adapter/json_reader.h"

namespace adapter {

Contact readContact(const JsonReader& r);
Ticket readTicket(const JsonReader& r);
std::vector<Contact> readContacts(const JsonReader& parent, std::string_view key);
std::vector<Ticket> readTickets(const JsonReader& parent, std::string_view key);
std::optional<std::int64_t> readTime(const JsonReader& parent, std::string_view key);
inline constexpr std::string_view kIsoTimeExpected =
    "expected an ISO 8601 date-time with offset, e.g. 2026-11-20T10:15:00Z";  // readTime's refusal
// The same records in their wire shape (times as ISO 8601 UTC, null when unknown), as readContact/readTicket read them.
InJson wireJson(const Contact& c);
InJson wireJson(const Ticket& t);

// Settings shared by planOutbound and resolveSession: the default calling code (digits, "" when unset) and the
// integration tag (RC-3, default "ccaas").
std::string readDefaultCallingCode(const JsonReader& settings);
std::string readIntegrationTag(const JsonReader& settings);

OutJson toJson(const Notice& n);
OutJson toJson(const Decision& d);
OutJson toJson(const std::vector<Notice>& notices);

}  // namespace adapter
