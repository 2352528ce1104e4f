// The view the shim draws (docs/adapter-protocol.md "View"): everything the agent sees, already decided.
#include "adapter/domain_codec.h"
#include "adapter/iso_time.h"
#include "adapter/json_convert.h"
#include "adapter/outbound_codec.h"
#include "adapter/phone.h"
#include "adapter/session_codec.h"
#include "live/caller_card.h"
#include "live/flows.h"
#include "live_edge/edge.h"
#include "live_edge/fingerprint.h"
#include "live_edge/zendesk_api.h"
#include "out_json_put.h"

namespace adapter::live {
namespace {

using adapter::put;  // live/ has its own put() for the snapshot's InJson; the answers' is out_json_put.h's

// to[key] = from[key], out of line for the same reason as put() (out_json_put.h).
[[gnu::noinline]] void copyField(OutJson& to, const OutJson& from, const char* key) { to[key] = from[key]; }

OutJson ticketSummary(const AdapterState& s, Id id) {
  OutJson out = OutJson::object();
  put(out, "id", id);
  auto it = s.directory.tickets.find(id);
  if (it == s.directory.tickets.end()) {
    put(out, "subject", nullptr);
    put(out, "status", nullptr);
  } else {
    put(out, "subject", it->second.subject);
    put(out, "status", toString(it->second.status));
  }
  return out;
}

OutJson contactSummary(const AdapterState& s, Id id) {
  OutJson out = OutJson::object();
  put(out, "id", id);
  auto it = s.directory.contacts.find(id);
  put(out, "name", it == s.directory.contacts.end() ? OutJson(nullptr) : OutJson(it->second.name));
  return out;
}

const char* writeState(const Write& w) {
  if (w.state == Write::State::Failed) return "failed";
  if (w.state == Write::State::InFlight) return w.uncertain ? "checking" : "inFlight";
  return "pending";
}

// A call's record or note that is not a write yet (call_records.cpp), in the shape of a sync-list write.
OutJson callItem(const Call& c, const char* state, const char* error) {
  OutJson item = OutJson::object();
  put(item, "key", callRecordKey(c));
  put(item, "kind", std::string(state) == "draft" ? "callNote" : "callRecord");
  put(item, "label", "Call " + (c.phone.empty() ? c.id : c.phone));
  put(item, "labelCode", "CALL");
  OutJson params = OutJson::object();
  put(params, "number", c.phone.empty() ? c.id : c.phone);
  put(item, "labelParams", std::move(params));
  put(item, "state", state);
  put(item, "error", error ? OutJson(error) : OutJson(nullptr));
  put(item, "errorCode", error ? OutJson(error) : OutJson(nullptr));
  put(item, "errorParams", OutJson::object());
  put(item, "attempts", 0);
  put(item, "nextAttemptMs", nullptr);
  put(item, "text", c.note.empty() ? OutJson(nullptr) : OutJson(c.note));
  put(item, "batched", false);
  return item;
}

// Whether Zendesk has everything: what waits (and until when), what is being checked, what failed and why, with
// the text of each note so that nothing the agent wrote is out of sight while it is not in Zendesk.
OutJson syncView(const AdapterState& s) {
  OutJson writes = OutJson::array();
  int pending = 0, failed = 0;
  for (const auto& w : s.writes) {
    if (isPop(w)) continue;  // pops are not data the agent could lose
    (w.state == Write::State::Failed ? failed : pending)++;
    bool waiting = w.state == Write::State::Queued && w.notBeforeMs > s.nowMs;
    std::string text = commentText(w);
    OutJson item = OutJson::object();
    put(item, "key", w.keys.front());
    put(item, "kind", nameOf(kWriteKindNames, w.kind).data());  // the names are literals
    put(item, "label", w.label);
    WriteLabel label = writeLabel(w);
    put(item, "labelCode", label.code);
    put(item, "labelParams", encodeParams(label.params));
    put(item, "state", writeState(w));
    put(item, "error", w.error.empty() ? OutJson(nullptr) : OutJson(w.error));
    WriteError error = writeError(w);
    put(item, "errorCode", error.code ? OutJson(error.code) : OutJson(nullptr));
    put(item, "errorParams", encodeParams(error.params));
    put(item, "attempts", w.attempts);
    put(item, "nextAttemptMs", waiting ? OutJson(w.notBeforeMs) : OutJson(nullptr));
    put(item, "text", text.empty() ? OutJson(nullptr) : OutJson(text));
    put(item, "batched", w.batched && waiting);
    writes.push_back(std::move(item));
  }
  // A call whose record waits for Zendesk lookups has no write yet: it is listed (with its note) all the same. So
  // is a note typed during a call, until Done hands it to the outbox: it is not in Zendesk yet either.
  for (const auto& [id, c] : s.calls) {
    bool draft = !c.wrappedUp && !c.waiting && c.note.find_first_not_of(" \t\r\n") != std::string::npos;
    bool recordWaiting = callRecordWaiting(c);
    if (!recordWaiting && !draft) continue;
    bool lookupFailed = recordWaiting && callLookupState(s, c) == LookupState::Failed;
    (lookupFailed ? failed : pending)++;
    const char* state = lookupFailed ? "failed" : recordWaiting ? "waiting" : "draft";
    writes.push_back(callItem(c, state, lookupFailed ? "LOOKUP_FAILED" : nullptr));
  }
  bool paused = s.sendLog.pausedUntilMs > s.nowMs;
  OutJson out = OutJson::object();
  put(out, "state", failed > 0 ? "failed" : paused && pending > 0 ? "paused" : pending > 0 ? "pending" : "saved");
  put(out, "pending", pending);
  put(out, "failed", failed);
  put(out, "pausedUntilMs", paused ? OutJson(s.sendLog.pausedUntilMs) : OutJson(nullptr));
  put(out, "discarded", s.discardedWrites);
  put(out, "writes", std::move(writes));
  return out;
}

OutJson outboundView(const AdapterState& s) {
  const auto& o = *s.outbound;
  bool ready = outboundReady(s);
  bool lookupFailed = outboundLookupFailed(s);
  const char* lookupState = lookupFailed ? "failed" : ready ? "done" : "searching";
  bool offline = s.connectorState != ConnectorState::Online;
  OutJson view = OutJson::object();
  put(view, "source", wireName(kEntrySourceNames, o.source));
  // Why Call is disabled when the plan alone would allow it: the phone is offline, or Zendesk was not searched.
  put(view, "blockedBy", offline ? OutJson("connectorOffline") : lookupFailed ? OutJson("lookupFailed") : OutJson());
  put(view, "numberText", o.numberTyped ? o.numberText : o.entryNumber);
  if (!o.plan) {
    OutJson number = OutJson::object();
    put(number, "e164", nullptr);
    put(number, "display", std::string(kPhonePlaceholder));
    put(number, "isPlaceholder", true);
    put(number, "valid", false);
    put(view, "number", std::move(number));
    put(view, "canCall", false);
    put(view, "searching", !ready && !lookupFailed);
    put(view, "lookupState", lookupState);
    return view;
  }
  OutJson p = toJson(*o.plan);  // planOutbound's answer as the facade writes it: the view copies parts of it
  OutJson number = p["number"];
  number["valid"] = !number["e164"].is_null();
  view["number"] = number;
  view["searching"] = !ready && !lookupFailed;
  put(view, "lookupState", lookupState);
  copyField(view, p, "useEnteredNumber");
  copyField(view, p, "contact");
  OutJson ticket = OutJson::object();
  copyField(ticket, p["ticket"], "mode");
  copyField(ticket, p["ticket"], "required");
  copyField(ticket, p["ticket"], "selected");
  OutJson options = OutJson::array();
  for (const auto& value : p["ticket"]["options"]) {
    OutJson option = OutJson::object();
    put(option, "value", value);
    put(option, "subject", nullptr);
    put(option, "status", nullptr);
    put(option, "updatedAt", nullptr);
    for (const auto& t : p["ticket"].value("openTickets", OutJson::array())) {
      if (t["id"] == value) {
        copyField(option, t, "subject");
        copyField(option, t, "status");
        copyField(option, t, "updatedAt");
      }
    }
    options.push_back(option);
  }
  ticket["options"] = options;
  ticket["ticketIdText"] = p["ticket"].contains("ticketId") ? p["ticket"]["ticketId"] : OutJson(o.ticketIdText);
  ticket["checking"] = !ready && o.plan->ticket.mode == "idEntry";
  view["ticket"] = ticket;
  copyField(view, p, "errors");
  copyField(view, p, "warnings");
  view["canCall"] = o.plan->canCall && ready && !offline;
  copyField(view, p, "decision");
  return view;
}

// displayPhone of a call's number, kept while the adapter lives (D321): the view is redrawn on most events and
// formats every call's number (waiting and held ones too), and the formatting runs the numbering plan's patterns.
const std::string& displayed(const AdapterState& s, const std::string& phone) {
  auto it = s.phoneDisplays.find(phone);
  if (it != s.phoneDisplays.end()) return it->second;
  if (s.phoneDisplays.size() >= 64) s.phoneDisplays.clear();  // bounded: a session's numbers are few
  return s.phoneDisplays.emplace(phone, displayPhone(phone)).first->second;
}

// A call's number as the view shows it: E.164 and its display form, or the connector's text when not a number.
OutJson phoneNumber(const AdapterState& s, const std::string& phone) {
  bool e164 = phone.rfind('+', 0) == 0;
  OutJson number = OutJson::object();
  put(number, "e164", e164 ? OutJson(phone) : OutJson(nullptr));
  put(number, "display", e164 ? displayed(s, phone) : phone);
  return number;
}
OutJson callNumber(const AdapterState& s, const Call& c) { return phoneNumber(s, c.phone); }

OutJson callView(const AdapterState& s, const Call& c) {
  OutJson number = callNumber(s, c);
  put(number, "extension", c.extension.empty() ? OutJson(nullptr) : OutJson(c.extension));  // dialled after connect
  OutJson contact = nullptr;
  if (c.contactId) {
    contact = contactSummary(s, *c.contactId);
  } else if (c.lookup && c.lookup->contactId) {
    contact = contactSummary(s, *c.lookup->contactId);
  }
  OutJson options = OutJson::array();
  if (!c.contactId) {
    for (Id id : c.contactOptions) options.push_back(contactSummary(s, id));
  }
  OutJson flags = OutJson::array();
  for (const auto& f : c.flags) flags.push_back(f.code);
  bool connected = c.state == CallState::Connected;
  OutJson view = OutJson::object();
  put(view, "id", c.id);
  put(view, "direction", wireName(kDirectionNames, c.direction));
  put(view, "state", wireName(kCallStateNames, c.state));
  put(view, "held", c.held);
  put(view, "muted", c.muted);
  put(view, "number", std::move(number));
  put(view, "contact", std::move(contact));
  put(view, "contactOptions", std::move(options));
  put(view, "flags", std::move(flags));
  put(view, "ticket", c.ticketId ? ticketSummary(s, *c.ticketId) : OutJson(nullptr));
  // "Unknown caller" / "No ticket" only once Zendesk answered; before that "looking up", or failed with Retry.
  put(view, "lookupState", wireName(kLookupStateNames, callLookupState(s, c)));
  put(view, "recordWaiting", callRecordWaiting(c));
  put(view, "lookup", c.lookup ? toJson(*c.lookup) : OutJson(nullptr));
  put(view, "decision", c.decision ? toJson(*c.decision) : OutJson(nullptr));
  put(view, "queueName", c.queueName);
  put(view, "menuPath", c.menuPath);
  put(view, "language", c.language);
  // A voicemail session is offered as a voicemail ("Take voicemail"), not as a live call (issue 18 item 3, TR-5).
  put(view, "sessionType", std::string(nameOf(kSessionTypeNames, c.sessionType)));
  put(view, "startedAtMs", c.startedAtMs);
  put(view, "connectedAtMs", c.connectedAtMs > 0 ? OutJson(c.connectedAtMs) : OutJson(nullptr));
  put(view, "endedAtMs", c.endedAtMs > 0 ? OutJson(c.endedAtMs) : OutJson(nullptr));
  put(view, "durationSec", c.durationSec);
  // How the call ended (completed, no_answer, failed, abandoned, voicemail, transferred): the wrap-up says it.
  put(view, "endReason", c.endReason.empty() ? OutJson(nullptr) : OutJson(c.endReason));
  put(view, "note", c.note);
  OutJson can = OutJson::object();
  bool ringing = c.state == CallState::Ringing;
  put(can, "answer", ringing);
  put(can, "decline", ringing);
  put(can, "hangUp", c.state == CallState::Dialing || connected);
  put(can, "hold", connected);
  put(can, "mute", connected);
  put(can, "transfer", connected);
  // TR-8 (D445): connected, "hang up and call back"; in the wrap-up, "call back". Only with a number to call.
  bool callable = c.phone.rfind('+', 0) == 0;
  put(can, "callBack", callable && (connected || (c.state == CallState::Ended && !c.wrappedUp)));
  put(view, "can", std::move(can));
  // D370: the admin's wrap-up codes and the one chosen; absent when the admin listed none.
  if (!s.config.wrapUpCodes.empty()) {
    OutJson codes = OutJson::array();
    for (const auto& code : s.config.wrapUpCodes) codes.push_back(code);
    OutJson wrapUp = OutJson::object();
    put(wrapUp, "codes", std::move(codes));
    put(wrapUp, "required", s.config.wrapUpCodeRequired);
    put(wrapUp, "chosen", c.wrapUpCode.empty() ? OutJson(nullptr) : OutJson(c.wrapUpCode));
    put(view, "wrapUp", std::move(wrapUp));
  }
  // D354: the caller's other recent tickets on the card; absent while none is known, so a call without them reads
  // as before.
  OutJson recent = OutJson::array();
  for (const Ticket* t : callerRecentTickets(s, c)) {
    OutJson item = ticketSummary(s, t->id);
    put(item, "updatedAt", t->updatedAt ? OutJson(formatIsoTime(*t->updatedAt)) : OutJson(nullptr));
    recent.push_back(std::move(item));
  }
  if (!recent.empty()) put(view, "recentTickets", std::move(recent));
  // D341: the transfer directory and the consult leg; absent without a directory, queues or consult.
  if (OutJson transfer = transferView(s, c); !transfer.is_null()) put(view, "transfer", std::move(transfer));
  return view;
}

// Who a waiting call is from, before the rules ran for it: the one contact with its number, if exactly one.
OutJson waitingContact(const AdapterState& s, const Call& c) {
  auto found = s.directory.contactsByNumber.find(c.phone);
  if (found == s.directory.contactsByNumber.end() || found->second.size() != 1) return nullptr;
  return contactSummary(s, found->second.front());
}

// Calls beside the one shown: waiting (ringing while the agent is busy: answer or decline) and held ones (switch).
OutJson otherCalls(const AdapterState& s) {
  OutJson list = OutJson::array();
  for (const auto& [id, c] : s.calls) {
    if (id == s.activeCallId || c.state == CallState::Ended || (!c.waiting && c.state == CallState::Ringing)) continue;
    OutJson item = OutJson::object();
    put(item, "id", c.id);
    put(item, "kind", c.waiting ? "waiting" : "held");
    put(item, "state", wireName(kCallStateNames, c.state));
    put(item, "held", c.held);
    put(item, "number", callNumber(s, c));
    put(item, "contact", c.contactId ? contactSummary(s, *c.contactId) : waitingContact(s, c));
    put(item, "queueName", c.queueName);
    put(item, "sessionType", std::string(nameOf(kSessionTypeNames, c.sessionType)));
    list.push_back(std::move(item));
  }
  return list;
}

// The home screen's recent calls (console.h), newest first.
OutJson recentCallsView(const AdapterState& s) {
  OutJson list = OutJson::array();
  for (const auto& r : s.recentCalls) {
    OutJson contact = nullptr;
    if (r.contactId) {
      contact = OutJson::object();
      put(contact, "id", *r.contactId);
      put(contact, "name", r.contactName.empty() ? OutJson(nullptr) : OutJson(r.contactName));
    }
    OutJson ticket = nullptr;
    if (r.ticketId) {
      ticket = OutJson::object();
      put(ticket, "id", *r.ticketId);
      put(ticket, "subject", r.ticketSubject.empty() ? OutJson(nullptr) : OutJson(r.ticketSubject));
    }
    OutJson item = OutJson::object();
    put(item, "callId", r.callId);
    put(item, "kind", wireName(kRecentKindNames, r.kind));
    put(item, "number", phoneNumber(s, r.phone));
    put(item, "contact", std::move(contact));
    put(item, "ticket", std::move(ticket));
    put(item, "atMs", r.atMs);
    put(item, "durationSec", r.durationSec);
    put(item, "handled", r.handled);
    list.push_back(std::move(item));
  }
  return list;
}

// The view's fields in their order, each built by its own function and given to a sink: buildView's sink puts them
// in one object, the answer's (viewTextByParts) prints each and reuses the text of a part whose fingerprint did not
// move (D401). `part` is the field's ViewPart, or kViewParts for the small ones printed on every redraw.
template <typename Sink>
void viewFields(Sink& out, const AdapterState& s) {
  out("screen", kViewParts, [&] { return OutJson(wireName(kScreenNames, s.screen)); });
  out("ready", kViewParts, [&] { return OutJson(s.registered); });
  out("agent", kViewParts, [&] {
    OutJson agent = OutJson::object();
    put(agent, "id", s.agent.id);
    put(agent, "name", s.agent.name);
    return agent;
  });
  out("connector", kViewParts, [&] {
    OutJson connector = OutJson::object();
    put(connector, "name", s.connectorName);
    put(connector, "state", wireName(kConnectorStateNames, s.connectorState));
    return connector;
  });
  out("settingsProblems", kViewParts, [&] {
    OutJson problems = OutJson::array();
    for (const auto& p : s.config.problems) {
      OutJson problem = OutJson::object();
      put(problem, "setting", p.setting);
      put(problem, "code", "SETTING_INVALID");
      put(problem, "message", p.message);
      problems.push_back(std::move(problem));
    }
    return problems;
  });
  out("banner", kViewParts, [&] { return encodeBanner(s.banner); });
  out("sync", kSyncPart, [&] { return syncView(s); });
  out("outbound", kOutboundPart,
      [&] { return s.outbound && s.screen == Screen::Outbound ? outboundView(s) : OutJson(nullptr); });
  out("call", kCallPart, [&] {
    auto it = s.calls.find(s.activeCallId);
    return it != s.calls.end() ? callView(s, it->second) : OutJson(nullptr);
  });
  out("otherCalls", kOtherCallsPart, [&] { return otherCalls(s); });
  out("agentStatus", kViewParts, [&] {
    OutJson status = OutJson::object();
    put(status, "chosen", wireName(kAgentStatusNames, s.agentStatus));
    put(status, "current", currentStatus(s));
    return status;
  });
  out("recentCalls", kRecentCallsPart, [&] { return recentCallsView(s); });
}

struct ViewJsonSink {
  OutJson view = OutJson::object();
  template <typename Build>
  void operator()(const char* key, ViewPart, Build build) {
    put(view, key, build());
  }
};

struct ViewTextSink {
  const ViewPrints& prints;
  std::vector<std::pair<std::uint64_t, std::string>>& kept;  // each part's print and text, as last drawn
  std::string text = "{";
  template <typename Build>
  void operator()(const char* key, ViewPart part, Build build) {
    if (text.size() > 1) text += ',';
    text += '"';
    text += key;  // the field names are plain ASCII: printed as they are
    text += "\":";
    if (part == kViewParts) {
      text += dumpResponse(build());
      return;
    }
    auto& [print, printed] = kept[part];
    if (printed.empty() || print != prints.parts[part]) {
      printed = dumpResponse(build());
      print = prints.parts[part];
    }
    text += printed;
  }
};

}  // namespace

OutJson buildView(const AdapterState& s) {
  ViewJsonSink out;
  viewFields(out, s);
  return std::move(out.view);
}

std::string viewTextByParts(AdapterState& s, const ViewPrints& prints) {
  s.viewParts.resize(kViewParts);
  ViewTextSink out{prints, s.viewParts};
  viewFields(out, s);
  out.text += '}';
  return std::move(out.text);
}

// What the view is drawn from, as a fingerprint (D255): everything buildView and the functions above read, with
// the clock only as the comparisons the view makes with it (a write waiting, the sync paused), so that a tick that
// changes nothing on screen redraws nothing. A value added to the view must be added here; the native build's check
// after every answer (effect_encoder.cpp) fails a test that shows the view changed while its fingerprint did not.
namespace {

void addParams(Fingerprint& f, const Params& params) {
  f.mix(params.size());
  for (const auto& p : params) {
    f.add(p.name);
    f.mix(p.value.index());
    if (const auto* text = std::get_if<std::string>(&p.value)) f.add(*text);
    if (const auto* number = std::get_if<std::int64_t>(&p.value)) f.add(*number);
    if (const auto* nested = std::get_if<Params>(&p.value)) addParams(f, *nested);
  }
}

void addContact(Fingerprint& f, const AdapterState& s, Id id) {
  f.add(id);
  auto it = s.directory.contacts.find(id);
  f.add(it != s.directory.contacts.end());
  if (it != s.directory.contacts.end()) f.add(it->second.name);
}

// `print`: the call's record print (every member, RecordPrints, D400); what the view reads besides the call itself
// is added here.
void addCall(Fingerprint& f, const AdapterState& s, const Call& c, std::uint64_t print) {
  f.mix(print);
  f.add(static_cast<int>(callLookupState(s, c)));
  // The Zendesk records it shows: its contact (chosen or found), the contacts to choose from, the ticket, and for
  // a waiting call the one contact with its number.
  if (c.contactId) addContact(f, s, *c.contactId);
  if (c.lookup && c.lookup->contactId) addContact(f, s, *c.lookup->contactId);
  for (Id id : c.contactOptions) addContact(f, s, id);
  if (c.ticketId) {
    auto it = s.directory.tickets.find(*c.ticketId);
    f.add(it != s.directory.tickets.end());
    if (it != s.directory.tickets.end()) {
      f.add(it->second.subject);
      f.add(static_cast<int>(it->second.status));
    }
  }
  auto recent = callerRecentTickets(s, c);  // D354: the card's recent tickets, as the view writes them
  f.mix(recent.size());
  for (const Ticket* t : recent) {
    f.add(t->id);
    f.add(t->subject);
    f.add(static_cast<int>(t->status));
    f.add(t->updatedAt);
  }
  auto byNumber = s.directory.contactsByNumber.find(c.phone);
  f.add(byNumber != s.directory.contactsByNumber.end());
  if (byNumber != s.directory.contactsByNumber.end()) {
    f.mix(byNumber->second.size());
    if (byNumber->second.size() == 1) addContact(f, s, byNumber->second.front());
  }
}

// `print`: the write's record print (every member, RecordPrints, D400), and the clock as the view compares it.
void addWrite(Fingerprint& f, const AdapterState& s, const Write& w, std::uint64_t print) {
  f.mix(print);
  f.add(w.notBeforeMs > s.nowMs);
}

void addOutbound(Fingerprint& f, const AdapterState& s, const Outbound& o) {
  f.add(static_cast<int>(o.source));
  f.add(o.entryNumber);
  f.add(o.entryContactId);
  f.add(o.entryTicketId);
  f.add(o.numberText);
  f.add(o.numberTyped);
  f.add(o.contactId);
  f.add(o.ticketChoice.has_value());
  if (o.ticketChoice) {
    f.add(static_cast<int>(o.ticketChoice->kind));
    f.add(o.ticketChoice->id);
  }
  f.add(o.choicesFor);
  f.add(o.choiceContact);
  f.add(o.useEnteredNumber);
  f.add(o.ticketIdText);
  f.add(o.lookUpDueMs);
  // planOutbound's answer, as the view reads it (toJson below): encoded only while the outbound view is shown
  f.add(o.plan ? toJson(*o.plan) : OutJson());
  f.add(outboundReady(s));
  f.add(outboundLookupFailed(s));
}

}  // namespace

ViewPrints viewPrints(const AdapterState& s, const RecordPrints& prints) {
  // What every part may read of the adapter's own facts (cheap; a part that reads one of them is redrawn with it).
  Fingerprint common;
  common.add(static_cast<int>(s.screen));
  common.add(s.registered);
  common.add(s.agent.id);
  common.add(s.agent.name);
  common.add(s.connectorName);
  common.add(static_cast<int>(s.connectorState));
  common.add(s.activeCallId);
  auto part = [&common] {
    Fingerprint f;
    f.mix(common.value());
    return f;
  };
  // Each call as the view reads it: its record print and the Zendesk records and states it shows.
  std::vector<std::uint64_t> calls;
  calls.reserve(s.calls.size());
  std::size_t i = 0;
  for (const auto& [id, c] : s.calls) {
    Fingerprint f;
    addCall(f, s, c, prints.calls[i++]);
    calls.push_back(f.value());
  }
  ViewPrints out;
  Fingerprint sync = part();
  sync.add(s.discardedWrites);
  sync.add(s.sendLog.pausedUntilMs);
  sync.add(s.sendLog.pausedUntilMs > s.nowMs);
  sync.mix(s.writes.size());
  i = 0;
  for (const auto& w : s.writes) addWrite(sync, s, w, prints.writes[i++]);
  sync.mix(calls.size());
  for (std::uint64_t c : calls) sync.mix(c);
  out.parts[kSyncPart] = sync.value();
  Fingerprint outbound = part();
  outbound.add(s.outbound.has_value());
  if (s.outbound && s.screen == Screen::Outbound) addOutbound(outbound, s, *s.outbound);
  out.parts[kOutboundPart] = outbound.value();
  Fingerprint call = part();
  auto active = s.calls.find(s.activeCallId);
  call.add(active != s.calls.end());
  if (active != s.calls.end()) call.mix(calls[static_cast<std::size_t>(std::distance(s.calls.begin(), active))]);
  call.add(s.config.wrapUpCodes);  // D370: every call's view shows them
  call.add(s.config.wrapUpCodeRequired);
  addTransfer(call, s);
  out.parts[kCallPart] = call.value();
  Fingerprint others = part();
  others.mix(calls.size());
  for (std::uint64_t c : calls) others.mix(c);
  out.parts[kOtherCallsPart] = others.value();
  Fingerprint recent = part();
  recent.mix(prints.recentCalls);  // every member of every recent call, as the snapshot prints them
  out.parts[kRecentCallsPart] = recent.value();
  // The whole view: the parts and the small fields printed on every redraw.
  Fingerprint f;
  for (std::uint64_t p : out.parts) f.mix(p);
  f.mix(s.config.problems.size());
  for (const auto& p : s.config.problems) {
    f.add(p.setting);
    f.add(p.message);
  }
  f.add(s.banner.has_value());
  if (s.banner) {
    f.add(s.banner->code);
    f.add(static_cast<int>(s.banner->kind));
    addParams(f, s.banner->params);
  }
  f.add(static_cast<int>(s.agentStatus));
  out.whole = f.value();
  return out;
}

}  // namespace adapter::live
