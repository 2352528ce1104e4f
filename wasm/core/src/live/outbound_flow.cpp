// The outbound view (FO, TB): the four entry points, typing and pasting, the agent's choices, Call and Cancel.
// planOutbound decides; this file only gathers what it needs from Zendesk (users by phone, the chosen contact's
// tickets, a ticket named by the Call menu or typed in the TB box) and keeps the agent's input.

#include <algorithm>

#include "adapter/outbound.h"
#include "adapter/phone.h"
#include "live/flows.h"
#include "note_text.h"
#include "utf8_prefix.h"

namespace adapter::live {
namespace {

constexpr Millis kTypingPauseMs = 400;      // search once the agent stops typing, not on every key
constexpr std::size_t kMaxInputText = 256;  // a paste longer than any phone number or ticket id is cut here

const std::string& currentNumberText(const Outbound& o) { return o.numberTyped ? o.numberText : o.entryNumber; }

std::string currentE164(const AdapterState& s) {
  const Outbound& o = *s.outbound;
  const std::string& number = currentNumberText(o);
  auto& memo = o.e164Memo;
  if (!memo || memo->number != number || memo->callingCode != s.config.defaultCallingCode) {
    auto n = normalizePhone(number, s.config.defaultCallingCode);
    memo = Outbound::E164Memo{number, s.config.defaultCallingCode, n.valid ? n.e164 : std::string()};
  }
  return memo->e164;
}

std::optional<Id> requesterOf(const AdapterState& s, std::optional<Id> ticketId) {
  if (!ticketId) return std::nullopt;
  auto it = s.directory.tickets.find(*ticketId);
  if (it == s.directory.tickets.end()) return std::nullopt;
  return it->second.requesterId;
}

// The agent's contact and ticket choices (dial pad) were made for the number then in the box: they hold while the
// box has that number, or none that is valid yet (half-way through an edit). Another number waits for
// reconcileChoices.
bool choicesApply(const AdapterState& s) {
  const auto& o = *s.outbound;
  if (o.source != EntrySource::Dialpad || o.choicesFor.empty()) return true;
  std::string e164 = currentE164(s);
  return e164.empty() || e164 == o.choicesFor;
}

bool samePhone(const std::string& a, const std::string& b, const std::string& defaultCallingCode) {
  auto na = normalizePhone(a, defaultCallingCode);
  auto nb = normalizePhone(b, defaultCallingCode);
  return na.valid && nb.valid ? na.e164 == nb.e164 : a == b;
}

// The contact as the rules see it: its phones and, once Zendesk gave them, its other phone identities (after
// the primary phone, which TB-5 dials by default).
Contact contactForPlan(const AdapterState& s, Id id) {
  Contact contact = s.directory.contacts.at(id);
  auto it = s.directory.phoneIdentities.find(id);
  if (it == s.directory.phoneIdentities.end()) return contact;
  for (const auto& value : it->second) {
    bool known = false;
    for (const auto& phone : contact.phones) {
      known = known || samePhone(phone, value, s.config.defaultCallingCode);
    }
    if (!known) contact.phones.push_back(value);
  }
  return contact;
}

bool contactHasNumber(const AdapterState& s, Id id, const std::string& e164) {
  if (!s.directory.contacts.count(id)) return false;
  for (const auto& phone : contactForPlan(s, id).phones) {
    if (samePhone(phone, e164, s.config.defaultCallingCode)) return true;
  }
  return false;
}

// The number in the box is no longer the one the agent's choices were made for: they stay when their contact
// has the new number too (Zendesk's search for it found them, or a phone of theirs is it) or when the agent keeps
// the contact to dial an entered number (FO-1e, D5); otherwise the contact and ticket are planned afresh. Until
// the search for the new number has answered they are held back, not dropped.
void reconcileChoices(AdapterState& s) {
  auto& o = *s.outbound;
  if (choicesApply(s)) return;
  std::string e164 = currentE164(s);
  bool entered = o.plan && o.plan->useEnteredChecked;
  bool fits = false;
  if (o.choiceContact) {
    if ((entered && o.contactId) || contactHasNumber(s, *o.choiceContact, e164)) {
      fits = true;
    } else {
      auto found = s.directory.contactsByNumber.find(e164);
      if (found == s.directory.contactsByNumber.end()) return;  // not known yet
      fits = std::find(found->second.begin(), found->second.end(), *o.choiceContact) != found->second.end();
    }
  }
  if (fits) {
    o.choicesFor = e164;
    return;
  }
  o.contactId.reset();
  o.choiceContact.reset();
  o.ticketChoice.reset();
  o.choicesFor.clear();
}

std::set<Id> candidateContacts(const AdapterState& s) {
  const auto& o = *s.outbound;
  std::set<Id> ids;
  if (auto it = s.directory.contactsByNumber.find(currentE164(s)); it != s.directory.contactsByNumber.end()) {
    ids.insert(it->second.begin(), it->second.end());
  }
  std::optional<Id> chosen = choicesApply(s) ? o.contactId : std::nullopt;
  for (auto id :
       {o.entryContactId, chosen, requesterOf(s, o.entryTicketId), requesterOf(s, parseTicketIdText(o.ticketIdText))}) {
    if (id && s.directory.contacts.count(*id)) ids.insert(*id);
  }
  return ids;
}

// The rules compare times to the second, as their contract carries them (ISO 8601 without fractions): Zendesk's
// milliseconds would otherwise reorder contacts created, or tickets updated, within one second.
std::optional<std::int64_t> toWholeSecond(std::optional<std::int64_t> ms) {
  if (!ms) return ms;
  return (*ms >= 0 ? *ms / 1000 : (*ms - 999) / 1000) * 1000;
}

OutboundRequest planRequest(const AdapterState& s) {
  const auto& o = *s.outbound;
  OutboundRequest r;
  r.settings = s.config.outboundSettings;
  r.agentId = s.agent.id > 0 ? s.agent.id : 1;
  for (Id group : s.agent.groupIds) {
    auto it = s.config.groupTicketEntry.find(group);
    if (it != s.config.groupTicketEntry.end()) r.teams.push_back({group, it->second});
  }
  r.entry.source = o.source;
  if (!o.entryNumber.empty()) r.entry.number = o.entryNumber;
  r.entry.contactId = o.entryContactId;
  r.entry.ticketId = o.entryTicketId;
  auto contactIds = candidateContacts(s);
  for (Id id : contactIds) {
    r.contacts.push_back(contactForPlan(s, id));
    r.contacts.back().createdAt = toWholeSecond(r.contacts.back().createdAt);
  }
  for (const auto& [id, t] : s.directory.tickets) {
    bool named = id == o.entryTicketId || parseTicketIdText(o.ticketIdText) == id;
    if (!named && !contactIds.count(t.requesterId)) continue;
    r.tickets.push_back(t);
    r.tickets.back().createdAt = toWholeSecond(t.createdAt);
    r.tickets.back().updatedAt = toWholeSecond(t.updatedAt);
  }
  if (o.numberTyped) r.input.number = o.numberText;
  if (choicesApply(s)) {
    r.input.contactId = o.contactId;
    r.input.ticket = o.ticketChoice;
  }
  r.input.useEnteredNumber = o.useEnteredNumber;
  if (!o.ticketIdText.empty()) r.input.ticketId = o.ticketIdText;
  return r;
}

bool hasCode(const std::vector<Notice>& notices, std::string_view code) {
  return std::any_of(notices.begin(), notices.end(), [&](const Notice& n) { return n.code == code; });
}

void dropCode(std::vector<Notice>& notices, std::string_view code) {
  notices.erase(std::remove_if(notices.begin(), notices.end(), [&](const Notice& n) { return n.code == code; }),
                notices.end());
}

// The contact the plan found the number not stored on (an error, or FO-1e's "not saved" warning), as far as the
// phones known so far go; nullopt when the number is on the contact or no contact is in question.
std::optional<Id> contactWithoutNumber(const AdapterState& s) {
  const auto& p = s.outbound->plan;
  if (!p || currentE164(s).empty() || !p->contactSelected) return std::nullopt;
  if (!hasCode(p->errors, "NUMBER_NOT_ON_CONTACT") && !hasCode(p->warnings, "ENTERED_NUMBER_NOT_SAVED")) {
    return std::nullopt;
  }
  return p->contactSelected;
}

// "Not on this contact" is only known once Zendesk gave the contact's other numbers: while they are asked for
// the verdict is held back (Call waits: the lookup is out), and when Zendesk would not give them the agent is
// told that instead — a contact's number is never refused as not theirs on a guess.
void holdNumberVerdict(AdapterState& s) {
  auto id = contactWithoutNumber(s);
  if (!id || s.directory.phoneIdentities.count(*id)) return;
  auto& p = *s.outbound->plan;                       // contactWithoutNumber found a plan
  if (!lookupFailed(s, Purpose::LoadPhones, *id)) {  // still asked for: unknown, not "none"
    dropCode(p.errors, "NUMBER_NOT_ON_CONTACT");
    dropCode(p.warnings, "ENTERED_NUMBER_NOT_SAVED");
  } else if (hasCode(p.errors, "NUMBER_NOT_ON_CONTACT")) {  // FO-1e ticked: the agent dials it either way
    dropCode(p.errors, "NUMBER_NOT_ON_CONTACT");
    p.errors.push_back({"CONTACT_NUMBERS_NOT_LOADED",
                        "Zendesk did not give this contact's other phone numbers: the number cannot be checked."});
  }
}

// TB-3/TB-4, FO-5c: a ticket is "not found" only once Zendesk said so (404). While its ID is in the typing pause,
// being looked up, or its look-up failed (D53), the plan knows nothing about it: Call waits (the view says
// "checking", or shows the failed look-up with Retry), and no verdict is shown on a guess.
void holdTicketVerdict(AdapterState& s) {
  auto& o = *s.outbound;
  if (!o.plan) return;
  for (auto id : {o.entryTicketId, parseTicketIdText(o.ticketIdText)}) {
    if (id && !s.directory.tickets.count(*id) && !s.directory.missingTickets.count(*id)) {
      dropCode(o.plan->errors, "TICKET_NOT_FOUND");
      o.plan->canCall = false;
    }
  }
}

// Asks Zendesk for what the plan still lacks: the named contact or ticket, the selected contact's tickets, the
// other numbers of a contact the number is not known on.
void fetchMissing(AdapterState& s) {
  const auto& o = *s.outbound;
  if (o.entryContactId && !s.directory.contacts.count(*o.entryContactId)) loadContact(s, *o.entryContactId);
  if (o.entryTicketId && !s.directory.tickets.count(*o.entryTicketId) &&
      !s.directory.missingTickets.count(*o.entryTicketId)) {
    loadTicket(s, *o.entryTicketId);
  }
  if (!o.plan) return;
  if (auto id = contactWithoutNumber(s); id && o.lookUpDueMs == 0 && !s.directory.phoneIdentities.count(*id)) {
    loadPhoneIdentities(s, *id);  // once: an identities lookup in flight or failed is not sent again here
  }
  // TB: the typed ticket decides; the requester's other tickets would not change the plan.
  if (o.plan->teamEntryApplies) return;
  if (auto id = o.plan->contactSelected; id && !s.directory.ticketsLoadedFor.count(*id)) loadTickets(s, *id);
}

void lookUpNow(AdapterState& s) {
  auto& o = *s.outbound;
  o.lookUpDueMs = 0;
  std::string e164 = currentE164(s);
  if (o.source == EntrySource::Dialpad && !e164.empty() && !s.directory.contactsByNumber.count(e164))
    searchPhone(s, e164);
  if (auto id = parseTicketIdText(o.ticketIdText)) {
    if (!s.directory.tickets.count(*id) && !s.directory.missingTickets.count(*id)) loadTicket(s, *id);
  }
}

// TR-8 (D445): a callback joins its ticket while that is open, whatever FO-1 planned (the rules decide so at the
// dial, by the same callbackJoins); the view says so before Call: that ticket, and TR-8's verdict.
void applyCallback(const AdapterState& s, OutboundResult& r) {
  const auto& cb = s.outbound->callback;
  if (!cb || !r.plan) return;
  auto t = s.directory.tickets.find(cb->ticketId);
  if (t == s.directory.tickets.end() || !callbackJoins(*cb, t->second.status)) return;
  TicketChoice choice = TicketChoice::existing(cb->ticketId);
  r.ticket.mode = "auto";
  r.ticket.options = {choice};
  r.ticket.selected = choice;
  r.ticket.required = false;
  r.ticket.openTickets = {{t->first, t->second.subject, t->second.status, t->second.updatedAt, false}};
  r.plan->ticket = choice;
  NoteKey code = cb->reason == "short_call" ? NoteKey::CALLBACK_SHORT_CALL : NoteKey::CALLBACK_HANGUP;
  TextParams params{{"ticket", std::to_string(cb->ticketId)}};
  r.decision = Decision{"TR-8", noteText(kEnglish, code, params), decisionCode(code), params};
}

void plan(AdapterState& s) {
  s.outbound->plan = planOutbound(planRequest(s));
  applyCallback(s, *s.outbound->plan);
}

}  // namespace

void startOutbound(AdapterState& s, EntrySource source, const std::string& number, std::optional<Id> contactId,
                   std::optional<Id> ticketId) {
  // A call on screen that is not over blocks a dial, and so does any call the agent is on (dialling, connected or
  // held) beside a wrap-up: a dial pad opened over it would hide it (D399). A caller still ringing beside may wait
  // while the agent dials out: it stays listed, and answering it closes the dial pad (D396).
  auto busy = [&](const Call& c) {
    return c.state == CallState::Dialing || c.state == CallState::Connected ||
           (c.id == s.activeCallId && c.state != CallState::Ended);
  };
  for (const auto& [id, call] : s.calls) {
    if (busy(call)) {
      setBanner(s, "CALL_IN_PROGRESS", MessageKind::Notice);
      return;
    }
  }
  // A dial from the wrap-up ends it as Done would: the dial pad takes its place and nothing brings an ended call
  // back on screen, so its note and closing record would never be written (fuzz finding 13, D376). A wrap-up code
  // the admin requires is asked for first, as Done asks (D370).
  Call* onScreen = s.activeCall();
  bool endsWrapUp = onScreen && onScreen->state == CallState::Ended;  // a live call on screen refused the dial above
  if (endsWrapUp && !finishWrapUp(s, *onScreen)) return;
  Outbound o;
  o.source = source;
  o.entryNumber = utf8Prefix(number, kMaxInputText);
  o.entryContactId = contactId;
  o.entryTicketId = ticketId;
  // A new outbound view looks everything up afresh (contacts and tickets change between calls).
  s.directory.contactsByNumber.clear();
  s.directory.ticketsLoadedFor.clear();
  s.directory.phoneIdentities.clear();
  s.outbound = std::move(o);
  s.screen = Screen::Outbound;
  s.activeCallId.clear();
  retryFailedLookups(s);  // a new view is a fresh try for whatever Zendesk did not answer before
  if (source == EntrySource::Dialpad && !number.empty()) lookUpNow(s);
  refreshOutbound(s);
  if (endsWrapUp) pumpSessions(s);  // the finished wrap-up's note and record go out now
}

// TR-8: calling a caller back, through the outbound view prefilled as for the recent calls' Call back (the call's
// ticket offered first; the agent sees what will be written and presses Call). The dial carries the callback, so
// the rules append it to that ticket while it is open, whatever FO-1 says: after "Hang up and call back" always,
// after a call's Call back when that call lasted under 10 s (D445). Values, not references: a dial from the
// wrap-up ends it, and the call they came from may be gone by then.
// NOLINTNEXTLINE(performance-unnecessary-value-param): a copy on purpose (the comment above)
void startCallBack(AdapterState& s, std::string phone, std::optional<Id> contactId, std::optional<Id> ticketId,
                   const char* reason, std::int64_t previousSec) {
  EntrySource source = ticketId ? EntrySource::Ticket : contactId ? EntrySource::Contact : EntrySource::Dialpad;
  startOutbound(s, source, phone, contactId, ticketId);
  if (!s.outbound || !ticketId) return;
  s.outbound->callback =
      CallbackRef{*ticketId, reason, static_cast<int>(std::clamp<std::int64_t>(previousSec, 0, kMaxCallSeconds))};
}

void refreshOutbound(AdapterState& s) {
  if (!s.outbound) return;
  reconcileChoices(s);
  plan(s);
  fetchMissing(s);
  holdNumberVerdict(s);
  holdTicketVerdict(s);
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
  // The contact's other numbers matter only while the verdict on the number waits for them (FO-1e ticked: not).
  bool numbersNeeded = o.plan && hasCode(o.plan->errors, "CONTACT_NUMBERS_NOT_LOADED");
  for (Id id : candidateContacts(s)) {
    if (lookupFailed(s, Purpose::LoadTickets, id)) return true;
    if (numbersNeeded && lookupFailed(s, Purpose::LoadPhones, id)) return true;
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
  return s.outbound->source != EntrySource::Dialpad || e164.empty() || s.directory.contactsByNumber.count(e164) > 0;
}

void outboundTick(AdapterState& s) {
  if (s.outbound && s.outbound->lookUpDueMs > 0 && s.outbound->lookUpDueMs <= s.nowMs) {
    lookUpNow(s);
    refreshOutbound(s);
  }
}

void onOutboundAction(AdapterState& s, const EventBody& event) {
  if (std::holds_alternative<OpenDialPad>(event)) {
    return startOutbound(s, EntrySource::Dialpad, "", std::nullopt, std::nullopt);
  }
  if (!s.outbound) return;  // a late click after Cancel: nothing to change
  auto& o = *s.outbound;
  if (const auto* typed = std::get_if<NumberChanged>(&event)) {
    o.numberText = utf8Prefix(typed->text, kMaxInputText);
    o.numberTyped = true;
    o.lookUpDueMs = s.nowMs + kTypingPauseMs;
  } else if (std::holds_alternative<LookUpNumber>(event)) {
    lookUpNow(s);
  } else if (const auto* contact = std::get_if<ContactChosen>(&event)) {
    Id id = contact->contactId;
    if (o.choiceContact != id) o.ticketChoice.reset();  // another contact's ticket is not this one's
    o.contactId = id;
    o.choiceContact = id;
    o.choicesFor = currentE164(s);
  } else if (const auto* ticket = std::get_if<TicketChosen>(&event)) {
    o.ticketChoice = ticket->ticketId ? TicketChoice::existing(*ticket->ticketId)
                     : ticket->none   ? TicketChoice::none()
                                      : TicketChoice::newTicket();
    // The ticket belongs with the contact the agent saw selected when choosing it.
    std::optional<Id> selected = o.plan ? o.plan->contactSelected : std::nullopt;
    o.choiceContact = selected ? selected : o.contactId;
    o.choicesFor = currentE164(s);
  } else if (const auto* entered = std::get_if<UseEnteredNumberChanged>(&event)) {
    o.useEnteredNumber = entered->checked;
  } else if (const auto* typedId = std::get_if<TicketIdChanged>(&event)) {
    o.ticketIdText = utf8Prefix(typedId->text, kMaxInputText);
    o.lookUpDueMs = s.nowMs + kTypingPauseMs;
  } else if (std::holds_alternative<CancelClicked>(event)) {
    s.outbound.reset();  // FO-6: nothing dialled, nothing written
    s.screen = Screen::Main;
    return;
  } else if (std::holds_alternative<CallClicked>(event)) {
    refreshOutbound(s);
    const auto& p = s.outbound->plan;
    if (!p || !p->canCall || !p->plan || !outboundReady(s)) return;  // the button was disabled
    if (s.connectorState != ConnectorState::Online) return;          // disabled, with its reason
    OutboundPlan chosen = *p->plan;
    std::optional<Outbound> from = std::move(s.outbound);
    s.outbound.reset();
    return startOutboundCall(s, chosen, std::move(from));
  }
  refreshOutbound(s);
}

}  // namespace adapter::live
