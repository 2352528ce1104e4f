#pragma once
// Zendesk as the live fuzz targets play it: answers each request effect with a status and a plausible body chosen
// from the fuzzer's bytes, and keeps the truth of what the adapter's writes made (tickets by external_id, comments
// by their text), so that the properties can tell a retry from a duplicate. A write whose answer is lost
// (status 0 or 5xx) may or may not have landed — the bytes decide, as the network would. Like Zendesk, it keeps a
// ticket create's Idempotency-Key for two hours (a repeat with the same body gets the first ticket back, another
// body is refused) and finds users by external id at once (show_many).
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
  bool hasComment(const std::string& comment) const { return comments_.count(comment) > 0; }  // commentOf's
  bool hasUserFor(const std::string& externalId) const { return userByExternalId_.count(externalId) > 0; }
  // TR-9 (D444): the ticket `ticketId` was merged into, following a chain; 0 when it was not merged.
  std::int64_t mergedInto(std::int64_t ticketId) const;
  // A create sent with this key now would get the kept answer back instead of making a ticket.
  bool keepsKey(const std::string& key, std::int64_t nowMs) const;
  // The session's clock, for the kept keys' two hours.
  void setNow(std::int64_t nowMs) { nowMs_ = nowMs; }

 private:
  struct KeptKey {
    std::int64_t ticketId = 0;
    std::string body;
    std::int64_t atMs = 0;
  };
  void apply(const nlohmann::json& request, std::int64_t newId);
  const KeptKey* keptFor(const nlohmann::json& request) const;  // the request's key, still kept

  std::map<std::string, std::int64_t> ticketByExternalId_;
  std::map<std::string, nlohmann::json> userByExternalId_;  // the created user's payload
  std::map<std::string, KeptKey> keys_;
  std::int64_t nowMs_ = 0;
  std::map<std::int64_t, std::vector<std::string>> commentTexts_;  // ticket id -> comment bodies
  std::set<std::string> comments_;                                 // commentOf every comment that landed
  std::int64_t nextId_ = 5000;
  std::map<std::int64_t, std::int64_t> mergedInto_;  // a merged (closed) ticket -> the ticket it was merged into
};

// The comment a ticket update adds, as "<ticket id>\n<its text>", or "": the adapter's comments name their call,
// so their text is their identity (docs/adapter-protocol.md "Exactly once", D335).
std::string commentOf(const nlohmann::json& request);
// The ticket id of "/api/v2/tickets/<id>..." or 0.
std::int64_t ticketIdInUrl(const std::string& url);
bool isWrite(const nlohmann::json& request);
bool isTicketCreate(const nlohmann::json& request);
std::string userExternalIdOf(const nlohmann::json& request);  // a user create's external_id, "" when none
std::string idempotencyKeyOf(const nlohmann::json& request);  // the request effect's Idempotency-Key header, or ""
bool isPop(const nlohmann::json& request);

}  // namespace fuzz
