#pragma once
// resolveSession: what to write to Zendesk for one session event, and why (rules TR, RC, SF, UA, PF, IN).
// Pure: time comes in the request (startedAt, the agent's UTC offset); no clock, no I/O.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapter/domain.h"
#include "adapter/profile_flags.h"

namespace adapter {

enum class SessionType {
  Ivr,
  InboundApp,
  InboundWeb,
  ScheduledApp,
  ScheduledWeb,
  Outbound,
  Voicemail,
  ChatApp,
  ChatWeb
};
enum class SessionEvent {
  Assigned,
  Connected,
  Message,
  Transferred,
  Merged,
  Ended,
  Abandoned,
  Voicemail,
  Authenticated
};
enum class AbandonedChats { Off, All, MinMessages };

// Wire names, one table per enum (the codec reads them, keys and notes write them).
inline constexpr std::pair<SessionType, std::string_view> kSessionTypeNames[] = {
    {SessionType::Ivr, "ivr"},
    {SessionType::InboundApp, "inbound_app"},
    {SessionType::InboundWeb, "inbound_web"},
    {SessionType::ScheduledApp, "scheduled_app"},
    {SessionType::ScheduledWeb, "scheduled_web"},
    {SessionType::Outbound, "outbound"},
    {SessionType::Voicemail, "voicemail"},
    {SessionType::ChatApp, "chat_app"},
    {SessionType::ChatWeb, "chat_web"},
};
inline constexpr std::pair<SessionEvent, std::string_view> kSessionEventNames[] = {
    {SessionEvent::Assigned, "assigned"},
    {SessionEvent::Connected, "connected"},
    {SessionEvent::Message, "message"},
    {SessionEvent::Transferred, "transferred"},
    {SessionEvent::Merged, "merged"},
    {SessionEvent::Ended, "ended"},
    {SessionEvent::Abandoned, "abandoned"},
    {SessionEvent::Voicemail, "voicemail"},
    {SessionEvent::Authenticated, "authenticated"},
};
inline constexpr std::pair<AbandonedChats, std::string_view> kAbandonedChatsNames[] = {
    {AbandonedChats::Off, "off"}, {AbandonedChats::All, "all"}, {AbandonedChats::MinMessages, "minMessages"}};

// SF-1/SF-2/TR-12: the session data a field map can name besides the caller's own custom data. resolveSession
// writes them by these names and the app's settings check tells a misspelling of one from a custom datum.
namespace session_datum {
inline constexpr std::string_view kSessionType = "sessionType";
inline constexpr std::string_view kFromNumber = "fromNumber";
inline constexpr std::string_view kDuration = "duration";
inline constexpr std::string_view kWaitTime = "waitTime";
inline constexpr std::string_view kQueueName = "queueName";
inline constexpr std::string_view kSessionId = "sessionId";
inline constexpr std::string_view kHoldTime = "holdTime";
inline constexpr std::string_view kCsat = "csat";
inline constexpr std::string_view kVerification = "verification";
inline constexpr std::string_view kFeedback = "feedback";
inline constexpr std::string_view kAll[] = {kSessionType, kFromNumber, kDuration, kWaitTime,     kQueueName,
                                            kSessionId,   kHoldTime,   kCsat,     kVerification, kFeedback};
}  // namespace session_datum

struct SessionSettings {
  std::string defaultCallingCode;
  bool doNotAppendToOpenTicket = false;        // TR-3 off switch
  bool createTicketForAbandonedCalls = true;   // TR-6
  bool delayCallRecordUntilConnected = false;  // TR-7
  int chatRecordMinMessages = 0;               // TR-7
  AbandonedChats abandonedChats = AbandonedChats::Off;
  int abandonedChatMinMessages = 1;
  std::string titleTemplate = "{{CALL_TYPE}} {{PHONE_NUMBER}}";  // RC-1
  bool addSessionTypeTag = true;                                 // RC-2
  std::string integrationTag = "ccaas";                          // RC-3
  std::map<std::string, Id> fieldMap;                            // SF / TR-12: datum → ticket field id
  std::optional<std::vector<Id>> ticketFieldIds;                 // the fields that exist (TR-12), when known
  bool auditNote = false;                                        // also write the decision as a private note
  int noteLanguage = 0;  // the language of the notes written into tickets: an index of note_text.h (0 = en)
};

// An outbound call's plan, as planOutbound returned it (FO/TB decided before dialling).
struct OutboundPlanRef {
  std::string action = "create";  // append | create | none
  std::optional<Id> ticketId;
  std::optional<Id> contactId;
  bool createContact = false;
  bool noteDialedNumber = false;
  std::string dial;
  std::string extension;  // dialled after connect (FO-2): the call's record says so
};

struct CallbackRef {  // TR-8
  Id ticketId = 0;
  std::string reason;  // "hangup_callback" | "short_call"
  std::optional<int> previousDurationSec;
};

// TR-8: a callback joins its ticket while that is open — after "hang up and call back" always, after a call's
// Callback only when that call lasted under 10 s. The rules (resolveSession) and the live dial pad's verdict both ask.
inline constexpr int kShortCallSeconds = 10;
inline bool callbackJoins(const CallbackRef& cb, TicketStatus ticketStatus) {
  bool shortEnough =
      cb.reason != "short_call" || (cb.previousDurationSec && *cb.previousDurationSec < kShortCallSeconds);
  return shortEnough && isOpen(ticketStatus);
}

struct Session {
  std::string id;
  std::optional<std::string> eventId;  // distinguishes repeated events of one kind (keys)
  SessionType type = SessionType::Ivr;
  SessionEvent event = SessionEvent::Assigned;
  std::string phone;       // the customer's number (ANI for inbound, dialled number for outbound)
  std::string fromNumber;  // SF-1: the number the agent called from (outbound)
  std::string menuPath;
  std::string leafQueueId;
  std::string queueName;
  std::string language;
  std::optional<std::int64_t> startedAt;
  int agentUtcOffsetMinutes = 0;  // UA-1 and TIMESTAMP in the agent's time zone
  std::optional<Id> agentId;
  std::optional<Id> ticketId;            // the ticket already linked to this session
  std::optional<Id> contactId;           // the contact chosen by the agent, created earlier, or named by the SDK
  std::optional<Id> previousContactId;   // UA-1: the unauthenticated contact before login
  std::optional<Id> transferToAgentId;   // TR-10
  std::optional<Id> mergedIntoTicketId;  // TR-9
  int consumerMessages = 0;
  bool wasConnected = true;  // ended: whether an agent was ever connected (TR-7 with delayed creation)
  std::optional<int> durationSec, waitSec, holdSec;
  std::string recordingUrl;
  std::optional<std::int64_t> recordingBytes;
  std::optional<std::string> csat, verification, feedback;
  std::string visitorId;                                        // UA-1 web
  std::string sdkId;                                            // UA-1 mobile
  std::vector<std::pair<std::string, std::string>> customData;  // SDK custom data, in order
  InJson attributes = InJson::object();                         // PF-1 reserved attributes
  std::optional<OutboundPlanRef> plan;
  std::optional<CallbackRef> callback;
};

struct TicketRef {  // an existing ticket, or the one a createTicket action in the same answer makes
  std::optional<Id> id;
  std::string createdByKey;
};

struct FieldValue {
  Id id = 0;
  std::string value;
};

// What an action asks for; its wire name is the `op` of resolveSession's answer (one table, the codec writes it).
enum class SessionOp {
  CreateContact,
  CreateTicket,
  AppendToTicket,
  AssignTicket,
  SetFields,
  PopTicket,
  PopContact,
  LinkSession,
  SetRequester
};
inline constexpr std::pair<SessionOp, std::string_view> kSessionOpNames[] = {
    {SessionOp::CreateContact, "createContact"},   {SessionOp::CreateTicket, "createTicket"},
    {SessionOp::AppendToTicket, "appendToTicket"}, {SessionOp::AssignTicket, "assignTicket"},
    {SessionOp::SetFields, "setFields"},           {SessionOp::PopTicket, "popTicket"},
    {SessionOp::PopContact, "popContact"},         {SessionOp::LinkSession, "linkSession"},
    {SessionOp::SetRequester, "setRequester"},
};

// createTicket: the channel of the record, and how the call came (Talk Partner Edition's via_id).
enum class TicketChannel { Voice, Chat };
inline constexpr std::pair<TicketChannel, std::string_view> kTicketChannelNames[] = {{TicketChannel::Voice, "voice"},
                                                                                     {TicketChannel::Chat, "chat"}};
enum class TicketVia { Inbound, Outbound, Voicemail };
inline constexpr std::pair<TicketVia, std::string_view> kTicketViaNames[] = {
    {TicketVia::Inbound, "inbound"}, {TicketVia::Outbound, "outbound"}, {TicketVia::Voicemail, "voicemail"}};

struct SessionAction {
  SessionOp op = SessionOp::AppendToTicket;
  std::string key;
  // createContact
  std::string name, phone, externalId;
  // tickets
  TicketRef ticket;
  std::optional<Id> requesterId;
  std::string requesterKey;  // createTicket/setRequester: the createContact action that makes the requester
  std::string subject;
  std::vector<std::string> tags;
  std::string comment;
  std::optional<Id> assigneeId;
  std::vector<FieldValue> customFields;
  std::string status;                            // appendToTicket: "open" when an append reopens
  TicketChannel channel = TicketChannel::Voice;  // createTicket
  TicketVia via = TicketVia::Inbound;            // createTicket
  std::optional<Id> contactId;                   // popContact
};

struct LookupView {  // IN-1: what the ANI lookup found, shown to the agent
  int matches = 0;
  std::optional<Id> contactId;
  std::string contactName;
  std::optional<Id> latestUnsolvedTicketId;
  std::string latestUnsolvedStatus;
  std::string latestUnsolvedSubject;
};

struct SessionResult {
  std::vector<SessionAction> actions;
  Decision decision;
  LookupView lookup;
  std::vector<ProfileFlag> flags;
  std::vector<Id> contactOptions;  // several matching contacts, newest first (TR-2)
  std::vector<Notice> warnings;
};

struct SessionRequest {
  SessionSettings settings;
  Session session;
  std::vector<Contact> contacts;
  std::vector<Ticket> tickets;  // a ticket's mergedIntoId is followed for end-of-call updates (TR-9)
};

SessionResult resolveSession(const SessionRequest& request);

// AH-1
struct QueueHours {
  int day = 0;  // 0 = Sunday … 6 = Saturday
  int openMinute = 0, closeMinute = 0;
};
struct TransferQueue {
  Id id = 0;
  std::optional<bool> inBusinessHours;  // when the caller already knows
  std::vector<QueueHours> hours;        // weekly schedule in the queue's time zone
  int utcOffsetMinutes = 0;
  bool afterHoursDeflection = false;
  int loggedInAgents = 0;
  std::string virtualAgent = "none";  // none | always | business_hours
};
struct TransferTarget {
  Id id = 0;
  std::string reason;
};
std::vector<TransferTarget> transferTargets(const std::vector<TransferQueue>& queues, std::int64_t nowMs);

}  // namespace adapter
