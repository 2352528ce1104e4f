#pragma once
// The live adapter's state: everything it remembers between events. Plain data; the flows in this folder read
// and change it, view_model.cpp draws it, persistence.cpp saves the part that must survive a reload.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapter/domain.h"
#include "adapter/json_reader.h"
#include "adapter/outbound.h"
#include "adapter/session.h"
#include "live/console.h"
#include "live/effects.h"
#include "live/transfer.h"
#include "live_edge/kept_json.h"

namespace adapter::live {

using Millis = std::int64_t;
inline constexpr Millis kMinute = 60'000;
using Id = std::int64_t;

// The states and kinds the flows compare, as enums; their wire names (view, snapshot, events) live in one table
// beside each, read and written only at the edge (live_edge/).
enum class CallState { Ringing, Dialing, Connected, Ended };
inline constexpr std::pair<CallState, std::string_view> kCallStateNames[] = {
    {CallState::Ringing, "ringing"},
    {CallState::Dialing, "dialing"},
    {CallState::Connected, "connected"},
    {CallState::Ended, "ended"},
};

enum class Direction { Inbound, Outbound };
inline constexpr std::pair<Direction, std::string_view> kDirectionNames[] = {
    {Direction::Inbound, "inbound"},
    {Direction::Outbound, "outbound"},
};

// The view the shim draws (docs/adapter-protocol.md "View": screen).
enum class Screen { Main, Incoming, Call, WrapUp, Outbound };
inline constexpr std::pair<Screen, std::string_view> kScreenNames[] = {
    {Screen::Main, "main"},     {Screen::Incoming, "incoming"}, {Screen::Call, "call"},
    {Screen::WrapUp, "wrapUp"}, {Screen::Outbound, "outbound"},
};

enum class ConnectorState { Online, Offline };
inline constexpr std::pair<ConnectorState, std::string_view> kConnectorStateNames[] = {
    {ConnectorState::Online, "online"},
    {ConnectorState::Offline, "offline"},
};

// What a call's lookups have come to (call_records.cpp): the view's lookupState.
enum class LookupState { Done, Searching, Failed };
inline constexpr std::pair<LookupState, std::string_view> kLookupStateNames[] = {
    {LookupState::Done, "done"},
    {LookupState::Searching, "searching"},
    {LookupState::Failed, "failed"},
};

struct SettingProblem {
  std::string setting;
  std::string message;
};

inline constexpr std::size_t kMaxWrapUpCodes = 50;       // issue 18, D370: a list an agent can scan
inline constexpr std::size_t kMaxWrapUpCodeBytes = 100;  // a label, not a note

// The admin's settings, read from ZAF's metadata once per appRegistered (app_settings.cpp).
struct Config {
  OutboundSettings outboundSettings;               // planOutbound's settings
  SessionSettings sessionSettings;                 // resolveSession's settings
  std::map<Id, TeamTicketEntry> groupTicketEntry;  // Zendesk group id → its ticket-id entry (TB-1)
  std::string defaultCallingCode = "1";
  bool useTalkPartnerEdition = false;
  bool batchComments = false;       // BA-1
  bool batchTicketUpdates = false;  // BA-1
  int batchWindowSeconds = 10;      // BA-1: 1–60
  // Zendesk's limits as budgets the outbox keeps (zendesk-platform.md §4); an admin lowers them to share an
  // account's limit among many agents.
  int updateBudgetPerMinute = 100;          // Update Ticket: 100 per minute per account
  int ticketUpdateBudgetPer10Minutes = 30;  // Update Ticket: 30 per 10 minutes per ticket per user
  int requestBudgetPerMinute = 100;         // apps: 100 requests per minute per user
  // The account's limits as the admin states them (D380): the plan's requests per minute and the High Volume
  // add-on (Update Ticket 300 a minute instead of 100). Each agent paces itself from them and Zendesk's headers.
  int planRequestsPerMinute = 700;
  bool highVolume = false;
  std::vector<SettingProblem> problems;
  // Wrap-up (disposition) codes (kMaxWrapUpCodes of at most kMaxWrapUpCodeBytes), as the admin listed them, and whether
  // Done needs one (issue 18, D370).
  std::vector<std::string> wrapUpCodes;
  bool wrapUpCodeRequired = false;
  std::vector<NamedQueue> transferQueues;  // the queues a call may go to, AH-1's fields and a name (D341)
  Id appId = 0;                            // ZAF's metadata().appId: TPE's call record names the app (D421)
};

struct Agent {
  Id id = 0;
  std::string name;
  std::vector<Id> groupIds;
  int utcOffsetMinutes = 0;
};

// What the adapter has learnt from Zendesk, as the rules' own records (checked once, where the answer arrived).
struct Directory {
  std::map<Id, Contact> contacts;
  std::map<Id, Ticket> tickets;
  std::map<std::string, std::vector<Id>> contactsByNumber;  // E.164 → the users a phone search found
  std::set<Id> ticketsLoadedFor;                            // contacts whose requested tickets are known
  std::set<Id> missingTickets;                              // asked for; Zendesk said 404
  std::map<Id, Id> assignees;                               // ticket → its assignee, as last seen (skips no-op PUTs)
  // A contact's phone_number identities (users/{id}.json and sideloads carry only the primary `phone`), asked for
  // when an outbound number is not among the phones known (a failed ask is in AdapterState::failedLookups).
  std::map<Id, std::vector<std::string>> phoneIdentities;
};

enum class Purpose { SearchPhone, LoadContact, LoadTickets, LoadTicket, LoadPhones, Write, ListAgents };

// A request in flight, so its response can be routed back.
struct PendingRequest {
  Purpose purpose = Purpose::Write;
  std::string number;  // SearchPhone: the E.164 searched; ListAgents: the page's cursor ("" for the first)
  Id subjectId = 0;    // LoadContact / LoadTickets / LoadTicket / LoadPhones
  std::string writeKey;
  bool verify = false;  // Write: asks whether an uncertain write already landed, instead of sending it
  int attempt = 1;
  int rateLimited = 0;  // lookups: 429s met so far (they wait, they do not use up attempts)
};

// A lookup that failed for a passing reason (429, 5xx, network) and is asked again later.
struct LookupRetry {
  PendingRequest request;
  Millis atMs = 0;
};

// A lookup Zendesk did not answer after all its tries. It is never taken as "nothing found" (that would record a
// known caller as a new contact): what needs it waits, the agent sees it failed and can retry it.
struct FailedLookup {
  PendingRequest request;
  int status = 0;
};

// The outbound view's inputs (planOutbound's entry and input).
struct Outbound {
  EntrySource source = EntrySource::Dialpad;
  std::string entryNumber;
  std::optional<Id> entryContactId;
  std::optional<Id> entryTicketId;
  std::string numberText;
  bool numberTyped = false;  // the agent has edited the box (cleared counts): numberText replaces entryNumber
  std::optional<Id> contactId;
  std::optional<TicketChoice> ticketChoice;  // the agent's; unset: the rules choose
  // The agent's contact and ticket choices hold for the number they were made for (dial pad): another number is
  // planned afresh unless their contact has it too (choicesFor: that E.164; choiceContact: the contact they
  // were made with, chosen or preselected).
  std::string choicesFor;
  std::optional<Id> choiceContact;
  std::optional<bool> useEnteredNumber;
  std::string ticketIdText;
  Millis lookUpDueMs = 0;  // a search or ticket check waits for a pause in typing
  // The last planOutbound answer, with the verdicts Zendesk has not settled yet held back (outbound_flow.cpp).
  std::optional<OutboundResult> plan;
  // currentE164's last answer and the number and calling code it was for: an event normalises the box's number
  // several times (its choices, its search, the view's fingerprint). Derived, so neither persisted nor printed.
  struct E164Memo {
    std::string number;
    std::string callingCode;
    std::string e164;
  };
  mutable std::optional<E164Memo> e164Memo;
  // TR-8: this view calls a caller back (Hang up and call back; Call back after a call or from the recent calls),
  // so its call joins the callback ticket by TR-8 rather than by FO-1 (D445).
  std::optional<CallbackRef> callback;
};

// One call (or chat) this agent handles: what the connector told us and what the rules decided.
struct Call {
  std::string id;
  Direction direction = Direction::Inbound;
  SessionType sessionType = SessionType::Ivr;
  CallState state = CallState::Ringing;
  std::string phone;  // E.164 when valid, else as the connector gave it
  std::string dnis;
  std::string menuPath;
  std::string queueId;
  std::string queueName;
  std::string language;
  CallerAttributes attributes = CallerAttributes::object();
  Millis startedAtMs = 0;
  Millis connectedAtMs = 0;
  Millis endedAtMs = 0;
  bool held = false;
  bool muted = false;
  bool wasConnected = false;
  // Hold by the core's own clock (callHoldChanged), for the SF-2 hold time when the connector does not give it.
  Millis heldSinceMs = 0;  // while held
  Millis holdMs = 0;       // hold periods that ended
  std::optional<Id> ticketId;
  std::optional<Id> contactId;
  std::optional<OutboundPlanRef> plan;  // outbound: planOutbound's plan
  std::string extension;
  std::optional<Id> transferToAgentId;
  std::int64_t durationSec = 0, waitSec = 0, holdSec = 0, recordingBytes = 0;
  std::string recordingUrl;
  std::string endReason;
  std::string note;
  std::optional<Decision> decision;  // the last decision of the rules
  std::optional<LookupView> lookup;  // IN-1
  std::vector<ProfileFlag> flags;    // PF-1
  std::vector<Id> contactOptions;    // TR-2
  int pendingLookups = 0;            // searches and ticket loads still out for the caller
  std::vector<SessionEvent> events;  // session events waiting to be resolved, in order
  int eventSeq = 0;
  bool wrappedUp = false;
  std::set<std::string> popped;  // tickets (id or create key) this call has already shown the agent
  // Outbound: the connector has confirmed the dial (callDialing). Nothing is written for a call before that, so
  // a dial the connector refuses or never confirms leaves no record of a call that did not happen.
  bool dialConfirmed = true;
  Millis dialDeadlineMs = 0;           // an unconfirmed dial is given up at this time
  std::optional<Outbound> dialedFrom;  // the outbound view it was dialled from, given back if the dial fails
  // Inbound: it rang while the agent was on another call (call waiting). Nothing is written for it until the
  // agent answers it or it ends; a declined waiting call writes nothing.
  bool waiting = false;
  bool listedRecent = false;       // in AdapterState::recentCalls already (console.cpp; not persisted)
  std::string wrapUpCode;          // the code chosen in the wrap-up, one of Config::wrapUpCodes; "" = none (D370)
  std::optional<Consult> consult;  // its consult leg while the agent consults a target (transfer.h; persisted, D431)
  // Inbound: another agent's consult call about this caller (D430). An internal call until the caller is transferred
  // onto it (consultChanged transferred): the caller is looked up and shown, nothing is written; one that ends first
  // leaves nothing on the caller's ticket.
  bool consultLeg = false;
  // TR-8 (D445): the agent asked to hang up and call back; the outbound view opens once the call has ended.
  bool callBackWhenEnded = false;
  std::optional<CallbackRef> callback;  // TR-8: a dial that calls back (from its outbound view); read by the rules
  // Neither is persisted: after a reload the agent calls back again, and a dial's rules run when it is confirmed.
};

enum class WriteKind { CreateContact, CreateTicket, UpdateTicket, PopTicket, PopContact, CreateCall };
inline constexpr std::pair<WriteKind, std::string_view> kWriteKindNames[] = {
    {WriteKind::CreateContact, "createContact"}, {WriteKind::CreateTicket, "createTicket"},
    {WriteKind::UpdateTicket, "updateTicket"},   {WriteKind::PopTicket, "popTicket"},
    {WriteKind::PopContact, "popContact"},       {WriteKind::CreateCall, "createCall"},
};

// A comment a write adds to its ticket.
struct WriteComment {
  std::string body;
  bool isPublic = false;
};

// Talk Partner Edition's record of the call on the ticket it creates (voice_comment), once the call is over.
struct VoiceRecord {
  Millis startedAtMs = 0;  // to the second
  std::int64_t durationSec = 0;
  std::string from, to;  // "" when not known
  std::optional<Id> answeredById;
  std::string recordingUrl;  // "" when none
};

// Talk Partner Edition's record of a call in its standard call object (CreateCall, D421): the mandatory fields and
// the call's outcome, the wrap-up code its disposition. Its ticket is the write's targetId (0: none).
struct CallRecord {
  Id appId = 0;
  std::string fromLine, toLine;
  Millis startedAtMs = 0, endedAtMs = 0;  // to the second
  Direction direction = Direction::Inbound;
  bool completed = false;     // an agent spoke to the caller: completion_status "completed"
  std::optional<Id> agentId;  // who answered
  std::string disposition;    // the wrap-up code, "" when none
};

// The user a CreateContact write makes.
struct NewUser {
  std::string name;
  std::string phone;       // E.164; "" when none
  std::string externalId;  // "" when none
};

// What a CreateTicket or UpdateTicket write sets on its ticket; what is unset is left as Zendesk has it. (A
// create's external_id is its call's id: Write::callId.)
struct TicketChanges {
  std::string subject;  // create
  std::optional<WriteComment> comment;
  std::optional<std::vector<std::string>> tags;  // the ticket's whole list (Zendesk replaces it)
  std::optional<Id> requesterId;
  std::optional<Id> assigneeId;
  std::optional<std::vector<FieldValue>> customFields;
  std::string status;                // "" leaves it
  std::optional<int> viaId;          // create: Talk Partner Edition's voice endpoint and its via_id
  std::optional<VoiceRecord> voice;  // create, with viaId, once the call is over
  bool empty() const {
    return subject.empty() && !comment && !tags && !requesterId && !assigneeId && !customFields && status.empty() &&
           !viaId && !voice;
  }
};

// One Zendesk write, from a resolveSession action (or several merged for one ticket). Its HTTP request — method,
// URL and Zendesk's payload — is zendesk_api's business (writeRequest), made when it is sent.
struct Write {
  enum class State { Queued, InFlight, Done, Failed };
  std::vector<std::string> keys;  // the action keys it carries (dedup)
  WriteKind kind = WriteKind::UpdateTicket;
  std::string label;  // for the sync list
  std::string callId;
  NewUser user;                      // CreateContact
  TicketChanges ticket;              // CreateTicket, UpdateTicket
  std::optional<Id> displayToAgent;  // CreateTicket (Talk Partner Edition): created and shown in one request
  CallRecord call;                   // CreateCall
  // The key of a create whose id this write needs: a createTicket's requester, an update's or a pop's ticket.
  std::string waitsFor;
  Id targetId = 0;  // the ticket it updates or the ticket or user it shows; 0 while it waits for its create
  State state = State::Queued;
  std::string error;
  int attempts = 0;
  Millis notBeforeMs = 0;
  // A create or a comment whose answer was lost (network error, 5xx, page closed while in flight) may have landed:
  // it is looked up before it is sent again (outbox.cpp, "exactly once").
  bool uncertain = false;
  Millis sentAtMs = 0;  // the last time it left: an uncertain write is checked only once that request settled
  // A ticket create sent with its Idempotency-Key: until this time an uncertain one is sent again with the same
  // key (Zendesk answers a repeat with the first answer) instead of being looked up; 0: look it up.
  Millis keyUntilMs = 0;
  bool batched = false;  // held for the BA-1 window; later changes to the ticket join it until it is sent
  // A contact create with the caller's number's external id (D439) that Zendesk refused (422, most likely because a
  // user has the id): it is looked up by that id once, and made with the call's own id when no user holding it is
  // the caller. Not persisted: a reload at worst asks once more.
  bool externalIdTaken = false;
  // TR-9 (D444): an update Zendesk refused with 422 asks whether its ticket was merged away — 1: the ticket's newest
  // comment is read for the ticket it names, 2: that candidate's comments for this ticket's number — and follows the
  // merge at most kMaxMergeFollows times. Not persisted: after a reload the refused update is sent and refused again.
  std::uint8_t mergeStage = 0;
  std::uint8_t mergeFollows = 0;
  Id mergeCandidate = 0;
};

// Zendesk's account-wide rate-limit headers on an answer (docs/adapter-protocol.md, httpResponse `rateLimit`).
struct RateLimitHeaders {
  std::optional<std::int64_t> limit;      // x-rate-limit / ratelimit-limit
  std::optional<std::int64_t> remaining;  // x-rate-limit-remaining / ratelimit-remaining
  std::optional<std::int64_t> resetSec;   // ratelimit-reset: seconds until the count starts again
};

// Sliding windows of what this agent's app has sent, for the budgets (rate_budget.cpp).
struct SendLog {
  std::vector<Millis> requests;                 // every request, last minute
  std::vector<Millis> ticketWrites;             // ticket creates and updates, last minute
  std::map<Id, std::vector<Millis>> perTicket;  // updates per ticket, last 10 minutes
  Millis pausedUntilMs = 0;                     // after a 429 nothing is written before this
  // Shared with the account's other agents without a server (write_pacing.cpp, D381): Zendesk's headers of the
  // last answer, and this agent's share of Update Ticket found by AIMD. Not persisted: a reload starts afresh.
  int accountLimit = 0;             // x-rate-limit (0: not seen)
  int accountRemaining = -1;        // x-rate-limit-remaining / ratelimit-remaining (-1: not seen)
  Millis accountResetAtMs = 0;      // ratelimit-reset, as a time
  double updateRate = 0;            // ticket updates per minute this agent allows itself (0: the default) …
  Millis rateSinceMs = 0;           // … at this time, growing from it (0: not yet)
  Millis lastUpdateMs = 0;          // when the last PUT left (the spacing)
  std::int64_t updatesSent = 0;     // the jitter's counter
  Millis updatesPausedUntilMs = 0;  // after a 429 of Update Ticket only (the plan's limit still had room)
};

struct AdapterState {
  bool registered = false;
  Config config;
  Agent agent;
  std::string connectorName = "simulator";
  ConnectorState connectorState = ConnectorState::Online;
  Screen screen = Screen::Main;
  Directory directory;
  std::optional<Outbound> outbound;
  std::map<std::string, Call> calls;  // live and finishing calls
  std::string activeCallId;           // the call the view shows
  std::vector<Write> writes;
  std::set<std::string> seenKeys;  // action keys already turned into writes
  SendLog sendLog;
  int discardedWrites = 0;               // failed writes the agent chose to give up, this page load
  std::map<std::string, Id> createdIds;  // create key → the id Zendesk gave
  std::map<std::string, PendingRequest> requests;
  std::vector<LookupRetry> lookupRetries;
  std::vector<FailedLookup> failedLookups;
  // Ticket sidebars to answer once their requester's numbers are known or failed (requester_numbers.cpp), never
  // persisted: the sidebar's instance guid → {ticketId, requesterId}. (A map of a type the core already has: a
  // container type of its own costs the WebAssembly module more than this whole feature's logic.)
  std::map<std::string, std::vector<Id>> numbersWaiting;
  std::int64_t nextRequestNumber = 1;
  std::int64_t nextCallNumber = 1;
  std::optional<Message> banner;
  Millis nowMs = 0;
  Millis scheduledTickMs = 0;
  // The snapshot last sent in a persist effect and the view last drawn, with the fingerprint of what the view was
  // made from: an answer rebuilds either only when its fingerprint changed (D255, live_edge/effect_encoder.cpp).
  std::string lastPersisted;
  std::string lastView;
  std::uint64_t viewFingerprint = 0;
  // The view's large parts (sync, call, other calls, ...) as last printed, with their fingerprints (D401).
  std::vector<std::pair<std::uint64_t, std::string>> viewParts;
  // The snapshot's parts (each call, each write, each other field) as last printed, by the fingerprint of what each
  // is made from: a changed snapshot reprints only the parts that changed (D320, live_edge/persistence.cpp).
  std::map<std::uint64_t, std::string> snapshotParts;
  // Display forms of the calls' numbers (phone -> displayPhone) for the view's redraws (D321, view_model.cpp).
  mutable std::map<std::string, std::string> phoneDisplays;
  std::vector<Effect> effects;  // the current dispatch's effects
  // The agent's console (console.h): the status chosen and the recent calls, newest first (persisted).
  AgentStatus agentStatus = AgentStatus::Available;
  std::vector<RecentCall> recentCalls;
  TransferDirectory transfer;   // the connector's report of agents and queues (transfer.h)
  AccountAgents accountAgents;  // the account's agents from Zendesk, for a backend without a list (D433)

  Call* activeCall() {
    auto it = calls.find(activeCallId);
    return it == calls.end() ? nullptr : &it->second;
  }
};

}  // namespace adapter::live
