#pragma once
// What Zendesk's answer to a lookup carries, as the core's records: read from the HTTP body once, at the edge
// (live_edge/zendesk_api.cpp), and taken by the lookups (lookups.cpp), which never see the body. Internal to the
// core.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "adapter/domain.h"
#include "live/state.h"

namespace adapter::live::zendesk {

// A ticket of an answer. Its id and assignee are read even when the ticket is left out (no usable id, an unknown
// status …): the directory's assignees are keyed by the id as Zendesk gave it.
struct TicketRecord {
  std::optional<Id> id;          // any integer id
  std::optional<Id> assigneeId;  // nullopt: none, or not an integer
  std::optional<Ticket> ticket;  // nullopt: left out, the rules could not read it
};

// One record per lookup purpose (Purpose in state.h); contacts and tickets Zendesk gave unusable are left out.
struct UsersFound {  // a phone search: its user results, in Zendesk's order
  std::vector<Contact> users;
};
struct UserLoaded {
  std::optional<Contact> user;
};
struct TicketsLoaded {  // a user's requested tickets
  std::vector<TicketRecord> tickets;
};
struct TicketLoaded {  // a ticket with its users sideloaded
  TicketRecord ticket;
  std::vector<Contact> users;
};
struct PhonesLoaded {  // a user's phone identities, primary first
  std::vector<std::string> numbers;
};
// A success without the record or list asked for (a proxy's page, a cut body, a wrong type): it says nothing about
// what Zendesk holds, and is asked again like a lost answer (lookups.cpp).
struct Unreadable {};

using LookupAnswer = std::variant<Unreadable, UsersFound, UserLoaded, TicketsLoaded, TicketLoaded, PhonesLoaded>;

}  // namespace adapter::live::zendesk
