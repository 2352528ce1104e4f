#include <algorithm>

#include "adapter/lookup.h"
#include "adapter/outbound.h"
#include "note_text.h"

namespace adapter {
namespace {

bool isBlank(const std::optional<std::string>& s) { return !s || s->find_first_not_of(" \t\r\n") == std::string::npos; }

class Planner {
 public:
  explicit Planner(const OutboundRequest& request) : req_(request), settings_(request.settings) {}

  OutboundResult run() {
    decideTeamEntry();
    if (res_.teamEntryApplies) {
      planTeamEntry();
    } else {
      planFlexible();
    }
    finish();
    return std::move(res_);
  }

 private:
  // ---- lookups -------------------------------------------------------------------------------------
  const Contact* findContact(Id id) const { return findById(req_.contacts, id); }
  const Ticket* findTicket(Id id) const { return findById(req_.tickets, id); }
  std::string matchedPhone(const Contact& c, const std::string& e164) const {
    return matchingPhone(c, e164, settings_.defaultCallingCode);
  }
  std::vector<const Ticket*> openTicketsOf(Id contactId) const { return ticketsOf(req_.tickets, contactId, true); }
  bool createdByIntegration(const Ticket& t) const { return t.hasTag(settings_.integrationTag); }

  void error(std::string code, std::string message) { res_.errors.push_back({std::move(code), std::move(message)}); }
  void warn(std::string code, std::string message) { res_.warnings.push_back({std::move(code), std::move(message)}); }
  // The rule, the code and its parameters (the view translates them), and the reason in English (contract).
  void decide(std::string rule, NoteKey code, TextParams params = {}) {
    res_.decision.reason = noteText(kEnglish, code, params);
    res_.decision.rule = std::move(rule);
    res_.decision.code = decisionCode(code);
    res_.decision.params = std::move(params);
  }

  // ---- TB-1: does team ticket-ID entry apply to this agent? -----------------------------------------
  void decideTeamEntry() {
    if (!settings_.teamTicketEntryEnabled) return;
    for (const auto& team : req_.teams) {
      if (team.ticketIdEntry == TeamTicketEntry::Off) continue;
      res_.teamEntryApplies = true;
      if (team.ticketIdEntry == TeamTicketEntry::Required) res_.teamEntryRequired = true;
    }
  }

  // ---- FO-2: the number ------------------------------------------------------------------------------
  void resolveNumber(const std::optional<std::string>& text) {
    number_ = PhoneNumber{};
    numberGiven_ = !isBlank(text);
    if (!numberGiven_) return;
    numberText_ = *text;
    number_ = normalizePhone(*text, settings_.defaultCallingCode);
    if (!number_.valid) error("NUMBER_INVALID", "The number cannot be dialled: " + number_.reason + ".");
  }
  std::optional<std::string> typedNumber() const { return req_.input.number ? req_.input.number : req_.entry.number; }

  void addContactOption(const Contact& c) {
    for (const auto& o : res_.contactOptions) {
      if (o.id == c.id) return;
    }
    res_.contactOptions.push_back({c.id, c.name, c.createdAt, number_.valid ? matchedPhone(c, number_.e164) : ""});
  }

  // ---- FO: flexible outbound -------------------------------------------------------------------------
  void planFlexible() {
    const auto& entry = req_.entry;
    const Ticket* entryTicket = nullptr;
    if (entry.source == EntrySource::Ticket || entry.source == EntrySource::TicketNewNumber) {
      entryTicket = entry.ticketId ? findTicket(*entry.ticketId) : nullptr;
      if (!entryTicket) {
        error("TICKET_NOT_FOUND", "Ticket " + idText(entry.ticketId.value_or(0)) + " was not found.");
      }
    }

    // FO-1e / FO-5d: "use entered number". "Enter new number" ticks it where it is offered; without FO-1e it
    // opens like the dial pad on the requester, whose stored numbers can be dialled (D59). Only an explicit tick
    // of a box that is not offered is refused.
    res_.useEnteredOffered = settings_.allowDialEnteredNumber;
    bool wantsEntered =
        req_.input.useEnteredNumber.value_or(entry.source == EntrySource::TicketNewNumber && res_.useEnteredOffered);
    if (wantsEntered && !res_.useEnteredOffered) {
      error("ENTERED_NUMBER_DISABLED", "Dialling a number that is not stored on the contact is turned off.");
    }
    res_.useEnteredChecked = res_.useEnteredOffered && wantsEntered;

    resolveNumber(typedNumber());

    // FO-3 / FO-5: who the call is for.
    bool contactLookupFailed = false;
    auto fixedContact = [&](Id id) {
      contact_ = findContact(id);
      contactId_ = id;
      if (!contact_) {
        error("CONTACT_NOT_FOUND", "Contact " + idText(id) + " was not found.");
        contactLookupFailed = true;
      }
    };
    if (req_.input.contactId) {
      fixedContact(*req_.input.contactId);
    } else if (entry.source == EntrySource::Contact && entry.contactId) {
      fixedContact(*entry.contactId);
    } else if (entryTicket) {
      fixedContact(entryTicket->requesterId);
    }

    std::vector<const Contact*> matches;
    if (entry.source == EntrySource::Dialpad && number_.valid) {
      matches = contactsWithPhone(req_.contacts, number_.e164, settings_.defaultCallingCode);
      for (const auto* c : matches) addContactOption(*c);
    }
    if (contact_) addContactOption(*contact_);

    bool contactUnresolved = contactLookupFailed;
    if (!contactId_ && entry.source == EntrySource::Dialpad && number_.valid) {
      if (matches.size() == 1) {  // FO-3b
        contact_ = matches.front();
        contactId_ = contact_->id;
      } else if (matches.size() > 1) {  // FO-3c
        error("CONTACT_REQUIRED", std::to_string(matches.size()) + " contacts have this number: choose one.");
        contactUnresolved = true;
      }
    }
    if (!contactId_ && !number_.valid) contactUnresolved = true;

    // FO-1e: a number that is not stored on the chosen contact.
    if (contact_ && number_.valid && matchedPhone(*contact_, number_.e164).empty()) {
      if (res_.useEnteredChecked) {
        noteDialedNumber_ = true;
        warn("ENTERED_NUMBER_NOT_SAVED",
             "The number is not stored on the contact and will not be saved to it; it is written in the ticket "
             "comment.");
      } else if (res_.useEnteredOffered) {
        error("NUMBER_NOT_ON_CONTACT", "The number is not stored on this contact: tick \"use entered number\".");
      } else {
        error("NUMBER_NOT_ON_CONTACT", "Only numbers stored on the contact can be dialled.");
      }
    }

    if (contactUnresolved) {
      decide("FO-3c", NoteKey::CONTACT_FIRST);
      return;
    }
    chooseTicket(entryTicket);
  }

  // FO-1 + FO-4 (+ TR-4 for the automatic choice).
  void chooseTicket(const Ticket* entryTicket) {
    auto open = contactId_ ? openTicketsOf(*contactId_) : std::vector<const Ticket*>{};
    bool entryOpen = entryTicket && isOpen(entryTicket->status);
    bool entryUsable = entryOpen && contactId_ && entryTicket->requesterId == *contactId_;
    if (entryTicket && !entryOpen) {
      warn("ENTRY_TICKET_NOT_OPEN", "Ticket " + idText(entryTicket->id) + " is " + toString(entryTicket->status) +
                                        ": the call cannot be added to it.");
    }

    std::vector<const Ticket*> candidates;
    if (settings_.doNotAppendToOpenTicket) {
      if (entryUsable) {
        warn("ENTRY_TICKET_NOT_APPENDED",
             "Outbound calls never join an existing ticket here: a new ticket is created instead of using ticket " +
                 idText(entryTicket->id) + ".");
      }
      decide("FO-1a", NoteKey::OUTBOUND_NEVER_APPEND);
    } else if (!settings_.promptSelectOpenTicket) {
      if (entryUsable) {
        candidates.push_back(entryTicket);
        decide("FO-5c", NoteKey::FROM_TICKET_MENU, {{"ticket", idText(entryTicket->id)}});
      } else {
        bool any = settings_.autoAppendScope == AutoAppendScope::AnyOpenTicket;
        auto it =
            std::find_if(open.begin(), open.end(), [&](const Ticket* t) { return any || createdByIntegration(*t); });
        if (it != open.end()) {
          candidates.push_back(*it);
          decide(any ? "FO-1b" : "TR-4", any ? NoteKey::NEWEST_OPEN_TICKET : NoteKey::NEWEST_INTEGRATION_TICKET,
                 {{"ticket", idText((*it)->id)}});
        } else if (!open.empty()) {
          decide("TR-4", NoteKey::NO_INTEGRATION_OPEN_NEW);
        } else {
          decide("FO-1b", NoteKey::NO_OPEN_NEW);
        }
      }
    } else {
      candidates = open;
      if (open.empty()) {
        decide("FO-1b", NoteKey::NO_OPEN_NEW);
      } else if (open.size() == 1) {
        decide("FO-1b", NoteKey::OPEN_TICKET_OFFERED);
      } else {
        decide("FO-1b", NoteKey::OPEN_TICKETS_OFFERED, {{"count", std::to_string(open.size())}});
      }
    }

    auto& view = res_.ticket;
    for (const auto* t : candidates) {
      view.options.push_back(TicketChoice::existing(t->id));
      view.openTickets.push_back({t->id, t->subject, t->status, t->updatedAt, createdByIntegration(*t)});
    }
    bool offerNew = candidates.empty() || (settings_.promptSelectOpenTicket && settings_.allowCreateNewTicket);
    if (offerNew) view.options.push_back(TicketChoice::newTicket());
    if (settings_.allowDoNotCreateTicket) view.options.push_back(TicketChoice::none());

    view.mode = view.options.size() == 1 ? "auto" : "list";
    view.required = view.mode == "list";
    auto offered = [&](const TicketChoice& c) {
      return std::find(view.options.begin(), view.options.end(), c) != view.options.end();
    };

    if (req_.input.ticket) {
      if (offered(*req_.input.ticket)) {
        view.selected = req_.input.ticket;
        if (view.options.size() > 1) decide("FO-1", NoteKey::CHOSEN_BY_AGENT);
      } else {
        error("CHOICE_NOT_ALLOWED", "That ticket choice is not offered with the current settings.");
      }
    } else if (view.options.size() == 1) {   // NOLINT(bugprone-branch-clone): the last branch but one does the
      view.selected = view.options.front();  // same, after the entry ticket had its turn: the order matters
    } else if (entryUsable && offered(TicketChoice::existing(entryTicket->id))) {
      view.selected = TicketChoice::existing(entryTicket->id);
    } else if (!settings_.promptSelectOpenTicket || candidates.size() + (offerNew ? 1 : 0) == 1) {
      view.selected = view.options.front();  // the only real choice; "none" is an extra option, never a default
    } else {
      error("TICKET_REQUIRED", "Choose the ticket this call belongs to.");
    }
  }

  // ---- TB: team-based ticket-ID entry ------------------------------------------------------------------
  void planTeamEntry() {
    const auto& entry = req_.entry;
    auto& view = res_.ticket;
    view.mode = "idEntry";
    view.required = res_.teamEntryRequired;
    if (req_.input.useEnteredNumber.value_or(false)) {
      error("ENTERED_NUMBER_DISABLED", "\"Use entered number\" is not offered with ticket-ID entry.");
    }
    if (req_.input.ticket) {
      error("CHOICE_NOT_ALLOWED", "Your team enters a ticket ID instead of choosing from the ticket list.");
    }

    if (entry.source == EntrySource::Contact || entry.source == EntrySource::TicketNewNumber) {  // TB-7
      resolveNumber(typedNumber());
      error("TEAM_ENTRY_INCOMPATIBLE",
            entry.source == EntrySource::Contact
                ? "Click-to-call on a contact cannot be used with your team's ticket-ID entry: call from the ticket."
                : "\"Enter new number\" cannot be used with your team's ticket-ID entry.");
      decide("TB-7", NoteKey::TEAM_ENTRY_INCOMPATIBLE);
      return;
    }

    std::optional<std::string> text = req_.input.ticketId;
    if (!text && entry.source == EntrySource::Ticket && entry.ticketId) text = idText(*entry.ticketId);  // TB-7
    view.ticketIdText = text;

    if (isBlank(text)) {
      resolveNumber(typedNumber());
      if (res_.teamEntryRequired) {  // TB-3
        error("TICKET_REQUIRED", "Your team must enter a ticket ID before calling.");
        decide("TB-3", NoteKey::TICKET_ID_REQUIRED);
        return;
      }
      matchContactsByNumber();  // TB-3 optional and empty: the default, a new ticket
      view.options = {TicketChoice::newTicket()};
      view.selected = TicketChoice::newTicket();
      decide("TB-3", NoteKey::NO_TICKET_ID_NEW);
      return;
    }

    auto ticketId = parseTicketIdText(*text);
    if (!ticketId) {
      resolveNumber(typedNumber());
      error("TICKET_ID_INVALID", "A ticket ID is a number, like 1234.");
      return;
    }
    const Ticket* ticket = findTicket(*ticketId);
    if (!ticket) {
      resolveNumber(typedNumber());
      error("TICKET_NOT_FOUND", "Ticket " + idText(*ticketId) + " was not found.");
      return;
    }
    if (!isOpen(ticket->status)) {  // TB-4
      resolveNumber(typedNumber());
      error("TICKET_NOT_LINKABLE", std::string("Ticket ") + idText(ticket->id) + " is " + toString(ticket->status) +
                                       ": a call cannot be linked to a solved or closed ticket.");
      decide("TB-4", NoteKey::TICKET_NOT_OPEN);
      return;
    }

    contactId_ = ticket->requesterId;
    contact_ = findContact(ticket->requesterId);
    if (entry.source == EntrySource::Ticket) {
      resolveNumber(typedNumber());  // TB-7: the agent picked one of the requester's numbers
    } else {
      resolveNumber(ticketPhone(*ticket));  // TB-5
    }
    if (contact_) addContactOption(*contact_);
    view.options = {TicketChoice::existing(ticket->id)};
    view.selected = view.options.front();
    view.openTickets.push_back(
        {ticket->id, ticket->subject, ticket->status, ticket->updatedAt, createdByIntegration(*ticket)});
    decide("TB-6", NoteKey::ADDED_TO_TICKET, {{"ticket", idText(ticket->id)}});
  }

  // TB-5: the requester's default phone, or the configured custom ticket field.
  std::optional<std::string> ticketPhone(const Ticket& ticket) {
    std::optional<std::string> phone;
    if (settings_.teamPhoneFieldId) {
      const auto* field = ticket.field(*settings_.teamPhoneFieldId);
      if (field && !isBlank(field->text)) {
        phone = field->text;
      } else {
        warn("TICKET_FIELD_PHONE_EMPTY", "The ticket's phone field is empty: the requester's phone is used.");
      }
    }
    if (!phone && contact_ && !contact_->phones.empty()) phone = contact_->phones.front();
    if (!phone) {
      error("TICKET_PHONE_MISSING", "Ticket " + idText(ticket.id) + " has no phone number to call.");
      return std::nullopt;
    }
    auto typed = typedNumber();
    if (!isBlank(typed)) {
      auto a = normalizePhone(*typed, settings_.defaultCallingCode);
      auto b = normalizePhone(*phone, settings_.defaultCallingCode);
      if (!a.valid || !b.valid || a.e164 != b.e164) {
        warn("NUMBER_FROM_TICKET", "The number comes from the ticket, not from what was typed.");
      }
    }
    return phone;
  }

  void matchContactsByNumber() {
    if (!number_.valid) return;
    auto matches = contactsWithPhone(req_.contacts, number_.e164, settings_.defaultCallingCode);
    for (const auto* c : matches) addContactOption(*c);
    if (req_.input.contactId) {
      auto it = std::find_if(matches.begin(), matches.end(),
                             [&](const Contact* c) { return c->id == *req_.input.contactId; });
      if (it == matches.end()) {
        error("NUMBER_NOT_ON_CONTACT", "Only numbers stored on the contact can be dialled.");
        return;
      }
      contact_ = *it;
      contactId_ = contact_->id;
    } else if (matches.size() == 1) {
      contact_ = matches.front();
      contactId_ = contact_->id;
    } else if (matches.size() > 1) {
      error("CONTACT_REQUIRED", std::to_string(matches.size()) + " contacts have this number: choose one.");
    }
  }

  // ---- result -------------------------------------------------------------------------------------------
  void finish() {
    auto& n = res_.number;
    if (number_.valid) {
      n.e164 = number_.e164;
      n.display = displayPhone(number_.e164);
      n.isPlaceholder = false;
      n.extension = number_.extension;
    } else {
      n.isPlaceholder = !numberGiven_;
      n.display = numberGiven_ ? numberText_ : std::string(kPhonePlaceholder);  // shown as typed, to correct it
    }
    res_.contactSelected = contactId_;
    const auto& selected = res_.ticket.selected;
    bool writesTicket = selected && selected->kind != TicketChoice::Kind::None;
    res_.willCreateContact = !contactId_ && number_.valid && writesTicket;  // FO-3a
    if (selected && selected->kind == TicketChoice::Kind::None) {
      warn("NO_TICKET_NO_RECORDING",
           "Nothing about this call will be written to Zendesk: no ticket, no comment, no recording.");
    }
    bool contactReady =
        contactId_ || res_.willCreateContact || (selected && selected->kind == TicketChoice::Kind::None);
    res_.canCall = number_.valid && res_.errors.empty() && selected.has_value() && contactReady;  // FO-6
    if (!res_.canCall) return;
    OutboundPlan plan;
    plan.dial = number_.e164;
    plan.extension = number_.extension;
    plan.contactId = contactId_;
    plan.createContact = res_.willCreateContact;
    plan.ticket = *selected;
    plan.noteDialedNumber = noteDialedNumber_;
    res_.plan = plan;
  }

  const OutboundRequest& req_;
  const OutboundSettings& settings_;
  OutboundResult res_;
  PhoneNumber number_;
  bool numberGiven_ = false;
  std::string numberText_;
  const Contact* contact_ = nullptr;
  std::optional<Id> contactId_;
  bool noteDialedNumber_ = false;
};

}  // namespace

OutboundResult planOutbound(const OutboundRequest& request) { return Planner(request).run(); }

std::optional<Id> parseTicketIdText(const std::string& text) {
  std::string digits;
  bool started = false;
  for (char c : text) {
    if (c == ' ' || c == '\t') continue;
    if (c == '#' && !started && digits.empty()) {
      started = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
    started = true;
  }
  if (digits.empty() || digits.size() > 15) return std::nullopt;
  Id id = std::stoll(digits);
  if (id <= 0) return std::nullopt;
  return id;
}

}  // namespace adapter
