#pragma once
// What the core asks the shim to do (docs/adapter-protocol.md "Effects") and the banner it shows, as typed records.
// The flows add them to AdapterState::effects; live_edge/effect_encoder.cpp writes them as the protocol's JSON, in
// its key order. (`persist` is not among them: the snapshot is JSON made at the edge, which puts it first.)
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "live_edge/http_request.h"

namespace adapter::live {

// A parameter of a message (notify, banner) the shim translates: a name and a text, a number, null, or parameters
// of their own (a failed write's label and error).
struct Param;
using Params = std::vector<Param>;
struct Param {
  std::string name;
  std::variant<std::string, std::int64_t, std::nullptr_t, Params> value;
};

enum class MessageKind { Notice, Error };
inline constexpr std::pair<MessageKind, std::string_view> kMessageKindNames[] = {
    {MessageKind::Notice, "notice"},
    {MessageKind::Error, "error"},
};

// A notice or error for the agent: a code the shim translates and its parameters.
struct Message {
  std::string code;
  MessageKind kind = MessageKind::Notice;
  Params params;
};

enum class TelephonyCommand {
  Dial,
  Answer,
  Decline,
  HangUp,
  Hold,
  Resume,
  Mute,
  Unmute,
  Transfer,
  SendDigits,
  SetStatus,
  Consult,           // the caller on hold, the target called (target)
  CompleteTransfer,  // the caller joins the target and leaves the agent's call
  CancelConsult,     // the consult leg hung up, the caller back
  Conference         // the caller, the agent and the target together
};
inline constexpr std::pair<TelephonyCommand, std::string_view> kTelephonyCommandNames[] = {
    {TelephonyCommand::Dial, "dial"},
    {TelephonyCommand::Answer, "answer"},
    {TelephonyCommand::Decline, "decline"},
    {TelephonyCommand::HangUp, "hangUp"},
    {TelephonyCommand::Hold, "hold"},
    {TelephonyCommand::Resume, "resume"},
    {TelephonyCommand::Mute, "mute"},
    {TelephonyCommand::Unmute, "unmute"},
    {TelephonyCommand::Transfer, "transfer"},
    {TelephonyCommand::SendDigits, "sendDigits"},
    {TelephonyCommand::SetStatus, "setStatus"},
    {TelephonyCommand::Consult, "consult"},
    {TelephonyCommand::CompleteTransfer, "completeTransfer"},
    {TelephonyCommand::CancelConsult, "cancelConsult"},
    {TelephonyCommand::Conference, "conference"},
};

struct RequestEffect {
  std::string id;
  zendesk::HttpRequest request;
};

struct RouteToEffect {
  bool user = false;  // a user's profile; otherwise a ticket
  std::int64_t id = 0;
};

// The numbers of a ticket requester, for the ticket sidebar instance that asked (FO-5c).
struct SidebarNumbersEffect {
  std::string to;  // the sidebar's ZAF instance guid
  std::int64_t ticketId = 0;
  std::int64_t requesterId = 0;
  std::vector<std::string> numbers;
  bool loaded = false;  // false: the lookup failed after its tries
};

struct PopoverEffect {};  // the top-bar app opens

struct NotifyEffect {
  Message message;
};

// A connector command. Only the command's own fields are set: dial (number, extension when there is one),
// transfer and consult (target), sendDigits (digits), setStatus (status; no call: callId "").
struct TelephonyEffect {
  TelephonyCommand command = TelephonyCommand::Answer;
  std::string callId;
  std::optional<std::string> number, extension, target, digits, status;
};

struct ScheduleTickEffect {
  std::int64_t atMs = 0;
};

using Effect = std::variant<RequestEffect, RouteToEffect, PopoverEffect, NotifyEffect, TelephonyEffect,
                            ScheduleTickEffect, SidebarNumbersEffect>;

}  // namespace adapter::live
