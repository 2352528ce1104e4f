// Reading what Zendesk holds about a caller: users by phone, a user, a user's tickets, a ticket. Lookups that
// fail for a passing reason (429, 5xx, network) are asked again; after their tries they are kept as failed: what
// needs them (a call's record, the agent's note, the outbound plan) waits, the agent sees the failure (view and
// sync list) and retries it. A failed lookup is never taken as "nothing found": that would record a known caller
// on a new contact, or say "no ticket" for a call whose ticket exists.
#include "adapter/phone.h"
#include "live/flows.h"
#include "live/requester_numbers.h"

namespace adapter::live {
namespace {

constexpr int kLookupAttempts = 8;       // 5xx and network errors: about two minutes of backoff before going on without
constexpr int kRateLimitedLookups = 30;  // 429s, each waited out (Retry-After): about half an hour of storm

void send(AdapterState& s, PendingRequest p) {
  zendesk::HttpRequest request;
  switch (p.purpose) {
    case Purpose::SearchPhone: request = zendesk::searchUsersByPhone(p.number); break;
    case Purpose::LoadContact: request = zendesk::loadUser(p.subjectId); break;
    case Purpose::LoadTickets: request = zendesk::loadRequestedTickets(p.subjectId); break;
    case Purpose::LoadTicket: request = zendesk::loadTicket(p.subjectId); break;
    case Purpose::LoadPhones: request = zendesk::loadPhoneIdentities(p.subjectId); break;
    case Purpose::Write: return;
  }
  sendRequest(s, request, std::move(p));
}

void lookUp(AdapterState& s, Purpose purpose, Id subjectId, const std::string& number) {
  if (lookupInFlight(s, purpose, subjectId, number)) return;
  PendingRequest p;
  p.purpose = purpose;
  p.subjectId = subjectId;
  p.number = number;
  send(s, std::move(p));
}

void keepContact(AdapterState& s, const InJson& user) {
  if (auto contact = zendesk::contactFrom(user)) {
    Id id = contact->id;  // read before the move: the right side of `=` is evaluated first
    s.directory.contacts[id] = std::move(*contact);
  }
}

void keepTicket(AdapterState& s, const InJson& ticket) {
  rememberAssignee(s.directory, ticket);
  if (auto t = zendesk::ticketFrom(ticket)) {
    Id id = t->id;
    s.directory.missingTickets.erase(id);
    s.directory.tickets[id] = std::move(*t);
  }
}

bool hasPhone(const Contact& contact, const std::string& e164, const std::string& defaultCallingCode) {
  for (const auto& phone : contact.phones) {
    if (normalizePhone(phone, defaultCallingCode).e164 == e164) return true;
  }
  return false;
}

void acceptResponse(AdapterState& s, const PendingRequest& p, const InJson& body) {
  auto& d = s.directory;
  switch (p.purpose) {
    case Purpose::SearchPhone: {
      std::vector<Id> ids;
      for (const InJson* r : zendesk::items(body, "results")) {
        if (!zendesk::isUserResult(*r)) continue;
        if (auto c = zendesk::contactFrom(*r)) {
          if (!hasPhone(*c, p.number, s.config.defaultCallingCode)) {
            // Zendesk matched one of the user's other phone identities (search results carry only the primary
            // `phone`): the number is theirs too. Added last, so the default phone (TB-5) stays first.
            c->phones.push_back(p.number);
          }
          ids.push_back(c->id);
          d.contacts[ids.back()] = std::move(*c);
        }
      }
      d.contactsByNumber[p.number] = std::move(ids);
      break;
    }
    case Purpose::LoadContact:
      if (const InJson* user = zendesk::answerRecord(body, true)) keepContact(s, *user);
      break;
    case Purpose::LoadTickets:
      for (const InJson* t : zendesk::items(body, "tickets")) keepTicket(s, *t);
      d.ticketsLoadedFor.insert(p.subjectId);
      break;
    case Purpose::LoadTicket:
      if (const InJson* ticket = zendesk::answerRecord(body, false)) keepTicket(s, *ticket);
      for (const InJson* u : zendesk::items(body, "users")) keepContact(s, *u);
      if (!d.tickets.count(p.subjectId)) d.missingTickets.insert(p.subjectId);
      break;
    case Purpose::LoadPhones: d.phoneIdentities[p.subjectId] = zendesk::phoneIdentityNumbers(body); break;
    case Purpose::Write: break;
  }
}

// Zendesk did not answer this lookup after all its tries, or refused it: keep it as failed, visible and retryable.
void giveUp(AdapterState& s, const PendingRequest& p, int status) {
  if (p.purpose == Purpose::LoadTicket && status == 404) {
    s.directory.missingTickets.insert(p.subjectId);  // an answer, not a failure: TICKET_NOT_FOUND says it
    return;
  }
  s.failedLookups.push_back({p, status});
  setBanner(s, "LOOKUP_FAILED", MessageKind::Error, {{"status", status}});
}

bool sameLookup(const PendingRequest& p, Purpose purpose, Id subjectId, const std::string& number) {
  return p.purpose == purpose && p.subjectId == subjectId && p.number == number;
}

}  // namespace

// In flight, waiting for its next try, or failed (then only the agent's Retry sends it again).
bool lookupInFlight(const AdapterState& s, Purpose purpose, Id subjectId, const std::string& number) {
  for (const auto& [id, p] : s.requests) {
    if (sameLookup(p, purpose, subjectId, number)) return true;
  }
  for (const auto& r : s.lookupRetries) {
    if (sameLookup(r.request, purpose, subjectId, number)) return true;
  }
  return lookupFailed(s, purpose, subjectId, number);
}

bool lookupFailed(const AdapterState& s, Purpose purpose, Id subjectId, const std::string& number) {
  for (const auto& f : s.failedLookups) {
    if (sameLookup(f.request, purpose, subjectId, number)) return true;
  }
  return false;
}

void retryFailedLookups(AdapterState& s) {
  std::vector<FailedLookup> failed = std::move(s.failedLookups);
  s.failedLookups.clear();
  for (auto& f : failed) {
    PendingRequest again = f.request;
    again.attempt = 1;  // the agent asked: a whole new round of tries
    again.rateLimited = 0;
    send(s, std::move(again));
  }
  if (!failed.empty() && s.banner && s.banner->code == "LOOKUP_FAILED") s.banner.reset();
}

void searchPhone(AdapterState& s, const std::string& e164) { lookUp(s, Purpose::SearchPhone, 0, e164); }
void loadContact(AdapterState& s, Id contactId) { lookUp(s, Purpose::LoadContact, contactId, ""); }
void loadTickets(AdapterState& s, Id contactId) { lookUp(s, Purpose::LoadTickets, contactId, ""); }
void loadTicket(AdapterState& s, Id ticketId) { lookUp(s, Purpose::LoadTicket, ticketId, ""); }
void loadPhoneIdentities(AdapterState& s, Id contactId) { lookUp(s, Purpose::LoadPhones, contactId, ""); }

void onLookupResponse(AdapterState& s, const PendingRequest& p, int status, const InJson& body,
                      std::optional<std::int64_t> retryAfterSec) {
  if (status >= 200 && status < 300) {
    acceptResponse(s, p, body);
  } else if (status == 429 && p.rateLimited < kRateLimitedLookups) {
    // Zendesk said when to come back: waiting is the answer. Giving up would record a known caller on a new
    // contact (a duplicate the outbox simulation found under 429 storms).
    PendingRequest again = p;
    again.rateLimited++;
    Millis delay = retryDelayMs(status, retryAfterSec, p.rateLimited + 1, p.number + std::to_string(p.subjectId));
    s.lookupRetries.push_back({again, s.nowMs + delay});
  } else if (isRetryable(status) && p.attempt < kLookupAttempts) {
    PendingRequest again = p;
    again.attempt++;
    Millis delay = retryDelayMs(status, retryAfterSec, p.attempt, p.number + std::to_string(p.subjectId));
    s.lookupRetries.push_back({again, s.nowMs + delay});
  } else {
    giveUp(s, p, status);
  }
  answerNumberWaiters(s);
  refreshOutbound(s);
  pumpSessions(s);
}

// A ticket's assignee as Zendesk last told it: an "assign to me" the ticket already has is not sent again.
void rememberAssignee(Directory& d, const InJson& t) {
  auto id = zendesk::recordId(t);
  if (!id) return;
  if (auto assignee = zendesk::assigneeOf(t)) {
    d.assignees[*id] = *assignee;
  } else {
    d.assignees.erase(*id);
  }
}

// A phone search is read by the calls from that number (their record, the agent's card) and by the outbound view.
// When none is left — the call was declined and nothing is written for it — its retry would spend one of the
// agent's requests for nobody.
namespace {
bool searchStillNeeded(const AdapterState& s, const PendingRequest& p) {
  if (p.purpose != Purpose::SearchPhone || s.outbound) return true;
  for (const auto& [id, call] : s.calls) {
    if (call.phone == p.number) return true;
  }
  return false;
}
}  // namespace

void retryDueLookups(AdapterState& s) {
  std::vector<LookupRetry> due, later;
  for (auto& r : s.lookupRetries) (r.atMs <= s.nowMs ? due : later).push_back(std::move(r));
  s.lookupRetries = std::move(later);
  for (auto& r : due) {
    if (searchStillNeeded(s, r.request)) send(s, std::move(r.request));
  }
}

}  // namespace adapter::live
