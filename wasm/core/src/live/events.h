#pragma once
// The events the core accepts (docs/adapter-protocol.md "Events"), one record per type, fully read and checked by
// live_edge/event_decoder.cpp before any of them reaches a flow: a flow never meets a field it cannot use, so an
// event is refused before the state is touched, or not at all.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "adapter/session.h"
#include "live/state.h"

namespace adapter::live {

enum class EndReason { Completed, Abandoned, Voicemail, NoAnswer, Failed };
inline constexpr std::pair<EndReason, std::string_view> kEndReasonNames[] = {
    {EndReason::Completed, "completed"}, {EndReason::Abandoned, "abandoned"}, {EndReason::Voicemail, "voicemail"},
    {EndReason::NoAnswer, "no_answer"},  {EndReason::Failed, "failed"},
};

// ZAF and the agent's navigation.
struct AppRegistered {
  Config config;
  Agent agent;
  std::string connectorName;
};
struct PaneActivated {};
struct Dialout {  // voice.dialout: from a ticket (FO-5c), a user (FO-5b) or the dial pad
  std::string number;
  std::optional<Id> userId, ticketId;
};
// voice.error: Zendesk could not subscribe the app to a Talk Partner Edition event (e.g. voice.dialout), so clicking a
// number in Zendesk may not reach the app. `code` is ZAF's, cut to 64 bytes; "" when it gave none.
struct TalkPartnerError {
  std::string code;
};
struct CallMenu {  // a ticket's Call menu
  Id ticketId = 0;
  std::optional<std::string> number;
};
struct RequesterNumbersWanted {  // a ticket sidebar's Call menu wants the requester's numbers (FO-5c)
  Id ticketId = 0;
  Id requesterId = 0;
  std::string replyTo;  // the sidebar's ZAF instance guid
};
struct ContactChosen {  // the outbound view's or the call's contact choice, by the screen shown
  Id contactId = 0;
};

// The outbound view.
struct OpenDialPad {};
struct NumberChanged {
  std::string text;
};
struct LookUpNumber {};
struct TicketChosen {
  std::optional<Id> ticketId;  // a ticket; otherwise "new" or, with none set, "none"
  bool none = false;
};
struct UseEnteredNumberChanged {
  bool checked = false;
};
struct TicketIdChanged {
  std::string text;
};
struct CallClicked {};
struct CancelClicked {};

// The call on screen: buttons without fields, the transfer target, the note.
enum class CallButton { Answer, Decline, HangUp, Hold, Mute, WrapUpDone, CallBack };
struct CallButtonClicked {
  CallButton button = CallButton::Answer;
};
struct TransferClicked {
  std::string target;
};
struct NoteChanged {
  std::string text;
};
// Call waiting: another call than the one on screen.
enum class OtherCallAction { AnswerWaiting, DeclineWaiting, Switch };
struct OtherCallClicked {
  OtherCallAction action = OtherCallAction::AnswerWaiting;
  std::string callId;
};

// The telephony connector.
struct ConnectorStateChanged {
  ConnectorState state = ConnectorState::Online;
};
struct CallRinging {
  std::string callId;
  SessionType sessionType = SessionType::Ivr;
  std::string ani, dnis, menuPath, language;
  std::optional<std::string> queueId, queueName;  // set when the event has a queue
  std::optional<IncomingAttributes> attributes;   // set when the event has them
  bool consult = false;  // another agent consults this one about the caller: an internal call until transferred
};
struct CallDialing {
  std::string callId;
  // The line the call goes out on (the caller id the customer sees); "" when the connector gives none.
  std::string line;
};
struct CallConnected {
  std::string callId;
};
struct CallAttributesChanged {
  std::string callId;
  IncomingAttributes attributes;
};
struct CallHoldChanged {
  std::string callId;
  bool held = false;
};
struct CallMuteChanged {
  std::string callId;
  bool muted = false;
};
struct CallTransferred {
  std::string callId;
  std::optional<Id> toAgentId;
  std::optional<std::int64_t> durationSec, waitSec, holdSec;  // the core's clock when absent
};
struct CallEnded {
  std::string callId;
  std::optional<EndReason> reason;
  std::int64_t durationSec = 0, waitSec = 0, holdSec = 0, recordingBytes = 0;
  std::string recordingUrl;
};
struct TelephonyFailed {
  std::string callId;
  std::string command;   // the telephony effect's command, as the connector gave it back
  std::string code;      // the connector's error code, at most 64 bytes
  bool dial = false;     // the command was `dial`: the attempt ends (D54)
  bool offline = false;  // the code is OFFLINE: the phone is not connected
};

// I/O results and the agent's sync list. (bugprone-exception-escape: as zendesk::HttpRequest, http_request.h.)
// NOLINTNEXTLINE(bugprone-exception-escape)
struct HttpResponse {
  std::string requestId;
  int status = 0;
  HttpBody body;
  std::optional<std::int64_t> retryAfterSec;
  RateLimitHeaders rateLimit;  // Zendesk's account-wide headers, when the answer had them
};
struct Tick {};
struct RetryWrites {};
struct RetryLookups {};
struct RetryWrite {
  std::string key;
};
struct DiscardWrite {
  std::string key;
};
struct DismissBanner {};
// The agent's console (console.h).
struct AgentStatusChosen {
  AgentStatus status = AgentStatus::Available;
};
struct RecentCallClicked {
  std::string callId;
  RecentAction action = RecentAction::Handled;
};

// A persisted snapshot, read whole (persistence.cpp) before it replaces anything.
struct Snapshot {
  std::vector<Write> writes;
  std::map<std::string, Id> createdIds;
  std::set<std::string> seenKeys;
  std::map<std::string, Call> calls;
  std::string activeCallId;
  std::int64_t nextCallNumber = 1;
  SendLog sendLog;
  Directory directory;                     // the records the calls show: contacts, tickets and their assignees
  std::vector<std::string> droppedWrites;  // the keys of saved writes that could not be read back (not replayed)
  AgentStatus agentStatus = AgentStatus::Available;
  std::vector<RecentCall> recentCalls;
};
struct Restore {
  Snapshot snapshot;
};

// Issue 18: the keypad of a connected call (DTMF, sent as they are pressed) and the wrap-up code the agent chose
// ("" = none) from the admin's list (Config::wrapUpCodes).
struct DigitsPressed {
  std::string digits;  // 1 to 32 of 0-9 * #
};
struct WrapUpCodeChosen {
  std::string code;
};
struct OpenTicketClicked {  // the call's or wrap-up's ticket, opened in the agent's workspace
  Id ticketId = 0;
};

using EventBody =
    std::variant<AppRegistered, PaneActivated, Dialout, TalkPartnerError, CallMenu, RequesterNumbersWanted,
                 ContactChosen, OpenDialPad, NumberChanged, LookUpNumber, TicketChosen, UseEnteredNumberChanged,
                 TicketIdChanged, CallClicked, CancelClicked, CallButtonClicked, TransferClicked, NoteChanged,
                 OtherCallClicked, ConnectorStateChanged, CallRinging, CallDialing, CallConnected,
                 CallAttributesChanged, CallHoldChanged, CallMuteChanged, CallTransferred, CallEnded, TelephonyFailed,
                 HttpResponse, Tick, RetryWrites, RetryLookups, RetryWrite, DiscardWrite, DismissBanner, Restore,
                 AgentStatusChosen, RecentCallClicked, DigitsPressed, WrapUpCodeChosen, OpenTicketClicked,
                 TransferDirectoryReported, ConsultClicked, ConsultActionClicked, ConsultChanged>;

struct Event {
  Millis nowMs = 0;
  EventBody body;
};

}  // namespace adapter::live
