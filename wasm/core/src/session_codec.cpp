// resolveSession and transferTargets: JSON ↔ types (docs/contract.md).
#include "adapter/session_codec.h"

#include "adapter/domain_codec.h"
#include "adapter/functions.h"
#include "adapter/iso_time.h"
#include "adapter/outbound_codec.h"
#include "adapter/phone.h"
#include "adapter/session.h"
#include "note_text.h"
#include "out_json_put.h"

namespace adapter {
namespace {

std::string readSessionId(const JsonReader& s) {
  auto f = s.field("id");
  if (f.isNull()) f.fail("required");
  if (f.json().is_number_integer() || f.json().is_number_unsigned()) return std::to_string(f.asId());
  auto id = f.asString();
  if (id.empty() || id.size() > 128 || id.find('/') != std::string::npos) {
    f.fail("expected 1 to 128 characters without '/'");
  }
  return id;
}

std::optional<int> readSeconds(const JsonReader& r, std::string_view key) {
  auto v = r.optInteger(key, 0, kMaxCallSeconds);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

std::string scalarText(const JsonReader& f) {
  const auto& j = f.json();
  if (j.is_string()) return j.get<std::string>();
  if (j.is_boolean()) return j.get<bool>() ? "true" : "false";
  if (j.is_number_integer() || j.is_number_unsigned()) return j.dump();
  f.fail("expected string, integer or boolean");
}

SessionSettings readSessionSettings(const JsonReader& s) {
  SessionSettings out;
  out.defaultCallingCode = readDefaultCallingCode(s);
  out.doNotAppendToOpenTicket = s.boolean("doNotAppendToOpenTicket", false);
  out.createTicketForAbandonedCalls = s.boolean("createTicketForAbandonedCalls", true);
  out.delayCallRecordUntilConnected = s.boolean("delayCallRecordUntilConnected", false);
  out.chatRecordMinMessages = static_cast<int>(s.optInteger("chatRecordMinMessages", 0, 1000).value_or(0));
  out.abandonedChats = s.optEnum("abandonedChats", kAbandonedChatsNames).value_or(AbandonedChats::Off);
  out.abandonedChatMinMessages = static_cast<int>(s.optInteger("abandonedChatMinMessages", 1, 1000).value_or(1));
  auto templ = s.optString("titleTemplate");
  if (templ) {
    if (templ->size() > 4096) s.field("titleTemplate").fail("longer than 4096 bytes");
    out.titleTemplate = *templ;
  }
  out.addSessionTypeTag = s.boolean("addSessionTypeTag", true);
  out.integrationTag = readIntegrationTag(s);
  auto map = s.field("fieldMap");
  if (!map.isNull()) {
    if (!map.json().is_object()) map.fail("expected object (session datum → ticket field id)");
    if (map.json().size() > 1000) map.fail("too many mappings: at most 1000");
    for (const auto& item : map.json().items()) out.fieldMap[item.key()] = map.id(item.key());
  }
  if (s.has("ticketFieldIds")) {
    std::vector<Id> ids;
    s.forEach("ticketFieldIds", [&](const JsonReader& f) { ids.push_back(f.asId()); });
    out.ticketFieldIds = std::move(ids);
  }
  out.auditNote = s.boolean("auditNote", false);
  if (auto language = s.optString("noteLanguage")) {
    out.noteLanguage = noteLanguageOf(*language);
    if (out.noteLanguage < 0) s.field("noteLanguage").fail("expected en, de, es, fr, it, ja, nb, pt-br or zh-tw");
  }
  return out;
}

Session readSession(const JsonReader& s) {
  if (s.isNull()) s.fail("required");
  Session out;
  out.id = readSessionId(s);
  if (s.has("eventId")) out.eventId = scalarText(s.field("eventId"));
  out.type = s.requiredEnum("type", kSessionTypeNames);
  out.event = s.requiredEnum("event", kSessionEventNames);
  out.phone = s.string("phone", "");
  out.fromNumber = s.string("fromNumber", "");
  out.menuPath = s.string("menuPath", "");
  if (s.has("leafQueueId")) out.leafQueueId = scalarText(s.field("leafQueueId"));
  out.queueName = s.string("queueName", "");
  out.language = s.string("language", "");
  out.startedAt = readTime(s, "startedAt");
  out.agentUtcOffsetMinutes = static_cast<int>(s.optInteger("agentUtcOffsetMinutes", -14 * 60, 14 * 60).value_or(0));
  out.agentId = s.optId("agentId");
  out.ticketId = s.optId("ticketId");
  out.contactId = s.optId("contactId");
  out.previousContactId = s.optId("previousContactId");
  out.transferToAgentId = s.optId("transferToAgentId");
  out.mergedIntoTicketId = s.optId("mergedIntoTicketId");
  out.consumerMessages = static_cast<int>(s.optInteger("consumerMessages", 0, 1000000).value_or(0));
  out.wasConnected = s.boolean("wasConnected", true);
  out.durationSec = readSeconds(s, "durationSec");
  out.waitSec = readSeconds(s, "waitSec");
  out.holdSec = readSeconds(s, "holdSec");
  out.recordingUrl = s.string("recordingUrl", "");
  if (!out.recordingUrl.empty() && out.recordingUrl.rfind("https://", 0) != 0) {
    s.field("recordingUrl").fail("expected an https:// URL");
  }
  out.recordingBytes = s.optInteger("recordingBytes", 0, INT64_MAX / 2);
  if (s.has("csat")) out.csat = scalarText(s.field("csat"));
  if (s.has("verification")) out.verification = scalarText(s.field("verification"));
  if (s.has("feedback")) out.feedback = scalarText(s.field("feedback"));
  out.visitorId = s.string("visitorId", "");
  out.sdkId = s.string("sdkId", "");
  auto data = s.field("customData");
  if (!data.isNull()) {
    if (!data.json().is_object()) data.fail("expected object");
    if (data.json().size() > 1000) data.fail("too many entries: at most 1000");
    for (const auto& item : data.json().items()) {
      if (item.value().is_null()) continue;
      out.customData.emplace_back(item.key(), scalarText(data.field(item.key())));
    }
  }
  auto attributes = s.field("attributes");
  if (!attributes.isNull()) {
    if (!attributes.json().is_object()) attributes.fail("expected object");
    out.attributes = attributes.json();
  }
  auto plan = s.field("plan");
  if (!plan.isNull()) out.plan = readOutboundPlanRef(plan);
  auto callback = s.field("callback");
  if (!callback.isNull()) {
    CallbackRef cb;
    cb.ticketId = callback.id("ticketId");
    cb.reason = callback.oneOf("reason", {"hangup_callback", "short_call"}, "hangup_callback");
    cb.previousDurationSec = readSeconds(callback, "previousDurationSec");
    out.callback = cb;
  }
  return out;
}

OutJson refJson(const TicketRef& r) { return r.id ? OutJson(*r.id) : OutJson(nullptr); }

OutJson toJson(const SessionAction& a) {
  OutJson o = OutJson::object();
  put(o, "op", std::string(nameOf(kSessionOpNames, a.op)));
  put(o, "key", a.key);
  auto comment = [&] {
    OutJson c = OutJson::object();
    put(c, "body", a.comment);
    put(c, "public", false);
    return c;
  };
  auto fields = [&] {
    OutJson f = OutJson::array();
    for (const auto& v : a.customFields) {
      OutJson field = OutJson::object();
      put(field, "id", v.id);
      put(field, "value", v.value);
      f.push_back(std::move(field));
    }
    return f;
  };
  auto ticketRef = [&] {
    put(o, "ticketId", refJson(a.ticket));
    if (!a.ticket.createdByKey.empty()) put(o, "ticketKey", a.ticket.createdByKey);
  };
  if (a.op == SessionOp::CreateContact) {
    put(o, "name", a.name);
    put(o, "phone", a.phone.empty() ? OutJson(nullptr) : OutJson(a.phone));
    put(o, "externalId", a.externalId.empty() ? OutJson(nullptr) : OutJson(a.externalId));
  } else if (a.op == SessionOp::CreateTicket) {
    put(o, "requesterId", a.requesterId ? OutJson(*a.requesterId) : OutJson(nullptr));
    if (!a.requesterKey.empty()) put(o, "requesterKey", a.requesterKey);
    put(o, "subject", a.subject);
    put(o, "tags", OutJson(a.tags));
    put(o, "comment", comment());
    put(o, "assigneeId", a.assigneeId ? OutJson(*a.assigneeId) : OutJson(nullptr));
    put(o, "customFields", fields());
    put(o, "channel", std::string(nameOf(kTicketChannelNames, a.channel)));
    put(o, "via", std::string(nameOf(kTicketViaNames, a.via)));
  } else if (a.op == SessionOp::AppendToTicket) {
    ticketRef();
    put(o, "comment", comment());
    if (!a.status.empty()) put(o, "status", a.status);
    if (!a.tags.empty()) put(o, "addTags", OutJson(a.tags));  // tags the ticket gains (TR-6's marker)
  } else if (a.op == SessionOp::AssignTicket) {
    ticketRef();
    put(o, "assigneeId", a.assigneeId ? OutJson(*a.assigneeId) : OutJson(nullptr));
  } else if (a.op == SessionOp::SetFields) {
    ticketRef();
    put(o, "customFields", fields());
  } else if (a.op == SessionOp::SetRequester) {
    ticketRef();
    put(o, "requesterId", a.requesterId ? OutJson(*a.requesterId) : OutJson(nullptr));
  } else if (a.op == SessionOp::PopContact) {
    put(o, "contactId", a.contactId ? OutJson(*a.contactId) : OutJson(nullptr));
  } else {  // popTicket, linkSession
    ticketRef();
  }
  return o;
}

}  // namespace

OutJson toJson(const LookupView& l) {
  OutJson lookup = OutJson::object();
  put(lookup, "matches", l.matches);
  put(lookup, "contactId", l.contactId ? OutJson(*l.contactId) : OutJson(nullptr));
  put(lookup, "contactName", l.contactId ? OutJson(l.contactName) : OutJson(nullptr));
  OutJson latest = nullptr;
  if (l.latestUnsolvedTicketId) {
    latest = OutJson::object();
    put(latest, "id", *l.latestUnsolvedTicketId);
    put(latest, "status", l.latestUnsolvedStatus);
    put(latest, "subject", l.latestUnsolvedSubject);
  }
  put(lookup, "latestUnsolvedTicket", std::move(latest));
  return lookup;
}

OutJson resolveSessionJson(const JsonReader& request) {
  SessionRequest req;
  req.settings = readSessionSettings(request.field("settings"));
  req.session = readSession(request.field("session"));
  req.contacts = readContacts(request, "contacts");
  req.tickets = readTickets(request, "tickets");
  auto result = resolveSession(req);

  OutJson actions = OutJson::array();
  for (const auto& a : result.actions) actions.push_back(toJson(a));
  OutJson flags = OutJson::array();
  for (const auto& f : result.flags) {
    OutJson flag = OutJson::object();
    put(flag, "code", f.code);
    put(flag, "attribute", f.attribute);
    flags.push_back(std::move(flag));
  }
  OutJson out = OutJson::object();
  put(out, "actions", std::move(actions));
  put(out, "decision", toJson(result.decision));
  put(out, "lookup", toJson(result.lookup));
  put(out, "flags", std::move(flags));
  put(out, "contactOptions", OutJson(result.contactOptions));
  put(out, "warnings", toJson(result.warnings));
  return out;
}

}  // namespace adapter
