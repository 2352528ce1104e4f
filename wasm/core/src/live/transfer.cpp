// The transfer directory and the consult (warm) transfer (issue 18 item 3, transfer.h). The core decides what the
// agent may do and when; the connector places the consult leg, holds and resumes the caller, and completes the
// transfer (the sip connector: REFER with Replaces; the simulator: simulated), telling the outcome as events.
#include "live/transfer.h"

#include "live/flows.h"

namespace adapter::live {
namespace {

// The consult buttons act on the call on screen, connected, whose consult leg is in one of the states given.
Call* consultingCall(AdapterState& s) {
  Call* call = s.activeCall();
  if (!call || call->state != CallState::Connected || !call->consult) return nullptr;
  return call;
}

void command(AdapterState& s, const Call& call, TelephonyCommand command) { telephony(s, call, command); }

}  // namespace

void onTransferDirectory(AdapterState& s, TransferDirectory&& directory) {
  directory.reported = true;
  directory.reportedAtMs = s.nowMs;
  s.transfer = std::move(directory);
  if (s.transfer.agentsReported) return;
  // D433: the backend keeps no list of agents; the account's, from Zendesk (kept, listed again when old).
  s.transfer.agents = s.accountAgents.agents;
  bool listing = false;
  for (const auto& [id, p] : s.requests) listing = listing || p.purpose == Purpose::ListAgents;
  for (const auto& r : s.lookupRetries) listing = listing || r.request.purpose == Purpose::ListAgents;
  if (listing || s.nowMs < s.accountAgents.listAgainAtMs) return;
  s.accountAgents.pages.clear();
  listAgents(s, "");
}

void onAgentsListed(AdapterState& s, std::vector<TransferAgent>&& agents, const std::string& nextCursor) {
  auto& a = s.accountAgents;
  for (auto& agent : agents) {
    if (a.pages.size() < kMaxDirectoryEntries) a.pages.push_back(std::move(agent));
  }
  if (!nextCursor.empty() && a.pages.size() < kMaxDirectoryEntries) return listAgents(s, nextCursor);
  a.agents = std::move(a.pages);
  a.pages.clear();
  a.listAgainAtMs = s.nowMs + kAccountAgentsFreshMs;
  if (s.transfer.reported && !s.transfer.agentsReported) s.transfer.agents = a.agents;
}

void onAgentsListFailed(AdapterState& s) {
  s.accountAgents.pages.clear();
  s.accountAgents.listAgainAtMs = s.nowMs + kMinute;  // the directory works on without; the next report asks again
}

bool directoryStale(const AdapterState& s) {
  return s.transfer.reported && s.nowMs - s.transfer.reportedAtMs > kDirectoryStaleMs;
}

std::int64_t directoryStaleAtMs(const AdapterState& s) {
  const Call* call = s.calls.count(s.activeCallId) ? &s.calls.at(s.activeCallId) : nullptr;
  if (!call || call->state != CallState::Connected || !s.transfer.reported || directoryStale(s)) return 0;
  return s.transfer.reportedAtMs + kDirectoryStaleMs + 1;
}

void onConsultClicked(AdapterState& s, const ConsultClicked& event) {
  Call* call = s.activeCall();
  // TR: one consult leg per call, from a connected call, where the connector can place one. A late or another
  // tab's click on a call that moved on does nothing.
  if (!call || call->state != CallState::Connected || call->consult || !s.transfer.consult) return;
  call->consult = Consult{event.target, ConsultState::Dialing};
  if (s.banner && s.banner->code == "CONSULT_ENDED") s.banner.reset();  // the agent has moved on from that one
  TelephonyEffect effect;
  effect.command = TelephonyCommand::Consult;
  effect.callId = call->id;
  effect.target = event.target;
  telephony(s, std::move(effect));
}

void onConsultAction(AdapterState& s, const ConsultActionClicked& event) {
  Call* call = consultingCall(s);
  if (!call) return;
  ConsultState state = call->consult->state;
  switch (event.action) {
    case ConsultAction::Complete:
      // Only once the target has answered: a caller is never handed to a phone that still rings (that is the
      // blind transfer, which asks first). The call ends with the connector's callTransferred.
      if (state != ConsultState::Dialing) command(s, *call, TelephonyCommand::CompleteTransfer);
      return;
    case ConsultAction::Conference:
      if (state == ConsultState::Connected && s.transfer.conference) command(s, *call, TelephonyCommand::Conference);
      return;
    case ConsultAction::Cancel:
      // The agent's word ends it at once on screen; the connector hangs up the leg and gives the caller back
      // (callHoldChanged), and a consultChanged that still arrives for the old leg finds none.
      call->consult.reset();
      command(s, *call, TelephonyCommand::CancelConsult);
      return;
  }
}

void onConsultChanged(AdapterState& s, const ConsultChanged& event) {
  auto it = s.calls.find(event.callId);
  if (it != s.calls.end() && event.transferred && it->second.consultLeg) {
    // The target's side (D430): the caller is on this line now. Its queued events are resolved as the caller's
    // call this agent answered: found or created ticket, assigned to this agent (TR-10), shown (TR-13).
    it->second.consultLeg = false;
    pumpSessions(s);
    return;
  }
  if (it == s.calls.end() || !it->second.consult) return;
  Call* call = &it->second;
  if (event.state) {
    call->consult->state = *event.state;
    return;
  }
  // The target declined, did not answer or hung up: the caller is still on hold with the agent, who decides.
  std::string name = targetName(s, call->consult->target);
  setBanner(s, "CONSULT_ENDED", MessageKind::Notice, {{"target", name.empty() ? call->consult->target : name}});
  call->consult.reset();
}

std::vector<const NamedQueue*> offeredQueues(const AdapterState& s) {
  std::vector<TransferQueue> queues;
  for (const auto& q : s.config.transferQueues) {
    queues.push_back(q.queue);
    auto known = s.transfer.queueAgents.find(q.queue.id);
    if (known != s.transfer.queueAgents.end()) queues.back().loggedInAgents = known->second;
  }
  std::vector<const NamedQueue*> out;
  for (const auto& target : transferTargets(queues, s.nowMs)) {
    for (const auto& q : s.config.transferQueues) {
      if (q.queue.id == target.id) out.push_back(&q);
    }
  }
  return out;
}

std::string targetName(const AdapterState& s, const std::string& target) {
  for (const auto& a : s.transfer.agents) {
    if (a.id == target) return a.name;
  }
  for (const auto& q : s.config.transferQueues) {
    if (std::to_string(q.queue.id) == target) return q.name;
  }
  return "";
}

}  // namespace adapter::live
