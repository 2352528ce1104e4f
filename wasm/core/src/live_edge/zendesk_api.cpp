// Zendesk's REST API in one place (zendesk_api.h). Data from Zendesk is checked here, once: a record the rules
// could not read (no id, unknown status, a malformed time) is left out rather than allowed to make every later
// rule call fail.
#include "live_edge/zendesk_api.h"

#include <algorithm>
#include <cstdio>

#include "adapter/iso_time.h"
#include "calling_codes.h"
#include "text_budgets.h"
#include "utf8_prefix.h"

namespace adapter::live::zendesk {
namespace {

constexpr Id kMaxSafeId = (Id{1} << 53) - 1;

std::optional<Id> idField(const InJson& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  auto id = it->get<std::int64_t>();
  if (id <= 0 || id > kMaxSafeId) return std::nullopt;
  return id;
}

std::string textField(const InJson& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A text the agent only reads, cut to its budget without copying the rest (text_budgets.h).
std::string shownTextField(const InJson& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? utf8Prefix(it->get_ref<const std::string&>(), kMaxShownTextBytes)
                                               : std::string();
}

std::optional<std::int64_t> timeField(const InJson& object, const char* key) {
  return parseIsoTime(textField(object, key));
}

std::optional<TicketStatus> statusField(const InJson& object) {
  std::string text = textField(object, "status");
  for (const auto& [status, name] : kTicketStatusNames) {
    if (name == text) return status;
  }
  return std::nullopt;
}

std::string percentEncode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// Zendesk stores phones as typed ("(415) 555-0100", "+1 415 555 0100"); `phone:*<national number>` matches all
// of those (zendesk-platform.md §4), and the rules then keep only the exact E.164 matches.
std::string phoneSearchDigits(const std::string& e164) {
  std::string digits = e164.size() > 1 && e164[0] == '+' ? e164.substr(1) : e164;
  int codeLength = callingCodeLength(digits);
  if (codeLength > 0 && static_cast<std::size_t>(codeLength) < digits.size()) return digits.substr(codeLength);
  return digits;
}

// Text as a token for a header value or an external_id: itself when it is short and only letters (lower-case
// only unless `upper`), digits and . _ / -, else "h" and 16 hex digits of its 64-bit FNV-1a. Zendesk compares
// external ids without case, so two call ids that differ only in case must not give one external id.
std::string safeToken(std::string_view text, bool upper) {
  bool plain = !text.empty() && text.size() <= 160;
  for (char c : text) {
    bool letter = (c >= 'a' && c <= 'z') || (upper && c >= 'A' && c <= 'Z');
    plain = plain && (letter || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '/' || c == '-');
  }
  if (plain) return std::string(text);
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  char buf[18];
  std::snprintf(buf, sizeof buf, "h%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// The app's namespace in the ids it gives Zendesk (Idempotency-Key, a caller's external_id).
constexpr std::string_view kNamespace = "zendesk-cti-adapter:";

}  // namespace

std::optional<Contact> contactFrom(const InJson& user) {
  if (!user.is_object()) return std::nullopt;
  auto id = idField(user, "id");
  if (!id) return std::nullopt;
  Contact c;
  c.id = *id;
  c.name = shownTextField(user, "name");
  std::string phone = textField(user, "phone");
  if (!phone.empty()) c.phones.push_back(std::move(phone));
  c.createdAt = timeField(user, "created_at");
  return c;
}

std::optional<Ticket> ticketFrom(const InJson& t) {
  if (!t.is_object()) return std::nullopt;
  auto id = idField(t, "id");
  auto requester = idField(t, "requester_id");
  auto status = statusField(t);
  if (!id || !requester || !status) return std::nullopt;
  Ticket out;
  out.id = *id;
  out.requesterId = *requester;
  out.status = *status;
  out.createdAt = timeField(t, "created_at");
  out.updatedAt = timeField(t, "updated_at");
  out.subject = shownTextField(t, "subject");
  if (auto it = t.find("tags"); it != t.end() && it->is_array()) {
    for (const auto& tag : *it) {
      if (tag.is_string()) out.tags.push_back(tag.get<std::string>());
    }
  }
  if (auto it = t.find("custom_fields"); it != t.end() && it->is_array()) {
    for (const auto& f : *it) {
      if (!f.is_object()) continue;
      auto fieldId = idField(f, "id");
      if (!fieldId) continue;
      CustomField field;
      field.id = *fieldId;
      auto value = f.find("value");
      if (value != f.end() && value->is_string()) field.text = value->get<std::string>();
      out.customFields.push_back(std::move(field));
    }
  }
  return out;
}

namespace {

HttpRequest get(std::string url) { return HttpRequest{"GET", std::move(url), InJson(nullptr), {}}; }

std::string userPath(Id id) { return "/api/v2/users/" + std::to_string(id); }
std::string ticketPath(Id id) { return "/api/v2/tickets/" + std::to_string(id); }
constexpr std::string_view kTicketsPrefix = "/api/v2/tickets/";

}  // namespace

HttpRequest searchUsersByPhone(const std::string& e164) {
  return get("/api/v2/search.json?query=" + percentEncode("role:end-user phone:*" + phoneSearchDigits(e164)));
}
HttpRequest loadUser(Id userId) { return get(userPath(userId) + ".json"); }
HttpRequest loadRequestedTickets(Id userId) {
  return get(userPath(userId) + "/tickets/requested.json?sort_by=updated_at&sort_order=desc&per_page=100");
}
HttpRequest loadTicket(Id ticketId) { return get(ticketPath(ticketId) + ".json?include=users"); }
// One page of up to 100 phone identities: more numbers than any agent would pick from.
HttpRequest loadPhoneIdentities(Id userId) {
  return get(userPath(userId) + "/identities.json?type%5B%5D=phone_number&per_page=100");
}
HttpRequest ticketsByExternalId(const std::string& externalId) {
  return get("/api/v2/tickets.json?external_id=" + percentEncode(externalId));
}
// Show Many Users by external id: a direct look-up of the record, not the search index (which can take minutes
// to list a new user). A comma would split the list: the ids the app makes have none (callerExternalId).
HttpRequest usersByExternalId(const std::string& externalId) {
  return get("/api/v2/users/show_many.json?external_ids=" + percentEncode(externalId));
}
HttpRequest latestComments(Id ticketId) {
  return get(ticketPath(ticketId) + "/comments.json?sort_order=desc&per_page=100");
}
// List Users (OAS ListUsers, allowed for agents) by role, with cursor pagination: 100 a page, the next after the
// cursor the last page gave (meta.after_cursor while meta.has_more).
HttpRequest listAgents(const std::string& cursor) {
  std::string url = "/api/v2/users.json?role%5B%5D=agent&role%5B%5D=admin&page%5Bsize%5D=100";
  if (!cursor.empty()) url += "&page%5Bafter%5D=" + percentEncode(cursor);
  return get(url);
}

namespace {

// Zendesk's payloads of the writes: a user, a ticket (created or updated), TPE's voice_comment.
InJson userJson(const NewUser& u) {
  InJson user{{"name", u.name}, {"role", "end-user"}};
  if (!u.phone.empty()) user["phone"] = u.phone;
  if (!u.externalId.empty()) user["external_id"] = u.externalId;
  return user;
}

InJson voiceJson(const VoiceRecord& v) {
  InJson vc{{"started_at", formatIsoTime(v.startedAtMs)}, {"call_duration", v.durationSec}};
  if (!v.from.empty()) vc["from"] = v.from;
  if (!v.to.empty()) vc["to"] = v.to;
  if (v.answeredById) vc["answered_by_id"] = *v.answeredById;
  if (!v.recordingUrl.empty()) vc["recording_url"] = v.recordingUrl;
  return vc;
}

InJson ticketJson(const TicketChanges& t) {
  InJson ticket = InJson::object();
  if (t.comment) ticket["comment"] = InJson{{"body", t.comment->body}, {"public", t.comment->isPublic}};
  if (t.tags) ticket["tags"] = *t.tags;
  if (t.requesterId) ticket["requester_id"] = *t.requesterId;
  if (t.assigneeId) ticket["assignee_id"] = *t.assigneeId;
  if (t.customFields) {
    InJson fields = InJson::array();
    for (const auto& f : *t.customFields) fields.push_back(InJson{{"id", f.id}, {"value", f.value}});
    ticket["custom_fields"] = std::move(fields);
  }
  if (!t.status.empty()) ticket["status"] = t.status;
  if (t.viaId) ticket["via_id"] = *t.viaId;
  if (t.voice) ticket["voice_comment"] = voiceJson(*t.voice);
  return ticket;
}

// Talk Partner Edition's standard call object (D421): the five mandatory fields, then what this call has, each a
// field of the Calls API reference (developer.zendesk.com/api-reference/voice/talk-partner-edition-api/calls/).
InJson callJson(const Write& w) {
  const CallRecord& c = w.call;
  InJson call{{"app_id", c.appId},
              {"from_line", c.fromLine},
              {"to_line", c.toLine},
              {"call_started_at", formatIsoTime(c.startedAtMs)},
              {"direction", nameOf(kDirectionNames, c.direction)}};
  if (c.endedAtMs > 0) call["call_ended_at"] = formatIsoTime(c.endedAtMs);
  if (c.completed) call["completion_status"] = "completed";
  if (c.agentId) call["agent_id"] = *c.agentId;
  if (w.targetId > 0 && w.waitsFor.empty()) call["ticket_id"] = w.targetId;
  if (!c.disposition.empty()) call["call_disposition"] = c.disposition;
  return call;
}

InJson writeBody(const Write& w) {
  switch (w.kind) {
    case WriteKind::CreateCall: return InJson{{"call", callJson(w)}};
    case WriteKind::CreateContact: return InJson{{"user", userJson(w.user)}};
    case WriteKind::CreateTicket: {
      InJson ticket = ticketJson(w.ticket);
      ticket["subject"] = w.ticket.subject;
      ticket["external_id"] = w.callId;  // lets a later look-up find this call's ticket
      InJson body{{"ticket", std::move(ticket)}};
      if (w.displayToAgent) body["display_to_agent"] = *w.displayToAgent;
      return body;
    }
    case WriteKind::UpdateTicket: return InJson{{"ticket", ticketJson(w.ticket)}};
    case WriteKind::PopTicket:
    case WriteKind::PopContact: break;
  }
  return InJson(nullptr);
}

const InJson* objectField(const InJson& object, const char* key) {
  auto it = object.is_object() ? object.find(key) : object.end();
  return it != object.end() && it->is_object() ? &*it : nullptr;
}

std::optional<std::int64_t> integerField(const InJson& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<std::int64_t>();
}

void readTicketChanges(const InJson& t, TicketChanges& out) {
  out.subject = textField(t, "subject");
  if (const InJson* c = objectField(t, "comment")) {
    auto isPublic = c->find("public");
    out.comment =
        WriteComment{textField(*c, "body"), isPublic != c->end() && isPublic->is_boolean() && isPublic->get<bool>()};
  }
  if (auto it = t.find("tags"); it != t.end() && it->is_array()) {
    out.tags.emplace();
    for (const auto& tag : *it) {
      if (tag.is_string()) out.tags->push_back(tag.get<std::string>());
    }
  }
  out.requesterId = integerField(t, "requester_id");
  out.assigneeId = integerField(t, "assignee_id");
  if (auto it = t.find("custom_fields"); it != t.end() && it->is_array()) {
    out.customFields.emplace();
    for (const auto& f : *it) {
      auto id = f.is_object() ? integerField(f, "id") : std::nullopt;
      if (id) out.customFields->push_back(FieldValue{*id, textField(f, "value")});
    }
  }
  out.status = textField(t, "status");
  if (auto via = integerField(t, "via_id"); via && *via > 0 && *via < 1000) out.viaId = static_cast<int>(*via);
  if (const InJson* v = objectField(t, "voice_comment")) {
    VoiceRecord voice;
    voice.startedAtMs = parseIsoTime(textField(*v, "started_at")).value_or(0);
    voice.durationSec = integerField(*v, "call_duration").value_or(0);
    voice.from = textField(*v, "from");
    voice.to = textField(*v, "to");
    voice.answeredById = integerField(*v, "answered_by_id");
    voice.recordingUrl = textField(*v, "recording_url");
    out.voice = voice;
  }
}

void readCallRecord(const InJson& c, Write& w) {
  CallRecord& out = w.call;
  out.appId = integerField(c, "app_id").value_or(0);
  out.fromLine = textField(c, "from_line");
  out.toLine = textField(c, "to_line");
  out.startedAtMs = parseIsoTime(textField(c, "call_started_at")).value_or(0);
  out.endedAtMs = parseIsoTime(textField(c, "call_ended_at")).value_or(0);
  out.direction = textField(c, "direction") == "outbound" ? Direction::Outbound : Direction::Inbound;
  out.completed = textField(c, "completion_status") == "completed";
  out.agentId = integerField(c, "agent_id");
  out.disposition = textField(c, "call_disposition");
  if (auto ticket = integerField(c, "ticket_id"); ticket && w.waitsFor.empty()) w.targetId = *ticket;
}

}  // namespace

bool sendsIdempotencyKey(const Write& w) { return w.kind == WriteKind::CreateTicket && !w.ticket.viaId; }

bool idempotencyKeyRefused(const InJson& body) {
  return body.is_object() && textField(body, "error") == "IdempotentRequestError";
}

std::string callerExternalId(Id agentId, const std::string& callId) {
  return std::string(kNamespace) + "caller:" + std::to_string(agentId) + ":" + safeToken(callId, false);
}

namespace {
constexpr std::string_view kPhoneIdPrefix = "zendesk-cti-adapter:phone:";  // kNamespace's
}  // namespace

std::string callerPhoneExternalId(std::string_view e164) {
  // "+" and 7 to 15 digits, the first not 0; the id keeps the digits (no "+", which show_many's query would escape).
  bool number = e164.size() >= 8 && e164.size() <= 16 && e164[0] == '+' && e164[1] != '0' &&
                std::all_of(e164.begin() + 1, e164.end(), [](char c) { return c >= '0' && c <= '9'; });
  return number ? std::string(kPhoneIdPrefix).append(e164.substr(1)) : std::string();
}

bool isCallerPhoneExternalId(std::string_view externalId) {
  return externalId.substr(0, kPhoneIdPrefix.size()) == kPhoneIdPrefix;
}

HttpRequest writeRequest(const Write& w, Id agentId) {
  switch (w.kind) {
    case WriteKind::CreateContact: return HttpRequest{"POST", "/api/v2/users.json", writeBody(w), {}};
    case WriteKind::CreateCall: return HttpRequest{"POST", "/api/v2/calls.json", writeBody(w), {}};
    case WriteKind::CreateTicket: {
      // Talk Partner Edition's voice endpoint: the only one that takes via_id (and voice_comment).
      HttpRequest http{
          "POST", w.ticket.viaId ? "/api/v2/channels/voice/tickets.json" : "/api/v2/tickets.json", writeBody(w), {}};
      if (sendsIdempotencyKey(w)) {
        http.idempotencyKey = std::string(kNamespace) + std::to_string(agentId) + ":" + safeToken(w.keys.front(), true);
      }
      return http;
    }
    case WriteKind::UpdateTicket: {
      std::string id = w.waitsFor.empty() ? std::to_string(w.targetId) : std::string("{ticket}");
      return HttpRequest{"PUT", std::string(kTicketsPrefix) + id + ".json", writeBody(w), {}};
    }
    case WriteKind::PopTicket:
    case WriteKind::PopContact: break;
  }
  return HttpRequest{"POST",
                     "/api/v2/channels/voice/agents/" + std::to_string(agentId) +
                         (w.kind == WriteKind::PopContact ? "/users/" : "/tickets/") + std::to_string(w.targetId) +
                         "/display.json",
                     InJson(nullptr),
                     {}};
}

bool readWriteBody(const InJson& body, Write& w) {
  if (w.kind == WriteKind::CreateContact) {
    if (const InJson* u = objectField(body, "user")) {
      w.user = NewUser{textField(*u, "name"), textField(*u, "phone"), textField(*u, "external_id")};
    }
  } else if (w.kind == WriteKind::CreateTicket || w.kind == WriteKind::UpdateTicket) {
    if (const InJson* t = objectField(body, "ticket")) readTicketChanges(*t, w.ticket);
    if (w.kind == WriteKind::CreateTicket) w.displayToAgent = integerField(body, "display_to_agent");
  } else if (w.kind == WriteKind::CreateCall) {
    if (const InJson* c = objectField(body, "call")) readCallRecord(*c, w);
  }
  return writeBody(w) == body;  // only a payload the core itself would send is sent again
}

Id ticketIdOfUpdateUrl(std::string_view url) {
  if (url.rfind(kTicketsPrefix, 0) != 0) return 0;
  Id id = 0;
  for (std::size_t i = kTicketsPrefix.size(); i < url.size() && url[i] >= '0' && url[i] <= '9' && id < kMaxSafeId;
       ++i) {
    id = id * 10 + (url[i] - '0');
  }
  return id <= kMaxSafeId ? id : 0;
}

namespace {

std::optional<Id> assigneeOf(const InJson& t) {
  auto assignee = t.is_object() ? t.find("assignee_id") : t.end();
  if (assignee == t.end() || !assignee->is_number_integer()) return std::nullopt;
  return assignee->get<Id>();
}

std::optional<Id> recordId(const InJson& record) {
  if (!record.is_object() || !record.contains("id") || !record["id"].is_number_integer()) return std::nullopt;
  return record["id"].get<Id>();
}

// body[field] (of any type), when there.
const InJson* answerRecord(const InJson& body, const char* field) {
  if (!body.is_object() || !body.contains(field)) return nullptr;
  return &body[field];
}

// The objects of body[list].
std::vector<const InJson*> items(const InJson& body, const char* list) {
  std::vector<const InJson*> out;
  if (!body.is_object()) return out;
  auto it = body.find(list);
  if (it == body.end() || !it->is_array()) return out;
  for (const auto& item : *it) {
    if (item.is_object()) out.push_back(&item);
  }
  return out;
}

// body[list] is an array: the answer is the list asked for.
bool hasList(const InJson& body, const char* list) {
  if (!body.is_object()) return false;
  auto it = body.find(list);
  return it != body.end() && it->is_array();
}

UserRecord userRecord(const InJson& user) { return {recordId(user), contactFrom(user)}; }

}  // namespace

TicketRecord ticketRecord(const InJson& ticket) { return {recordId(ticket), assigneeOf(ticket), ticketFrom(ticket)}; }

namespace {

// A search result that is a user (Zendesk's search can return other record types).
bool isUserResult(const InJson& r) { return !r.contains("result_type") || r["result_type"] == "user"; }

std::vector<Contact> contactsIn(const InJson& body, const char* list, bool usersOnly) {
  std::vector<Contact> out;
  for (const InJson* u : items(body, list)) {
    if (usersOnly && !isUserResult(*u)) continue;
    if (auto c = contactFrom(*u)) out.push_back(std::move(*c));
  }
  return out;
}

// Primary first. An identity whose `type` or `primary` is of another JSON type throws (nlohmann's `value`), as it
// did before the answers were read here: the event's answer is INTERNAL (Adapter::dispatch).
std::vector<std::string> phoneIdentityNumbers(const InJson& body) {
  std::vector<std::string> primary, others;
  for (const InJson* i : items(body, "identities")) {
    if (i->value("type", "") != "phone_number" || !i->contains("value") || !(*i)["value"].is_string()) continue;
    (i->value("primary", false) ? primary : others).push_back((*i)["value"].get<std::string>());
  }
  primary.insert(primary.end(), others.begin(), others.end());
  return primary;
}

}  // namespace

namespace {

// The agents who can take a call (not suspended, not deactivated), each with its id as the connector reads a target
// and its name cut to the directory's bound; the next page's cursor while Zendesk says there is more.
AgentsListed agentsListed(const InJson& body) {
  AgentsListed out;
  for (const InJson* u : items(body, "users")) {
    auto id = idField(*u, "id");
    const auto name = u->find("name");
    if (!id || name == u->end() || !name->is_string()) continue;
    if (u->value("suspended", false) == true || u->value("active", true) == false) continue;
    out.agents.push_back(
        {std::to_string(*id), utf8Prefix(name->get<std::string>(), kMaxDirectoryNameBytes), Availability::Unknown});
  }
  const InJson* meta = answerRecord(body, "meta");
  if (meta && meta->is_object() && meta->value("has_more", false) == true) {
    auto cursor = meta->find("after_cursor");
    if (cursor != meta->end() && cursor->is_string()) out.nextCursor = cursor->get<std::string>();
  }
  return out;
}

}  // namespace

LookupAnswer lookupAnswer(Purpose purpose, const InJson& body) {
  switch (purpose) {
    case Purpose::SearchPhone:
      if (!hasList(body, "results")) return Unreadable{};
      return UsersFound{contactsIn(body, "results", true)};
    case Purpose::LoadContact: {
      const InJson* user = answerRecord(body, "user");
      if (!user) return Unreadable{};
      return UserLoaded{contactFrom(*user)};
    }
    case Purpose::LoadTickets: {
      if (!hasList(body, "tickets")) return Unreadable{};
      TicketsLoaded out;
      for (const InJson* t : items(body, "tickets")) out.tickets.push_back(ticketRecord(*t));
      return out;
    }
    case Purpose::LoadTicket: {
      const InJson* ticket = answerRecord(body, "ticket");
      if (!ticket) return Unreadable{};
      return TicketLoaded{ticketRecord(*ticket), contactsIn(body, "users", false)};
    }
    case Purpose::LoadPhones:
      if (!hasList(body, "identities")) return Unreadable{};
      return PhonesLoaded{phoneIdentityNumbers(body)};
    case Purpose::ListAgents:
      if (!hasList(body, "users")) return Unreadable{};
      return agentsListed(body);
    case Purpose::Write: break;
  }
  return Unreadable{};
}

namespace {

// Zendesk's description or error of an answer, "" when it gave none.
std::string failureDetail(const InJson& body) {
  if (!body.is_object()) return "";
  for (const char* key : {"description", "error"}) {
    auto it = body.find(key);
    if (it != body.end() && it->is_string()) return it->get<std::string>();
  }
  return "";
}

// A text field of a found record, "" when absent; nullopt when it is of another type.
std::optional<FoundText> foundText(const InJson& record, const char* field) {
  auto it = record.find(field);
  if (it == record.end()) return FoundText();
  if (!it->is_string()) return std::nullopt;
  return FoundText(it->get<std::string>());
}

// A check's list with a field of the wrong type (a proxy's rewrite, a changed API) says nothing sure about whether
// the write landed: read as no list at all, it is asked again like a lost answer (outbox.cpp onVerified) — not an
// INTERNAL error behind a half-changed state, and not "not there", which would write a second ticket or note.
void unreadableCheck(WriteAnswer& out) {
  out.listed = false;
  out.tickets.clear();
  out.users.clear();
  out.comments.clear();
}

// The list a check asks Zendesk for: tickets by external_id, users by the app's external_id (or, for a write saved
// before those, by phone through search), a ticket's latest comments.
const char* checkedList(const Write& w) {
  if (w.kind == WriteKind::CreateTicket) return "tickets";
  if (w.kind == WriteKind::CreateContact) return w.user.externalId.empty() ? "results" : "users";
  return "comments";
}

void readCheckedList(const Write& w, const InJson& body, WriteAnswer& out) {
  const WriteKind kind = w.kind;
  const char* list = checkedList(w);
  out.listed = hasList(body, list);
  for (const InJson* item : items(body, list)) {
    if (kind == WriteKind::CreateTicket) {
      auto externalId = foundText(*item, "external_id");
      if (!externalId) return unreadableCheck(out);
      out.tickets.push_back({std::move(*externalId), ticketRecord(*item)});
    } else if (kind == WriteKind::CreateContact) {
      auto phone = foundText(*item, "phone");
      auto externalId = foundText(*item, "external_id");
      if (!phone || !externalId) return unreadableCheck(out);
      out.users.push_back({std::move(*phone), std::move(*externalId), userRecord(*item)});
    } else {
      auto text = foundText(*item, "body");
      auto plain = foundText(*item, "plain_body");
      if (!text || !plain) return unreadableCheck(out);
      out.comments.push_back({std::move(*text), std::move(*plain)});
    }
  }
}

}  // namespace

WriteAnswer writeAnswer(const Write& w, bool check, bool success, const InJson& body) {
  const WriteKind kind = w.kind;
  WriteAnswer out;
  out.failureDetail = failureDetail(body);
  if (!success) {
    out.idempotencyKeyRefused = idempotencyKeyRefused(body);
    return out;
  }
  if (check) {
    readCheckedList(w, body, out);
  } else if (kind == WriteKind::CreateContact) {
    if (const InJson* user = answerRecord(body, "user")) out.user = userRecord(*user);
  } else if (kind == WriteKind::CreateTicket || kind == WriteKind::UpdateTicket) {
    if (const InJson* ticket = answerRecord(body, "ticket")) out.ticket = ticketRecord(*ticket);
  }
  return out;
}

}  // namespace adapter::live::zendesk
