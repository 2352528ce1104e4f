// planOutbound: JSON request → OutboundRequest, OutboundResult → JSON response (CONTRACT.md shapes).
#include "adapter/outbound_codec.h"

#include "adapter/domain_codec.h"
#include "adapter/functions.h"
#include "adapter/iso_time.h"
#include "adapter/outbound.h"
#include "out_json_put.h"

namespace adapter {
namespace {

OutboundSettings readSettings(const JsonReader& s) {
  OutboundSettings out;
  out.doNotAppendToOpenTicket = s.boolean("doNotAppendToOpenTicket", false);
  out.promptSelectOpenTicket = s.boolean("promptSelectOpenTicket", false);
  out.allowCreateNewTicket = s.boolean("allowCreateNewTicket", false);
  out.allowDoNotCreateTicket = s.boolean("allowDoNotCreateTicket", false);
  out.allowDialEnteredNumber = s.boolean("allowDialEnteredNumber", false);
  out.defaultCallingCode = readDefaultCallingCode(s);
  auto team = s.field("teamTicketEntry");
  out.teamTicketEntryEnabled = team.boolean("enabled", false);
  out.teamPhoneFieldId = team.optId("phoneFieldId");
  out.integrationTag = readIntegrationTag(s);
  out.autoAppendScope =
      s.optEnum("outboundAutoAppendScope", kAutoAppendScopeNames).value_or(AutoAppendScope::IntegrationTickets);
  return out;
}

OutboundEntry readEntry(const JsonReader& e) {
  OutboundEntry out;
  out.source = e.optEnum("source", kEntrySourceNames).value_or(EntrySource::Dialpad);
  out.number = e.optString("number");
  out.contactId = e.optId("contactId");
  out.ticketId = e.optId("ticketId");
  if (out.source == EntrySource::Contact && !out.contactId)
    e.field("contactId").fail("required for source \"contact\"");
  if ((out.source == EntrySource::Ticket || out.source == EntrySource::TicketNewNumber) && !out.ticketId) {
    e.field("ticketId").fail("required for source \"" + std::string(nameOf(kEntrySourceNames, out.source)) + "\"");
  }
  return out;
}

std::optional<TicketChoice> readTicketChoice(const JsonReader& input) {
  auto f = input.field("ticket");
  if (f.isNull()) return std::nullopt;
  if (f.json().is_string()) {
    auto s = f.asString();
    if (s == "new") return TicketChoice::newTicket();
    if (s == "none") return TicketChoice::none();
    f.fail("expected a ticket id, \"new\" or \"none\"");
  }
  return TicketChoice::existing(f.asId());
}

OutboundInput readInput(const JsonReader& i) {
  OutboundInput out;
  out.number = i.optString("number");
  out.contactId = i.optId("contactId");
  out.ticket = readTicketChoice(i);
  out.useEnteredNumber = i.optBoolean("useEnteredNumber");
  auto ticketId = i.field("ticketId");
  if (ticketId.json().is_number_integer() || ticketId.json().is_number_unsigned()) {
    out.ticketId = std::to_string(ticketId.asId());  // a number is accepted for convenience
  } else {
    out.ticketId = i.optString("ticketId");
  }
  return out;
}

OutboundRequest readOutboundRequest(const JsonReader& root) {
  OutboundRequest req;
  req.settings = readSettings(root.field("settings"));
  auto agent = root.field("agent");
  req.agentId = agent.optId("id");
  agent.forEach("teams", [&](const JsonReader& t) {
    AgentTeam team;
    team.id = t.id("id");
    team.ticketIdEntry = t.optEnum("ticketIdEntry", kTeamTicketEntryNames).value_or(TeamTicketEntry::Off);
    req.teams.push_back(team);
  });
  req.entry = readEntry(root.field("entry"));
  req.contacts = readContacts(root, "contacts");
  req.tickets = readTickets(root, "tickets");
  req.input = readInput(root.field("input"));
  return req;
}

OutJson toJson(const TicketChoice& c) {
  switch (c.kind) {
    case TicketChoice::Kind::Existing: return c.id;
    case TicketChoice::Kind::New: return "new";
    case TicketChoice::Kind::None: return "none";
  }
  return nullptr;
}

OutJson optionalTime(const std::optional<std::int64_t>& t) { return t ? OutJson(formatIsoTime(*t)) : OutJson(nullptr); }

}  // namespace

OutboundPlanRef planRef(const OutboundPlan& plan) {
  OutboundPlanRef out;
  out.action = plan.ticket.kind == TicketChoice::Kind::Existing ? "append"
               : plan.ticket.kind == TicketChoice::Kind::New    ? "create"
                                                                : "none";
  if (plan.ticket.kind == TicketChoice::Kind::Existing) out.ticketId = plan.ticket.id;
  out.contactId = plan.contactId;
  out.createContact = plan.createContact;
  out.noteDialedNumber = plan.noteDialedNumber;
  out.dial = plan.dial;
  out.extension = plan.extension;
  return out;
}

OutJson toJson(const OutboundPlanRef& p) {
  OutJson ticket = OutJson::object();
  put(ticket, "action", p.action);
  if (p.ticketId) put(ticket, "id", *p.ticketId);
  if (p.action == "append") put(ticket, "setStatus", "open");  // TR-4: an outbound call appended to a ticket reopens it
  OutJson plan = OutJson::object();
  put(plan, "dial", p.dial);
  put(plan, "extension", p.extension.empty() ? OutJson(nullptr) : OutJson(p.extension));
  put(plan, "contactId", p.contactId ? OutJson(*p.contactId) : OutJson(nullptr));
  put(plan, "createContact", p.createContact);
  put(plan, "ticket", std::move(ticket));
  put(plan, "noteDialedNumber", p.noteDialedNumber);
  return plan;
}

OutboundPlanRef readOutboundPlanRef(const JsonReader& plan) {
  OutboundPlanRef p;
  auto ticket = plan.field("ticket");
  p.action = ticket.oneOf("action", {"append", "create", "none"}, "create");
  p.ticketId = ticket.optId("id");
  if (p.action == "append" && !p.ticketId) ticket.field("id").fail("required for action \"append\"");
  p.contactId = plan.optId("contactId");
  p.createContact = plan.boolean("createContact", false);
  p.noteDialedNumber = plan.boolean("noteDialedNumber", false);
  p.dial = plan.string("dial", "");
  p.extension = plan.string("extension", "");
  if (p.extension.size() > 10 || p.extension.find_first_not_of("0123456789") != std::string::npos) {
    plan.field("extension").fail("expected 1 to 10 digits or null");
  }
  return p;
}

OutJson toJson(const OutboundResult& r) {
  OutJson number = OutJson::object();
  put(number, "e164", r.number.e164 ? OutJson(*r.number.e164) : OutJson(nullptr));
  put(number, "display", r.number.display);
  put(number, "isPlaceholder", r.number.isPlaceholder);
  put(number, "extension", r.number.extension.empty() ? OutJson(nullptr) : OutJson(r.number.extension));

  OutJson contactOptions = OutJson::array();
  for (const auto& o : r.contactOptions) {
    OutJson option = OutJson::object();
    put(option, "id", o.id);
    put(option, "name", o.name);
    put(option, "createdAt", optionalTime(o.createdAt));
    put(option, "matchedPhone", o.matchedPhone.empty() ? OutJson(nullptr) : OutJson(o.matchedPhone));
    contactOptions.push_back(std::move(option));
  }
  OutJson contact = OutJson::object();
  put(contact, "options", std::move(contactOptions));
  put(contact, "selected", r.contactSelected ? OutJson(*r.contactSelected) : OutJson(nullptr));
  put(contact, "willCreate", r.willCreateContact);

  OutJson ticketOptions = OutJson::array();
  for (const auto& o : r.ticket.options) ticketOptions.push_back(toJson(o));
  OutJson openTickets = OutJson::array();
  for (const auto& t : r.ticket.openTickets) {
    OutJson open = OutJson::object();
    put(open, "id", t.id);
    put(open, "subject", t.subject);
    put(open, "status", toString(t.status));
    put(open, "updatedAt", optionalTime(t.updatedAt));
    put(open, "createdByIntegration", t.createdByIntegration);
    openTickets.push_back(std::move(open));
  }
  OutJson ticket = OutJson::object();
  put(ticket, "mode", r.ticket.mode);
  put(ticket, "options", std::move(ticketOptions));
  put(ticket, "selected", r.ticket.selected ? toJson(*r.ticket.selected) : OutJson(nullptr));
  put(ticket, "required", r.ticket.required);
  put(ticket, "openTickets", std::move(openTickets));
  put(ticket, "ticketId", r.ticket.ticketIdText ? OutJson(*r.ticket.ticketIdText) : OutJson(nullptr));

  OutJson useEntered = OutJson::object();
  put(useEntered, "offered", r.useEnteredOffered);
  put(useEntered, "checked", r.useEnteredChecked);
  OutJson out = OutJson::object();
  put(out, "number", std::move(number));
  put(out, "useEnteredNumber", std::move(useEntered));
  put(out, "contact", std::move(contact));
  put(out, "ticket", std::move(ticket));
  put(out, "errors", toJson(r.errors));
  put(out, "warnings", toJson(r.warnings));
  put(out, "canCall", r.canCall);
  if (r.plan) put(out, "plan", toJson(planRef(*r.plan)));
  OutJson teamEntry = OutJson::object();
  put(teamEntry, "applies", r.teamEntryApplies);
  put(teamEntry, "required", r.teamEntryRequired);
  put(out, "teamTicketEntry", std::move(teamEntry));
  put(out, "decision", toJson(r.decision));
  return out;
}

OutJson planOutboundJson(const JsonReader& request) { return toJson(planOutbound(readOutboundRequest(request))); }

}  // namespace adapter
