#pragma once
// Zendesk as the live fuzz targets play it: answers each request effect with a status and a plausible body chosen
// from the fuzzer's bytes, and keeps the truth of what the adapter's writes made (tickets by external_id, comments
// with their markers), so that the properties can tell a retry from a duplicate. A write whose answer is lost
// (status 0 or 5xx) may or may not have landed — the bytes decide, as the network would.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "byte_reader.h"

namespace fuzz {

struct ZendeskAnswer {
  int status = 200;
  nlohmann::json body;
  std::optional<int> retryAfterSec;
};

class FakeZendesk {
 public:
  // Answers one `request` effect (docs/adapter-protocol.md "Zendesk requests the core makes").
  ZendeskAnswer answer(const nlohmann::json& request, ByteReader& in);
  // A request whose answer never came back (the page closed while it was in flight): it landed or not.
  void lose(const nlohmann::json& request, ByteReader& in);

  bool hasTicketFor(const std::string& externalId) const { return ticketByExternalId_.count(externalId) > 0; }
  bool hasComment(const std::string& marker) const { return markers_.count(marker) > 0; }

 private:
  void apply(const nlohmann::json& request, std::int64_t newId);

  std::map<std::string, std::int64_t> ticketByExternalId_;
  std::map<std::int64_t, std::vector<std::string>> comments_;  // ticket id -> comment bodies
  std::set<std::string> markers_;
  std::int64_t nextId_ = 5000;
};

// "[cti-ref:xxxxxxxx]" in a write's body, or "" (docs/adapter-protocol.md "Exactly once").
std::string commentMarkerIn(const nlohmann::json& body);
// The ticket id of "/api/v2/tickets/<id>..." or 0.
std::int64_t ticketIdInUrl(const std::string& url);
bool isWrite(const nlohmann::json& request);
bool isTicketCreate(const nlohmann::json& request);
bool isPop(const nlohmann::json& request);

}  // namespace fuzz
