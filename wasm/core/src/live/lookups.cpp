// Reading what Zendesk holds about a caller: users by phone, a user, a user's tickets, a ticket. Lookups that
// fail for a passing reason (429, 5xx, network, a success without what was asked for) are asked again; after their
// tries they are kept as failed: what needs them (a call's record, the agent's note, the outbound plan) waits, the
// agent sees the failure (view and sync list) and retries it. A failed lookup is never taken as "nothing found": that
// would record a known caller on a new contact, or say "no ticket" for a call whose ticket exists.
#include <algorithm>
#include <string_view>
#include <variant>

#include "adapter/phone.h"
#include "live/flows.h"
#include "live/requester_numbers.h"
#include "live_edge/zendesk_api.h"

namespace adapter::live {
namespace {

constexpr int kLookupAttempts = 8;       // 5xx and network errors: about two minutes of backoff before going on without
constexpr int kRateLimitedLookups = 30;  // 429s, each waited out (Retry-After): about half an hour of storm
// The banner of lookups given up; the agent's Retry takes it down (and no other banner).
constexpr std::string_view kLookupFailed = "LOOKUP_FAILED";

void send(AdapterState& s, PendingRequest p) {
  zendesk::HttpRequest request;
  switch (p.purpose) {
    case Purpose::SearchPhone: request = zendesk::searchUsersByPhone(p.number); break;
    case Purpose::LoadContact: request = zendesk::loadUser(p.subjectId); break;
    case Purpose::LoadTickets: request = zendesk::loadRequestedTickets(p.subjectId); break;
    case Purpose::LoadTicket: request = zendesk::loadTicket(p.subjectId); break;
    case Purpose::LoadPhones: request = zendesk::loadPhoneIdentities(p.subjectId); break;
    case Purpose::ListAgents: request = zendesk::listAgents(p.number); break;
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

void keepContact(AdapterState& s, Contact contact) {
  Id id = contact.id;  // read before the move: the right side of `=` is evaluated first
  s.directory.contacts[id] = std::move(contact);
}

void keepTicket(AdapterState& s, zendesk::TicketRecord record) {
  rememberAssignee(s.directory, record);
  if (auto& t = record.ticket) {
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

// What a successful answer carries, kept. Each answer is of its request's purpose (zendesk::lookupAnswer).
struct Keep {
  AdapterState& s;
  const PendingRequest& p;

  void operator()(zendesk::UsersFound&& found) const {
    std::vector<Id> ids;
    for (auto& c : found.users) {
      if (!hasPhone(c, p.number, s.config.defaultCallingCode)) {
        // Zendesk matched one of the user's other phone identities (search results carry only the primary
        // `phone`): the number is theirs too. Added last, so the default phone (TB-5) stays first.
        c.phones.push_back(p.number);
      }
      ids.push_back(c.id);
      keepContact(s, std::move(c));
    }
    s.directory.contactsByNumber[p.number] = std::move(ids);
  }
  void operator()(zendesk::UserLoaded&& loaded) const {
    if (loaded.user) keepContact(s, std::move(*loaded.user));
  }
  void operator()(zendesk::TicketsLoaded&& loaded) const {
    for (auto& t : loaded.tickets) keepTicket(s, std::move(t));
    s.directory.ticketsLoadedFor.insert(p.subjectId);
  }
  void operator()(zendesk::TicketLoaded&& loaded) const {
    keepTicket(s, std::move(loaded.ticket));
    for (auto& u : loaded.users) keepContact(s, std::move(u));
    if (!s.directory.tickets.count(p.subjectId)) s.directory.missingTickets.insert(p.subjectId);
  }
  void operator()(zendesk::PhonesLoaded&& loaded) const {
    s.directory.phoneIdentities[p.subjectId] = std::move(loaded.numbers);
  }
  void operator()(zendesk::AgentsListed&& page) const { onAgentsListed(s, std::move(page.agents), page.nextCursor); }
  void operator()(zendesk::Unreadable&&) const {}  // never kept: onLookupResponse asks again
};

// Zendesk no longer has this user (deleted, or merged into another): its search lists them for a while after, but
// their tickets answer 404 and no retry changes that. The user leaves the directory, the number's contacts and the
// agent's outbound choice, and nothing waits for their tickets: the call and the dial pad go on with the contacts
// that exist (D442). A later search (the next call's) may list them again while its index lags: one more 404 each.
void forgetGoneContact(AdapterState& s, Id id) {
  s.directory.contacts.erase(id);
  for (auto& entry : s.directory.contactsByNumber) {
    auto& ids = entry.second;
    ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
  }
  if (s.outbound && (s.outbound->contactId == id || s.outbound->choiceContact == id)) {
    s.outbound->contactId.reset();  // planned afresh from the contacts that exist, as for a new number
    s.outbound->choiceContact.reset();
    s.outbound->ticketChoice.reset();
  }
}

// Zendesk did not answer this lookup after all its tries, or refused it: keep it as failed, visible and retryable.
void giveUp(AdapterState& s, const PendingRequest& p, int status) {
  if (p.purpose == Purpose::LoadTicket && status == 404) {
    s.directory.missingTickets.insert(p.subjectId);  // an answer, not a failure: TICKET_NOT_FOUND says it
    return;
  }
  if (p.purpose == Purpose::LoadTickets && status == 404) return forgetGoneContact(s, p.subjectId);  // an answer too
  if (p.purpose == Purpose::ListAgents) return onAgentsListFailed(s);  // no caller waits for it: no banner
  s.failedLookups.push_back({p, status});
  setBanner(s, std::string(kLookupFailed), MessageKind::Error, {{"status", status}});
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
  if (!failed.empty() && s.banner && s.banner->code == kLookupFailed) s.banner.reset();
}

void searchPhone(AdapterState& s, const std::string& e164) { lookUp(s, Purpose::SearchPhone, 0, e164); }
void loadContact(AdapterState& s, Id contactId) { lookUp(s, Purpose::LoadContact, contactId, ""); }
void loadTickets(AdapterState& s, Id contactId) { lookUp(s, Purpose::LoadTickets, contactId, ""); }
void loadTicket(AdapterState& s, Id ticketId) { lookUp(s, Purpose::LoadTicket, ticketId, ""); }
void loadPhoneIdentities(AdapterState& s, Id contactId) { lookUp(s, Purpose::LoadPhones, contactId, ""); }
void listAgents(AdapterState& s, const std::string& cursor) { lookUp(s, Purpose::ListAgents, 0, cursor); }

void onLookupResponse(AdapterState& s, const PendingRequest& p, int status, zendesk::LookupAnswer answer,
                      std::optional<std::int64_t> retryAfterSec) {
  // A success without what was asked for (a proxy's page, a cut body) says nothing about what Zendesk holds: taken
  // as "nothing found" it would record a known caller on a new contact, or say "no ticket". Asked again like a lost
  // answer, and failed after its tries.
  if (status >= 200 && status < 300 && std::holds_alternative<zendesk::Unreadable>(answer)) status = 0;
  if (status >= 200 && status < 300) {
    std::visit(Keep{s, p}, std::move(answer));
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
void rememberAssignee(Directory& d, const zendesk::TicketRecord& t) {
  if (!t.id) return;
  if (t.assigneeId) {
    d.assignees[*t.id] = *t.assigneeId;
  } else {
    d.assignees.erase(*t.id);
  }
}

// A lookup is read by what is still on the agent's plate: a phone search by the calls from that number, the other
// lookups (a contact, their tickets or numbers, a ticket, the account's agents) by any call still here — its rules,
// its record, its card, its transfer — and by a ticket sidebar waiting for its requester's numbers; all of them by the
// outbound view. When none is left (the call was declined and nothing is written for it) a retry would spend one of
// the agent's requests for nobody: fuzz finding 3, and its wider form (D374). Something that needs it later
// looks it up afresh.
namespace {
bool lookupStillNeeded(const AdapterState& s, const PendingRequest& p) {
  if (s.outbound) return true;
  if (p.purpose == Purpose::SearchPhone) {
    for (const auto& [id, call] : s.calls) {
      if (call.phone == p.number) return true;
    }
    return false;
  }
  if (p.purpose == Purpose::LoadPhones) {
    for (const auto& [sidebar, asked] : s.numbersWaiting) {
      if (asked.size() > 1 && asked[1] == p.subjectId) return true;  // {ticketId, requesterId}
    }
  }
  return !s.calls.empty();
}
}  // namespace

void retryDueLookups(AdapterState& s) {
  std::vector<LookupRetry> due, later;
  for (auto& r : s.lookupRetries) (r.atMs <= s.nowMs ? due : later).push_back(std::move(r));
  s.lookupRetries = std::move(later);
  for (auto& r : due) {
    if (lookupStillNeeded(s, r.request)) send(s, std::move(r.request));
  }
}

}  // namespace adapter::live
