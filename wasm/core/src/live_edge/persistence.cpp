// What must survive a reload of the Zendesk tab: the writes not yet confirmed by Zendesk, the ids creates gave,
// the keys already written (so a replay after reload writes nothing twice), the calls in progress with the
// agent's note and the call's facts (timings, the rules' decision, the transfer), and the few Zendesk records those
// calls show (caller, contact options, ticket). The shim stores the snapshot (persist effect) and hands it back
// (restore event).
#include "adapter/domain_codec.h"
#include "adapter/json_convert.h"
#include "adapter/outbound_codec.h"
#include "adapter/session_codec.h"
#include "live/flows.h"
#include "live_edge/edge.h"
#include "live_edge/fingerprint.h"
#include "live_edge/zendesk_api.h"
#include "text_budgets.h"

namespace adapter::live {
namespace {

constexpr int kSnapshotVersion = 1;

const char* stateName(Write::State st) {
  switch (st) {
    case Write::State::InFlight: return "inFlight";
    case Write::State::Failed: return "failed";
    default: return "queued";
  }
}

// Objects are built one out-of-line put() per field, not as InJson{{"key", value}, ...}: the initializer-list form
// expands, for every field, into inline construction and exception-cleanup code, several KB of WebAssembly per
// builder (the size budget, wasm/bindings/CMakeLists.txt). InJson sorts its keys: the output is the same.
[[gnu::noinline]] void put(InJson& o, const char* key, InJson&& value) { o[key] = std::move(value); }
[[gnu::noinline]] void put(InJson& o, const char* key, const InJson& value) { o[key] = value; }
[[gnu::noinline]] void put(InJson& o, const char* key, const std::string& value) { o[key] = value; }
[[gnu::noinline]] void put(InJson& o, const char* key, std::string_view value) { o[key] = std::string(value); }
[[gnu::noinline]] void put(InJson& o, const char* key, const char* value) { o[key] = value; }
[[gnu::noinline]] void put(InJson& o, const char* key, std::int64_t value) { o[key] = value; }
[[gnu::noinline]] void put(InJson& o, const char* key, int value) { o[key] = value; }
[[gnu::noinline]] void put(InJson& o, const char* key, bool value) { o[key] = value; }
[[gnu::noinline]] void put(InJson& o, const char* key, const std::optional<Id>& id) {
  o[key] = id ? InJson(*id) : InJson(nullptr);
}
[[gnu::noinline]] void put(InJson& o, const char* key, const std::vector<std::string>& value) { o[key] = value; }
[[gnu::noinline]] void put(InJson& o, const char* key, const std::vector<std::int64_t>& value) { o[key] = value; }
[[gnu::noinline]] void put(InJson& o, const char* key, const std::set<std::string>& value) { o[key] = value; }
[[gnu::noinline]] void put(InJson& o, const char* key, const std::map<std::string, Id>& value) {
  InJson out = InJson::object();
  for (const auto& [k, id] : value) out[k] = id;
  o[key] = std::move(out);
}
[[gnu::noinline]] void put(InJson& o, const char* key, const std::optional<OutboundPlanRef>& plan) {
  o[key] = plan ? toInJson(toJson(*plan)) : InJson(nullptr);  // the plan's one wire shape (outbound_codec)
}
[[gnu::noinline]] void put(InJson& o, const char* key, const std::optional<LookupView>& lookup) {
  o[key] = lookup ? toInJson(toJson(*lookup)) : InJson(nullptr);
}
[[gnu::noinline]] void put(InJson& o, const char* key, const std::optional<Decision>& decision) {
  o[key] = decision ? toInJson(toJson(*decision)) : InJson(nullptr);
}
[[gnu::noinline]] void put(InJson& o, const char* key, const std::vector<SessionEvent>& events) {
  InJson out = InJson::array();
  for (SessionEvent e : events) out.push_back(std::string(nameOf(kSessionEventNames, e)));
  o[key] = std::move(out);
}
[[gnu::noinline]] void put(InJson& o, const char* key, const std::map<Id, std::vector<Millis>>& value) {
  InJson out = InJson::object();
  for (const auto& [ticket, times] : value) out[std::to_string(ticket)] = times;  // JSON keys are text
  o[key] = std::move(out);
}

// The persisted fields are listed once (snapshotFields and the lists it calls) and read by two sinks: JsonFields
// writes the snapshot, FingerprintFields hashes the same values (D255). A field added to a list is in both, so the
// fingerprint that decides whether the snapshot is rebuilt cannot leave it out.
struct JsonFields {
  InJson json = InJson::object();
  template <typename T>
  void operator()(const char* key, const T& value) {
    put(json, key, value);
  }
  template <typename Items, typename Each, typename Print>
  void list(const char* key, const Items& items, Each each, Print) {
    InJson array = InJson::array();
    for (const auto& item : items) {
      JsonFields fields;
      each(fields, item);
      array.push_back(std::move(fields.json));
    }
    put(json, key, std::move(array));
  }
  template <typename Each>
  void object(const char* key, Each each) {
    JsonFields fields;
    each(fields);
    put(json, key, std::move(fields.json));
  }
};

// Typed prints (D350): the records hashed field by field, not encoded to JSON first to be hashed. Each covers every
// member of its struct (a superset of what the JSON prints: a member the JSON leaves out only costs a reprint);
// the Debug check of D255 (effect_encoder.cpp) fails a test when one misses a value the snapshot prints.
void print(Fingerprint& p, const OutboundPlanRef& plan) {
  p.add(plan.action);
  p.add(plan.ticketId);
  p.add(plan.contactId);
  p.add(plan.createContact);
  p.add(plan.noteDialedNumber);
  p.add(plan.dial);
  p.add(plan.extension);
}
void print(Fingerprint& p, const LookupView& lookup) {
  p.add(lookup.matches);
  p.add(lookup.contactId);
  p.add(lookup.contactName);
  p.add(lookup.latestUnsolvedTicketId);
  p.add(lookup.latestUnsolvedStatus);
  p.add(lookup.latestUnsolvedSubject);
}
void print(Fingerprint& p, const Decision& decision) {
  p.add(decision.rule);
  p.add(decision.reason);
  p.add(decision.code);
  p.mix(decision.params.size());
  for (const auto& [name, value] : decision.params) {
    p.add(name);
    p.add(value);
  }
}
template <typename T>
void print(Fingerprint& p, const std::optional<T>& value) {
  p.add(value.has_value());
  if (value) print(p, *value);
}

// The directory's and the recent calls' fields as values of their own (D400): the JSON sink builds them, the print
// sink hashes the typed records they are built from, so an answer builds no JSON only to learn that they are as
// they were.
struct SnapshotDirectory {
  const AdapterState& s;
};
struct SnapshotRecentCalls {
  const AdapterState& s;
};
InJson directorySnapshot(const AdapterState& s);
InJson recentCallsSnapshot(const AdapterState& s);
[[gnu::noinline]] void put(InJson& o, const char* key, const SnapshotDirectory& d) { o[key] = directorySnapshot(d.s); }
[[gnu::noinline]] void put(InJson& o, const char* key, const SnapshotRecentCalls& r) {
  o[key] = recentCallsSnapshot(r.s);
}

// The Zendesk records the live calls show (directorySnapshot): their callers, the contacts to choose among, their
// tickets.
void directoryIds(const AdapterState& s, std::set<Id>& contactIds, std::set<Id>& ticketIds) {
  for (const auto& [id, c] : s.calls) {
    if (c.contactId) contactIds.insert(*c.contactId);
    if (c.lookup && c.lookup->contactId) contactIds.insert(*c.lookup->contactId);
    contactIds.insert(c.contactOptions.begin(), c.contactOptions.end());
    if (c.ticketId) ticketIds.insert(*c.ticketId);
  }
}

void printDirectory(Fingerprint& p, const AdapterState& s) {
  std::set<Id> contactIds, ticketIds;
  directoryIds(s, contactIds, ticketIds);
  for (Id id : contactIds) {
    auto it = s.directory.contacts.find(id);
    p.add(id);
    p.add(it != s.directory.contacts.end());
    if (it == s.directory.contacts.end()) continue;
    const Contact& c = it->second;
    p.add(c.id);
    p.add(c.name);
    p.add(c.phones);
    p.add(c.createdAt);
  }
  p.mix(0xD1);
  for (Id id : ticketIds) {
    auto it = s.directory.tickets.find(id);
    p.add(id);
    p.add(it != s.directory.tickets.end());
    if (it == s.directory.tickets.end()) continue;
    const Ticket& t = it->second;
    p.add(t.id);
    p.add(t.requesterId);
    p.add(static_cast<int>(t.status));
    p.add(t.createdAt);
    p.add(t.updatedAt);
    p.add(t.subject);
    p.add(t.tags);
    p.mix(t.customFields.size());
    for (const CustomField& f : t.customFields) {
      p.add(f.id);
      p.add(f.text);
    }
    p.add(t.mergedIntoId);
    auto assignee = s.directory.assignees.find(id);
    p.add(assignee != s.directory.assignees.end());
    if (assignee != s.directory.assignees.end()) p.add(assignee->second);
  }
}

void printRecentCalls(Fingerprint& p, const AdapterState& s) {
  p.mix(s.recentCalls.size());
  for (const RecentCall& r : s.recentCalls) {
    p.add(r.callId);
    p.add(static_cast<int>(r.kind));
    p.add(r.phone);
    p.add(r.contactId);
    p.add(r.ticketId);
    p.add(r.contactName);
    p.add(r.ticketSubject);
    p.add(r.atMs);
    p.add(r.durationSec);
    p.add(r.handled);
  }
}
#if defined(__GLIBCXX__) && __SIZEOF_POINTER__ == 8
// As for Write below: a member added to these records must be printed above too, or a change to it alone would
// leave the snapshot unsaved (one ABI, 64-bit libstdc++).
static_assert(sizeof(Contact) == 80 && sizeof(Ticket) == 152 && sizeof(CustomField) == 48,
              "a Contact or Ticket member is missing from printDirectory");
static_assert(sizeof(RecentCall) == 192, "a RecentCall member is missing from printRecentCalls");
#endif

// A write: every member, and the agent id its request is made with (zendesk::writeRequest reads only these).
void printWrite(Fingerprint& p, const Write& w, Id agentId) {
  p.add(agentId);
  p.add(w.keys);
  p.add(static_cast<int>(w.kind));
  p.add(w.label);
  p.add(w.callId);
  p.add(w.user.name);
  p.add(w.user.phone);
  p.add(w.user.externalId);
  const TicketChanges& t = w.ticket;
  p.add(t.subject);
  p.add(t.comment.has_value());
  if (t.comment) {
    p.add(t.comment->body);
    p.add(t.comment->isPublic);
  }
  p.add(t.tags);
  p.add(t.requesterId);
  p.add(t.assigneeId);
  p.add(t.customFields.has_value());
  if (t.customFields) {
    p.mix(t.customFields->size());
    for (const FieldValue& f : *t.customFields) {
      p.add(f.id);
      p.add(f.value);
    }
  }
  p.add(t.status);
  p.add(t.viaId);
  p.add(t.voice.has_value());
  if (t.voice) {
    p.add(t.voice->startedAtMs);
    p.add(t.voice->durationSec);
    p.add(t.voice->from);
    p.add(t.voice->to);
    p.add(t.voice->answeredById);
    p.add(t.voice->recordingUrl);
  }
  p.add(w.displayToAgent);
  if (w.kind == WriteKind::CreateCall) {  // TPE's call record (D421)
    const CallRecord& c = w.call;
    p.add(c.appId);
    p.add(c.fromLine);
    p.add(c.toLine);
    p.add(c.startedAtMs);
    p.add(c.endedAtMs);
    p.add(static_cast<int>(c.direction));
    p.add(c.completed);
    p.add(c.agentId);
    p.add(c.disposition);
  }
  p.add(w.waitsFor);
  p.add(w.targetId);
  p.add(static_cast<int>(w.state));
  p.add(w.error);
  p.add(w.attempts);
  p.add(w.notBeforeMs);
  p.add(w.uncertain);
  p.add(w.sentAtMs);
  p.add(w.keyUntilMs);
  p.add(w.batched);
}
#if defined(__GLIBCXX__) && __SIZEOF_POINTER__ == 8
// A member added to Write or TicketChanges must be added to printWrite too (else a change to it alone would leave
// the snapshot unsaved): these sizes change with it and stop the build here. Checked on one ABI (64-bit libstdc++).
// Left out on purpose, as they are not persisted: externalIdTaken (D439) and TR-9's merge check (D444).
static_assert(sizeof(Write) == 840 && sizeof(TicketChanges) == 352, "a Write member is missing from printWrite");
#endif

struct FingerprintFields {
  Fingerprint& print;
  // A field's name by its literal's address, not its text (D367): the names are literals of this file, so one
  // address is one name for the life of the process, as long as the parts cache it keys; hashing ~45 names'
  // text for every call on every answer cost more than the call's values.
  void name(const char* key) { print.mix(reinterpret_cast<std::uintptr_t>(key)); }
  template <typename T>
  void operator()(const char* key, const T& value) {
    name(key);
    print.add(value);
  }
  void operator()(const char* key, const std::vector<SessionEvent>& events) {
    name(key);
    print.mix(events.size());
    for (SessionEvent e : events) print.mix(static_cast<std::uint64_t>(e));
  }
  void operator()(const char* key, const SnapshotDirectory& directory) {
    name(key);
    printDirectory(print, directory.s);
  }
  void operator()(const char* key, const SnapshotRecentCalls& recent) {
    name(key);
    printRecentCalls(print, recent.s);
  }
  template <typename T>
  void operator()(const char* key, const std::optional<T>& value) {
    name(key);
    if constexpr (std::is_same_v<T, OutboundPlanRef> || std::is_same_v<T, LookupView> || std::is_same_v<T, Decision>) {
      live::print(print, value);
    } else {
      print.add(value);
    }
  }
  template <typename Items, typename Each, typename Print>
  void list(const char* key, const Items& items, Each, Print printItem) {
    name(key);
    print.mix(items.size());
    for (const auto& item : items) {
      print.mix(0x17E);  // each item's start: its fields do not run into the next item's
      printItem(print, item);
    }
  }
  template <typename Each>
  void object(const char* key, Each each) {
    name(key);
    each(*this);
    print.mix(0x0B7);
  }
};

// The third sink: each top-level field, and each item of a list, printed on its own and kept by its fingerprint
// (D320). Most events change one part of the snapshot (a request in the send log, a write's state, one call): the
// others are reused as printed. The fields are joined in InJson's sorted key order, so the text is the whole
// object's dump, byte for byte (the native build compares it with snapshotText after every answer).
struct PartFields {
  std::map<std::uint64_t, std::string>& kept;  // the last snapshot's parts
  std::map<std::uint64_t, std::string> used;   // this snapshot's: what the next one can reuse
  std::map<std::string, std::string> fields;   // key -> its value's text, sorted as InJson sorts its keys

  template <typename Print>
  const std::string& part(std::uint64_t print, Print printed) {
    auto it = used.find(print);
    if (it != used.end()) return it->second;
    auto old = kept.find(print);
    std::string text = old != kept.end() ? std::move(old->second) : printed();
    return used.emplace(print, std::move(text)).first->second;
  }
  template <typename T>
  void operator()(const char* key, const T& value) {
    Fingerprint print;
    FingerprintFields{print}(key, value);
    fields[key] = part(print.value(), [&] {
      JsonFields json;
      json(key, value);
      return dumped(json.json[key]);
    });
  }
  template <typename Items, typename Each, typename Print>
  void list(const char* key, const Items& items, Each each, Print printItem) {
    std::string& out = fields[key] = "[";
    for (const auto& item : items) {
      Fingerprint print;
      FingerprintFields{print}.name(key);
      printItem(print, item);
      if (out.size() > 1) out += ',';
      out += part(print.value(), [&] {
        JsonFields json;
        each(json, item);
        return dumped(json.json);
      });
    }
    out += ']';
  }
  template <typename Each>
  void object(const char* key, Each each) {
    Fingerprint print;
    FingerprintFields{print}.object(key, each);
    fields[key] = part(print.value(), [&] {
      JsonFields json;
      each(json);
      return dumped(json.json);
    });
  }
  // Printed as answers are (invalid UTF-8 replaced, never thrown on): a throw here refuses the whole event, so a
  // caller's text that the core cut badly would lose the call it came with.
  static std::string dumped(const InJson& json) { return json.dump(-1, ' ', false, InJson::error_handler_t::replace); }
};

template <typename Fields>
void callFields(Fields& out, const Call& c) {
  out("id", c.id);
  out("direction", nameOf(kDirectionNames, c.direction));
  out("sessionType", nameOf(kSessionTypeNames, c.sessionType));
  out("state", nameOf(kCallStateNames, c.state));
  out("phone", c.phone);
  out("dnis", c.dnis);
  out("menuPath", c.menuPath);
  out("queueId", c.queueId);
  out("queueName", c.queueName);
  out("language", c.language);
  out("attributes", c.attributes);
  out("startedAtMs", c.startedAtMs);
  out("connectedAtMs", c.connectedAtMs);
  out("wasConnected", c.wasConnected);
  out("ticketId", c.ticketId);
  out("contactId", c.contactId);
  out("plan", c.plan);
  out("note", c.note);
  out("events", c.events);
  out("wrappedUp", c.wrappedUp);
  if (!c.wrapUpCode.empty()) out("wrapUpCode", c.wrapUpCode);  // only when chosen: older snapshots stay as they were
  out("popped", c.popped);
  out("waiting", c.waiting);
  // The consult leg (D431) and a consult call from another agent (D430), only when there is one: a snapshot
  // without them reads as before.
  if (c.consult) {
    out("consultTarget", c.consult->target);
    out("consultState", nameOf(kConsultStateNames, c.consult->state));
  }
  if (c.consultLeg) out("consultLeg", true);
  out("dialConfirmed", c.dialConfirmed);
  out("dialDeadlineMs", c.dialDeadlineMs);
  // The call's facts: what the wrap-up shows and the end-of-call record needs (SF-2, TR-10, TR-11, IN-1).
  out("extension", c.extension);
  out("endedAtMs", c.endedAtMs);
  out("endReason", c.endReason);
  out("held", c.held);
  out("muted", c.muted);
  out("heldSinceMs", c.heldSinceMs);
  out("holdMs", c.holdMs);
  out("durationSec", c.durationSec);
  out("waitSec", c.waitSec);
  out("holdSec", c.holdSec);
  out("recordingUrl", c.recordingUrl);
  out("recordingBytes", c.recordingBytes);
  out("transferToAgentId", c.transferToAgentId);
  out("eventSeq", c.eventSeq);
  out("lookup", c.lookup);
  out("decision", c.decision);
  out("contactOptions", c.contactOptions);
}

// IN-1's lookup and the rules' decision as the view shows them, rebuilt field by field: a snapshot is data, and the
// view reads these objects without further checks.
std::optional<LookupView> readLookup(const JsonReader& r) {
  if (!r.json().is_object()) return std::nullopt;
  LookupView out;
  out.matches = static_cast<int>(r.optInteger("matches", 0, 1000000).value_or(0));
  out.contactId = r.optId("contactId");
  if (out.contactId) out.contactName = r.text("contactName", kMaxShownTextBytes);
  auto t = r.field("latestUnsolvedTicket");
  if (t.json().is_object() && t.optId("id")) {
    out.latestUnsolvedTicketId = t.optId("id");
    out.latestUnsolvedStatus = t.string("status", "");
    out.latestUnsolvedSubject = t.text("subject", kMaxShownTextBytes);
  }
  return out;
}

std::optional<Decision> readDecision(const JsonReader& r) {
  if (!r.json().is_object()) return std::nullopt;
  Decision out;
  out.rule = r.string("rule", "");
  out.reason = r.string("reason", "");
  // Issue 15: the code and its parameters the view translates (an older snapshot has neither: no reason shown).
  if (r.has("code") && r.field("code").json().is_string()) out.code = r.string("code", "");
  const auto& given = r.field("params").json();
  if (given.is_object()) {
    for (auto it = given.begin(); it != given.end(); ++it) {
      if (it.value().is_string()) out.params.emplace_back(it.key(), it.value().get<std::string>());
    }
  }
  return out;
}

// The Zendesk records the live calls show: the caller (chosen, found or created), the contacts they choose among,
// their ticket. Without them a reload shows "Unknown caller" and a ticket without its subject. Only these few —
// bounded by the calls — not all the adapter has learnt.
InJson directorySnapshot(const AdapterState& s) {
  std::set<Id> contactIds, ticketIds;
  directoryIds(s, contactIds, ticketIds);
  InJson contacts = InJson::array(), tickets = InJson::array();
  for (Id id : contactIds) {
    if (auto it = s.directory.contacts.find(id); it != s.directory.contacts.end())
      contacts.push_back(wireJson(it->second));
  }
  for (Id id : ticketIds) {
    auto it = s.directory.tickets.find(id);
    if (it == s.directory.tickets.end()) continue;
    InJson ticket = wireJson(it->second);
    auto assignee = s.directory.assignees.find(id);
    ticket["assigneeId"] = assignee == s.directory.assignees.end() ? InJson(nullptr) : InJson(assignee->second);
    tickets.push_back(std::move(ticket));
  }
  InJson out = InJson::object();
  put(out, "contacts", std::move(contacts));
  put(out, "tickets", std::move(tickets));
  return out;
}

// A persisted record goes back through the checks of a Zendesk answer (zendesk_api.cpp), in Zendesk's field
// names: a record the rules could not read would make every later rule call fail. One that fails is left out.
InJson renamed(const InJson& record, std::initializer_list<std::pair<const char*, const char*>> names) {
  InJson out = InJson::object();
  for (const auto& [from, to] : names) {
    if (auto it = record.find(from); it != record.end()) out[to] = *it;
  }
  return out;
}

Directory readDirectory(const InJson& saved) {
  Directory d;
  if (!saved.is_object()) return d;
  auto list = [&](const char* key) {
    auto it = saved.find(key);
    return it != saved.end() && it->is_array() ? *it : InJson::array();
  };
  for (const auto& c : list("contacts")) {
    if (!c.is_object()) continue;
    auto contact = zendesk::contactFrom(renamed(c, {{"id", "id"}, {"name", "name"}, {"createdAt", "created_at"}}));
    if (!contact) continue;
    contact->phones.clear();
    for (const auto& p : c.value("phones", InJson::array())) {
      if (p.is_string()) contact->phones.push_back(p.get<std::string>());
    }
    d.contacts.emplace(contact->id, std::move(*contact));
  }
  for (const auto& t : list("tickets")) {
    if (!t.is_object()) continue;
    InJson zendesk = renamed(t, {{"id", "id"},
                                 {"requesterId", "requester_id"},
                                 {"status", "status"},
                                 {"createdAt", "created_at"},
                                 {"updatedAt", "updated_at"},
                                 {"subject", "subject"},
                                 {"tags", "tags"},
                                 {"customFields", "custom_fields"},
                                 {"assigneeId", "assignee_id"}});
    auto ticket = zendesk::ticketFrom(zendesk);
    if (!ticket) continue;
    Id id = ticket->id;
    if (d.tickets.emplace(id, std::move(*ticket)).second) rememberAssignee(d, zendesk);
  }
  return d;
}

Call readCall(const JsonReader& r) {
  Call c;
  c.id = r.string("id", "");
  // As a call event's (event_decoder.cpp, kMaxCallIdBytes).
  if (c.id.empty() || c.id.size() > kMaxCallIdBytes) r.field("id").fail("expected a call id: 1 to 128 characters");
  c.direction = r.optEnum("direction", kDirectionNames).value_or(Direction::Inbound);
  c.sessionType = r.optEnum("sessionType", kSessionTypeNames).value_or(SessionType::Ivr);
  c.state = r.optEnum("state", kCallStateNames).value_or(CallState::Ended);
  c.phone = r.string("phone", "");
  c.dnis = r.string("dnis", "");
  // Texts cut to the budgets of the events that bring them (text_budgets.h): a snapshot is input like any event.
  c.menuPath = r.text("menuPath", kMaxShownTextBytes);
  c.queueId = r.string("queueId", "");
  c.queueName = r.text("queueName", kMaxShownTextBytes);
  c.language = r.text("language", kMaxShownTextBytes);
  // Bounded as the call's events are (a snapshot from before the bound may hold more).
  if (r.field("attributes").json().is_object()) mergeCallAttributes(c.attributes, r.field("attributes").json());
  c.startedAtMs = r.optInteger("startedAtMs", 0, std::int64_t{1} << 53).value_or(0);
  c.connectedAtMs = r.optInteger("connectedAtMs", 0, std::int64_t{1} << 53).value_or(0);
  c.wasConnected = r.boolean("wasConnected", false);
  c.ticketId = r.optId("ticketId");
  c.contactId = r.optId("contactId");
  if (!r.field("plan").isNull()) c.plan = readOutboundPlanRef(r.field("plan"));
  c.note = r.text("note", kMaxNoteBytes);
  r.forEach("events", [&](const JsonReader& e) {
    std::string name = e.asString();
    for (const auto& [event, wire] : kSessionEventNames) {
      if (wire == name) return c.events.push_back(event);
    }
    e.fail("expected a session event");
  });
  c.wrappedUp = r.boolean("wrappedUp", false);
  c.wrapUpCode = r.text("wrapUpCode", kMaxWrapUpCodeBytes);
  r.forEach("popped", [&](const JsonReader& p) { c.popped.insert(p.asString()); });
  c.waiting = r.boolean("waiting", false);
  // Checked as the events are: a target the connector could read (1 to 128 bytes), a state the protocol names.
  if (r.has("consultTarget") || r.has("consultState")) {
    std::string target = r.string("consultTarget", "");
    if (target.empty() || target.size() > 128) r.field("consultTarget").fail("expected 1 to 128 characters");
    c.consult = Consult{std::move(target), r.requiredEnum("consultState", kConsultStateNames)};
  }
  if (c.state != CallState::Connected) c.consult.reset();  // a leg lives only on a connected call
  c.consultLeg = r.boolean("consultLeg", false);
  c.dialConfirmed = r.boolean("dialConfirmed", true);
  c.dialDeadlineMs = r.optInteger("dialDeadlineMs", 0, std::int64_t{1} << 53).value_or(0);
  constexpr std::int64_t kMaxMs = std::int64_t{1} << 53;
  c.extension = r.string("extension", "");
  c.endedAtMs = r.optInteger("endedAtMs", 0, kMaxMs).value_or(0);
  c.endReason = r.string("endReason", "");
  c.held = r.boolean("held", false);
  c.muted = r.boolean("muted", false);
  c.heldSinceMs = r.optInteger("heldSinceMs", 0, kMaxMs).value_or(0);
  c.holdMs = r.optInteger("holdMs", 0, kMaxMs).value_or(0);
  c.durationSec = r.optInteger("durationSec", 0, kMaxCallSeconds).value_or(0);
  c.waitSec = r.optInteger("waitSec", 0, kMaxCallSeconds).value_or(0);
  c.holdSec = r.optInteger("holdSec", 0, kMaxCallSeconds).value_or(0);
  c.recordingUrl = r.string("recordingUrl", "");
  c.recordingBytes = r.optInteger("recordingBytes", 0, std::int64_t{1} << 40).value_or(0);
  c.transferToAgentId = r.optId("transferToAgentId");
  c.eventSeq = static_cast<int>(r.optInteger("eventSeq", 0, 1000000).value_or(0));
  c.lookup = readLookup(r.field("lookup"));
  c.decision = readDecision(r.field("decision"));
  r.forEach("contactOptions", [&](const JsonReader& o) { c.contactOptions.push_back(o.asId()); });
  c.flags = profileFlags(c.attributes).flags;  // PF-1: from the attributes, as the call's events made them
  return c;
}

// The budgets' windows survive a reload, so that reloading cannot be a way around them.
SendLog readSendLog(const JsonReader& r) {
  SendLog log;
  if (r.isNull()) return log;
  constexpr std::int64_t kMaxMs = std::int64_t{1} << 53;
  r.forEach("requests", [&](const JsonReader& t) { log.requests.push_back(t.asId()); });
  r.forEach("ticketWrites", [&](const JsonReader& t) { log.ticketWrites.push_back(t.asId()); });
  auto perTicket = r.field("perTicket");
  if (perTicket.json().is_object()) {
    for (const auto& item : perTicket.json().items()) {
      // The key is the ticket id as text (JSON object keys are strings); its value the send times.
      Id ticket = 0;
      for (char c : item.key()) {
        if (c < '0' || c > '9' || ticket > (Id{1} << 49))
          perTicket.field(item.key()).fail("expected a ticket id as key");
        ticket = ticket * 10 + (c - '0');
      }
      if (ticket <= 0) perTicket.field(item.key()).fail("expected a ticket id as key");
      perTicket.forEach(item.key(), [&](const JsonReader& t) { log.perTicket[ticket].push_back(t.asId()); });
    }
  }
  log.pausedUntilMs = r.optInteger("pausedUntilMs", 0, kMaxMs).value_or(0);
  return log;
}

template <typename Fields>
void writeFields(Fields& out, const Write& w, Id agentId) {
  auto http = zendesk::writeRequest(w, agentId);
  out("keys", w.keys);
  out("kind", nameOf(kWriteKindNames, w.kind));
  out("label", w.label);
  out("callId", w.callId);
  out("method", http.method);
  out("url", isPop(w) && w.state != Write::State::InFlight ? std::string() : http.url);
  out("body", http.body);  // Zendesk's payload: zendesk_api reads it back
  out("waitsFor", w.waitsFor);
  // Where the awaited id goes; kept in the snapshot for the versions that read it.
  out("fill", w.waitsFor.empty() ? "" : w.kind == WriteKind::CreateTicket ? "requester_id" : "ticket");
  out("targetId", w.targetId);
  out("state", stateName(w.state));
  out("error", w.error);
  out("attempts", w.attempts);
  out("notBeforeMs", w.notBeforeMs);
  out("uncertain", w.uncertain);
  out("sentAtMs", w.sentAtMs);
  if (w.keyUntilMs) out("keyUntilMs", w.keyUntilMs);  // only ticket creates have one
  out("batched", w.batched);
}

// The home screen's recent calls (console.h), built once as JSON: written, hashed and printed as one value, so the
// three sinks do not each get a copy of a ten-field list (the WebAssembly size budget).
InJson recentCallsSnapshot(const AdapterState& s) {
  InJson list = InJson::array();
  for (const auto& r : s.recentCalls) {
    InJson item = InJson::object();
    put(item, "callId", r.callId);
    put(item, "kind", nameOf(kRecentKindNames, r.kind));
    put(item, "phone", r.phone);
    put(item, "contactId", r.contactId);
    put(item, "ticketId", r.ticketId);
    put(item, "contactName", r.contactName);
    put(item, "ticketSubject", r.ticketSubject);
    put(item, "atMs", r.atMs);
    put(item, "durationSec", r.durationSec);
    put(item, "handled", r.handled);
    list.push_back(std::move(item));
  }
  return list;
}

// `prints`: the answer's record prints (RecordPrints), read in the order of s.writes and s.calls by the sinks that
// print; the JSON sink ignores them (nullptr).
template <typename Fields>
void snapshotFields(Fields& out, const AdapterState& s, const RecordPrints* prints) {
  out("version", kSnapshotVersion);
  // Each list item's fingerprint: its record's print, made once for the answer (D400).
  out.list(
      "writes", s.writes, [&s](auto& write, const Write& w) { writeFields(write, w, s.agent.id); },
      [prints, i = std::size_t{0}](Fingerprint& p, const Write&) mutable { p.mix(prints->writes[i++]); });
  out("createdIds", s.createdIds);
  out("seenKeys", s.seenKeys);
  out.list(
      "calls", s.calls, [](auto& call, const auto& entry) { callFields(call, entry.second); },
      [prints, i = std::size_t{0}](Fingerprint& p, const auto&) mutable { p.mix(prints->calls[i++]); });
  out("activeCallId", s.activeCallId);
  out("nextCallNumber", s.nextCallNumber);
  out("directory", SnapshotDirectory{s});
  out.object("sendLog", [&s](auto& sent) {
    sent("requests", s.sendLog.requests);
    sent("ticketWrites", s.sendLog.ticketWrites);
    sent("perTicket", s.sendLog.perTicket);
    sent("pausedUntilMs", s.sendLog.pausedUntilMs);
  });
  // The agent's console (console.h), only when it differs from a fresh one: a snapshot without it reads the same.
  if (s.agentStatus != AgentStatus::Available) out("agentStatus", nameOf(kAgentStatusNames, s.agentStatus));
  if (!s.recentCalls.empty()) out("recentCalls", SnapshotRecentCalls{s});
}

}  // namespace

std::string snapshotText(const AdapterState& s) {
  JsonFields out;
  snapshotFields(out, s, nullptr);
  // InJson's sorted keys print as the answer's copy of them always did.
  return PartFields::dumped(out.json);
}

std::uint64_t callPrint(const Call& c) {
  Fingerprint p;
  FingerprintFields fields{p};
  callFields(fields, c);
  p.mix(c.flags.size());  // PF-1's flags, for the view (the snapshot rebuilds them from the attributes)
  for (const auto& flag : c.flags) p.add(flag.code);
  return p.value();
}

std::uint64_t writePrint(const Write& w, Id agentId) {
  Fingerprint p;
  printWrite(p, w, agentId);
  return p.value();
}

RecordPrints recordPrints(AdapterState& s) {
  RecordPrints out;
  out.calls.reserve(s.calls.size());
  for (const auto& [id, c] : s.calls) out.calls.push_back(callPrint(c));
  out.writes.reserve(s.writes.size());
  for (const auto& w : s.writes) out.writes.push_back(writePrint(w, s.agent.id));
  Fingerprint recent;
  printRecentCalls(recent, s);
  out.recentCalls = recent.value();
  return out;
}

std::string snapshotTextByParts(AdapterState& s, const RecordPrints& prints) {
  PartFields out{s.snapshotParts, {}, {}};
  snapshotFields(out, s, &prints);
  s.snapshotParts = std::move(out.used);  // the parts no longer in the snapshot are dropped
  std::string text = "{";
  for (const auto& [key, value] : out.fields) {
    if (text.size() > 1) text += ',';
    text += '"';
    text += key;  // the field names are plain ASCII: printed as they are
    text += "\":";
    text += value;
  }
  text += '}';
  return text;
}

Snapshot readSnapshot(const JsonReader& r) {
  Snapshot snap;
  if (r.optInteger("version", 0, 1000).value_or(0) != kSnapshotVersion)
    r.field("version").fail("unknown snapshot version");
  auto& writes = snap.writes;
  r.forEach("writes", [&](const JsonReader& w) {
    Write out;
    w.forEach("keys", [&](const JsonReader& k) { out.keys.push_back(k.asString()); });
    if (out.keys.empty()) w.field("keys").fail("required");
    out.kind = w.requiredEnum("kind", kWriteKindNames);
    out.label = w.text("label", kMaxShownTextBytes);
    out.callId = w.string("callId", "");
    out.waitsFor = w.string("waitsFor", "");
    out.targetId = w.optInteger("targetId", 0, std::int64_t{1} << 53).value_or(0);
    if (out.kind == WriteKind::UpdateTicket && out.targetId == 0 && out.waitsFor.empty()) {
      out.targetId = zendesk::ticketIdOfUpdateUrl(w.string("url", ""));  // saved before updates kept their target
    }
    std::string state = w.oneOf("state", {"queued", "inFlight", "failed"}, "queued");
    out.state = state == "failed" ? Write::State::Failed : Write::State::Queued;
    out.error = w.text("error", kMaxShownTextBytes);
    out.attempts = static_cast<int>(w.optInteger("attempts", 0, 1000000).value_or(0));
    out.notBeforeMs = w.optInteger("notBeforeMs", 0, std::int64_t{1} << 53).value_or(0);
    out.batched = w.boolean("batched", false);
    out.sentAtMs = w.optInteger("sentAtMs", 0, std::int64_t{1} << 53).value_or(0);
    out.keyUntilMs = w.optInteger("keyUntilMs", 0, std::int64_t{1} << 53).value_or(0);
    // A write that was in flight when the page closed may or may not have reached Zendesk: a create or a comment
    // is looked up before it is sent again (outbox.cpp); a PUT of fields is simply sent again.
    out.uncertain = w.boolean("uncertain", false) || state == "inFlight";
    // What it writes, back from Zendesk's payload. One that is not exactly what this core would send (damaged, or
    // from a version that wrote another shape) is not replayed: it is dropped and the agent is told (applySnapshot).
    if (!zendesk::readWriteBody(w.field("body").json(), out)) {
      snap.droppedWrites.push_back(out.keys.front());
      return;
    }
    writes.push_back(std::move(out));
  });
  auto& created = snap.createdIds;
  auto ids = r.field("createdIds");
  if (ids.json().is_object()) {
    for (const auto& item : ids.json().items()) created[item.key()] = ids.id(item.key());
  }
  auto& seen = snap.seenKeys;
  r.forEach("seenKeys", [&](const JsonReader& k) { seen.insert(k.asString()); });
  auto& calls = snap.calls;
  r.forEach("calls", [&](const JsonReader& c) {
    Call call = readCall(c);
    std::string id = call.id;  // read before the move: the right side of `=` is evaluated first
    calls[id] = std::move(call);
  });
  snap.sendLog = readSendLog(r.field("sendLog"));
  snap.activeCallId = r.string("activeCallId", "");
  snap.nextCallNumber = r.optInteger("nextCallNumber", 1, std::int64_t{1} << 53).value_or(1);
  snap.directory = readDirectory(r.field("directory").json());
  snap.agentStatus = r.optEnum("agentStatus", kAgentStatusNames).value_or(AgentStatus::Available);
  r.forEach("recentCalls", [&snap](const JsonReader& c) {
    if (snap.recentCalls.size() >= kMaxRecentCalls) return;
    RecentCall call;
    call.callId = c.string("callId", "");
    call.kind = c.requiredEnum("kind", kRecentKindNames);
    call.phone = c.string("phone", "");
    call.contactId = c.optId("contactId");
    call.ticketId = c.optId("ticketId");
    call.contactName = c.text("contactName", kMaxShownTextBytes);
    call.ticketSubject = c.text("ticketSubject", kMaxShownTextBytes);
    call.atMs = c.optInteger("atMs", 0, std::int64_t{1} << 53).value_or(0);
    call.durationSec = c.optInteger("durationSec", 0, std::int64_t{1} << 40).value_or(0);
    call.handled = c.boolean("handled", true);
    snap.recentCalls.push_back(std::move(call));
  });
  return snap;
}

// Only a snapshot read whole gets here: it replaces the persisted part of the state. The Zendesk records it brings
// are added to the directory; fresher ones from Zendesk win.
void applySnapshot(AdapterState& s, Snapshot&& snap) {
  s.writes = std::move(snap.writes);
  for (const auto& key : snap.droppedWrites) orphanDependents(s, key);
  s.createdIds = std::move(snap.createdIds);
  s.seenKeys = std::move(snap.seenKeys);
  s.calls = std::move(snap.calls);
  s.activeCallId = std::move(snap.activeCallId);
  s.nextCallNumber = snap.nextCallNumber;
  s.sendLog = std::move(snap.sendLog);
  s.recentCalls = std::move(snap.recentCalls);
  if (snap.agentStatus != s.agentStatus) {
    s.agentStatus = snap.agentStatus;
    sendAgentStatus(s);  // the connector starts available after a reload
  }
  for (auto& [id, contact] : snap.directory.contacts) s.directory.contacts.emplace(id, std::move(contact));
  for (auto& [id, ticket] : snap.directory.tickets) {
    if (!s.directory.tickets.emplace(id, std::move(ticket)).second) continue;
    auto assignee = snap.directory.assignees.find(id);
    if (assignee != snap.directory.assignees.end()) {
      s.directory.assignees[id] = assignee->second;
    } else {
      s.directory.assignees.erase(id);
    }
  }
  if (auto* call = s.activeCall()) {
    s.screen = call->state == CallState::Ringing ? Screen::Incoming
               : call->state == CallState::Ended ? Screen::WrapUp
                                                 : Screen::Call;
  } else {
    s.activeCallId.clear();
    if (!s.outbound) {
      // A call the snapshot holds but shows nowhere comes on screen, as it would after Done, else the main screen: a
      // snapshot is input, and a call nobody can see is one nobody answers, resumes or wraps up (D376).
      showNextCall(s);
    } else if (s.screen == Screen::Incoming || s.screen == Screen::Call || s.screen == Screen::WrapUp) {
      s.screen = Screen::Outbound;  // a call screen left from before the restore would draw a call not there
    }
  }
  s.lastPersisted.clear();
  if (!snap.droppedWrites.empty()) {
    setBanner(s, "WRITES_NOT_RESTORED", MessageKind::Error,
              {{"count", static_cast<std::int64_t>(snap.droppedWrites.size())}});
  }
}

}  // namespace adapter::live
