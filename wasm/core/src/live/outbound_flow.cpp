// The outbound view (FO, TB): the four entry points, typing and pasting, the agent's choices, Call and Cancel.
// planOutbound decides; this file only gathers what it needs from Zendesk (users by phone, the chosen contact's
// tickets, a ticket named by the Call menu or typed in the TB box) and keeps the agent's input.

#include "adapter/functions.h"
#include "adapter/outbound.h"
#include "adapter/phone.h"
#include "live/flows.h"
#include "utf8_prefix.h"

namespace adapter::live {
namespace {

constexpr Millis kTypingPauseMs = 400;      // search once the agent stops typing, not on every key
constexpr std::size_t kMaxInputText = 256;  // a paste longer than any phone number or ticket id is cut here

std::string currentNumberText(const Outbound& o) { return o.numberTyped ? o.numberText : o.entryNumber; }

std::string currentE164(const AdapterState& s) {
  auto n = normalizePhone(currentNumberText(*s.outbound), s.config.defaultCallingCode);
  return n.valid ? n.e164 : std::string();
}

std::optional<Id> requesterOf(const AdapterState& s, std::optional<Id> ticketId) {
  if (!ticketId) return std::nullopt;
  auto it = s.directory.tickets.find(*ticketId);
  if (it == s.directory.tickets.end()) return std::nullopt;
  return it->second["requesterId"].get<Id>();
}

std::set<Id> candidateContacts(const AdapterState& s) {
  const auto& o = *s.outbound;
  std::set<Id> ids;
  if (auto it = s.directory.contactsByNumber.find(currentE164(s)); it != s.directory.contactsByNumber.end()) {
    ids.insert(it->second.begin(), it->second.end());
  }
  for (auto id : {o.entryContactId, o.contactId, requesterOf(s, o.entryTicketId),
                  requesterOf(s, parseTicketIdText(o.ticketIdText))}) {
    if (id && s.directory.contacts.count(*id)) ids.insert(*id);
  }
  return ids;
}

InJson planRequest(const AdapterState& s) {
  const auto& o = *s.outbound;
  InJson teams = InJson::array();
  for (Id group : s.agent.groupIds) {
    auto it = s.config.groupTicketEntry.find(group);
    if (it != s.config.groupTicketEntry.end()) teams.push_back({{"id", group}, {"ticketIdEntry", it->second}});
  }
  auto orNull = [](std::optional<Id> id) { return id ? InJson(*id) : InJson(nullptr); };
  InJson contacts = InJson::array();
  InJson tickets = InJson::array();
  auto contactIds = candidateContacts(s);
  for (Id id : contactIds) contacts.push_back(s.directory.contacts.at(id));
  for (const auto& [id, t] : s.directory.tickets) {
    bool named = id == o.entryTicketId || parseTicketIdText(o.ticketIdText) == id;
    if (named || contactIds.count(t["requesterId"].get<Id>())) tickets.push_back(t);
  }
  return InJson{{"settings", s.config.outboundSettings},
                {"agent", {{"id", s.agent.id > 0 ? s.agent.id : 1}, {"teams", teams}}},
                {"entry",
                 {{"source", o.source},
                  {"number", o.entryNumber.empty() ? InJson(nullptr) : InJson(o.entryNumber)},
                  {"contactId", orNull(o.entryContactId)},
                  {"ticketId", orNull(o.entryTicketId)}}},
                {"contacts", contacts},
                {"tickets", tickets},
                {"input",
                 {{"number", o.numberTyped ? InJson(o.numberText) : InJson(nullptr)},
                  {"contactId", orNull(o.contactId)},
                  {"ticket", o.ticketChoice},
                  {"useEnteredNumber", o.useEnteredNumber ? InJson(*o.useEnteredNumber) : InJson(nullptr)},
                  {"ticketId", o.ticketIdText.empty() ? InJson(nullptr) : InJson(o.ticketIdText)}}}};
}

// Asks Zendesk for what the plan still lacks: the named contact or ticket, the selected contact's tickets.
void fetchMissing(AdapterState& s) {
  const auto& o = *s.outbound;
  if (o.entryContactId && !s.directory.contacts.count(*o.entryContactId)) loadContact(s, *o.entryContactId);
  if (o.entryTicketId && !s.directory.tickets.count(*o.entryTicketId) &&
      !s.directory.missingTickets.count(*o.entryTicketId)) {
    loadTicket(s, *o.entryTicketId);
  }
  if (!o.plan.is_object()) return;
  // TB: the typed ticket decides; the requester's other tickets would not change the plan.
  if (o.plan["teamTicketEntry"].value("applies", false)) return;
  const auto& selected = o.plan["contact"]["selected"];
  if (selected.is_number_integer()) {
    Id id = selected.get<Id>();
    if (!s.directory.ticketsLoadedFor.count(id)) loadTickets(s, id);
  }
}

void lookUpNow(AdapterState& s) {
  auto& o = *s.outbound;
  o.lookUpDueMs = 0;
  std::string e164 = currentE164(s);
  if (o.source == "dialpad" && !e164.empty() && !s.directory.contactsByNumber.count(e164)) searchPhone(s, e164);
  if (auto id = parseTicketIdText(o.ticketIdText)) {
    if (!s.directory.tickets.count(*id) && !s.directory.missingTickets.count(*id)) loadTicket(s, *id);
  }
}

void plan(AdapterState& s) {
  InJson request = planRequest(s);
  try {
    s.outbound->plan = planOutboundJson(JsonReader(request, ""));
  } catch (const RequestError& e) {
    // The rules refused what we built from Zendesk's data: say so instead of offering a wrong plan.
    s.outbound->plan = OutJson();
    setBanner(s, "RULES_FAILED", "error", OutJson{{"message", e.what()}, {"path", e.path()}});
  }
}

std::string clipped(const JsonReader& event, const char* key) {
  std::string text = event.string(key, "");
  return utf8Prefix(text, kMaxInputText);
}

}  // namespace

void startOutbound(AdapterState& s, const std::string& source, const std::string& number, std::optional<Id> contactId,
                   std::optional<Id> ticketId) {
  if (auto* call = s.activeCall(); call && call->state != "ended") {
    setBanner(s, "CALL_IN_PROGRESS", "notice");
    return;
  }
  Outbound o;
  o.source = source;
  o.entryNumber = utf8Prefix(number, kMaxInputText);
  o.entryContactId = contactId;
  o.entryTicketId = ticketId;
  // A new outbound view looks everything up afresh (contacts and tickets change between calls).
  s.directory.contactsByNumber.clear();
  s.directory.ticketsLoadedFor.clear();
  s.outbound = std::move(o);
  s.screen = "outbound";
  s.activeCallId.clear();
  retryFailedLookups(s);  // a new view is a fresh try for whatever Zendesk did not answer before
  if (source == "dialpad" && !number.empty()) lookUpNow(s);
  refreshOutbound(s);
}

void refreshOutbound(AdapterState& s) {
  if (!s.outbound) return;
  plan(s);
  fetchMissing(s);
}

// A lookup the plan needs failed after its tries: the number's search, the entry contact or ticket, the typed
// ticket, a candidate contact's tickets. The plan without it would be wrong (a duplicate contact, "no ticket").
bool outboundLookupFailed(const AdapterState& s) {
  if (!s.outbound) return false;
  const auto& o = *s.outbound;
  std::string e164 = currentE164(s);
  if (!e164.empty() && lookupFailed(s, Purpose::SearchPhone, 0, e164)) return true;
  for (auto id : {o.entryTicketId, parseTicketIdText(o.ticketIdText)}) {
    if (id && lookupFailed(s, Purpose::LoadTicket, *id)) return true;
  }
  if (o.entryContactId && lookupFailed(s, Purpose::LoadContact, *o.entryContactId)) return true;
  for (Id id : candidateContacts(s)) {
    if (lookupFailed(s, Purpose::LoadTickets, id)) return true;
  }
  return false;
}

bool outboundReady(const AdapterState& s) {
  if (!s.outbound || s.outbound->lookUpDueMs > 0 || outboundLookupFailed(s)) return false;
  for (const auto& [id, p] : s.requests) {
    if (p.purpose != Purpose::Write) return false;
  }
  if (!s.lookupRetries.empty()) return false;
  std::string e164 = currentE164(s);
  return s.outbound->source != "dialpad" || e164.empty() || s.directory.contactsByNumber.count(e164) > 0;
}

void outboundTick(AdapterState& s) {
  if (s.outbound && s.outbound->lookUpDueMs > 0 && s.outbound->lookUpDueMs <= s.nowMs) {
    lookUpNow(s);
    refreshOutbound(s);
  }
}

void onOutboundAction(AdapterState& s, const std::string& type, const JsonReader& event) {
  if (type == "openDialPad") return startOutbound(s, "dialpad", "", std::nullopt, std::nullopt);
  if (!s.outbound) return;  // a late click after Cancel: nothing to change
  auto& o = *s.outbound;
  if (type == "numberChanged") {
    o.numberText = clipped(event, "text");
    o.numberTyped = true;
    o.lookUpDueMs = s.nowMs + kTypingPauseMs;
  } else if (type == "lookUpNumber") {
    lookUpNow(s);
  } else if (type == "contactChosen") {
    o.contactId = event.id("contactId");
  } else if (type == "ticketChosen") {
    auto value = event.field("value");
    if (value.json().is_string()) {
      o.ticketChoice = event.oneOf("value", {"new", "none"}, "new");
    } else {
      o.ticketChoice = event.id("value");
    }
  } else if (type == "useEnteredNumberChanged") {
    o.useEnteredNumber = event.boolean("checked", false);
  } else if (type == "ticketIdChanged") {
    o.ticketIdText = clipped(event, "text");
    o.lookUpDueMs = s.nowMs + kTypingPauseMs;
  } else if (type == "cancelClicked") {
    s.outbound.reset();  // FO-6: nothing dialled, nothing written
    s.screen = "main";
    return;
  } else if (type == "callClicked") {
    refreshOutbound(s);
    const auto& p = s.outbound->plan;
    if (!p.is_object() || !p.value("canCall", false) || !outboundReady(s)) return;  // the button was disabled
    if (s.connectorState != "online") return;                                       // disabled, with its reason
    OutJson chosen = p["plan"];
    std::optional<Outbound> from = std::move(s.outbound);
    s.outbound.reset();
    return startOutboundCall(s, chosen, std::move(from));
  }
  refreshOutbound(s);
}

}  // namespace adapter::live
