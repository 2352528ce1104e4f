#pragma once
// Zendesk's REST API as the live core uses it: every URL and payload shape in one place. Records and ids go in and
// HTTP requests come out; HTTP answers go in and the core's records come out. No other live file builds a Zendesk
// URL or reads a field of a Zendesk answer.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapter/domain.h"
#include "adapter/json_reader.h"
#include "live/state.h"
#include "live/zendesk_records.h"
#include "live_edge/http_request.h"

namespace adapter::live::zendesk {

// Reads.
HttpRequest searchUsersByPhone(const std::string& e164);  // role:end-user phone:*<national number>
HttpRequest loadUser(Id userId);
HttpRequest loadRequestedTickets(Id userId);  // newest first, one page of 100
HttpRequest loadTicket(Id ticketId);          // with its users sideloaded
HttpRequest loadPhoneIdentities(Id userId);
HttpRequest ticketsByExternalId(const std::string& externalId);  // does a lost create of this call's ticket exist?
HttpRequest usersByExternalId(const std::string& externalId);    // did a lost user create land? (no search)
HttpRequest latestComments(Id ticketId);                         // did a lost comment land?
HttpRequest listAgents(const std::string& cursor);               // a page of 100 agents and admins (D433)

// Writes: the request a write is sent as (a pop: TPE's display endpoint for `agentId`). An update whose ticket is
// still being created has "{ticket}" in its URL. A ticket create on the Ticketing API carries an Idempotency-Key
// made from `agentId` and the write's first action key: the same write gets the same key, after a reload too.
HttpRequest writeRequest(const Write& w, Id agentId);
// The write is sent with an Idempotency-Key (a ticket create on the Ticketing API; Talk Partner Edition's voice
// endpoint documents none).
bool sendsIdempotencyKey(const Write& w);
// Zendesk refused the key: it was used before with another body (400 IdempotentRequestError).
bool idempotencyKeyRefused(const InJson& body);
// The external_id of a user the app creates for a caller (D290): in the app's own namespace and unique to the
// agent and the call, so that a lost create is found by a direct look-up, never by search.
std::string callerExternalId(Id agentId, const std::string& callId);
// The external_id of a user the app creates for a caller with a phone number (D439): the number's, the same for
// every agent and call, so that Zendesk, which keeps users' external ids unique, refuses a second user for a number
// that search does not list yet (it may take minutes) instead of making one. "" when `e164` is no E.164 number.
std::string callerPhoneExternalId(std::string_view e164);
bool isCallerPhoneExternalId(std::string_view externalId);
// A saved write's payload (the snapshot keeps writeRequest's body) read back into `w`, whose kind and callId are
// set: false when it is not exactly a payload the core makes, and such a write must not be sent.
bool readWriteBody(const InJson& body, Write& w);
// A write saved by an earlier version names its ticket only in its URL; 0 when it names none.
Id ticketIdOfUpdateUrl(std::string_view url);

// A lookup's successful answer (2xx) → what it carries (zendesk_records.h). `purpose` is a lookup's, not Write.
LookupAnswer lookupAnswer(Purpose purpose, const InJson& body);
// An answer to a write of `kind`, or to its check (`check`: PendingRequest::verify) → what the outbox reads of it
// (zendesk_records.h): the failure detail of any answer and, of a success (2xx), the record the write made or
// changed, or the list the check asked for.
WriteAnswer writeAnswer(const Write& w, bool check, bool success, const InJson& body);

// Answers → records; nullopt when unusable (no id, unknown status …): such a record is left out rather than
// allowed to make every later rule call fail.
std::optional<Contact> contactFrom(const InJson& user);
std::optional<Ticket> ticketFrom(const InJson& ticket);
TicketRecord ticketRecord(const InJson& ticket);  // with its id and assignee as given

}  // namespace adapter::live::zendesk
