#pragma once
// The live adapter's parts, one file each, all working on AdapterState. Internal to the core.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "live/events.h"
#include "live/state.h"
#include "live/zendesk_records.h"

namespace adapter::live {

// effects.cpp — effects of the current dispatch.
void emit(AdapterState& s, Effect effect);
std::string sendRequest(AdapterState& s, const zendesk::HttpRequest& request, PendingRequest pending);
void setBanner(AdapterState& s, std::string code, MessageKind kind, Params params = {});
void notify(AdapterState& s, std::string code, MessageKind kind, Params params = {});
void telephony(AdapterState& s, const Call& call, TelephonyCommand command);
void telephony(AdapterState& s, TelephonyEffect effect);
void scheduleNextTick(AdapterState& s);
bool isRetryable(int status);  // 409, 429, 5xx, network (0)

// rate_budget.cpp — Zendesk's limits as budgets; retry delays with jitter.
void pruneSendLog(AdapterState& s);
void recordRequest(AdapterState& s);
void recordTicketWrite(AdapterState& s, std::optional<Id> updatedTicket);
void forgetTicketWrite(AdapterState& s, std::optional<Id> updatedTicket, Millis sentAtMs);        // a 429 did not count
Millis budgetFreeAtMs(const AdapterState& s, bool ticketWrite, std::optional<Id> updatedTicket);  // ≤ now: send now
std::uint32_t fnv1a(std::string_view text);  // a stable hash: jitter
double jitterFraction(const std::string& seed, int attempt);
Millis retryDelayMs(int status, std::optional<std::int64_t> retryAfterSec, int attempt, const std::string& seed);

// write_pacing.cpp — one account's limits shared among its agents: Zendesk's headers, AIMD on Update Ticket,
// jittered spreading seeded by the agent id, notes and creates first, the BA-1 hold until wrap-up (D381, D382).
void noteRateLimitHeaders(AdapterState& s, const RateLimitHeaders& headers);  // every answer, before it is read
void onUpdateRefused(AdapterState& s);                                        // a 429: multiplicative decrease
void recordUpdateSent(AdapterState& s);
double updateRateOf(const AdapterState& s);                       // this agent's PUTs per minute now
bool pacingActive(const AdapterState& s);                         // Zendesk's headers seen: the account is shared
int writePriority(const AdapterState& s, const Write& w);         // 0: notes and creates, 1: field-only updates
Millis paceFreeAtMs(const AdapterState& s, const Write& w);       // ≤ now: the pacing lets it leave
Millis wrapUpHoldUntilMs(const AdapterState& s, const Write& w);  // > 0: held for its call's wrap-up until then
bool heldWhileLive(const AdapterState& s, const Write& w);        // a call's standard data while the call lasts

// lookups.cpp — reading contacts and tickets from Zendesk.
void searchPhone(AdapterState& s, const std::string& e164);
void loadContact(AdapterState& s, Id contactId);
void loadTickets(AdapterState& s, Id contactId);
void loadTicket(AdapterState& s, Id ticketId);
void loadPhoneIdentities(AdapterState& s, Id contactId);      // users/{id}/identities: the contact's other numbers
void listAgents(AdapterState& s, const std::string& cursor);  // users: a page of the account's agents (D433)
bool lookupInFlight(const AdapterState& s, Purpose purpose, Id subjectId, const std::string& number = "");
bool lookupFailed(const AdapterState& s, Purpose purpose, Id subjectId, const std::string& number = "");
void retryFailedLookups(AdapterState& s);  // the agent's Retry, a new call or view: every failed lookup again
// `answer` is read only for a success (2xx): zendesk::lookupAnswer of the body.
void onLookupResponse(AdapterState& s, const PendingRequest& p, int status, zendesk::LookupAnswer answer,
                      std::optional<std::int64_t> retryAfterSec);
void retryDueLookups(AdapterState& s);
// Directory::assignees, as Zendesk last said (a lookup's or a write's answer; a snapshot's, live_edge/edge.h).
void rememberAssignee(Directory& d, const zendesk::TicketRecord& ticket);

// outbound_flow.cpp — the outbound view (FO, TB): entry points, typing, choices, Call, Cancel.
void startOutbound(AdapterState& s, EntrySource source, const std::string& number, std::optional<Id> contactId,
                   std::optional<Id> ticketId);
// TR-8's callback (D445): `reason` "hangup_callback" or "short_call" (the rules check the previous call's length).
void startCallBack(AdapterState& s, std::string phone, std::optional<Id> contactId, std::optional<Id> ticketId,
                   const char* reason, std::int64_t previousSec);
// The outbound view's events: OpenDialPad, NumberChanged, LookUpNumber, ContactChosen (on the outbound screen),
// TicketChosen, UseEnteredNumberChanged, TicketIdChanged, CallClicked, CancelClicked.
void onOutboundAction(AdapterState& s, const EventBody& event);
void refreshOutbound(AdapterState& s);  // after new data: ask for what is missing, plan again
void outboundTick(AdapterState& s);
bool outboundReady(const AdapterState& s);         // every lookup the plan needs has answered
bool outboundLookupFailed(const AdapterState& s);  // one the plan needs failed after its tries

// call_flow.cpp — calls: telephony events, the agent's call controls, the session rules.
// No call on screen: the next call the agent has comes on (live ones first, then callers waiting, then a wrap-up
// not done), else the main screen.
void showNextCall(AdapterState& s);
void onConnectorState(AdapterState& s, const ConnectorStateChanged& event);
void onTelephonyFailed(AdapterState& s, const TelephonyFailed& event);
void onCallRinging(AdapterState& s, const CallRinging& event);
void onCallDialing(AdapterState& s, const CallDialing& event);
void onCallConnected(AdapterState& s, const CallConnected& event);
void onCallAttributes(AdapterState& s, const CallAttributesChanged& event);
void onCallHoldChanged(AdapterState& s, const CallHoldChanged& event);
void onCallMuteChanged(AdapterState& s, const CallMuteChanged& event);
void onCallTransferred(AdapterState& s, const CallTransferred& event);
void onCallEnded(AdapterState& s, const CallEnded& event);
void onCallButton(AdapterState& s, const CallButtonClicked& event);
void onTransferClicked(AdapterState& s, const TransferClicked& event);
void onNoteChanged(AdapterState& s, const NoteChanged& event);
void onCallContactChosen(AdapterState& s, const ContactChosen& event);  // on a call's screen (TR-2)
void onOtherCallClicked(AdapterState& s, const OtherCallClicked& event);
void startOutboundCall(AdapterState& s, const OutboundPlan& plan, std::optional<Outbound> from);
void dialDeadlines(AdapterState& s);                 // dials the connector never confirmed end without a record
std::string sessionIdOf(const std::string& callId);  // the call id as resolveSession's session.id
void pumpSessions(AdapterState& s);                  // resolve queued session events whose data is complete

// call_attributes.cpp — a call's caller attributes, bounded: PF-1's reserved ones always, the others up to a count
// and a size. Merges `incoming` into `attributes`, an event's in the order they arrived, an object's (a restored
// snapshot's) in key order; answers how many were dropped (an event's count includes those dropped while reading).
inline constexpr std::size_t kMaxCallAttributes = 100;        // besides PF-1's
inline constexpr std::size_t kMaxCallAttributeBytes = 16384;  // keys and JSON values, besides PF-1's
int mergeCallAttributes(CallerAttributes& attributes, const IncomingAttributes& incoming);
int mergeCallAttributes(CallerAttributes& attributes, const CallerAttributes& incoming);

// call_records.cpp — a call's record that waits for lookups: what it waits for, its sync-list key, discard.
// The contacts the rules read for a call (TR-2's candidates): the newest few sharing its number, and its own.
std::vector<Id> callContacts(const AdapterState& s, const Call& call);
LookupState callLookupState(const AdapterState& s, const Call& call);
std::string callRecordKey(const Call& call);  // "call:<id>", a key of view.sync.writes
bool isCallRecordKey(const std::string& key);
bool callRecordWaiting(const Call& call);  // its session events are not resolved yet (nothing written)
void discardCallRecord(AdapterState& s, const std::string& key);

// write_queue.cpp — Zendesk writes from the rules' actions: one write per action key, dependencies, BA-1
// batching and coalescing per ticket.
void enqueueActions(AdapterState& s, Call& call, const std::vector<SessionAction>& actions);
void enqueueAgentNote(AdapterState& s, Call& call);
// tpe_call.cpp — TPE on: the wrapped-up call's record in TPE's standard call object, its disposition the code (D421).
void enqueueCallRecord(AdapterState& s, const Call& call);
bool createPendingFor(const AdapterState& s, const std::string& callId);
Write* writeWithKey(AdapterState& s, const std::string& key);
bool isPop(const Write& w);
bool holdsStandardData(const Write& w);  // a call's standard data on an existing ticket, held for its closing (D420)
bool isCreate(const Write& w);
std::optional<Id> updatedTicketOf(const Write& w);  // the ticket a PUT updates
std::string commentText(const Write& w);            // the comment the write carries; "" if none
void nameTheCall(const AdapterState& s, Write& w);  // its comment's first line names its call, unless it does
bool sameCommentText(const std::string& theirs, const std::string& ours);  // Zendesk's copy of a comment we sent
bool voicemailDescribed(AdapterState& s, Write& w);  // false: a TPE voicemail create waits for its call's end
// The sync list's label as a code and its parameters, for the view to translate into the agent's language.
struct WriteLabel {
  const char* code = "";
  Params params;
};
WriteLabel writeLabel(const Write& w);
// The write's error (outbox.cpp's text) as a code and its parameters: NO_ANSWER, TICKET_GONE, HTTP {status,
// detail}, MAYBE_RECORDED; the code is null when the text is none of these.
struct WriteError {
  const char* code = nullptr;
  Params params;
};
WriteError writeError(const Write& w);

// outbox.cpp — sending: order per ticket, budgets, retries, verify-before-retry, the agent's retry and discard.
void sendReadyWrites(AdapterState& s);
// `answer`: zendesk::writeAnswer of the body, for the write's kind and the request's verify flag.
void onWriteResponse(AdapterState& s, const PendingRequest& p, int status, zendesk::WriteAnswer answer,
                     std::optional<std::int64_t> retryAfterSec);
void retryFailedWrites(AdapterState& s);
void retryWrite(AdapterState& s, const std::string& key);
void discardWrite(AdapterState& s, const std::string& key);
void orphanDependents(AdapterState& s, const std::string& key);  // the writes waiting for a create that is given up

// contact_refused.cpp — a contact create refused 403 (the role may not add end users): the call recorded without it.
bool onContactCreateRefused(AdapterState& s, const PendingRequest& p, int status);  // false: not that case
// tpe_refused.cpp — TPE's voice endpoint refused (403/404: no TPE on the account): ordinary creates from then on.
bool onTalkPartnerEditionRefused(AdapterState& s, const PendingRequest& p, int status);  // false: not that case

// persistence.cpp — a restored snapshot (read whole by the decoder) replaces the state's persisted part.
void applySnapshot(AdapterState& s, Snapshot&& snapshot);

// call_work.cpp — issue 18: the keypad of a connected call and the wrap-up code (D370).
// A connector command with one field for the connected call on screen (transfer target, tones); else nothing.
void connectedCallCommand(AdapterState& s, TelephonyCommand command, std::optional<std::string> TelephonyEffect::*field,
                          const std::string& value);
void onDigitsPressed(AdapterState& s, const DigitsPressed& event);
void onWrapUpCodeChosen(AdapterState& s, const WrapUpCodeChosen& event);
void onOpenTicketClicked(AdapterState& s, const OpenTicketClicked& event);
// Done, or a dial from the wrap-up (D376): the call is wrapped up, its note handed to the outbox at the next
// pumpSessions; false, with the banner WRAP_UP_CODE_REQUIRED, while a code the admin requires is not chosen.
bool finishWrapUp(AdapterState& s, Call& call);
void addWrapUpCode(const AdapterState& s, const Call& call, SessionAction& note);  // its line and tag on the note

}  // namespace adapter::live
