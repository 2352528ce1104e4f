// Zendesk writes from the rules' actions. Each action key becomes at most one write (a replayed event writes
// nothing twice); the updates one answer makes to one ticket travel in one PUT; a write that needs an id from a
// create (a new ticket's note, a new contact's ticket, a pop) waits for it; one write per ticket is in flight at a
// time so notes land in order. Passing failures (429 with Retry-After, 5xx, network) are retried; permanent ones
// stay in the list as failed, visible to the agent, until retried — nothing is dropped.
#include <algorithm>

#include "adapter/iso_time.h"
#include "adapter/json_convert.h"
#include "live/flows.h"

namespace adapter::live {
namespace {

const char* viaId(const std::string& via) {
  if (via == "outbound") return "46";
  if (via == "voicemail") return "44";
  return "45";
}

struct TicketRef {
  std::optional<Id> id;
  std::string key;  // the create that makes the ticket, when id is not known yet
};

TicketRef refOf(const AdapterState& s, const OutJson& action) {
  TicketRef ref;
  if (action["ticketId"].is_number_integer()) ref.id = action["ticketId"].get<Id>();
  if (!ref.id && action.contains("ticketKey")) {
    ref.key = action["ticketKey"].get<std::string>();
    if (auto it = s.createdIds.find(ref.key); it != s.createdIds.end()) ref.id = it->second;
  }
  return ref;
}

std::string ticketUrl(const TicketRef& ref) {
  return "/api/v2/tickets/" + (ref.id ? std::to_string(*ref.id) : std::string("{ticket}")) + ".json";
}

InJson toIn(const OutJson& j) { return toInJson(j); }

// TPE voice_comment: only once the call is over (it carries the duration and the recording).
InJson voiceComment(const AdapterState& s, const Call& call) {
  InJson vc{{"started_at", formatIsoTime(call.startedAtMs)}, {"call_duration", call.durationSec}};
  std::string from = call.direction == "inbound" ? call.phone : call.dnis;
  std::string to = call.direction == "inbound" ? call.dnis : call.phone;
  if (!from.empty()) vc["from"] = from;
  if (!to.empty()) vc["to"] = to;
  if (call.wasConnected) vc["answered_by_id"] = s.agent.id;
  if (call.recordingUrl.rfind("https://", 0) == 0) vc["recording_url"] = call.recordingUrl;
  return vc;
}

Write& newWrite(AdapterState& s, const Call& call, const std::string& kind, const std::string& key) {
  Write w;
  w.kind = kind;
  w.keys.push_back(key);
  w.callId = call.id;
  s.writes.push_back(std::move(w));
  return s.writes.back();
}

void waitFor(Write& w, const std::string& key, const char* fill) {
  w.waitsFor = key;
  w.fill = fill;
}

void addCreateContact(AdapterState& s, const Call& call, const OutJson& a) {
  InJson user{{"name", a["name"]}, {"role", "end-user"}};
  if (a["phone"].is_string()) user["phone"] = a["phone"];  // E.164, as the TPE guide asks
  if (a["externalId"].is_string()) user["external_id"] = a["externalId"];
  auto& w = newWrite(s, call, "createContact", a["key"]);
  w.method = "POST";
  w.url = "/api/v2/users.json";
  w.body = InJson{{"user", user}};
  w.label = "Create contact " + a["name"].get<std::string>();
}

void addCreateTicket(AdapterState& s, const Call& call, const OutJson& a, bool popHere) {
  InJson ticket{{"subject", a["subject"]},
                {"comment", toIn(a["comment"])},
                {"tags", toIn(a["tags"])},
                {"external_id", call.id}};  // lets a later look-up find this call's ticket
  if (a["assigneeId"].is_number_integer()) ticket["assignee_id"] = a["assigneeId"];
  if (!a["customFields"].empty()) ticket["custom_fields"] = toIn(a["customFields"]);
  auto& w = newWrite(s, call, "createTicket", a["key"]);
  if (a["requesterId"].is_number_integer()) {
    ticket["requester_id"] = a["requesterId"];
  } else if (a.contains("requesterKey")) {
    std::string key = a["requesterKey"];
    if (auto it = s.createdIds.find(key); it != s.createdIds.end()) {
      ticket["requester_id"] = it->second;
    } else {
      waitFor(w, key, "requester_id");
    }
  }
  w.method = "POST";
  w.label = "Create ticket: " + a["subject"].get<std::string>();
  if (s.config.useTalkPartnerEdition && a["channel"] == "voice") {
    ticket["via_id"] = std::stoi(viaId(a["via"]));
    if (call.state == "ended") ticket["voice_comment"] = voiceComment(s, call);
    w.url = "/api/v2/channels/voice/tickets.json";
    w.body = InJson{{"ticket", ticket}};
    if (popHere) w.body["display_to_agent"] = s.agent.id;  // create and pop in one request
  } else {
    w.url = "/api/v2/tickets.json";
    w.body = InJson{{"ticket", ticket}};
  }
}

// The PUT of this answer for `ref`, or a new one. A second comment for the same ticket gets its own PUT: a
// ticket update carries one comment.
Write& updateFor(AdapterState& s, const Call& call, const TicketRef& ref, const std::string& key,
                 std::size_t firstOfAnswer, bool addsComment) {
  std::string url = ticketUrl(ref);
  for (std::size_t i = firstOfAnswer; i < s.writes.size(); ++i) {
    auto& w = s.writes[i];
    if (w.kind == "updateTicket" && w.url == url && w.waitsFor == ref.key &&
        !(addsComment && w.body["ticket"].contains("comment"))) {
      w.keys.push_back(key);
      return w;
    }
  }
  auto& w = newWrite(s, call, "updateTicket", key);
  w.method = "PUT";
  w.url = url;
  w.body = InJson{{"ticket", InJson::object()}};
  w.label = ref.id ? "Update ticket #" + std::to_string(*ref.id) : "Update the new ticket";
  if (!ref.id) waitFor(w, ref.key, "ticket");
  return w;
}

void addUpdate(AdapterState& s, const Call& call, const OutJson& a, std::size_t firstOfAnswer) {
  const std::string op = a["op"];
  TicketRef ref = refOf(s, a);
  if (!ref.id && ref.key.empty()) return;  // nothing to update
  auto& w = updateFor(s, call, ref, a["key"], firstOfAnswer, op == "appendToTicket");
  auto& t = w.body["ticket"];
  if (op == "appendToTicket") {
    t["comment"] = toIn(a["comment"]);
    if (a.contains("status")) t["status"] = a["status"];
  } else if (op == "assignTicket") {
    if (a["assigneeId"].is_number_integer()) t["assignee_id"] = a["assigneeId"];
  } else if (op == "setFields") {
    if (!t.contains("custom_fields")) t["custom_fields"] = InJson::array();
    for (const auto& f : a["customFields"]) t["custom_fields"].push_back(toIn(f));
  } else if (op == "setRequester") {
    if (a["requesterId"].is_number_integer()) t["requester_id"] = a["requesterId"];
  }
}

void addPop(AdapterState& s, const Call& call, const OutJson& a) {
  const std::string op = a["op"];
  auto& w = newWrite(s, call, op, a["key"]);
  w.method = "POST";
  if (op == "popContact") {
    if (!a["contactId"].is_number_integer()) return void(s.writes.pop_back());
    w.targetId = a["contactId"].get<Id>();
    w.label = "Show contact";
    return;
  }
  TicketRef ref = refOf(s, a);
  if (ref.id) {
    w.targetId = *ref.id;
  } else {
    waitFor(w, ref.key, "ticket");
  }
  w.label = "Show ticket";
}

Write* writeWithKey(AdapterState& s, const std::string& key) {
  for (auto& w : s.writes) {
    if (!w.keys.empty() && w.keys.front() == key) return &w;
  }
  return nullptr;
}

// Fills the id a waiting write needs, once its create is done.
bool resolveWait(AdapterState& s, Write& w) {
  if (w.waitsFor.empty()) return true;
  auto it = s.createdIds.find(w.waitsFor);
  if (it == s.createdIds.end()) return false;
  Id id = it->second;
  if (w.fill == "requester_id") {
    w.body["ticket"]["requester_id"] = id;
  } else {
    w.targetId = id;
    auto at = w.url.find("{ticket}");
    if (at != std::string::npos) w.url.replace(at, 8, std::to_string(id));
    if (w.kind == "updateTicket") w.label = "Update ticket #" + std::to_string(id);
  }
  w.waitsFor.clear();
  return true;
}

void routeTo(AdapterState& s, const Write& w) {
  emit(s, OutJson{{"type", "routeTo"}, {"target", w.kind == "popContact" ? "user" : "ticket"}, {"id", w.targetId}});
}

void send(AdapterState& s, Write& w) {
  bool pop = w.kind == "popTicket" || w.kind == "popContact";
  if (pop && !s.config.useTalkPartnerEdition) {
    routeTo(s, w);
    w.state = Write::State::Done;
    return;
  }
  if (pop) {
    w.url = "/api/v2/channels/voice/agents/" + std::to_string(s.agent.id) +
            (w.kind == "popContact" ? "/users/" : "/tickets/") + std::to_string(w.targetId) + "/display.json";
  }
  PendingRequest p;
  p.purpose = Purpose::Write;
  p.writeKey = w.keys.front();
  w.state = Write::State::InFlight;
  w.attempts++;
  sendRequest(s, w.method, w.url, w.body.is_null() ? InJson(nullptr) : w.body, std::move(p));
}

std::string failureText(int status, const InJson& body) {
  std::string text = status == 0 ? "no answer from Zendesk" : "HTTP " + std::to_string(status);
  if (body.is_object()) {
    for (const char* key : {"description", "error"}) {
      auto it = body.find(key);
      if (it != body.end() && it->is_string()) return text + ": " + it->get<std::string>().substr(0, 200);
    }
  }
  return text;
}

void created(AdapterState& s, const Write& w, const InJson& body) {
  const char* field = w.kind == "createContact" ? "user" : "ticket";
  if (!body.is_object() || !body.contains(field) || !body[field].is_object()) return;
  const auto& record = body[field];
  if (!record.contains("id") || !record["id"].is_number_integer()) return;
  Id id = record["id"].get<Id>();
  s.createdIds[w.keys.front()] = id;
  auto call = s.calls.find(w.callId);
  if (w.kind == "createContact") {
    if (auto c = contactFromZendesk(record)) s.directory.contacts[id] = *c;
    if (call != s.calls.end()) {
      call->second.contactId = id;
      // The number now has this contact: a later call from it must find it, not create another.
      auto known = s.directory.contactsByNumber.find(call->second.phone);
      if (known != s.directory.contactsByNumber.end()) known->second.push_back(id);
      s.directory.ticketsLoadedFor.insert(id);  // a brand-new contact has no other tickets
    }
  } else {
    if (auto t = ticketFromZendesk(record)) s.directory.tickets[id] = *t;
    if (call != s.calls.end()) {
      call->second.ticketId = id;
      if (call->second.popped.count(w.keys.front())) call->second.popped.insert(std::to_string(id));
    }
  }
}

}  // namespace

void enqueueActions(AdapterState& s, Call& call, const OutJson& actions) {
  std::size_t firstOfAnswer = s.writes.size();
  std::set<std::string> poppedByCreate;
  if (s.config.useTalkPartnerEdition) {
    for (const auto& a : actions) {
      if (a["op"] == "popTicket" && a.contains("ticketKey") && !s.createdIds.count(a["ticketKey"])) {
        poppedByCreate.insert(a["ticketKey"].get<std::string>());
      }
    }
  }
  for (const auto& a : actions) {
    const std::string op = a["op"];
    const std::string key = a["key"];
    if (!s.seenKeys.insert(key).second) continue;  // already written (a replayed event)
    if (op == "createContact") {
      addCreateContact(s, call, a);
    } else if (op == "createTicket") {
      addCreateTicket(s, call, a, poppedByCreate.count(key) > 0);
    } else if (op == "popTicket" && a.contains("ticketKey") && poppedByCreate.count(a["ticketKey"])) {
      call.popped.insert(a["ticketKey"].get<std::string>());
      continue;  // display_to_agent on the create pops it
    } else if (op == "popTicket" || op == "popContact") {
      // One pop per ticket per call: the rules pop again on `connected`, but the agent already has it open.
      std::string target = op == "popContact"                  ? "user:" + a["contactId"].dump()
                           : a["ticketId"].is_number_integer() ? a["ticketId"].dump()
                                                               : a.value("ticketKey", "");
      if (!call.popped.insert(target).second) continue;
      addPop(s, call, a);
    } else if (op == "linkSession") {
      if (a["ticketId"].is_number_integer()) call.ticketId = a["ticketId"].get<Id>();  // TR-9
    } else {
      addUpdate(s, call, a, firstOfAnswer);
    }
    // The ticket this call writes to is the one the view shows (TR-3, TR-4, TB-6 appends).
    if (!call.ticketId && (op == "appendToTicket" || op == "popTicket") && a["ticketId"].is_number_integer()) {
      call.ticketId = a["ticketId"].get<Id>();
    }
  }
}

void enqueueAgentNote(AdapterState& s, Call& call) {
  if (call.note.find_first_not_of(" \t\r\n") == std::string::npos) return;
  std::string key = sessionIdOf(call.id) + "/agentNote";
  if (!s.seenKeys.insert(key).second) return;
  std::string createKey = sessionIdOf(call.id) + "/createTicket";
  TicketRef ref;
  if (call.ticketId) {
    ref.id = call.ticketId;
  } else if (s.createdIds.count(createKey) || writeWithKey(s, createKey)) {
    ref.key = createKey;
  } else {
    // FO-1d "Do not create a ticket", or the rules wrote nothing: the note has nowhere to go. Say so.
    setBanner(s, "NOTE_NOT_SAVED", "error");
    return;
  }
  OutJson action{{"op", "appendToTicket"},
                 {"key", key},
                 {"ticketId", ref.id ? OutJson(*ref.id) : OutJson(nullptr)},
                 {"comment", {{"body", "Agent note:\n" + call.note}, {"public", false}}}};
  if (!ref.id) action["ticketKey"] = ref.key;
  addUpdate(s, call, action, s.writes.size());
}

void sendReadyWrites(AdapterState& s) {
  // Updates of one ticket go in the order they were made: a later one waits while an earlier one is in flight or
  // waiting for its retry (a failed one does not hold the others back: it waits for the agent's Retry).
  std::set<std::string> busyTickets;
  for (auto& w : s.writes) {
    bool ordered = w.kind == "updateTicket";
    if (w.state == Write::State::InFlight && ordered) busyTickets.insert(w.url);
    if (w.state != Write::State::Queued) continue;
    bool ready = w.notBeforeMs <= s.nowMs && resolveWait(s, w);
    if (ordered && !busyTickets.insert(w.url).second) continue;
    if (ready) send(s, w);
  }
  s.writes.erase(
      std::remove_if(s.writes.begin(), s.writes.end(), [](const Write& w) { return w.state == Write::State::Done; }),
      s.writes.end());
}

void onWriteResponse(AdapterState& s, const PendingRequest& p, int status, const InJson& body,
                     std::optional<std::int64_t> retryAfterSec) {
  Write* w = writeWithKey(s, p.writeKey);
  if (!w) return;
  bool pop = w->kind == "popTicket" || w->kind == "popContact";
  if (status >= 200 && status < 300) {
    w->state = Write::State::Done;
    w->error.clear();
    if (w->kind == "createContact" || w->kind == "createTicket") created(s, *w, body);
    if (w->kind == "updateTicket" && body.is_object() && body.contains("ticket")) {
      if (auto t = ticketFromZendesk(body["ticket"])) s.directory.tickets[(*t)["id"].get<Id>()] = *t;
    }
  } else if (pop) {
    routeTo(s, *w);  // Talk Partner Edition could not pop it (not enabled, agent offline): open it here instead
    w->state = Write::State::Done;
  } else if (isRetryable(status)) {
    w->state = Write::State::Queued;
    w->notBeforeMs = s.nowMs + retryDelayMs(status, retryAfterSec, w->attempts);
    w->error = failureText(status, body);
    if (status == 429) setBanner(s, "RATE_LIMITED", "notice", OutJson{{"seconds", (w->notBeforeMs - s.nowMs) / 1000}});
  } else {
    w->state = Write::State::Failed;
    w->error = failureText(status, body);
    setBanner(s, "WRITE_FAILED", "error", OutJson{{"label", w->label}, {"error", w->error}});
  }
  sendReadyWrites(s);
  pumpSessions(s);
}

void retryFailedWrites(AdapterState& s) {
  for (auto& w : s.writes) {
    if (w.state == Write::State::Failed || w.state == Write::State::Queued) {
      w.state = Write::State::Queued;
      w.notBeforeMs = 0;
    }
  }
  s.banner = OutJson();
  sendReadyWrites(s);
}

bool createPendingFor(const AdapterState& s, const std::string& callId) {
  for (const auto& w : s.writes) {
    if (w.callId == callId && (w.kind == "createContact" || w.kind == "createTicket")) return true;
  }
  return false;
}

}  // namespace adapter::live
