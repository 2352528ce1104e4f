// Sending the queued Zendesk writes, exactly once. Updates of one ticket go in the order they were made; every
// write keeps to the budgets (rate_budget.cpp) and, after a 429, waits with all the others for Retry-After.
// Passing failures are retried with backoff. A create or a comment whose answer never came (network error, 5xx,
// a page closed while it was in flight) may have landed: a ticket create is sent again with its Idempotency-Key
// while Zendesk still keeps that key (it answers a repeat with the first answer); otherwise, before it is sent
// again the outbox asks Zendesk — the call's ticket by external_id, the new contact by its external_id, the
// comment by its own text, which names its call — so nothing is written twice. None of these asks uses search, which
// lags (D290, D291). Permanent failures (404, 422 …) stay listed for the agent, who retries or, knowingly, discards
// them.
#include <algorithm>
#include <cctype>

#include "adapter/phone.h"
#include "live/flows.h"
#include "live_edge/zendesk_api.h"
#include "utf8_prefix.h"

namespace adapter::live {
namespace {

// How long a request may still be on its way after its answer was lost. The check of an uncertain write waits
// this long after it left, so that the check cannot overtake the write and find nothing (and the write then land
// twice). Zendesk answers in well under a second; ZAF gives up on a request long before this.
constexpr Millis kSettleMs = 10'000;

// How long an Idempotency-Key is trusted after its first send. Zendesk keeps a key for two hours from the request
// it first saw (never before this send left); the quarter of an hour spared covers a slow request and a browser
// clock that is set back. After it, a lost create is looked up by external_id, as before keys.
constexpr Millis kKeyTrustMs = 105 * 60'000;

// TR-9: a merged ticket's target may itself be merged on; the chain is followed this far (a cycle stops there too).
constexpr std::uint8_t kMaxMergeFollows = 3;

// An uncertain ticket create still inside its key's window is sent again, key and body unchanged, not looked up.
bool resendsWithKey(const AdapterState& s, const Write& w) {
  return zendesk::sendsIdempotencyKey(w) && s.nowMs < w.keyUntilMs;
}

// The writes whose answer tells nothing when it is lost: a create or a comment might have landed. A PUT of
// fields only is the same request again, safe to repeat.
bool mustVerify(const Write& w) {
  return isCreate(w) || (w.kind == WriteKind::UpdateTicket && !commentText(w).empty());
}

// The ticket an update goes to, and its sync-list label with it: once its create is done, or a merge is followed.
void retarget(Write& w, Id ticketId) {
  w.targetId = ticketId;
  w.label = "Update ticket #" + std::to_string(ticketId);
}

// A write Zendesk refused in a way that asks a question first (D439's taken external id, D444's merge): looked up at
// once. Zendesk changed nothing and nothing of it is still on its way, so the look-up need not wait to settle.
void checkAtOnce(Write& w) {
  w.uncertain = true;
  w.state = Write::State::Queued;
  w.notBeforeMs = 0;
  w.sentAtMs = 0;
}

// Fills the id a waiting write needs, once its create is done.
bool resolveWait(AdapterState& s, Write& w) {
  if (w.waitsFor.empty()) return true;
  auto it = s.createdIds.find(w.waitsFor);
  if (it == s.createdIds.end()) return false;
  Id id = it->second;
  if (w.kind == WriteKind::CreateTicket) {
    w.ticket.requesterId = id;
  } else {
    if (w.kind == WriteKind::UpdateTicket) {
      retarget(w, id);
    } else {
      w.targetId = id;
    }
  }
  w.waitsFor.clear();
  return true;
}

void routeTo(AdapterState& s, const Write& w) { emit(s, RouteToEffect{w.kind == WriteKind::PopContact, w.targetId}); }

void request(AdapterState& s, Write& w, const zendesk::HttpRequest& http, bool verify) {
  PendingRequest p;
  p.purpose = Purpose::Write;
  p.writeKey = w.keys.front();
  p.verify = verify;
  w.state = Write::State::InFlight;
  sendRequest(s, http, std::move(p));
}

// Asks Zendesk whether an uncertain write landed (onVerified reads the answer).
void sendVerify(AdapterState& s, Write& w) {
  w.attempts++;  // a check that fails backs off like a send
  if (w.kind == WriteKind::CreateTicket) return request(s, w, zendesk::ticketsByExternalId(w.callId), true);
  if (w.kind == WriteKind::CreateContact) {
    // A write saved before contacts had an external id is still found by phone, through search.
    if (!w.user.externalId.empty()) return request(s, w, zendesk::usersByExternalId(w.user.externalId), true);
    return request(s, w, zendesk::searchUsersByPhone(w.user.phone), true);
  }
  Id ticket = w.mergeStage == 2 ? w.mergeCandidate : updatedTicketOf(w).value_or(0);  // TR-9's second question
  request(s, w, zendesk::latestComments(ticket), true);
}

// TR-13: a ticket pops only for the call on the agent's screen. An answer that comes late — a create, a lookup, a
// display that failed — must not take the agent's browser to a call that rang out, was declined or is done with.
bool popAllowed(const AdapterState& s, const Write& w) {
  auto call = s.calls.find(w.callId);
  return call != s.calls.end() && s.activeCallId == w.callId;
}

// TR-10 without no-op writes (D50): an assignment Zendesk already confirmed — an earlier update of this ticket
// that carried it was in flight when this one was queued — is left out when this one leaves; an update with
// nothing else is not sent. Updates of a ticket leave one after another, so the confirmation is the latest word.
bool onlyConfirmedAssignment(const AdapterState& s, Write& w) {
  auto id = updatedTicketOf(w);
  if (!id || !w.ticket.assigneeId) return false;
  auto known = s.directory.assignees.find(*id);
  if (known == s.directory.assignees.end() || known->second != *w.ticket.assigneeId) return false;
  w.ticket.assigneeId.reset();
  return w.ticket.empty();
}

std::string failureText(int status, const zendesk::WriteAnswer& answer);

// A call record whose answer was lost may exist in Zendesk: its failure says so, for the agent's Retry (D422).
std::string unconfirmedRecordText(int status, const zendesk::WriteAnswer& answer) {
  return "unconfirmed: " + failureText(status, answer);
}

void send(AdapterState& s, Write& w) {
  if (w.kind == WriteKind::UpdateTicket && onlyConfirmedAssignment(s, w)) {
    w.state = Write::State::Done;
    return;
  }
  if (isPop(w) && !popAllowed(s, w)) {
    w.state = Write::State::Done;  // nothing to show any more
    return;
  }
  if (w.kind == WriteKind::CreateTicket && w.displayToAgent && !popAllowed(s, w)) {
    w.displayToAgent.reset();  // TPE: create without popping
  }
  if (isPop(w) && !s.config.useTalkPartnerEdition) {
    routeTo(s, w);
    w.state = Write::State::Done;
    return;
  }
  if (w.uncertain && w.kind == WriteKind::CreateCall) {  // in flight when the page closed: see onWriteResponse
    w.uncertain = false;
    w.state = Write::State::Failed;
    w.error = unconfirmedRecordText(0, {});
    return;
  }
  bool verifiable = w.kind != WriteKind::CreateContact || !w.user.phone.empty() || !w.user.externalId.empty();
  if (w.uncertain && verifiable && !resendsWithKey(s, w)) return sendVerify(s, w);
  // A keyed re-send leaves the write uncertain: the key answers for the lost try only while Zendesk keeps it, so
  // when this send fails as well (409, 429: not made by this request, which says nothing of the lost one) and the
  // window closes meanwhile, the next try looks the create up first (fuzz finding 14, D377).
  if (!resendsWithKey(s, w)) w.uncertain = false;
  if (w.attempts == 0 && w.kind == WriteKind::UpdateTicket) nameTheCall(s, w);  // creates: external_id
  // The key's window opens with the first send that carries it (a write restored from before keys has none).
  if (w.attempts == 0 && zendesk::sendsIdempotencyKey(w)) w.keyUntilMs = s.nowMs + kKeyTrustMs;
  w.attempts++;
  w.batched = false;
  w.sentAtMs = s.nowMs;
  if (w.kind == WriteKind::CreateTicket || w.kind == WriteKind::UpdateTicket) recordTicketWrite(s, updatedTicketOf(w));
  if (w.kind == WriteKind::UpdateTicket) recordUpdateSent(s);
  request(s, w, zendesk::writeRequest(w, s.agent.id), false);
}

std::string failureText(int status, const zendesk::WriteAnswer& answer) {
  std::string text = status == 0 ? "no answer from Zendesk" : "HTTP " + std::to_string(status);
  const std::string& detail = answer.failureDetail;
  return detail.empty() ? text : text + ": " + utf8Prefix(detail, 200);
}

// The call a create was made for, now that Zendesk gave the id; null when the call is gone. Writes waiting for the
// create take the id from createdIds.
Call* createdFor(AdapterState& s, const Write& w, Id id) {
  s.createdIds[w.keys.front()] = id;
  auto call = s.calls.find(w.callId);
  return call == s.calls.end() ? nullptr : &call->second;
}

void created(AdapterState& s, const Write& w, zendesk::UserRecord& record) {
  if (!record.id) return;
  Id id = *record.id;
  Call* call = createdFor(s, w, id);
  if (record.user) s.directory.contacts[id] = std::move(*record.user);
  if (call) {
    call->contactId = id;
    // The number now has this contact: a later call from it must find it, not create another.
    auto known = s.directory.contactsByNumber.find(call->phone);
    if (known != s.directory.contactsByNumber.end()) known->second.push_back(id);
    s.directory.ticketsLoadedFor.insert(id);  // a brand-new contact has no other tickets
  }
}

void created(AdapterState& s, const Write& w, zendesk::TicketRecord& record) {
  if (!record.id) return;
  Id id = *record.id;
  Call* call = createdFor(s, w, id);
  rememberAssignee(s.directory, record);
  if (record.ticket) s.directory.tickets[id] = std::move(*record.ticket);
  if (call) {
    call->ticketId = id;
    if (call->popped.count(w.keys.front())) call->popped.insert(std::to_string(id));
  }
}

void landed(AdapterState& s, Write& w, zendesk::WriteAnswer& answer) {
  w.state = Write::State::Done;
  w.error.clear();
  if (w.kind == WriteKind::CreateContact) {
    if (answer.user) created(s, w, *answer.user);
  } else if (w.kind == WriteKind::CreateTicket) {
    if (answer.ticket) created(s, w, *answer.ticket);
  } else if (w.kind == WriteKind::UpdateTicket && answer.ticket) {
    rememberAssignee(s.directory, *answer.ticket);
    if (auto& t = answer.ticket->ticket) s.directory.tickets[t->id] = std::move(*t);
  }
}

// Waits before the next try: Retry-After for everyone after a 429, backoff with jitter otherwise.
// `wasWrite`: the refused request was the write itself (counted in the ticket-write budget), not a check.
void later(AdapterState& s, Write& w, int status, std::optional<std::int64_t> retryAfterSec,
           const zendesk::WriteAnswer& answer, bool wasWrite) {
  w.state = Write::State::Queued;
  w.error = failureText(status, answer);
  Millis delay = retryDelayMs(status, retryAfterSec, std::max(1, w.attempts), w.keys.front());
  w.notBeforeMs = s.nowMs + delay;
  if (status == 429) {
    if (wasWrite) forgetTicketWrite(s, updatedTicketOf(w), w.sentAtMs);  // refused: Zendesk did not count it
    // An update refused while the account's minute still had room met Update Ticket's own limit: only updates
    // wait, creates and lookups go on (D381). Otherwise everything waits, as Zendesk asks.
    bool updateLimit = w.kind == WriteKind::UpdateTicket && s.sendLog.accountRemaining > 0;
    if (w.kind == WriteKind::UpdateTicket) onUpdateRefused(s);
    Millis& pause = updateLimit ? s.sendLog.updatesPausedUntilMs : s.sendLog.pausedUntilMs;
    pause = std::max(pause, w.notBeforeMs);
    setBanner(s, "RATE_LIMITED", MessageKind::Notice, {{"seconds", (delay + 999) / 1000}});
  }
}

void fail(AdapterState& s, Write& w, std::string error) {
  w.state = Write::State::Failed;
  w.error = std::move(error);
  WriteLabel label = writeLabel(w);
  WriteError problem = writeError(w);
  Params params{{"label", w.label},
                {"error", w.error},
                {"labelCode", std::string(label.code)},
                {"labelParams", std::move(label.params)},
                {"errorCode", nullptr},
                {"errorParams", std::move(problem.params)}};
  if (problem.code) params[4].value = std::string(problem.code);
  setBanner(s, "WRITE_FAILED", MessageKind::Error, std::move(params));
}

bool samePhone(const AdapterState& s, const zendesk::FoundText& theirs, const std::string& e164) {
  const std::string& text = theirs.text();
  return !text.empty() && normalizePhone(text, s.config.defaultCallingCode).e164 == e164;
}

bool sameExternalId(const std::string& theirs, const std::string& ours) {  // Zendesk ignores case in external ids
  return theirs.size() == ours.size() && std::equal(theirs.begin(), theirs.end(), ours.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
         });
}

// Whether Zendesk holds what this uncertain write would have made. The check's list is read in Zendesk's order and
// up to what it looks for, as it always was. A create found becomes the answer's record, as if the create's own
// answer had come.
bool alreadyLanded(const AdapterState& s, const Write& w, zendesk::WriteAnswer& answer) {
  if (w.kind == WriteKind::CreateTicket) {
    // external_id is not unique in Zendesk: the earliest ticket of this call is the one the write made.
    zendesk::TicketRecord* first = nullptr;
    for (auto& t : answer.tickets) {
      const auto& id = t.record.id;
      if (t.externalId.text() == w.callId && id && (!first || *id < *first->id)) first = &t.record;
    }
    if (first) answer.ticket = std::move(*first);
    return first != nullptr;
  }
  if (w.kind == WriteKind::CreateContact) {
    const std::string& phone = w.user.phone;
    for (auto& u : answer.users) {
      // By external_id, ours only with the phone it was given too: a user someone else gave this id (an SSO user,
      // against all odds) is never taken for the caller (D290). A write saved before those: by phone alone.
      bool ours = w.user.externalId.empty() ? samePhone(s, u.phone, phone)
                                            : sameExternalId(u.externalId.text(), w.user.externalId) &&
                                                  (phone.empty() || samePhone(s, u.phone, phone));
      if (ours) {
        answer.user = std::move(u.record);
        return true;
      }
    }
    return false;
  }
  // The comment's own text, which names its call (nameTheCall): no other comment holds it (D335).
  if (!w.ticket.comment) return false;
  const std::string& ours = w.ticket.comment->body;
  for (const auto& c : answer.comments) {
    if (sameCommentText(c.body.text(), ours) || sameCommentText(c.plainBody.text(), ours)) return true;
  }
  return false;
}

// The ticket numbers ("#123") a comment names, in order.
std::vector<Id> ticketsNamed(const std::string& text) {
  std::vector<Id> ids;
  for (std::size_t i = text.find('#'); i != std::string::npos; i = text.find('#', i + 1)) {
    Id id = 0;
    std::size_t j = i + 1;
    for (; j < text.size() && text[j] >= '0' && text[j] <= '9' && id <= kMaxSafeInteger / 10; ++j) {
      id = id * 10 + (text[j] - '0');
    }
    if (id > 0 && (j == text.size() || text[j] < '0' || text[j] > '9')) ids.push_back(id);
  }
  return ids;
}

// TR-9: a ticket merged into another is closed, and Zendesk refuses to update it (422). Merging leaves a comment on
// both tickets naming the other ("… merged into request #95 …", "Request #90 … was closed and merged into this
// request", in the merging agent's language or their own words), and a closed ticket takes no comment after it. So
// the refused ticket's newest comment names the candidate, and the candidate's comments must name the refused ticket
// back; then the update and every other waiting one for that ticket go to the candidate, and the call follows it.
// Anything else — no comment naming a ticket, a candidate that does not name it, the check itself failing — leaves
// the update failed with Zendesk's own refusal, as before (D444).
void onMergeChecked(AdapterState& s, Write& w, int status, const zendesk::WriteAnswer& answer) {
  Id from = w.targetId;
  bool listed = status >= 200 && status < 300 && answer.listed;
  Id found = 0;
  if (listed && w.mergeStage == 1 && !answer.comments.empty()) {  // the candidate: the newest comment's first other
    for (Id id : ticketsNamed(answer.comments.front().plainBody.text())) found = found || id == from ? found : id;
  } else if (listed && w.mergeStage == 2) {  // the candidate names this ticket back, in any of its latest comments
    for (const auto& c : answer.comments) {
      for (Id id : ticketsNamed(c.plainBody.text())) found = id == from ? from : found;
    }
  }
  auto known = s.directory.tickets.find(found);
  if (known != s.directory.tickets.end() && known->second.mergedIntoId) found = 0;  // merged away itself: not back
  if (w.mergeStage == 1 && found) {
    w.mergeCandidate = found;
    w.mergeStage = 2;
    w.state = Write::State::Queued;
    return;
  }
  w.mergeStage = 0;
  w.uncertain = false;
  if (found != from) return fail(s, w, w.error);  // still Zendesk's own refusal
  Id to = w.mergeCandidate;
  w.mergeFollows++;
  w.state = Write::State::Queued;
  w.notBeforeMs = 0;
  for (auto& other : s.writes) {
    if (other.kind != WriteKind::UpdateTicket || other.targetId != from || other.state == Write::State::InFlight) {
      continue;
    }
    retarget(other, to);
    if (other.state == Write::State::Failed) other.state = Write::State::Queued;
  }
  for (auto& entry : s.calls) {
    if (entry.second.ticketId == from) entry.second.ticketId = to;
  }
  if (auto t = s.directory.tickets.find(from); t != s.directory.tickets.end()) t->second.mergedIntoId = to;
}

void onVerified(AdapterState& s, Write& w, int status, zendesk::WriteAnswer& answer,
                std::optional<std::int64_t> retryAfter) {
  if (w.mergeStage) return onMergeChecked(s, w, status, answer);
  if (status >= 200 && status < 300 && !answer.listed) {
    // A success without the list asked for (a proxy's page, a cut body) says nothing about whether the write
    // landed: taking it as "not there" would write a second ticket or note. Ask again later, like a lost answer.
    later(s, w, 0, std::nullopt, answer, false);
  } else if (status >= 200 && status < 300) {
    if (alreadyLanded(s, w, answer)) return landed(s, w, answer);
    if (w.externalIdTaken) {
      // The number's id is another user's (one whose phone was changed since): the caller is made with the call's.
      w.externalIdTaken = false;
      w.user.externalId = zendesk::callerExternalId(s.agent.id, w.callId);
    }
    w.uncertain = false;  // it did not land: send it now
    w.state = Write::State::Queued;
    w.notBeforeMs = 0;
  } else if (isRetryable(status)) {
    later(s, w, status, retryAfter, answer, false);
  } else if (status == 404 && w.kind == WriteKind::UpdateTicket) {
    fail(s, w, "ticket not found in Zendesk (deleted or merged?)");
  } else {
    fail(s, w, failureText(status, answer));
  }
}

void dropDone(AdapterState& s) {
  s.writes.erase(
      std::remove_if(s.writes.begin(), s.writes.end(), [](const Write& w) { return w.state == Write::State::Done; }),
      s.writes.end());
}

}  // namespace

// Zendesk keeps a comment's text as it was sent but may trim it and change its line breaks (\r\n, blank lines):
// the two texts are the same when their words, split at white space, are.
bool sameCommentText(const std::string& theirs, const std::string& ours) {
  auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  std::size_t i = 0, j = 0;
  while (true) {
    while (i < theirs.size() && space(theirs[i])) ++i;
    while (j < ours.size() && space(ours[j])) ++j;
    if (i == theirs.size() || j == ours.size()) return i == theirs.size() && j == ours.size();
    while (i < theirs.size() && j < ours.size() && !space(theirs[i]) && !space(ours[j])) {
      if (theirs[i++] != ours[j++]) return false;
    }
    bool theirsEnded = i == theirs.size() || space(theirs[i]);
    bool oursEnded = j == ours.size() || space(ours[j]);
    if (theirsEnded != oursEnded) return false;  // one word goes on where the other ends
  }
}

void sendReadyWrites(AdapterState& s) {
  pruneSendLog(s);
  // Updates of one ticket go in the order they were made: a later one waits while an earlier one is in flight or
  // waiting (batch window, budget, retry). A failed one does not hold the others back: it waits for the agent.
  // Updates still waiting for their ticket's create count as one ticket (0) until it exists. Of the writes that may
  // leave now, notes and creates are offered the budgets first, then field-only updates (D381); a BA-1 update of
  // a call in wrap-up waits for it (D382).
  std::set<Id> busyTickets;
  auto ticketOf = [](const Write& w) { return w.waitsFor.empty() ? w.targetId : 0; };
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < s.writes.size(); ++i) {
    auto& w = s.writes[i];
    bool ordered = w.kind == WriteKind::UpdateTicket;
    if (w.state == Write::State::InFlight && ordered) busyTickets.insert(ticketOf(w));
    if (w.state != Write::State::Queued || heldWhileLive(s, w)) continue;
    bool ready = w.notBeforeMs <= s.nowMs && resolveWait(s, w) && voicemailDescribed(s, w);
    if (ordered && !busyTickets.insert(ticketOf(w)).second) continue;
    if (ready && wrapUpHoldUntilMs(s, w) == 0) candidates.push_back(i);
  }
  // Priority 0 before 1, each in the order made: what a stable sort by priority gives, without its merge code in
  // the WebAssembly module (~1 KB; the size budget).
  std::vector<std::size_t> order;
  for (int priority : {0, 1}) {
    for (std::size_t i : candidates) {
      if (writePriority(s, s.writes[i]) == priority) order.push_back(i);
    }
  }
  for (std::size_t i : order) {
    auto& w = s.writes[i];
    if (w.uncertain && s.nowMs < w.sentAtMs + kSettleMs) {
      w.notBeforeMs = w.sentAtMs + kSettleMs;
      continue;
    }
    if (!isPop(w)) {
      bool check = w.uncertain && !resendsWithKey(s, w);  // a read, not a write
      bool ticketWrite = !check && (w.kind == WriteKind::CreateTicket || w.kind == WriteKind::UpdateTicket);
      Millis freeAt = budgetFreeAtMs(s, ticketWrite, check ? std::nullopt : updatedTicketOf(w));
      if (!check) freeAt = std::max(freeAt, paceFreeAtMs(s, w));
      if (freeAt > s.nowMs) {
        w.notBeforeMs = freeAt;  // the tick at that time sends it
        continue;
      }
    }
    send(s, w);
  }
  dropDone(s);
}

void onWriteResponse(AdapterState& s, const PendingRequest& p, int status, zendesk::WriteAnswer answer,
                     std::optional<std::int64_t> retryAfterSec) {
  Write* w = writeWithKey(s, p.writeKey);
  if (!w || w->state != Write::State::InFlight) return;  // discarded meanwhile, or an answer from before a reload
  if (p.verify) {
    onVerified(s, *w, status, answer, retryAfterSec);
  } else if (status >= 200 && status < 300) {
    landed(s, *w, answer);
  } else if (isPop(*w)) {
    // Talk Partner Edition could not pop it (not enabled, agent offline): open it here instead, if still wanted.
    if (popAllowed(s, *w)) routeTo(s, *w);
    w->state = Write::State::Done;
  } else if (status == 400 && w->keyUntilMs && answer.idempotencyKeyRefused) {
    // Zendesk kept the key for another body: the key tells nothing about this create any more. Look it up by
    // external_id instead, as once the key has expired.
    w->keyUntilMs = 0;
    w->uncertain = true;
    later(s, *w, status, std::nullopt, answer, true);
  } else if (status == 422 && zendesk::isCallerPhoneExternalId(w->user.externalId) && !w->externalIdTaken) {
    // Most likely another create for the caller's number landed first — another agent's, or this one's for an
    // earlier call that search does not list yet (D439). Zendesk changed nothing; the user holding the id is looked
    // up now and, when it has the caller's number, becomes the call's contact as if this create had made it. Any
    // other 422 (its body's wording is not relied on) then finds no such user and the create is made with the
    // call's own id, which fails as a 422 always did if the create itself is what Zendesk refuses.
    w->externalIdTaken = true;
    checkAtOnce(*w);
  } else if (status == 422 && w->kind == WriteKind::UpdateTicket && w->targetId && w->mergeFollows < kMaxMergeFollows) {
    // TR-9: the ticket may have been merged into another (onMergeChecked). Zendesk changed nothing.
    w->error = failureText(status, answer);
    w->mergeStage = 1;
    checkAtOnce(*w);
  } else if (w->kind == WriteKind::CreateCall && (status == 0 || status >= 500)) {
    // A call record has no external id to look it up by: one whose answer was lost may exist, and sending it again
    // could record the call twice. It is listed as failed — never saved, never repeated unasked — and the agent
    // retries or discards it knowing that (D421).
    fail(s, *w, unconfirmedRecordText(status, answer));
  } else if (isRetryable(status)) {
    // No answer, or Zendesk's own failure: the write may have been applied. 429 and 409 say it was not.
    if ((status == 0 || status >= 500) && mustVerify(*w)) w->uncertain = true;
    later(s, *w, status, retryAfterSec, answer, true);
  } else {
    fail(s, *w, failureText(status, answer));
  }
  sendReadyWrites(s);
  pumpSessions(s);
}

void retryFailedWrites(AdapterState& s) {
  for (auto& w : s.writes) {
    if (w.state == Write::State::Failed || w.state == Write::State::Queued) {
      w.state = Write::State::Queued;
      w.notBeforeMs = 0;  // budgets and a 429 pause still hold
    }
  }
  s.banner.reset();
  sendReadyWrites(s);
}

void retryWrite(AdapterState& s, const std::string& key) {
  Write* w = writeWithKey(s, key);
  if (!w || w->state == Write::State::InFlight) return;
  w->state = Write::State::Queued;
  w->notBeforeMs = 0;
  s.banner.reset();
  sendReadyWrites(s);
}

// Writes that wait for the create of `key` can never be sent once that create is given up.
void orphanDependents(AdapterState& s, const std::string& key) {
  for (auto& d : s.writes) {
    if (d.waitsFor != key || d.state == Write::State::Failed) continue;
    if (isPop(d)) {
      d.state = Write::State::Done;  // nothing to show
    } else {
      d.state = Write::State::Failed;
      d.error = "waits for a record that was not created";
    }
  }
}

// Only a failed write can be discarded, and only by the agent, who saw its text in the list first.
void discardWrite(AdapterState& s, const std::string& key) {
  Write* w = writeWithKey(s, key);
  if (!w || w->state != Write::State::Failed) return;
  w->state = Write::State::Done;
  s.discardedWrites++;
  if (isCreate(*w)) orphanDependents(s, key);
  dropDone(s);
  s.banner.reset();
  sendReadyWrites(s);
}

}  // namespace adapter::live
