// Zendesk writes from the rules' actions. Each action key becomes at most one write (a replayed event writes
// nothing twice); a write that needs an id from a create (a new ticket's note, a new contact's ticket, a pop)
// waits for it. Changes to one ticket join the last write for it that has not been sent yet (fields and status
// merged in order, later wins); with BA-1 batching on, a new write waits for the batch window so that the changes
// of the next seconds join it, several notes becoming one comment. Sending is outbox.cpp's job.
#include <algorithm>

#include "live/flows.h"
#include "live_edge/zendesk_api.h"
#include "note_text.h"

namespace adapter::live {
namespace {

// resolveSession's append of a session to an existing ticket (TR-3, TR-4, TR-8, TB-6): "…/appendToTicket/session".
bool isSessionAppend(const std::string& key) {
  constexpr std::string_view kSuffix = "/appendToTicket/session";
  return key.size() > kSuffix.size() && key.compare(key.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

// Talk Partner Edition's via_id: how the call came.
constexpr int kViaVoicemail = 44;
constexpr int kViaInboundCall = 45;
int viaId(TicketVia via) {
  switch (via) {
    case TicketVia::Outbound: return 46;
    case TicketVia::Voicemail: return kViaVoicemail;
    case TicketVia::Inbound: break;
  }
  return kViaInboundCall;
}

// The ticket an action is for: its id, or the key of the create that makes it while that id is not known.
struct Target {
  std::optional<Id> id;
  std::string key;
};

Target targetOf(const AdapterState& s, const SessionAction& action) {
  Target ref;
  ref.id = action.ticket.id;
  if (!ref.id && !action.ticket.createdByKey.empty()) {
    ref.key = action.ticket.createdByKey;
    if (auto it = s.createdIds.find(ref.key); it != s.createdIds.end()) ref.id = it->second;
  }
  return ref;
}

// TPE voice_comment: only once the call is over (it carries the duration and the recording).
VoiceRecord voiceRecord(const AdapterState& s, const Call& call) {
  VoiceRecord v;
  v.startedAtMs = call.startedAtMs;
  v.durationSec = call.durationSec;
  v.from = call.direction == Direction::Inbound ? call.phone : call.dnis;
  v.to = call.direction == Direction::Inbound ? call.dnis : call.phone;
  if (call.wasConnected) v.answeredById = s.agent.id;
  if (call.recordingUrl.rfind("https://", 0) == 0) v.recordingUrl = call.recordingUrl;
  return v;
}

// The call's voice_comment on its TPE ticket. Zendesk's voicemail ticket (via_id 44) must carry `from`, `to`,
// `recording_url`, `started_at`, `call_duration` and `answered_by_id` (the TPE spec's voice_comment table): nobody
// answered a voicemail, so it names the agent it was delivered to; without a recording or a number it cannot be
// described as one and is recorded as the inbound call it was (45), its note still saying voicemail (D331).
void describeCall(const AdapterState& s, const Call& call, TicketChanges& t) {
  t.voice = voiceRecord(s, call);
  if (t.viaId != kViaVoicemail) return;
  if (!t.voice->answeredById) t.voice->answeredById = s.agent.id;
  if (t.voice->recordingUrl.empty() || t.voice->from.empty() || t.voice->to.empty()) t.viaId = kViaInboundCall;
}

Write& newWrite(AdapterState& s, const Call& call, WriteKind kind, const std::string& key) {
  Write w;
  w.kind = kind;
  w.keys.push_back(key);
  w.callId = call.id;
  s.writes.push_back(std::move(w));
  return s.writes.back();
}

void addCreateContact(AdapterState& s, const Call& call, const SessionAction& a) {
  auto& w = newWrite(s, call, WriteKind::CreateContact, a.key);
  w.user = NewUser{a.name, a.phone, a.externalId};  // the phone in E.164, as the TPE guide asks
  // The rules' external id (a web or mobile visitor's, which the live adapter does not pass today) or one of the
  // app's own: a lost create is then found by a direct look-up of it, not by a search that may not list the new
  // user for minutes (D290). The caller's number's when there is one, so that a second create for the number, from
  // any agent, is refused by Zendesk and finds the first (D439); else the call's.
  if (w.user.externalId.empty()) w.user.externalId = zendesk::callerPhoneExternalId(a.phone);
  if (w.user.externalId.empty()) w.user.externalId = zendesk::callerExternalId(s.agent.id, call.id);
  w.label = "Create contact " + a.name;
}

void addCreateTicket(AdapterState& s, const Call& call, const SessionAction& a, bool popHere) {
  auto& w = newWrite(s, call, WriteKind::CreateTicket, a.key);
  auto& t = w.ticket;
  t.subject = a.subject;
  t.comment = WriteComment{a.comment, false};
  t.tags = a.tags;
  t.assigneeId = a.assigneeId;
  if (!a.customFields.empty()) t.customFields = a.customFields;
  if (a.requesterId) {
    t.requesterId = a.requesterId;
  } else if (!a.requesterKey.empty()) {
    if (auto it = s.createdIds.find(a.requesterKey); it != s.createdIds.end()) {
      t.requesterId = it->second;
    } else {
      w.waitsFor = a.requesterKey;
    }
  }
  w.label = "Create ticket: " + a.subject;
  if (s.config.useTalkPartnerEdition && a.channel == TicketChannel::Voice) {
    t.viaId = viaId(a.via);  // sends it to TPE's voice endpoint (zendesk_api)
    if (call.state == CallState::Ended) describeCall(s, call, t);
    if (popHere) w.displayToAgent = s.agent.id;  // create and pop in one request
  }
}

bool carriesComment(const Write& w) { return w.ticket.comment.has_value(); }

// The standard data of a call on an existing ticket, held for its closing comment (D420), while nothing of it has
// left: the call's later comments join it, and so do its changes once it has ended.
Write* heldStandardDataOf(AdapterState& s, const Call& call, const Target& ref) {
  if (!ref.id) return nullptr;
  for (auto& w : s.writes) {
    bool unsent = w.state == Write::State::Queued && w.attempts == 0 && !w.uncertain;
    if (unsent && w.callId == call.id && w.targetId == *ref.id && w.waitsFor.empty() && holdsStandardData(w)) return &w;
  }
  return nullptr;
}

// The last write for this ticket, when nothing of it has left yet: later changes join it. A held standard-data
// comment is passed over: what joins it is chosen in updateFor, and what must go now must not wait with it.
Write* openUpdateFor(AdapterState& s, const Target& ref) {
  Id target = ref.id.value_or(0);
  for (auto it = s.writes.rbegin(); it != s.writes.rend(); ++it) {
    // A write that waits for its ticket's create has no target yet: it matches another one waiting.
    Id itsTarget = it->waitsFor.empty() ? it->targetId : 0;
    if (it->kind != WriteKind::UpdateTicket || itsTarget != target || it->waitsFor != ref.key) continue;
    if (holdsStandardData(*it) && it->attempts == 0 && !it->uncertain) continue;
    bool unsent = it->state == Write::State::Queued && it->attempts == 0 && !it->uncertain;
    return unsent ? &*it : nullptr;
  }
  return nullptr;
}

// Two comments become one with BA-1 comment batching on, when both are private or both public (the rules' and the
// agent's notes are all private) — and always when both are the same call's: a call writes one closing comment,
// its summary, wrap-up code and agent's note together (D334).
bool commentsJoin(const AdapterState& s, const Write& w, const Call& call) {
  if (!carriesComment(w)) return true;
  if (w.callId == call.id && !w.ticket.comment->isPublic) return true;
  if (!s.config.batchComments) return false;
  return !w.ticket.comment->isPublic;
}

void mergeFields(TicketChanges& ticket, const std::vector<FieldValue>& fields) {
  if (!ticket.customFields) ticket.customFields.emplace();
  auto& list = *ticket.customFields;
  for (const auto& f : fields) {
    auto same = std::find_if(list.begin(), list.end(), [&](const FieldValue& g) { return g.id == f.id; });
    if (same != list.end()) {
      *same = f;  // a later value of the same field wins
    } else {
      list.push_back(f);
    }
  }
}

// With BA-1 a change still in its batch window when the call ends joins the held closing update, which is then
// batched too (D382 holds it for the wrap-up): a short call's assignment and its comment leave as one PUT, as they
// did when the standard data was the answer's comment (D420).
void absorbBatched(AdapterState& s, Write& held) {
  for (auto& w : s.writes) {
    bool unsent = w.state == Write::State::Queued && w.attempts == 0 && !w.uncertain;
    if (&w == &held || !w.batched || !unsent || w.kind != WriteKind::UpdateTicket || !w.waitsFor.empty() ||
        w.targetId != held.targetId) {
      continue;
    }
    TicketChanges merged = std::move(w.ticket);
    TicketChanges& later = held.ticket;
    if (later.comment)
      merged.comment =
          merged.comment ? WriteComment{merged.comment->body + "\n\n" + later.comment->body, false} : later.comment;
    if (later.tags) merged.tags = later.tags;
    if (later.requesterId) merged.requesterId = later.requesterId;
    if (later.assigneeId) merged.assigneeId = later.assigneeId;
    if (later.customFields) mergeFields(merged, *later.customFields);
    if (!later.status.empty()) merged.status = later.status;
    later = std::move(merged);
    held.keys.insert(held.keys.end(), w.keys.begin(), w.keys.end());
    held.batched = true;
    held.notBeforeMs = std::max(held.notBeforeMs, w.notBeforeMs);
    w.state = Write::State::Done;  // dropped by the next send
  }
}

Write& updateFor(AdapterState& s, const Call& call, const Target& ref, const std::string& key, bool comment) {
  // The call's own comments join its held standard data, and so do its changes once it has ended (SF-2 fields, a
  // transfer's assignment, which then takes it along at once): one comment per call on an existing ticket (D420).
  if (Write* held = heldStandardDataOf(s, call, ref); held && (comment || call.state == CallState::Ended)) {
    held->keys.push_back(key);
    if (call.state == CallState::Ended) absorbBatched(s, *held);
    return *held;
  }
  Write* open = openUpdateFor(s, ref);
  if (open && (!comment || commentsJoin(s, *open, call))) {
    open->keys.push_back(key);
    return *open;
  }
  auto& w = newWrite(s, call, WriteKind::UpdateTicket, key);
  w.label = ref.id ? "Update ticket #" + std::to_string(*ref.id) : "Update the new ticket";
  if (ref.id) {
    w.targetId = *ref.id;
  } else {
    w.waitsFor = ref.key;
  }
  bool batch = comment ? s.config.batchComments : s.config.batchTicketUpdates;
  if (batch) {  // BA-1: wait for the window so that what follows joins this request
    w.batched = true;
    w.notBeforeMs = s.nowMs + Millis{s.config.batchWindowSeconds} * 1000;
  }
  return w;
}

void mergeComment(TicketChanges& ticket, const std::string& comment) {
  if (!ticket.comment) {
    ticket.comment = WriteComment{comment, false};
    return;
  }
  ticket.comment->body += "\n\n" + comment;
}

// An "assign to me" the ticket already has: the ticket's create set it, or Zendesk last showed it so.
bool assignmentIsNoOp(AdapterState& s, const Target& ref, std::optional<Id> assignee) {
  if (!assignee) return true;
  Id agent = *assignee;
  if (ref.id) {
    auto known = s.directory.assignees.find(*ref.id);
    return known != s.directory.assignees.end() && known->second == agent;
  }
  const Write* create = writeWithKey(s, ref.key);
  return create && create->ticket.assigneeId.value_or(0) == agent;
}

// Tags a ticket gains (TR-6's abandoned marker). Zendesk's update replaces `tags`, so they join the tags the ticket
// had when Zendesk last showed it (its create's answer) and any this write already adds.
void addTags(const AdapterState& s, TicketChanges& ticket, const Target& ref, const std::vector<std::string>& tags) {
  if (!ticket.tags) {
    auto known = ref.id ? s.directory.tickets.find(*ref.id) : s.directory.tickets.end();
    ticket.tags = known != s.directory.tickets.end() ? known->second.tags : std::vector<std::string>{};
  }
  auto& list = *ticket.tags;
  for (const auto& tag : tags) {
    if (std::find(list.begin(), list.end(), tag) == list.end()) list.push_back(tag);
  }
}

// A call that joins an existing ticket (D420): what must happen now — the reopening (TR-4, seed 004), and the
// SF-1 fields and TR-10 assignment that follow as their own actions — goes now as a PUT without a comment; the
// standard data (who called, the number, when, PF-1's flags) is a comment of its own that waits, persisted in the
// outbox, for the call's closing comment to join it: one comment per call, released as D334's (Done, the next
// call's answer, 5 minutes after the end). TR-11 asks for the standard data at a ticket's creation, which an
// append is not; IN-1 asks for "a note summarising the call … after it".
void holdStandardData(AdapterState& s, const Call& call, const SessionAction& a, Id ticketId) {
  Target ref{ticketId, ""};
  if (!a.status.empty() || !a.tags.empty()) {
    auto& now = updateFor(s, call, ref, a.key + "/status", false);
    if (!a.status.empty()) now.ticket.status = a.status;
    if (!a.tags.empty()) addTags(s, now.ticket, ref, a.tags);
  }
  if (Write* held = heldStandardDataOf(s, call, ref)) {  // a second append of the same call (a replay): one comment
    held->keys.push_back(a.key);
    mergeComment(held->ticket, a.comment);
    return;
  }
  auto& w = newWrite(s, call, WriteKind::UpdateTicket, a.key);
  w.label = "Update ticket #" + std::to_string(ticketId);
  w.targetId = ticketId;
  // Its last line may end in a line break (an outbound call's "Started: …"): the call's closing part joins it after
  // one blank line, not two.
  std::string text = a.comment;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  w.ticket.comment = WriteComment{std::move(text), false};
}

void addUpdate(AdapterState& s, const Call& call, const SessionAction& a) {
  const SessionOp op = a.op;
  Target ref = targetOf(s, a);
  if (!ref.id && ref.key.empty()) return;  // nothing to update
  if (op == SessionOp::AssignTicket && assignmentIsNoOp(s, ref, a.assigneeId)) return;
  bool comment = op == SessionOp::AppendToTicket;
  if (comment && ref.id && isSessionAppend(a.key)) return holdStandardData(s, call, a, *ref.id);
  auto& w = updateFor(s, call, ref, a.key, comment);
  auto& t = w.ticket;
  if (comment) {
    mergeComment(t, a.comment);
    if (!a.status.empty()) t.status = a.status;
    if (!a.tags.empty()) addTags(s, t, ref, a.tags);
  } else if (op == SessionOp::AssignTicket) {
    t.assigneeId = a.assigneeId;
  } else if (op == SessionOp::SetFields) {
    mergeFields(t, a.customFields);
  } else if (op == SessionOp::SetRequester) {
    if (a.requesterId) t.requesterId = a.requesterId;
  }
}

void addPop(AdapterState& s, const Call& call, const SessionAction& a, WriteKind kind) {
  auto& w = newWrite(s, call, kind, a.key);
  if (kind == WriteKind::PopContact) {
    if (!a.contactId) return void(s.writes.pop_back());
    w.targetId = *a.contactId;
    w.label = "Show contact";
    return;
  }
  Target ref = targetOf(s, a);
  if (ref.id) {
    w.targetId = *ref.id;
  } else {
    w.waitsFor = ref.key;
  }
  w.label = "Show ticket";
}

}  // namespace

void enqueueActions(AdapterState& s, Call& call, const std::vector<SessionAction>& actions) {
  std::set<std::string> poppedByCreate;
  if (s.config.useTalkPartnerEdition) {
    for (const auto& a : actions) {
      const std::string& created = a.ticket.createdByKey;
      if (a.op == SessionOp::PopTicket && !created.empty() && !s.createdIds.count(created)) {
        poppedByCreate.insert(created);
      }
    }
  }
  for (const auto& a : actions) {
    if (!s.seenKeys.insert(a.key).second) continue;  // already written (a replayed event)
    bool pop = a.op == SessionOp::PopTicket || a.op == SessionOp::PopContact;
    if (a.op == SessionOp::CreateContact) {
      addCreateContact(s, call, a);
    } else if (a.op == SessionOp::CreateTicket) {
      addCreateTicket(s, call, a, poppedByCreate.count(a.key) > 0);
    } else if (a.op == SessionOp::PopTicket && poppedByCreate.count(a.ticket.createdByKey)) {
      call.popped.insert(a.ticket.createdByKey);
      continue;  // display_to_agent on the create pops it
    } else if (pop && s.activeCallId != call.id) {
      continue;  // a call the agent is not on (one that waited beside another): its ticket must not take the screen
    } else if (pop) {
      // One pop per ticket per call: the rules pop again on `connected`, but the agent already has it open.
      auto idText = [](std::optional<Id> id) { return id ? std::to_string(*id) : std::string("null"); };
      std::string target = a.op == SessionOp::PopContact ? "user:" + idText(a.contactId)
                           : a.ticket.id                 ? idText(a.ticket.id)
                                                         : a.ticket.createdByKey;
      if (!call.popped.insert(target).second) continue;
      addPop(s, call, a, a.op == SessionOp::PopContact ? WriteKind::PopContact : WriteKind::PopTicket);
    } else if (a.op == SessionOp::LinkSession) {
      if (a.ticket.id) call.ticketId = a.ticket.id;  // TR-9
    } else {
      addUpdate(s, call, a);
    }
    // The ticket this call writes to is the one the view shows (TR-3, TR-4, TB-6 appends). A ticket only shown (a
    // ringing call's open ticket, TR-3) is not the call's until the rules add the call to it.
    if (!call.ticketId && a.op == SessionOp::AppendToTicket && a.ticket.id) call.ticketId = a.ticket.id;
  }
}

// The heading of the agent's note in the admin's note language (D81).
static std::string agentNoteHeading(const AdapterState& s) {
  return noteText(s.config.sessionSettings.noteLanguage, NoteKey::agentNote);
}

// A ticket this call created holds the call's standard data as its description already: a closing comment that
// would only say that an answered call finished and how long it took — no recording, no agent's note, no wrap-up
// code, no missing field (those make the summary more than its one line) — is left out; its fields still go. A
// call nobody answered keeps it: its duration of 0 is the outcome (D334).
static void dropBareSummary(AdapterState& s, const Call& call) {
  if (!call.wasConnected || call.recordingUrl.rfind("https://", 0) == 0) return;
  std::string createKey = sessionIdOf(call.id) + "/createTicket";
  auto created = s.createdIds.find(createKey);
  for (auto& w : s.writes) {
    if (w.callId != call.id || w.kind != WriteKind::UpdateTicket || !w.ticket.comment) continue;
    if (w.state != Write::State::Queued || w.attempts > 0 || w.uncertain) continue;
    bool onCreated =
        w.waitsFor.empty() ? created != s.createdIds.end() && w.targetId == created->second : w.waitsFor == createKey;
    auto summary = [](const std::string& k) { return k.size() > 9 && k.compare(k.size() - 9, 9, "/finished") == 0; };
    bool bare =
        std::any_of(w.keys.begin(), w.keys.end(), summary) && w.ticket.comment->body.find('\n') == std::string::npos;
    if (!onCreated || !bare) continue;
    w.ticket.comment.reset();
    if (w.ticket.empty()) w.state = Write::State::Done;  // nothing else to write: dropped by the next send
  }
}

void enqueueAgentNote(AdapterState& s, Call& call) {
  bool typed = call.note.find_first_not_of(" \t\r\n") != std::string::npos;
  if (!typed && call.wrapUpCode.empty()) {
    dropBareSummary(s, call);
    return;
  }
  std::string key = sessionIdOf(call.id) + "/agentNote";
  if (!s.seenKeys.insert(key).second) return;
  std::string createKey = sessionIdOf(call.id) + "/createTicket";
  SessionAction note;
  note.op = SessionOp::AppendToTicket;
  note.key = key;
  if (call.ticketId) {
    note.ticket.id = call.ticketId;
  } else if (s.createdIds.count(createKey) || writeWithKey(s, createKey)) {
    note.ticket.createdByKey = createKey;
  } else {
    // FO-1d "Do not create a ticket", or the rules wrote nothing: the note has nowhere to go. Say so.
    setBanner(s, "NOTE_NOT_SAVED", MessageKind::Error);
    return;
  }
  if (typed) note.comment = agentNoteHeading(s) + "\n" + call.note;
  addWrapUpCode(s, call, note);  // D370: the wrap-up code's line and tag
  addUpdate(s, call, note);
}

bool createPendingFor(const AdapterState& s, const std::string& callId) {
  for (const auto& w : s.writes) {
    if (w.callId == callId && isCreate(w)) return true;
  }
  return false;
}

Write* writeWithKey(AdapterState& s, const std::string& key) {
  for (auto& w : s.writes) {
    if (!w.keys.empty() && w.keys.front() == key) return &w;
  }
  return nullptr;
}

bool holdsStandardData(const Write& w) {
  return w.kind == WriteKind::UpdateTicket && !w.keys.empty() && isSessionAppend(w.keys.front());
}

bool isPop(const Write& w) { return w.kind == WriteKind::PopTicket || w.kind == WriteKind::PopContact; }
bool isCreate(const Write& w) { return w.kind == WriteKind::CreateContact || w.kind == WriteKind::CreateTicket; }

std::optional<Id> updatedTicketOf(const Write& w) {
  if (w.kind != WriteKind::UpdateTicket || !w.waitsFor.empty() || w.targetId <= 0) return std::nullopt;
  return w.targetId;
}

std::string commentText(const Write& w) { return w.ticket.comment ? w.ticket.comment->body : std::string(); }

// Every comment the adapter adds to a ticket names its call, so that its text is its own: an unanswered PUT is
// looked for by that text among the ticket's comments (outbox.cpp), with no marker for the agent to see (D335).
void nameTheCall(const AdapterState& s, Write& w) {
  if (!w.ticket.comment) return;
  std::string id = sessionIdOf(w.callId);
  std::string& body = w.ticket.comment->body;
  if (id.empty() || body.find(id) != std::string::npos) return;
  body = noteText(s.config.sessionSettings.noteLanguage, NoteKey::callRef, {{"id", id}}) + "\n" + body;
}

WriteLabel writeLabel(const Write& w) {
  WriteLabel label{"UPDATE_NEW_TICKET", {}};
  if (w.kind == WriteKind::CreateContact) {
    label = {"CREATE_CONTACT", {{"name", w.user.name}}};
  } else if (w.kind == WriteKind::CreateTicket) {
    label = {"CREATE_TICKET", {{"subject", w.ticket.subject}}};
  } else if (w.kind == WriteKind::CreateCall) {
    label = {"CALL_RECORD", {{"call", w.callId}}};
  } else if (auto id = updatedTicketOf(w)) {
    label = {"UPDATE_TICKET", {{"ticket", std::to_string(*id)}}};
  }
  return label;
}

WriteError writeError(const Write& w) {
  const std::string& e = w.error;
  WriteError error;
  if (e.rfind("unconfirmed", 0) == 0) {
    error.code = "MAYBE_RECORDED";  // a call record whose answer was lost (D422)
  } else if (e.rfind("no answer", 0) == 0) {
    error.code = "NO_ANSWER";
  } else if (e.rfind("ticket not found", 0) == 0) {
    error.code = "TICKET_GONE";
  } else if (e.rfind("HTTP ", 0) == 0) {
    error.code = "HTTP";
    auto colon = e.find(": ");
    error.params = {{"status", e.substr(5, colon == std::string::npos ? std::string::npos : colon - 5)},
                    {"detail", colon == std::string::npos ? std::string() : e.substr(colon + 2)}};  // Zendesk's words
  }
  return error;
}

// A TPE voicemail ticket is created once its recording is known: its create waits while the caller is still
// leaving the message (the rules may decide on the ticket when the voicemail starts).
bool voicemailDescribed(AdapterState& s, Write& w) {
  if (w.kind != WriteKind::CreateTicket || w.ticket.viaId != kViaVoicemail || w.ticket.voice) return true;
  auto call = s.calls.find(w.callId);
  if (call == s.calls.end()) {
    w.ticket.viaId = kViaInboundCall;  // nothing left to describe it with (D331)
    return true;
  }
  if (call->second.state != CallState::Ended) return false;
  describeCall(s, call->second, w.ticket);
  return true;
}

}  // namespace adapter::live
