#pragma once
// planOutbound: what the outbound view shows and what a call will write (rules FO-1…FO-6, TB-1…TB-7).
#include <optional>
#include <string>
#include <vector>

#include "adapter/domain.h"
#include "adapter/phone.h"

namespace adapter {

enum class EntrySource { Dialpad, Contact, Ticket, TicketNewNumber };  // FO-5 a–d
enum class TeamTicketEntry { Off, Optional, Required };                // TB-1
// Which open ticket FO-1b's automatic choice may take (see docs/decisions.md, "TR-4 meets FO-1b").
enum class AutoAppendScope { IntegrationTickets, AnyOpenTicket };

inline constexpr std::pair<EntrySource, std::string_view> kEntrySourceNames[] = {
    {EntrySource::Dialpad, "dialpad"},
    {EntrySource::Contact, "contact"},
    {EntrySource::Ticket, "ticket"},
    {EntrySource::TicketNewNumber, "ticket_new_number"},
};
inline constexpr std::pair<TeamTicketEntry, std::string_view> kTeamTicketEntryNames[] = {
    {TeamTicketEntry::Off, "off"}, {TeamTicketEntry::Optional, "optional"}, {TeamTicketEntry::Required, "required"}};
inline constexpr std::pair<AutoAppendScope, std::string_view> kAutoAppendScopeNames[] = {
    {AutoAppendScope::IntegrationTickets, "integration"}, {AutoAppendScope::AnyOpenTicket, "any"}};

struct OutboundSettings {
  bool doNotAppendToOpenTicket = false;  // FO-1a
  bool promptSelectOpenTicket = false;   // FO-1b
  bool allowCreateNewTicket = false;     // FO-1c
  bool allowDoNotCreateTicket = false;   // FO-1d
  bool allowDialEnteredNumber = false;   // FO-1e
  std::string defaultCallingCode;        // digits, may be empty
  bool teamTicketEntryEnabled = false;   // TB-1 (global switch)
  std::optional<Id> teamPhoneFieldId;    // TB-5
  std::string integrationTag = "ccaas";  // RC-3, TR-4
  AutoAppendScope autoAppendScope = AutoAppendScope::IntegrationTickets;
};

struct AgentTeam {
  Id id = 0;
  TeamTicketEntry ticketIdEntry = TeamTicketEntry::Off;
};

struct OutboundEntry {
  EntrySource source = EntrySource::Dialpad;
  std::optional<std::string> number;
  std::optional<Id> contactId;
  std::optional<Id> ticketId;
};

// A ticket choice: an existing ticket, "new" or "none" (do not create a ticket).
struct TicketChoice {
  enum class Kind { Existing, New, None };
  Kind kind = Kind::New;
  Id id = 0;
  bool operator==(const TicketChoice& o) const { return kind == o.kind && (kind != Kind::Existing || id == o.id); }
  static TicketChoice existing(Id ticketId) { return {Kind::Existing, ticketId}; }
  static TicketChoice newTicket() { return {Kind::New, 0}; }
  static TicketChoice none() { return {Kind::None, 0}; }
};

struct OutboundInput {
  std::optional<std::string> number;
  std::optional<Id> contactId;
  std::optional<TicketChoice> ticket;
  std::optional<bool> useEnteredNumber;  // absent: the entry decides (checked for ticket_new_number)
  std::optional<std::string> ticketId;   // raw text of the TB ticket-ID box
};

struct OutboundRequest {
  OutboundSettings settings;
  std::optional<Id> agentId;
  std::vector<AgentTeam> teams;
  OutboundEntry entry;
  std::vector<Contact> contacts;
  std::vector<Ticket> tickets;
  OutboundInput input;
};

struct NumberView {
  std::optional<std::string> e164;
  std::string display;
  bool isPlaceholder = true;
  std::string extension;
};

struct ContactOption {
  Id id = 0;
  std::string name;
  std::optional<std::int64_t> createdAt;
  std::string matchedPhone;  // the stored phone equal to the dialled number; empty when none is
};

struct TicketSummary {
  Id id = 0;
  std::string subject;
  TicketStatus status = TicketStatus::New;
  std::optional<std::int64_t> updatedAt;
  bool createdByIntegration = false;
};

struct TicketView {
  std::string mode = "auto";  // list | idEntry | auto | none
  std::vector<TicketChoice> options;
  std::optional<TicketChoice> selected;
  bool required = false;
  std::vector<TicketSummary> openTickets;   // details of the existing tickets among the options
  std::optional<std::string> ticketIdText;  // TB: the text in the ticket-ID box
};

struct OutboundPlan {
  std::string dial;
  std::string extension;
  std::optional<Id> contactId;
  bool createContact = false;
  TicketChoice ticket;
  bool noteDialedNumber = false;
};

struct OutboundResult {
  NumberView number;
  bool useEnteredOffered = false;
  bool useEnteredChecked = false;
  std::vector<ContactOption> contactOptions;
  std::optional<Id> contactSelected;
  bool willCreateContact = false;
  TicketView ticket;
  std::vector<Notice> errors;
  std::vector<Notice> warnings;
  bool canCall = false;
  std::optional<OutboundPlan> plan;
  bool teamEntryApplies = false;
  bool teamEntryRequired = false;
  Decision decision;
};

OutboundResult planOutbound(const OutboundRequest& request);

// The ticket id in the TB ticket-ID box ("42", " #42 "), or nullopt when the text is not one (TICKET_ID_INVALID).
// The live adapter looks up exactly the ticket this names.
std::optional<Id> parseTicketIdText(const std::string& text);

}  // namespace adapter
