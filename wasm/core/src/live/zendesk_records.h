#pragma once
// What Zendesk's answers carry, as the core's records: read from the HTTP body once, at the edge
// (live_edge/zendesk_api.cpp, routed by live_edge/zendesk_answers.cpp), and taken by the lookups (lookups.cpp) and
// the outbox (outbox.cpp), which never see the body. Internal to the core.
#include <optional>
#include <string>
#include <utility>
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
struct AgentsListed {  // a page of the account's agents (D433); nextCursor "" on the last page
  std::vector<TransferAgent> agents;
  std::string nextCursor;
};
// A success without the record or list asked for (a proxy's page, a cut body, a wrong type): it says nothing about
// what Zendesk holds, and is asked again like a lost answer (lookups.cpp).
struct Unreadable {};

using LookupAnswer =
    std::variant<Unreadable, UsersFound, UserLoaded, TicketsLoaded, TicketLoaded, PhonesLoaded, AgentsListed>;

// A user of a write's answer: its id as Zendesk gave it (a create's id, kept even when the contact is left out)
// and the contact the rules can read.
struct UserRecord {
  std::optional<Id> id;         // any integer id
  std::optional<Contact> user;  // nullopt: left out, the rules could not read it
};

// A text field of a record a check found: Zendesk's text, "" when absent. A check whose list holds a field of
// another type is not read at all (zendesk::writeAnswer: the answer is unreadable and asked again).
class FoundText {
 public:
  FoundText() = default;
  explicit FoundText(std::string text) : text_(std::move(text)) {}
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

// What a check of an uncertain write (outbox.cpp) finds, in Zendesk's order: the tickets with the call's
// external_id, the users found by the app's external_id (or, for a write saved before those, a phone search), a
// ticket's latest comments.
struct FoundTicket {
  FoundText externalId;
  TicketRecord record;
};
struct FoundUser {
  FoundText phone, externalId;
  UserRecord record;
};
struct FoundComment {
  FoundText body, plainBody;
};

// Zendesk's answer to a write or to a write's check, with what the outbox reads of it (zendesk::writeAnswer).
struct WriteAnswer {
  std::string failureDetail;           // Zendesk's description or error, "" when it gave none (any status)
  bool idempotencyKeyRefused = false;  // a failure: the Idempotency-Key was used before with another body (D291)
  // A write's success: the record it made or changed, when the answer has one (`user` for a user's create,
  // `ticket` for the others).
  std::optional<UserRecord> user;
  std::optional<TicketRecord> ticket;
  // A check's success: whether it has the list asked for (a success without it says nothing about whether the
  // write landed), and what that list holds — `tickets`, `users` or `comments`, by the write's kind.
  bool listed = false;
  std::vector<FoundTicket> tickets;
  std::vector<FoundUser> users;
  std::vector<FoundComment> comments;
};

}  // namespace adapter::live::zendesk
