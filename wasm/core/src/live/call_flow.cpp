// Calls: what the telephony connector reports, the agent's call controls, and the session rules. Every session
// event (assigned, connected, transferred, ended, abandoned, voicemail) is queued on its call and resolved by
// resolveSession once the caller's data is in (IN-1 lookup) and no create of that call is still on its way —
// so a later event never creates a second ticket for the same call.
#include <algorithm>

#include "adapter/domain_codec.h"
#include "adapter/iso_time.h"
#include "adapter/outbound_codec.h"
#include "adapter/phone.h"
#include "adapter/session_codec.h"
#include "live/flows.h"
#include "text_budgets.h"
#include "utf8_prefix.h"

namespace adapter::live {
namespace {

constexpr Millis kDialConfirmMs = 15000;  // a dial the connector has not confirmed by then did not happen

// Hold periods by the core's clock: the SF-2 hold time when the connector does not give it.
void setHeld(AdapterState& s, Call& call, bool held) {
  if (held && !call.held) call.heldSinceMs = s.nowMs;
  if (!held && call.held) call.holdMs += std::max<Millis>(0, s.nowMs - call.heldSinceMs);
  call.held = held;
}

// SF-2 for a call that left this agent (callTransferred): the connector's numbers when it gives them, else the
// core's own clock — connected until now with hold included, ringing/dialing until connected, hold summed.
void transferTimings(AdapterState& s, Call& call, const CallTransferred& event) {
  auto sec = [](Millis ms) { return std::clamp<Millis>((ms + 500) / 1000, 0, kMaxCallSeconds); };
  setHeld(s, call, false);
  Millis connectedAt = call.wasConnected ? call.connectedAtMs : s.nowMs;
  call.durationSec = event.durationSec.value_or(sec(s.nowMs - connectedAt));
  call.waitSec = event.waitSec.value_or(sec(connectedAt - call.startedAtMs));
  call.holdSec = event.holdSec.value_or(sec(call.holdMs));
}

void updateFlags(Call& call) { call.flags = profileFlags(call.attributes).flags; }

// True when the caller's contacts and their tickets are known; otherwise asks Zendesk for them.
bool callDataReady(AdapterState& s, const Call& call) {
  bool ready = true;
  if (call.direction != Direction::Inbound) return true;  // outbound: the plan already names the contact and ticket
  if (call.phone.rfind('+', 0) == 0 && !s.directory.contactsByNumber.count(call.phone)) {
    searchPhone(s, call.phone);
    return false;
  }
  for (Id id : callContacts(s, call)) {
    if (!s.directory.ticketsLoadedFor.count(id)) {
      loadTickets(s, id);
      ready = false;
    }
  }
  return ready;
}

// The ticket an outbound plan appends to, or 0.
Id planTicketId(const Call& call) { return call.plan && call.plan->ticketId ? *call.plan->ticketId : 0; }

// The rules see what their JSON contract carries (docs/contract.md), so a call's answer is the one the exported
// resolveSession gives for the same data: times to the second (ISO 8601 text has no milliseconds here), and a time
// or an id the contract cannot carry is refused as that request would be (RULES_FAILED), not passed on.
std::optional<std::int64_t> contractTime(std::optional<std::int64_t> t, const std::string& path) {
  if (!t) return t;
  auto seconds = parseIsoTime(formatIsoTime(*t));
  if (!seconds) throw RequestError(path, std::string(kIsoTimeExpected));
  return seconds;
}

std::optional<Id> contractId(std::optional<Id> id, const char* path) {
  if (id && (*id <= 0 || *id > kMaxSafeInteger)) throw RequestError(path, std::string(kIdExpected));
  return id;
}

Session callSession(const AdapterState& s, const Call& call, SessionEvent event) {
  Session x;
  x.id = sessionIdOf(call.id);
  x.type = call.sessionType;
  x.event = event;
  x.phone = call.phone;
  x.menuPath = call.menuPath;
  x.queueName = call.queueName;
  x.language = call.language;
  x.startedAt = contractTime(call.startedAtMs, "/session/startedAt");
  x.agentId = s.agent.id > 0 ? s.agent.id : 1;
  x.agentUtcOffsetMinutes = std::clamp(s.agent.utcOffsetMinutes, -14 * 60, 14 * 60);
  x.attributes = call.attributes;
  x.wasConnected = call.wasConnected;
  x.leafQueueId = call.queueId;
  x.ticketId = contractId(call.ticketId, "/session/ticketId");
  x.contactId = contractId(call.contactId, "/session/contactId");
  if (event == SessionEvent::Transferred) {
    x.eventId = std::to_string(call.eventSeq);
    x.transferToAgentId = contractId(call.transferToAgentId, "/session/transferToAgentId");
  }
  x.plan = call.plan;
  x.callback = call.callback;
  if (call.state == CallState::Ended) {  // the connector's and the snapshot's bounds are the contract's (a week)
    x.durationSec = static_cast<int>(call.durationSec);
    x.waitSec = static_cast<int>(call.waitSec);
    x.holdSec = static_cast<int>(call.holdSec);
    if (call.recordingUrl.rfind("https://", 0) == 0) {
      x.recordingUrl = call.recordingUrl;
      x.recordingBytes = call.recordingBytes;
    }
  }
  return x;
}

SessionRequest sessionRequest(const AdapterState& s, const Call& call, SessionEvent event) {
  SessionRequest request;
  request.settings = s.config.sessionSettings;
  request.session = callSession(s, call, event);
  auto ids = callContacts(s, call);
  for (Id id : ids) {
    Contact c = s.directory.contacts.at(id);
    std::string path = "/contacts/" + std::to_string(request.contacts.size());
    c.createdAt = contractTime(c.createdAt, path + "/createdAt");
    request.contacts.push_back(std::move(c));
  }
  for (const auto& [id, t] : s.directory.tickets) {
    Id requester = t.requesterId;
    bool named = (call.ticketId && *call.ticketId == id) || planTicketId(call) == id ||
                 (call.callback && call.callback->ticketId == id);
    if (std::find(ids.begin(), ids.end(), requester) != ids.end() || named) {
      Ticket ticket = t;
      std::string path = "/tickets/" + std::to_string(request.tickets.size());
      ticket.createdAt = contractTime(ticket.createdAt, path + "/createdAt");
      ticket.updatedAt = contractTime(ticket.updatedAt, path + "/updatedAt");
      request.tickets.push_back(std::move(ticket));
    }
  }
  return request;
}

void resolve(AdapterState& s, Call& call, SessionEvent event) {
  SessionResult result;
  try {
    result = resolveSession(sessionRequest(s, call, event));
  } catch (const RequestError& e) {
    setBanner(s, "RULES_FAILED", MessageKind::Error, {{"message", std::string(e.what())}, {"path", e.path()}});
    return;
  }
  call.decision = std::move(result.decision);
  call.lookup = std::move(result.lookup);
  if (!result.flags.empty()) call.flags = std::move(result.flags);
  call.contactOptions = std::move(result.contactOptions);
  enqueueActions(s, call, result.actions);
}

Call* findCall(AdapterState& s, const std::string& id) {
  auto it = s.calls.find(id);
  return it == s.calls.end() ? nullptr : &it->second;
}

// The agent is told when a call brought more caller attributes than the adapter keeps (PF-1's are never dropped).
void noteDroppedAttributes(AdapterState& s, int dropped) {
  if (dropped > 0) notify(s, "CALL_ATTRIBUTES_CAPPED", MessageKind::Notice, {{"dropped", dropped}});
}

// The one way a call comes on screen. The dial pad closes with it: an outbound view never stands beside a live call
// (its Cancel would send the screen to main over the call, fuzz finding 6, D396).
void showCall(AdapterState& s, const std::string& id, Screen screen) {
  s.activeCallId = id;
  s.outbound.reset();
  s.screen = screen;
}

void ringing(AdapterState& s, const CallRinging& event) {
  const std::string& id = event.callId;
  if (s.calls.count(id)) return;  // a replayed ring: the call is already here
  Call call;
  call.id = id;
  call.direction = Direction::Inbound;
  call.sessionType = event.sessionType;
  auto number = normalizePhone(event.ani, s.config.defaultCallingCode);
  call.phone = number.valid ? number.e164 : utf8Prefix(event.ani, 64);
  call.dnis = event.dnis;
  call.menuPath = event.menuPath;
  call.language = event.language;
  call.queueId = event.queueId.value_or("");
  call.queueName = event.queueName.value_or("");
  int droppedAttributes = event.attributes ? mergeCallAttributes(call.attributes, *event.attributes) : 0;
  // Ask Zendesk afresh for every call: another agent (or this one's last call) may have created the contact or
  // its tickets since the number was last looked up.
  if (auto cached = s.directory.contactsByNumber.find(call.phone); cached != s.directory.contactsByNumber.end()) {
    for (Id contact : cached->second) s.directory.ticketsLoadedFor.erase(contact);
    s.directory.contactsByNumber.erase(cached);
  }
  call.state = CallState::Ringing;
  call.startedAtMs = s.nowMs;
  call.consultLeg = event.consult;
  updateFlags(call);
  call.events.push_back(event.sessionType == SessionType::Voicemail ? SessionEvent::Voicemail : SessionEvent::Assigned);
  // Call waiting: the agent is on a call or wrapping one up. The new call is shown beside it and nothing is
  // written for it until the agent answers it or it ends (a declined one writes nothing).
  const Call* current = s.activeCall();
  call.waiting = current && !current->wrappedUp;
  s.calls[id] = std::move(call);
  if (!s.calls[id].waiting) showCall(s, id, Screen::Incoming);
  retryFailedLookups(s);  // a new call is a fresh try for whatever Zendesk did not answer before
  emit(s, PopoverEffect{});
  noteDroppedAttributes(s, droppedAttributes);
}

void ended(AdapterState& s, Call& call, const CallEnded& event) {
  if (call.state == CallState::Ended) return;  // exactly once
  EndReason reason = event.reason.value_or(EndReason::Completed);
  call.state = CallState::Ended;
  call.endReason = std::string(nameOf(kEndReasonNames, reason));
  call.endedAtMs = s.nowMs;
  call.held = false;
  call.durationSec = event.durationSec;
  call.waitSec = event.waitSec;
  call.holdSec = event.holdSec;
  call.recordingUrl = event.recordingUrl;
  call.recordingBytes = event.recordingBytes;
  // A ring whose session start the rules have not seen yet (Zendesk was still being asked) is over before anyone
  // answered: the end event alone makes its record, so it is never created as a live call, popped or appended to
  // an open ticket first (TR-5, TR-6, TR-13).
  auto dropUnresolvedStart = [&] {
    call.events.erase(std::remove(call.events.begin(), call.events.end(), SessionEvent::Assigned), call.events.end());
  };
  if (reason == EndReason::Voicemail) {
    dropUnresolvedStart();
    call.events.push_back(SessionEvent::Voicemail);
  } else if (reason == EndReason::Abandoned && !call.wasConnected) {
    dropUnresolvedStart();
    call.events.push_back(SessionEvent::Abandoned);
  } else {
    call.events.push_back(SessionEvent::Ended);
  }
  bool active = s.activeCallId == call.id;
  call.waiting = false;  // a waiting call that ends was seen by the agent: the rules record it (TR-5, TR-6)
  if (!call.wasConnected && call.direction == Direction::Inbound) {
    call.wrappedUp = true;  // the agent never spoke to the caller: nothing to wrap up
    if (active) {
      showNextCall(s);
      notify(s, reason == EndReason::Voicemail ? "CALL_TO_VOICEMAIL" : "CALLER_HUNG_UP", MessageKind::Notice);
    }
  } else if (active) {
    s.screen = Screen::WrapUp;
  } else {
    call.wrappedUp = true;  // a held call the caller left: not on screen to wrap up, its note goes as typed
  }
}

// The attempt ends without a call: nothing is written, the agent gets the outbound view back and is told why.
void dialFailed(AdapterState& s, const std::string& callId, const std::string& code, bool offline = false) {
  auto it = s.calls.find(callId);
  if (it == s.calls.end() || it->second.dialConfirmed) return;
  std::optional<Outbound> from = std::move(it->second.dialedFrom);
  bool active = s.activeCallId == callId;
  s.calls.erase(it);
  setBanner(s, offline ? "CONNECTOR_OFFLINE" : "CALL_FAILED", MessageKind::Error, {{"code", code}});
  if (!active) return;
  // A caller who rang (or was connected) beside the dial meanwhile comes on screen; only with none does the dial pad
  // come back, so it never stands over a live call (fuzz finding 12, D399).
  showNextCall(s);
  if (s.activeCallId.empty() && from) {
    s.outbound = std::move(from);
    s.screen = Screen::Outbound;
    refreshOutbound(s);
  }
}

// The target's side (D430): a consult call that never became the caller's call ends as the internal call it was.
// Nothing is written (no record, no note, no recent call with the caller's number to call back): the caller's
// ticket belongs to the consulting agent until the transfer completes.
void endConsultLeg(AdapterState& s, const std::string& id) {
  bool active = s.activeCallId == id;
  s.calls.erase(id);
  if (!active) return;
  showNextCall(s);
  notify(s, "CONSULT_CALL_ENDED", MessageKind::Notice);
}

// What the rules say about the caller, shown on a consult call without writing (D430): IN-1's lookup and PF-1's
// flags. The call's events stay queued for the moment the caller is transferred onto it.
void previewConsultLeg(AdapterState& s, Call& call) {
  if (call.lookup || !callDataReady(s, call)) return;
  try {
    SessionResult result = resolveSession(sessionRequest(s, call, SessionEvent::Assigned));
    call.lookup = std::move(result.lookup);
    if (!result.flags.empty()) call.flags = std::move(result.flags);
  } catch (const RequestError&) {
    // shown as a plain number; the rules run again, for real, once the caller is transferred
  }
}

void confirmDial(Call& call) {
  call.dialConfirmed = true;
  call.dialDeadlineMs = 0;
  call.dialedFrom.reset();
}

}  // namespace

void showNextCall(AdapterState& s) {
  s.activeCallId.clear();
  s.screen = Screen::Main;
  for (auto pass : {0, 1}) {  // a call the agent is on (held or dialling) first, then a caller waiting
    for (auto& [id, c] : s.calls) {
      if (c.state == CallState::Ended || (pass == 0) != c.waiting) continue;
      c.waiting = false;
      showCall(s, id, c.state == CallState::Ringing ? Screen::Incoming : Screen::Call);
      return;
    }
  }
  // Last, a wrap-up not done: an ended call off screen is wrapped up everywhere the adapter ends one, but a stored
  // snapshot is input like any other, and a wrap-up nobody can see would never write its note (D376).
  for (auto& [id, c] : s.calls) {
    if (c.state != CallState::Ended || c.wrappedUp || c.consultLeg) continue;
    c.waiting = false;
    showCall(s, id, Screen::WrapUp);
    return;
  }
}

// resolveSession ids may not hold '/': its action keys use it as a separator.
std::string sessionIdOf(const std::string& callId) {
  std::string id = callId;
  std::replace(id.begin(), id.end(), '/', '_');
  return id;
}

void onConnectorState(AdapterState& s, const ConnectorStateChanged& event) { s.connectorState = event.state; }

void onTelephonyFailed(AdapterState& s, const TelephonyFailed& event) {
  if (event.dial) return dialFailed(s, event.callId, event.code, event.offline);
  if (Call* call = findCall(s, event.callId)) {
    if (event.command == "consult") call->consult.reset();  // no consult leg was placed: the caller stays
    setBanner(s, "COMMAND_FAILED", MessageKind::Error, {{"command", event.command}, {"code", event.code}});
  }
}

void onCallRinging(AdapterState& s, const CallRinging& event) {
  ringing(s, event);
  pumpSessions(s);
}

// The connector is placing an outbound call: from now on it is a call that happened.
void onCallDialing(AdapterState& s, const CallDialing& event) {
  Call* call = findCall(s, event.callId);
  if (!call) return;  // a call this agent declined or never had
  // Only a call this agent dialled is dialling: a callDialing for a caller's call (ringing, answered, on hold) is a
  // confused or hostile connector's, and changes nothing (D398).
  if (call->direction != Direction::Outbound) return;
  confirmDial(*call);
  // An outbound call's own line is its DNIS (the voice comment's and TPE's call record's `from`, D391); the first
  // the connector names stays, so a repeated callDialing cannot change a line already written.
  if (call->direction == Direction::Outbound && call->dnis.empty()) call->dnis = event.line;
  // A late or repeated callDialing never takes a call back: one connected (or ended) stays so (fuzz finding 7, D397).
  if (call->state != CallState::Ended && call->state != CallState::Connected) call->state = CallState::Dialing;
  pumpSessions(s);
}

void onCallConnected(AdapterState& s, const CallConnected& event) {
  Call* call = findCall(s, event.callId);
  if (!call) return;
  confirmDial(*call);
  if (call->state == CallState::Connected || call->state == CallState::Ended) return;
  call->waiting = false;
  call->state = CallState::Connected;
  call->connectedAtMs = s.nowMs;
  call->wasConnected = true;
  call->events.push_back(SessionEvent::Connected);
  if (s.activeCallId == call->id) {
    s.screen = Screen::Call;
  } else if (s.activeCallId.empty()) {
    // A caller waiting beside the dial pad (or the main screen) is connected by the phone system (answered on the
    // desk phone, auto-answer): the agent is on this call now, so it comes on screen and the dial pad closes — a
    // live call is never behind it (fuzz finding 10, D399).
    showCall(s, call->id, Screen::Call);
  }
  if (!call->extension.empty()) {
    TelephonyEffect digits;
    digits.command = TelephonyCommand::SendDigits;
    digits.callId = call->id;
    digits.digits = call->extension;
    telephony(s, std::move(digits));
  }
  pumpSessions(s);
}

void onCallAttributes(AdapterState& s, const CallAttributesChanged& event) {
  Call* call = findCall(s, event.callId);
  if (!call) return;
  noteDroppedAttributes(s, mergeCallAttributes(call->attributes, event.attributes));
  updateFlags(*call);  // PF-1: flags may arrive mid-session
  pumpSessions(s);
}

void onCallHoldChanged(AdapterState& s, const CallHoldChanged& event) {
  Call* call = findCall(s, event.callId);
  if (!call) return;
  setHeld(s, *call, event.held);
  pumpSessions(s);
}

void onCallMuteChanged(AdapterState& s, const CallMuteChanged& event) {
  Call* call = findCall(s, event.callId);
  if (!call) return;
  call->muted = event.muted;
  pumpSessions(s);
}

void onCallTransferred(AdapterState& s, const CallTransferred& event) {
  Call* call = findCall(s, event.callId);
  if (!call || call->state == CallState::Ended) return;
  if (call->consultLeg) return endConsultLeg(s, call->id);
  // The connector transfers a dial it had not confirmed: the call happened (D394). Else its dial deadline would hang
  // up a call that is with another agent now, and the call would never be recorded.
  confirmDial(*call);
  call->transferToAgentId = event.toAgentId;
  call->consult.reset();  // a completed consult ends here too: the caller is the target's now
  transferTimings(s, *call, event);
  call->eventSeq++;
  call->events.push_back(SessionEvent::Transferred);
  call->state = CallState::Ended;  // the call goes on with the other agent; this agent wraps up
  call->endReason = "transferred";
  call->endedAtMs = s.nowMs;
  call->waiting = false;  // a waiting call transferred away was seen by the agent: recorded as one that ended is
  if (s.activeCallId == call->id) {
    s.screen = Screen::WrapUp;
  } else {
    call->wrappedUp = true;  // not on screen to wrap up: its note goes as typed (else it would stay unwritten)
  }
  pumpSessions(s);
}

void onCallEnded(AdapterState& s, const CallEnded& event) {
  Call* call = findCall(s, event.callId);
  if (!call) return;
  if (!call->dialConfirmed) {
    return dialFailed(s, call->id, event.reason ? std::string(nameOf(kEndReasonNames, *event.reason)) : "failed");
  }
  if (call->consultLeg) return endConsultLeg(s, call->id);
  call->consult.reset();  // the connector ends a consult leg with its call
  ended(s, *call, event);
  std::string id = call->id;
  bool callBack = call->callBackWhenEnded;
  pumpSessions(s);  // the ended call's record first; the callback's dial is a call of its own
  Call* done = callBack && s.activeCallId == id && s.screen == Screen::WrapUp ? findCall(s, id) : nullptr;
  if (done) startCallBack(s, done->phone, done->contactId, done->ticketId, "hangup_callback", done->durationSec);
}

void startOutboundCall(AdapterState& s, const OutboundPlan& plan, std::optional<Outbound> from) {
  Call call;
  call.id =
      "out-" + std::to_string(s.agent.id) + "-" + std::to_string(s.nowMs) + "-" + std::to_string(s.nextCallNumber++);
  call.direction = Direction::Outbound;
  call.sessionType = SessionType::Outbound;
  call.state = CallState::Dialing;
  call.phone = plan.dial;
  call.extension = plan.extension;
  call.plan = planRef(plan);
  call.contactId = plan.contactId;
  call.startedAtMs = s.nowMs;
  call.events.push_back(SessionEvent::Assigned);
  call.dialConfirmed = false;  // resolved (and written) only once the connector confirms the dial
  call.dialDeadlineMs = s.nowMs + kDialConfirmMs;
  if (from) call.callback = from->callback;  // TR-8 (D445)
  call.dialedFrom = std::move(from);
  std::string id = call.id;
  s.calls[id] = std::move(call);
  showCall(s, id, Screen::Call);
  // The extension goes along for the connector's information; the core itself dials it once the call is
  // connected (sendDigits).
  TelephonyEffect dial;
  dial.command = TelephonyCommand::Dial;
  dial.callId = id;
  dial.number = s.calls[id].phone;
  if (!s.calls[id].extension.empty()) dial.extension = s.calls[id].extension;
  telephony(s, std::move(dial));
  pumpSessions(s);
}

// Call waiting: answer a waiting call (the current one is held, or its wrap-up finished), decline it (it goes back
// to the queue, nothing written), or switch to a held call.
void onOtherCallClicked(AdapterState& s, const OtherCallClicked& event) {
  Call* target = findCall(s, event.callId);
  Call* current = s.activeCall();
  if (!target || target == current) return;  // a late click: the call is gone or already shown
  bool ringingBeside = target->waiting && target->state == CallState::Ringing;
  bool answer = event.action == OtherCallAction::AnswerWaiting && ringingBeside;
  bool decline = event.action == OtherCallAction::DeclineWaiting && ringingBeside;
  bool switchTo = event.action == OtherCallAction::Switch && !target->waiting && target->state != CallState::Ended;
  if (decline) {
    telephony(s, *target, TelephonyCommand::Decline);
    std::string id = target->id;
    s.calls.erase(id);  // it goes to another agent: nothing is written for it from here
    return;
  }
  if (!answer && !switchTo) return;
  if (current) {
    if (current->state == CallState::Connected && !current->held) telephony(s, *current, TelephonyCommand::Hold);
    if (current->state == CallState::Ended) current->wrappedUp = true;  // its note is written as Done would
    if (current->state == CallState::Ringing) current->waiting = true;  // still ringing: listed beside, not hidden
  }
  target->waiting = false;
  showCall(s, target->id, answer ? Screen::Incoming : Screen::Call);
  if (answer) {
    telephony(s, *target, TelephonyCommand::Answer);
  } else if (target->held) {
    telephony(s, *target, TelephonyCommand::Resume);
  }
  pumpSessions(s);
}

void onCallButton(AdapterState& s, const CallButtonClicked& event) {
  Call* call = s.activeCall();
  if (!call) return;  // a late click: the call is gone
  bool live = call->state != CallState::Ended;
  bool connected = call->state == CallState::Connected;
  bool ringing = call->state == CallState::Ringing;
  switch (event.button) {
    case CallButton::Answer:
      if (ringing) telephony(s, *call, TelephonyCommand::Answer);
      break;
    case CallButton::Decline:
      if (!ringing) break;
      telephony(s, *call, TelephonyCommand::Decline);
      // The call goes to another agent: nothing more is written for it from here.
      s.calls.erase(std::string(call->id));
      showNextCall(s);
      break;
    case CallButton::HangUp:
      if (live) telephony(s, *call, ringing ? TelephonyCommand::Decline : TelephonyCommand::HangUp);
      break;
    case CallButton::Hold:
      if (connected) telephony(s, *call, call->held ? TelephonyCommand::Resume : TelephonyCommand::Hold);
      break;
    case CallButton::Mute:
      if (connected) telephony(s, *call, call->muted ? TelephonyCommand::Unmute : TelephonyCommand::Mute);
      break;
    case CallButton::CallBack:
      if (call->phone.rfind('+', 0) != 0) break;  // no number to call
      if (connected) {
        call->callBackWhenEnded = true;  // TR-8's "hang up and call back": the view opens once the call has ended
        telephony(s, *call, TelephonyCommand::HangUp);
      } else if (!live && !call->wrappedUp) {
        startCallBack(s, call->phone, call->contactId, call->ticketId, "short_call", call->durationSec);
      }
      break;
    case CallButton::WrapUpDone:
      if (live || !finishWrapUp(s, *call)) break;
      // The note goes where the call's record goes; while the rules still wait for Zendesk (a lookup under a 429)
      // that is not known yet, and pumpSessions writes the note once the call's events are resolved.
      showNextCall(s);
      pumpSessions(s);
      break;
  }
}

void onTransferClicked(AdapterState& s, const TransferClicked& event) {
  connectedCallCommand(s, TelephonyCommand::Transfer, &TelephonyEffect::target, event.target);
}

void onNoteChanged(AdapterState& s, const NoteChanged& event) {
  if (Call* call = s.activeCall()) call->note = utf8Prefix(event.text, kMaxNoteBytes);
}

void onCallContactChosen(AdapterState& s, const ContactChosen& event) {
  Call* call = s.activeCall();
  if (!call) return;
  call->contactId = event.contactId;  // TR-2: the agent settles who is calling
  // The rules were waiting for this choice: ask them again now, so the ticket is created, assigned to the agent
  // (TR-10) and shown while the call lasts — not left to the end, unassigned.
  if (call->state != CallState::Ended && !call->contactOptions.empty() && !call->ticketId && call->events.empty()) {
    call->events.push_back(call->wasConnected ? SessionEvent::Connected : SessionEvent::Assigned);
  }
  pumpSessions(s);
}

void pumpSessions(AdapterState& s) {
  std::vector<std::string> finished;
  for (auto& [id, call] : s.calls) {
    if (call.waiting || !call.dialConfirmed || call.consultLeg) {
      if (call.consultLeg)
        previewConsultLeg(s, call);  // reads only: the agent sees who the consult is about
      else if (call.waiting)
        callDataReady(s, call);  // reads only: the agent sees who is waiting
      continue;
    }
    while (!call.events.empty() && callDataReady(s, call) && !createPendingFor(s, call.id)) {
      SessionEvent event = call.events.front();
      call.events.erase(call.events.begin());
      resolve(s, call, event);
    }
    if (call.events.empty() && call.wrappedUp) {
      enqueueAgentNote(s, call);   // once: its key is remembered
      enqueueCallRecord(s, call);  // TPE on: the call's record with its wrap-up code (D421), once
      if (s.activeCallId != id) finished.push_back(id);
    }
  }
  if (!finished.empty()) noteRecentCalls(s);  // listed on the home screen before they leave
  for (const auto& id : finished) s.calls.erase(id);
  sendReadyWrites(s);
}

void dialDeadlines(AdapterState& s) {
  std::vector<std::string> late;
  for (const auto& [id, c] : s.calls) {
    if (!c.dialConfirmed && c.dialDeadlineMs > 0 && c.dialDeadlineMs <= s.nowMs) late.push_back(id);
  }
  for (const auto& id : late) {
    telephony(s, s.calls[id], TelephonyCommand::HangUp);  // in case the backend places it after all
    dialFailed(s, id, "TIMEOUT");
  }
}

}  // namespace adapter::live
