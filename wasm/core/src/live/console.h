#pragma once
// The agent's console beside the calls (issue 18 items 1 and 2): the status the agent chose (available or away,
// sent to the telephony backend) and the recent calls the home screen lists, with their ticket, until the agent
// has handled the missed ones and the voicemails. Plain data and the flows that keep it (console.cpp).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace adapter::live {

struct AdapterState;

// What the agent chose. The view's `current` status adds what the calls say (ringing, on a call, wrap-up).
enum class AgentStatus { Available, Away };
inline constexpr std::pair<AgentStatus, std::string_view> kAgentStatusNames[] = {
    {AgentStatus::Available, "available"},
    {AgentStatus::Away, "away"},
};

// How a call ended as the home screen lists it: missed calls (inbound, never answered) and voicemails wait for the
// agent's "Handled"; answered and outbound calls are listed as done.
enum class RecentKind { Inbound, Outbound, Missed, Voicemail };
inline constexpr std::pair<RecentKind, std::string_view> kRecentKindNames[] = {
    {RecentKind::Inbound, "inbound"},
    {RecentKind::Outbound, "outbound"},
    {RecentKind::Missed, "missed"},
    {RecentKind::Voicemail, "voicemail"},
};

// One ended call, newest first in AdapterState::recentCalls. The contact's name and the ticket's subject are kept
// with it (copied from the directory while it has them), so the list reads the same after a reload.
struct RecentCall {
  std::string callId;
  RecentKind kind = RecentKind::Inbound;
  std::string phone;  // E.164, or the connector's text when the caller id is no number
  std::optional<std::int64_t> contactId, ticketId;
  std::string contactName, ticketSubject;
  std::int64_t atMs = 0;  // when it started ringing or was dialled
  std::int64_t durationSec = 0;
  bool handled = true;
};

inline constexpr std::size_t kMaxRecentCalls = 50;

enum class RecentAction { CallBack, OpenTicket, Handled };
inline constexpr std::pair<RecentAction, std::string_view> kRecentActionNames[] = {
    {RecentAction::CallBack, "callBack"},
    {RecentAction::OpenTicket, "openTicket"},
    {RecentAction::Handled, "handled"},
};

// console.cpp
void onAgentStatusChosen(AdapterState& s, AgentStatus status);
void onRecentCallClicked(AdapterState& s, const std::string& callId, RecentAction action);
void noteRecentCalls(AdapterState& s);  // after every event: ended calls listed, their ticket and names filled in
void sendAgentStatus(AdapterState& s);  // a restored "away" is told to the connector again (it starts available)
const char* currentStatus(const AdapterState& s);  // available | away | ringing | onCall | wrapUp

}  // namespace adapter::live
