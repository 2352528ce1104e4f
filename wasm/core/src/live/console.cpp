// The agent's status and the home screen's recent calls (console.h; issue 18 items 1 and 2, D360–D362).
#include "live/console.h"

#include <algorithm>

#include "live/flows.h"

namespace adapter::live {
namespace {

RecentKind kindOf(const Call& c) {
  if (c.direction == Direction::Outbound) return RecentKind::Outbound;
  if (c.endReason == "voicemail" || c.sessionType == SessionType::Voicemail) return RecentKind::Voicemail;
  // A call that rang here and ended unanswered (abandoned, no answer, failed) was missed; one that went on to
  // another agent before it was answered was not this agent's to call back.
  if (!c.wasConnected && c.endReason != "transferred") return RecentKind::Missed;
  return RecentKind::Inbound;
}

RecentCall* findRecent(AdapterState& s, const std::string& callId) {
  for (auto& r : s.recentCalls) {
    if (r.callId == callId) return &r;
  }
  return nullptr;
}

// The list is bounded: the oldest call the agent has nothing left to do for goes first, and only when every
// entry still waits for "Handled" does the oldest of those go.
void bound(std::vector<RecentCall>& list) {
  while (list.size() > kMaxRecentCalls) {
    auto oldestDone = std::find_if(list.rbegin(), list.rend(), [](const RecentCall& r) { return r.handled; });
    list.erase(oldestDone != list.rend() ? std::next(oldestDone).base() : std::prev(list.end()));
  }
}

// What Zendesk has told since: the call's ticket (the rules' or the one its create made) and the names to show.
void fillIn(AdapterState& s, RecentCall& r) {
  if (auto it = s.calls.find(r.callId); it != s.calls.end()) {
    const Call& c = it->second;
    if (c.ticketId) r.ticketId = c.ticketId;
    // The caller: the contact the call is recorded on, else the one Zendesk's lookup found (IN-1).
    if (c.contactId) {
      r.contactId = c.contactId;
    } else if (c.lookup && c.lookup->contactId) {
      r.contactId = c.lookup->contactId;
    }
  }
  auto created = [&s, &r](const char* what) -> std::optional<Id> {
    auto it = s.createdIds.find(sessionIdOf(r.callId) + what);
    return it == s.createdIds.end() ? std::nullopt : std::optional<Id>(it->second);
  };
  if (!r.ticketId) r.ticketId = created("/createTicket");
  if (!r.contactId) r.contactId = created("/createContact");
  if (r.contactId) {
    auto contact = s.directory.contacts.find(*r.contactId);
    if (contact != s.directory.contacts.end()) r.contactName = contact->second.name;
  }
  if (r.ticketId) {
    auto ticket = s.directory.tickets.find(*r.ticketId);
    if (ticket != s.directory.tickets.end()) r.ticketSubject = ticket->second.subject;
  }
}

}  // namespace

void onAgentStatusChosen(AdapterState& s, AgentStatus status) {
  if (s.agentStatus == status) return;
  s.agentStatus = status;
  sendAgentStatus(s);
}

void sendAgentStatus(AdapterState& s) {
  TelephonyEffect effect;
  effect.command = TelephonyCommand::SetStatus;
  effect.status = std::string(nameOf(kAgentStatusNames, s.agentStatus));
  telephony(s, std::move(effect));
}

void onRecentCallClicked(AdapterState& s, const std::string& callId, RecentAction action) {
  RecentCall* r = findRecent(s, callId);
  if (!r) return;  // a late click: the entry has left the list
  switch (action) {
    case RecentAction::Handled: r->handled = true; break;
    case RecentAction::OpenTicket:
      if (r->ticketId) emit(s, RouteToEffect{false, *r->ticketId});
      break;
    case RecentAction::CallBack:
      // Through the outbound view, so the rules choose the contact and ticket as for any dial (FO-5b/FO-5c), and a
      // call under 10 s joins its ticket while it is open (TR-8).
      startCallBack(s, r->phone, r->contactId, r->ticketId, "short_call", r->durationSec);
      break;
  }
}

void noteRecentCalls(AdapterState& s) {
  for (auto& [id, c] : s.calls) {
    if (c.state != CallState::Ended || !c.dialConfirmed || c.listedRecent || findRecent(s, id)) continue;
    c.listedRecent = true;  // once: an entry the bound has dropped does not come back while its call is finishing
    RecentCall r;
    r.callId = id;
    r.kind = kindOf(c);
    r.phone = c.phone;
    r.atMs = c.startedAtMs;
    r.durationSec = c.durationSec;
    r.handled = r.kind != RecentKind::Missed && r.kind != RecentKind::Voicemail;
    s.recentCalls.insert(s.recentCalls.begin(), std::move(r));
  }
  bound(s.recentCalls);
  for (auto& r : s.recentCalls) fillIn(s, r);
}

const char* currentStatus(const AdapterState& s) {
  auto it = s.calls.find(s.activeCallId);
  if (it != s.calls.end()) {
    switch (it->second.state) {
      case CallState::Ringing: return "ringing";
      case CallState::Ended: return "wrapUp";
      default: return "onCall";
    }
  }
  return nameOf(kAgentStatusNames, s.agentStatus).data();
}

}  // namespace adapter::live
