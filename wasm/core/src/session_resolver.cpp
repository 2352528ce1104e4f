#include <algorithm>
#include <set>

#include "adapter/lookup.h"
#include "adapter/phone.h"
#include "adapter/session.h"
#include "adapter/text_rules.h"
#include "note_text.h"
#include "session_text.h"

namespace adapter {
namespace {

constexpr std::int64_t kRecordingPartBytes = 50LL * 1024 * 1024;  // RS-1

// A contact the session is for: an existing one, one this answer creates, or undecided (several match).
struct ContactChoice {
  std::optional<Id> id;
  bool create = false;
  bool undecided = false;
  std::string rule;  // "TR-2" when several contacts share the number
  int among = 0;     // TR-2: how many
};

class Resolver {
 public:
  explicit Resolver(const SessionRequest& r) : req_(r), st_(r.settings), s_(r.session) {}

  SessionResult run() {
    res_.flags = profileFlags(s_.attributes).flags;  // PF-1: at start or mid-session, whatever the event
    lookUpCaller();
    switch (s_.event) {
      case SessionEvent::Assigned: onStart(); break;
      case SessionEvent::Connected: onConnected(); break;
      case SessionEvent::Message: onMessage(); break;
      case SessionEvent::Transferred: onTransferred(); break;
      case SessionEvent::Merged: onMerged(); break;
      case SessionEvent::Ended: onEnded(); break;
      case SessionEvent::Abandoned: onAbandoned(); break;
      case SessionEvent::Voicemail: onVoicemail(); break;
      case SessionEvent::Authenticated: onAuthenticated(); break;
    }
    if (st_.auditNote) addAuditNote();
    return std::move(res_);
  }

 private:
  // ---- keys: stable per session and action, so a replayed event yields identical actions ----------------
  std::string eventKey() const {
    std::string k = s_.id + "/" + eventName(s_.event);
    if (s_.eventId) k += "#" + *s_.eventId;
    return k;
  }
  std::string key(SessionOp op, const std::string& qualifier = "") const {
    return eventKey() + "/" + std::string(nameOf(kSessionOpNames, op)) + (qualifier.empty() ? "" : "/" + qualifier);
  }
  // One contact and one ticket per session at most, whichever event creates them.
  std::string createContactKey() const { return s_.id + "/createContact"; }
  std::string createTicketKey() const { return s_.id + "/createTicket"; }

  // The decision: its rule, its code and parameters, and the reason in English (the contract's `reason`).
  void decide(std::string rule, NoteKey code, TextParams params = {}) {
    res_.decision.reason = noteText(kEnglish, code, params);
    res_.decision.rule = std::move(rule);
    res_.decision.code = decisionCode(code);
    res_.decision.params = std::move(params);
    decisionKey_ = code;
  }
  // A note's words in the admin's note language (D81).
  std::string text(NoteKey key, const TextParams& params = {}) const { return noteText(st_.noteLanguage, key, params); }
  // A PF-1 flag code as words (issue 18): the code itself if a new flag has no words yet.
  std::string flagWords(const std::string& code) const {
    if (code == "verified_customer") return text(NoteKey::flagVerifiedCustomer);
    if (code == "unverified_customer") return text(NoteKey::flagUnverifiedCustomer);
    if (code == "bad_actor") return text(NoteKey::flagBadActor);
    if (code == "repeat_customer") return text(NoteKey::flagRepeatCustomer);
    return code;
  }
  std::string duration(int seconds) const { return noteDuration(st_.noteLanguage, seconds); }
  // "3:42", "1:02:05": a recording's length as players show it.
  static std::string clockLength(int seconds) {
    auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    int h = seconds / 3600, m = seconds / 60 % 60, sec = seconds % 60;
    return h > 0 ? std::to_string(h) + ":" + two(m) + ":" + two(sec) : std::to_string(m) + ":" + two(sec);
  }
  void warn(std::string code, std::string message) { res_.warnings.push_back({std::move(code), std::move(message)}); }
  SessionAction& add(SessionOp op, std::string k) {
    res_.actions.emplace_back();
    res_.actions.back().op = op;
    res_.actions.back().key = std::move(k);
    return res_.actions.back();
  }

  // ---- lookups ----------------------------------------------------------------------------------------------
  const Ticket* findTicket(Id id) const { return findById(req_.tickets, id); }
  const Contact* findContact(Id id) const { return findById(req_.contacts, id); }
  std::optional<std::string> callerE164() const {
    auto n = normalizePhone(s_.phone, st_.defaultCallingCode);
    if (!n.valid) return std::nullopt;
    return n.e164;
  }
  // The caller's number in E.164 when it is a valid number, else as received.
  std::string callerDisplay() const { return callerE164().value_or(s_.phone); }
  // Contacts with the caller's number, newest first: computed once per answer (every event needs them).
  const std::vector<const Contact*>& phoneMatches() {
    if (!matches_) {
      auto e164 = callerE164();
      matches_ = e164 ? contactsWithPhone(req_.contacts, *e164, st_.defaultCallingCode) : std::vector<const Contact*>{};
    }
    return *matches_;
  }
  std::vector<const Ticket*> ticketsOf(Id contactId, bool openOnly) const {
    return adapter::ticketsOf(req_.tickets, contactId, openOnly);
  }
  // TR-9: the ticket end-of-call updates go to, following merges (a cycle stops at the last new ticket).
  Id followMerges(Id id) const {
    std::set<Id> seen{id};
    const Ticket* t = findTicket(id);
    while (t && t->mergedIntoId && seen.insert(*t->mergedIntoId).second) {
      id = *t->mergedIntoId;
      t = findTicket(id);
    }
    return id;
  }

  // ---- tags the app writes: how a ticket's provenance, channel and leaf queue are known later ---------------
  std::string channelTag() const { return st_.integrationTag + "_" + (isChat(s_.type) ? "chat" : "voice"); }
  std::string queueTag() const {
    auto q = toTagForm(s_.leafQueueId);
    return q.empty() ? std::string() : st_.integrationTag + "_queue_" + q;
  }
  std::vector<std::string> creationTags(const char* extra = nullptr) const {
    std::vector<std::string> tags = {st_.integrationTag, channelTag()};  // RC-3
    if (!queueTag().empty()) tags.push_back(queueTag());
    if (st_.addSessionTypeTag) tags.push_back(toTagForm(sessionTypeName(s_.type)));  // RC-2
    if (extra) tags.push_back(st_.integrationTag + "_" + extra);
    return tags;
  }
  // TR-3: same customer, same leaf queue, same channel, created by us, in the open set.
  const Ticket* appendTarget(Id contactId) const {
    std::string queue = queueTag();
    for (const auto* t : ticketsOf(contactId, true)) {
      if (!t->hasTag(st_.integrationTag) || !t->hasTag(channelTag())) continue;
      bool sameQueue =
          queue.empty()
              ? std::none_of(t->tags.begin(), t->tags.end(),
                             [&](const std::string& tag) { return tag.rfind(st_.integrationTag + "_queue_", 0) == 0; })
              : t->hasTag(queue);
      if (sameQueue) return t;
    }
    return nullptr;
  }

  // ---- IN-1: what the ANI lookup found ------------------------------------------------------------------------
  void lookUpCaller() {
    const auto& matches = phoneMatches();
    auto& l = res_.lookup;
    l.matches = static_cast<int>(matches.size());
    const Contact* c = s_.contactId ? findContact(*s_.contactId) : (matches.empty() ? nullptr : matches.front());
    if (!c) return;
    l.contactId = c->id;
    l.contactName = c->name;
    auto unsolved = ticketsOf(c->id, true);  // the open set is exactly "not solved, not closed"
    if (unsolved.empty()) return;
    l.latestUnsolvedTicketId = unsolved.front()->id;
    l.latestUnsolvedStatus = toString(unsolved.front()->status);
    l.latestUnsolvedSubject = unsolved.front()->subject;
  }

  // ---- contacts (TR-1, TR-2, UA-1) ----------------------------------------------------------------------------
  ContactChoice chooseContact(bool atEnd) {
    ContactChoice c;
    if (s_.contactId) {
      c.id = s_.contactId;
      return c;
    }
    const auto& matches = phoneMatches();
    if (matches.size() == 1) {
      c.id = matches.front()->id;
      return c;
    }
    if (matches.size() > 1) {
      if (!atEnd) {
        for (const auto* m : matches) res_.contactOptions.push_back(m->id);
        c.undecided = true;
        c.rule = "TR-2";
        c.among = static_cast<int>(matches.size());
        return c;
      }
      c.id = matches.front()->id;  // TR-2
      c.rule = "TR-2";
      c.among = static_cast<int>(matches.size());
      return c;
    }
    c.create = true;
    return c;
  }

  std::string newContactName() const {
    if (s_.startedAt && isWebType(s_.type) && !s_.visitorId.empty()) {  // UA-1
      return "WebUser - " + monthDayTime(*s_.startedAt, s_.agentUtcOffsetMinutes);
    }
    if (s_.startedAt && isMobileType(s_.type) && !s_.sdkId.empty()) {
      return "MobileUser - " + monthDayTime(*s_.startedAt, s_.agentUtcOffsetMinutes);
    }
    auto e164 = callerE164();
    return e164 ? text(NoteKey::callerName, {{"phone", *e164}}) : text(NoteKey::unknownCaller);
  }

  void addCreateContact() {
    auto& a = add(SessionOp::CreateContact, createContactKey());
    a.name = newContactName();
    if (auto e164 = callerE164()) a.phone = *e164;
    if (isWebType(s_.type) && !s_.visitorId.empty()) a.externalId = "web:" + s_.visitorId;
    if (isMobileType(s_.type) && !s_.sdkId.empty()) a.externalId = "mobile:" + s_.sdkId;
  }

  // ---- notes ----------------------------------------------------------------------------------------------------
  // A note line: the template `key` with its one parameter `name` = `value`, and a newline.
  std::string line(NoteKey key, const char* name, const std::string& value) const {
    return text(key, {{name, value}}) + "\n";
  }

  // TR-11 / TR-1: the standard data, in the note language (the values — ids, numbers, the call type of RC-1,
  // flag codes, the SDK's data — as they are).
  std::string startNote() const {
    std::string n = line(isChat(s_.type) ? NoteKey::chatId : NoteKey::callId, "id", s_.id);
    n += line(NoteKey::type, "type", callTypeLabel(s_.type));
    if (!s_.phone.empty()) n += line(NoteKey::phone, "phone", callerDisplay());
    if (s_.plan && !s_.plan->extension.empty()) n += line(NoteKey::extension, "extension", s_.plan->extension);
    if (!s_.language.empty()) n += line(NoteKey::language, "language", s_.language);
    if (!s_.menuPath.empty() || !s_.queueName.empty()) {
      n += line(NoteKey::menuQueue, "menu", s_.menuPath + (s_.queueName.empty() ? "" : " (" + s_.queueName + ")"));
    }
    if (s_.startedAt) n += line(NoteKey::started, "time", localTimestamp(*s_.startedAt, s_.agentUtcOffsetMinutes));
    if (s_.plan && s_.plan->noteDialedNumber) n += line(NoteKey::dialled, "number", s_.plan->dial);  // FO-1e
    if (!s_.visitorId.empty()) n += line(NoteKey::webVisitor, "id", s_.visitorId);
    if (!s_.sdkId.empty()) n += line(NoteKey::mobileSdk, "id", s_.sdkId);
    if (!res_.flags.empty()) {
      // PF-1 flags in words in the notes' language (issue 18, D371): "Verified customer, Repeat customer".
      std::string flags;
      for (const auto& f : res_.flags) flags += (flags.empty() ? " " : ", ") + flagWords(f.code);
      n += line(NoteKey::flags, "flags", flags);
    }
    std::string custom;
    for (const auto& [k, v] : s_.customData) {
      if (st_.fieldMap.count(k) == 0) custom.append("  ").append(k).append(": ").append(v).append("\n");
    }
    if (!custom.empty()) n += text(NoteKey::customData) + "\n" + custom;
    return n;
  }

  std::string endNote() const {
    std::string n = text(isChat(s_.type) ? NoteKey::chatFinished : NoteKey::callFinished, {{"id", s_.id}});
    if (s_.durationSec) n += text(NoteKey::duration, {{"time", duration(*s_.durationSec)}});
    // Concise (issue 18, D334): a wait or a hold the call did not have is not mentioned.
    if (s_.waitSec && *s_.waitSec > 0) n += text(NoteKey::wait, {{"time", duration(*s_.waitSec)}});
    if (s_.holdSec && *s_.holdSec > 0) n += text(NoteKey::hold, {{"time", duration(*s_.holdSec)}});
    if (!s_.recordingUrl.empty()) {
      // RS: the recording as a link with its length (issue 18, D334). The connector gives no length of its own:
      // the recording covers the call, so it is the call's duration, as "3:42" in every language.
      n += "\n" +
           (s_.durationSec && *s_.durationSec > 0
                ? text(NoteKey::recordingLength, {{"length", clockLength(*s_.durationSec)}, {"url", s_.recordingUrl}})
                : text(NoteKey::recording, {{"url", s_.recordingUrl}}));
      if (s_.recordingBytes && *s_.recordingBytes > kRecordingPartBytes) {  // RS-1
        auto parts = (*s_.recordingBytes + kRecordingPartBytes - 1) / kRecordingPartBytes;
        n += text(NoteKey::recordingParts, {{"count", std::to_string(parts)}});
      }
    }
    return n;
  }

  // ---- SF-1 / SF-2 / TR-12: session data into mapped fields ----------------------------------------------------
  std::vector<std::pair<std::string, std::string>> sessionData(bool atStart, bool atEnd) const {
    std::vector<std::pair<std::string, std::string>> d;
    auto num = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); };
    if (atStart) {
      d.emplace_back(session_datum::kSessionType, sessionKind(s_.type));
      if (!s_.fromNumber.empty()) d.emplace_back(session_datum::kFromNumber, s_.fromNumber);
      for (const auto& kv : s_.customData) d.push_back(kv);
    }
    if (atEnd) {
      d.emplace_back(session_datum::kDuration, num(s_.durationSec));
      d.emplace_back(session_datum::kWaitTime, num(s_.waitSec));
      d.emplace_back(session_datum::kQueueName, s_.queueName);
      d.emplace_back(session_datum::kSessionId, s_.id);
      d.emplace_back(session_datum::kHoldTime, num(s_.holdSec));
      d.emplace_back(session_datum::kCsat, s_.csat.value_or(""));
      d.emplace_back(session_datum::kVerification, s_.verification.value_or(""));
      d.emplace_back(session_datum::kFeedback, s_.feedback.value_or(""));
    }
    return d;
  }
  // Mapped fields that exist; a note line for each mapped field Zendesk does not have (TR-12).
  std::vector<FieldValue> mappedFields(bool atStart, bool atEnd, std::string& missingNote) {
    std::vector<FieldValue> out;
    for (const auto& [datum, value] : sessionData(atStart, atEnd)) {
      auto it = st_.fieldMap.find(datum);
      if (it == st_.fieldMap.end() || value.empty()) continue;
      bool exists = !st_.ticketFieldIds || std::find(st_.ticketFieldIds->begin(), st_.ticketFieldIds->end(),
                                                     it->second) != st_.ticketFieldIds->end();
      if (exists) {
        out.push_back({it->second, value});
      } else {
        missingNote +=
            text(NoteKey::fieldMissing, {{"field", idText(it->second)}, {"datum", datum}, {"value", value}}) + "\n";
        warn("FIELD_NOT_FOUND", "Ticket field " + idText(it->second) + " (" + datum + ") does not exist.");
      }
    }
    return out;
  }

  // ---- writing ------------------------------------------------------------------------------------------------
  TicketRef createTicket(const ContactChoice& contact, const std::string& comment, std::vector<FieldValue> fields,
                         TicketVia via, const char* extraTag, bool assign) {
    if (contact.create) addCreateContact();
    auto& a = add(SessionOp::CreateTicket, createTicketKey());
    if (contact.create) {
      a.requesterKey = createContactKey();
    } else {
      a.requesterId = contact.id;
    }
    std::map<std::string, std::string> vars = {
        {"CALL_TYPE", callTypeLabel(s_.type)}, {"CALL_ID", s_.id},        {"MENU_PATH", s_.menuPath},
        {"PHONE_NUMBER", callerDisplay()},     {"LANGUAGE", s_.language},
    };
    if (s_.startedAt) vars["TIMESTAMP"] = localTimestamp(*s_.startedAt, s_.agentUtcOffsetMinutes);
    a.subject = renderTitle(st_.titleTemplate, vars).title;  // RC-1
    a.tags = creationTags(extraTag);
    a.comment = comment;
    if (assign) a.assigneeId = s_.agentId;
    a.customFields = std::move(fields);
    a.channel = isChat(s_.type) ? TicketChannel::Chat : TicketChannel::Voice;
    a.via = via;
    return {std::nullopt, a.key};
  }

  void appendNote(const TicketRef& ticket, const std::string& comment, const std::string& qualifier,
                  bool reopen = false) {
    auto& a = add(SessionOp::AppendToTicket, key(SessionOp::AppendToTicket, qualifier));
    a.ticket = ticket;
    a.comment = comment;
    if (reopen) a.status = "open";
  }
  void assign(const TicketRef& ticket, Id agentId) {
    auto& a = add(SessionOp::AssignTicket, key(SessionOp::AssignTicket, idText(agentId)));
    a.ticket = ticket;
    a.assigneeId = agentId;
  }
  void setFields(const TicketRef& ticket, std::vector<FieldValue> fields) {
    if (fields.empty()) return;
    auto& a = add(SessionOp::SetFields, key(SessionOp::SetFields));
    a.ticket = ticket;
    a.customFields = std::move(fields);
  }
  void pop(const TicketRef& ticket) {  // TR-13
    auto& a = add(SessionOp::PopTicket, key(SessionOp::PopTicket));
    a.ticket = ticket;
  }

  // The session joins an existing ticket: its note (reopening the ticket), its mapped fields, and for agent-facing
  // events the agent and the pop (TR-3, TR-4, TR-8, TR-10, TR-13).
  void appendSession(const TicketRef& ref, const std::string& note, std::vector<FieldValue> fields, bool assignAgent,
                     bool popIt) {
    appendNote(ref, note, "session", true);  // seed 004: an append reopens the ticket
    setFields(ref, std::move(fields));
    if (assignAgent && s_.agentId) assign(ref, *s_.agentId);
    if (popIt) pop(ref);
  }

  // While the ticket waits (TR-7), the agent still sees who is calling: the caller's profile pops when the
  // caller is known for sure (given, or the only contact with the number).
  void popKnownCaller() {
    std::optional<Id> id = s_.contactId;
    if (!id) {
      const auto& matches = phoneMatches();
      if (matches.size() == 1) id = matches.front()->id;
    }
    if (!id) return;
    auto& a = add(SessionOp::PopContact, key(SessionOp::PopContact));
    a.contactId = id;
  }

  // Record creation for an inbound call or chat: append to a matching open ticket (TR-3) or create (TR-1/TR-11).
  // `atEnd`: the session is over (TR-2 picks the newest contact; the end note joins the first note).
  // `answered`: the agent spoke to the caller, so the ticket is theirs even when it is not popped (TR-10).
  void createOrAppend(bool atEnd, const char* extraTag = nullptr, bool agentFacing = true, bool answered = false) {
    auto contact = chooseContact(atEnd);
    if (contact.undecided) {
      decide(contact.rule, NoteKey::CONTACTS_TO_CHOOSE, {{"count", std::to_string(contact.among)}});
      return;
    }
    std::string missing;
    bool endData = atEnd && s_.event == SessionEvent::Ended;
    std::string note = startNote();
    if (endData) note += "\n" + endNote();

    const Ticket* callbackTicket = callbackTarget();
    const Ticket* target = callbackTicket;
    if (!target && contact.id && !st_.doNotAppendToOpenTicket) target = appendTarget(*contact.id);
    if (target && s_.event == SessionEvent::Assigned) {
      // Ringing: the agent sees the open ticket, but nothing is written to it before the customer is answered. A
      // customer who gives up gets a new, abandoned ticket (TR-6); the open one is not reopened for a call nobody took.
      pop({target->id, ""});
      decide(callbackTicket ? "TR-8" : "TR-3", NoteKey::TICKET_SHOWN_UNTIL_ANSWERED, {{"ticket", idText(target->id)}});
      return;
    }
    if (target) {
      auto fields = mappedFields(true, endData, missing);
      appendSession({target->id, ""}, note + missing, std::move(fields), agentFacing || answered, agentFacing);
      if (callbackTicket) {
        decideCallback(target->id);
      } else {
        decide("TR-3", NoteKey::OPEN_TICKET_APPENDED, {{"ticket", idText(target->id)}});
      }
      return;
    }
    auto fields = mappedFields(true, endData, missing);
    auto ref =
        createTicket(contact, note + missing, std::move(fields), TicketVia::Inbound, extraTag, agentFacing || answered);
    if (agentFacing) pop(ref);
    if (contact.rule == "TR-2") {
      decide(contact.rule, NoteKey::NEW_TICKET_NEWEST_CONTACT, newestContactParams(contact));
    } else {
      decide(isChat(s_.type) ? "TR-1" : "TR-3",
             st_.doNotAppendToOpenTicket ? NoteKey::NEW_TICKET_APPEND_OFF : NoteKey::NEW_TICKET_NO_OPEN);
    }
  }

  static TextParams newestContactParams(const ContactChoice& c) {
    return {{"count", std::to_string(c.among)}, {"contact", idText(c.id.value_or(0))}};
  }
  void decideCallback(Id ticketId) {
    decide("TR-8", s_.callback->reason == "short_call" ? NoteKey::CALLBACK_SHORT_CALL : NoteKey::CALLBACK_HANGUP,
           {{"ticket", idText(ticketId)}});
  }

  // TR-8: "hang up and call back", or a call under 10 s followed by Callback, goes to the open ticket.
  const Ticket* callbackTarget() const {
    if (!s_.callback) return nullptr;
    const Ticket* t = findTicket(followMerges(s_.callback->ticketId));
    return t && callbackJoins(*s_.callback, t->status) ? t : nullptr;
  }

  // ---- events ---------------------------------------------------------------------------------------------------
  bool waitsForConnect() const {
    return st_.delayCallRecordUntilConnected && !isChat(s_.type) && s_.event == SessionEvent::Assigned;
  }
  bool waitsForMessages() const { return isChat(s_.type) && s_.consumerMessages < st_.chatRecordMinMessages; }

  void onStart() {
    if (s_.ticketId) {  // already linked (an earlier event created or appended): show it again, write nothing
      TicketRef ref{followMerges(*s_.ticketId), ""};
      if (s_.event == SessionEvent::Connected && s_.agentId) assign(ref, *s_.agentId);  // TR-10
      pop(ref);
      decide(s_.event == SessionEvent::Connected ? "TR-10" : "TR-13", NoteKey::TICKET_ALREADY_LINKED,
             {{"ticket", idText(*ref.id)}});
      return;
    }
    if (s_.type == SessionType::Voicemail) return onVoicemail();
    if (waitsForConnect()) {
      popKnownCaller();
      decide("TR-7", NoteKey::CREATED_WHEN_CONNECTED);
      return;
    }
    if (waitsForMessages()) {
      popKnownCaller();
      decide("TR-7", NoteKey::CREATED_AFTER_MESSAGES,
             {{"count", std::to_string(st_.chatRecordMinMessages)}, {"sofar", std::to_string(s_.consumerMessages)}});
      return;
    }
    if (s_.type == SessionType::Outbound) return startOutbound();
    createOrAppend(false);
  }

  void startOutbound() {
    if (s_.plan && s_.plan->action == "none") {
      decide("FO-1d", NoteKey::NO_TICKET_CHOSEN);
      return;
    }
    std::string missing;
    auto fields = mappedFields(true, false, missing);
    if (const Ticket* cb = callbackTarget()) {
      appendSession({cb->id, ""}, startNote() + missing, std::move(fields), true, true);
      decideCallback(cb->id);
      return;
    }
    std::optional<Id> appendId;
    ContactChoice contact;
    if (s_.plan) {
      if (s_.plan->action == "append") appendId = s_.plan->ticketId;
      contact.id = s_.plan->contactId ? s_.plan->contactId : s_.contactId;
      contact.create = s_.plan->createContact || !contact.id;
    } else {  // no plan: TR-4 on its own, unless appending is turned off (FO-1a)
      contact = chooseContact(true);
      if (contact.id && !st_.doNotAppendToOpenTicket) {
        for (const auto* t : ticketsOf(*contact.id, true)) {
          if (t->hasTag(st_.integrationTag)) {
            appendId = t->id;
            break;
          }
        }
      }
    }
    if (appendId) {
      appendSession({*appendId, ""}, startNote() + missing, std::move(fields), true, true);  // TR-4: reopened
      decide("TR-4", NoteKey::OUTBOUND_APPENDED, {{"ticket", idText(*appendId)}});
      return;
    }
    auto ref = createTicket(contact, startNote() + missing, std::move(fields), TicketVia::Outbound, nullptr, true);
    pop(ref);
    if (!s_.plan && st_.doNotAppendToOpenTicket) {
      return decide("FO-1a", NoteKey::OUTBOUND_NEVER_APPEND_NEW);
    }
    decide("TR-4", s_.plan ? NoteKey::NEW_TICKET_AS_PLANNED : NoteKey::NEW_TICKET_NO_INTEGRATION_OPEN);
  }

  void onConnected() { onStart(); }  // creation delayed until now (TR-7) happens in onStart; TR-10 assigns

  void onMessage() {
    if (s_.ticketId || !isChat(s_.type)) {
      decide("TR-7", NoteKey::MESSAGE_NOTHING);
      return;
    }
    onStart();
  }

  // The call left this agent: its part is over, so its call-finished note and end fields come first (TR-11, SF-2),
  // then the transfer note and the assignment — the receiving agent is the last assignee this agent writes (D58).
  void onTransferred() {
    if (!s_.ticketId) {
      decide("TR-10", NoteKey::TRANSFER_NO_TICKET);
      return;
    }
    TicketRef ref{followMerges(*s_.ticketId), ""};
    finishOn(ref);
    bool chat = isChat(s_.type);
    if (!s_.transferToAgentId) {
      appendNote(ref, text(chat ? NoteKey::chatTransferred : NoteKey::callTransferred), "transfer");
      decide("TR-10", NoteKey::TRANSFER_KEEPS_ASSIGNEE, {{"ticket", idText(*ref.id)}});
      return;
    }
    std::string agent = idText(*s_.transferToAgentId);
    appendNote(ref, text(chat ? NoteKey::chatTransferredTo : NoteKey::callTransferredTo, {{"agent", agent}}),
               "transfer");
    assign(ref, *s_.transferToAgentId);
    decide("TR-10", NoteKey::TRANSFER_ASSIGNED, {{"ticket", idText(*ref.id)}, {"agent", agent}});
  }

  // TR-11 + SF-2: the call-finished note (durations, recording) and the end-of-session fields.
  void finishOn(const TicketRef& ref) {
    std::string missing;
    auto fields = mappedFields(false, true, missing);
    appendNote(ref, endNote() + (missing.empty() ? "" : "\n" + missing), "finished");  // TR-11
    setFields(ref, std::move(fields));                                                 // SF-2
  }

  void onMerged() {
    if (!s_.ticketId || !s_.mergedIntoTicketId) {
      decide("TR-9", NoteKey::MERGE_NONE);
      return;
    }
    auto& a = add(SessionOp::LinkSession, key(SessionOp::LinkSession, idText(*s_.mergedIntoTicketId)));
    a.ticket = {s_.mergedIntoTicketId, ""};
    decide("TR-9", NoteKey::MERGED_FOLLOW,
           {{"ticket", idText(*s_.ticketId)}, {"target", idText(*s_.mergedIntoTicketId)}});
  }

  void onEnded() {
    if (s_.plan && s_.plan->action == "none") {
      decide("FO-1d", NoteKey::NO_TICKET_CHOSEN);
      return;
    }
    if (!s_.ticketId) {
      if (isChat(s_.type) && waitsForMessages()) {
        decide("TR-7", NoteKey::CHAT_TOO_FEW_MESSAGES, {{"count", std::to_string(st_.chatRecordMinMessages)}});
        return;
      }
      if (s_.type == SessionType::Voicemail) return onVoicemail();
      if (!isChat(s_.type) && st_.delayCallRecordUntilConnected && !s_.wasConnected) {
        decide("TR-7", NoteKey::NEVER_CONNECTED);
        return;
      }
      if (s_.type == SessionType::Outbound) return startOutbound();
      // TR-2 when several contacts share the number; the agent who answered gets the ticket (TR-10).
      createOrAppend(true, nullptr, false, s_.wasConnected);
      return;
    }
    Id target = followMerges(*s_.ticketId);
    finishOn({target, ""});
    if (target != *s_.ticketId) {
      decide("TR-9", NoteKey::MERGED_FINISHED, {{"ticket", idText(*s_.ticketId)}, {"target", idText(target)}});
    } else {
      decide("TR-11", s_.recordingUrl.empty() ? NoteKey::FINISHED_NOTE : NoteKey::FINISHED_NOTE_RECORDING,
             {{"ticket", idText(target)}});
    }
  }

  // TR-6's marker: the first line of an abandoned session's note, and the `<tag>_abandoned` tag.
  std::string abandonedLine() const {
    std::string n = text(isChat(s_.type) ? NoteKey::abandonedChat : NoteKey::abandonedCall);
    if (s_.waitSec) n += text(NoteKey::wait, {{"time", duration(*s_.waitSec)}});
    return n;
  }

  void onAbandoned() {
    if (s_.ticketId) {  // the ticket this session created when it was assigned (an append waits for the answer)
      auto& a = add(SessionOp::AppendToTicket, key(SessionOp::AppendToTicket, "abandoned"));
      a.ticket = {followMerges(*s_.ticketId), ""};
      a.comment = abandonedLine();
      a.tags = {st_.integrationTag + "_abandoned"};
      decide("TR-6", NoteKey::ABANDONED_NOTED);
      return;
    }
    if (isChat(s_.type)) {
      if (st_.abandonedChats == AbandonedChats::Off) return decide("TR-6", NoteKey::ABANDONED_CHATS_OFF);
      if (st_.abandonedChats == AbandonedChats::MinMessages && s_.consumerMessages < st_.abandonedChatMinMessages) {
        return decide("TR-6", NoteKey::ABANDONED_CHAT_FEW, {{"count", std::to_string(st_.abandonedChatMinMessages)}});
      }
    } else {
      if (!st_.createTicketForAbandonedCalls) return decide("TR-6", NoteKey::ABANDONED_CALLS_OFF);
      if (st_.delayCallRecordUntilConnected) return decide("TR-7", NoteKey::ABANDONED_CONNECTED_ONLY);
    }
    // Seed 004: a *new* record, even when the customer has an open ticket of the same queue and channel (no TR-3,
    // no TR-8), so reports can tell who ended the call; not assigned, not popped (D26).
    auto contact = chooseContact(true);
    std::string missing;
    auto fields = mappedFields(true, true, missing);
    createTicket(contact, abandonedLine() + "\n" + startNote() + missing, std::move(fields), TicketVia::Inbound,
                 "abandoned", false);
    if (contact.rule == "TR-2") return decide("TR-6", NoteKey::ABANDONED_NEWEST_CONTACT, newestContactParams(contact));
    decide("TR-6", NoteKey::ABANDONED_NEW_TICKET);
  }

  void onVoicemail() {  // TR-5: always a new voicemail ticket, even when an open ticket exists
    if (s_.ticketId && s_.type == SessionType::Voicemail) return decide("TR-5", NoteKey::VOICEMAIL_EXISTS);
    if (s_.ticketId) {  // a call whose ticket was created while it rang went to voicemail: that ticket is its record
      auto& a = add(SessionOp::AppendToTicket, key(SessionOp::AppendToTicket, "voicemail"));
      a.ticket = {followMerges(*s_.ticketId), ""};
      a.comment = text(NoteKey::voicemail) + "\n" + endNote();
      a.tags = {st_.integrationTag + "_voicemail"};
      return decide("TR-5", NoteKey::VOICEMAIL_NOTED);
    }
    auto contact = chooseContact(true);
    std::string missing;
    auto fields = mappedFields(true, true, missing);
    std::string note =
        (s_.phone.empty() ? text(NoteKey::voicemailUnknown) : text(NoteKey::voicemailFrom, {{"phone", s_.phone}})) +
        "\n" + startNote() + "\n" + endNote();
    createTicket(contact, note + missing, std::move(fields), TicketVia::Voicemail, "voicemail", false);
    decide("TR-5", NoteKey::VOICEMAIL_NEW);
  }

  void onAuthenticated() {  // UA-1: earlier unauthenticated tickets move to the logged-in identity
    if (!s_.previousContactId || !s_.contactId || *s_.previousContactId == *s_.contactId) {
      return decide("UA-1", NoteKey::AUTH_NOTHING);
    }
    int moved = 0;
    for (const auto* t : ticketsOf(*s_.previousContactId, false)) {
      if (t->status == TicketStatus::Closed) continue;  // Zendesk does not update closed tickets
      auto& a = add(SessionOp::SetRequester, key(SessionOp::SetRequester, idText(t->id)));
      a.ticket = {t->id, ""};
      a.requesterId = s_.contactId;
      ++moved;
    }
    decide("UA-1", NoteKey::AUTH_MOVED,
           {{"count", std::to_string(moved)}, {"from", idText(*s_.previousContactId)}, {"to", idText(*s_.contactId)}});
  }

  void addAuditNote() {
    TicketRef ref;
    for (const auto& a : res_.actions) {
      if (a.op == SessionOp::CreateTicket) ref = {std::nullopt, a.key};
      if ((a.op == SessionOp::AppendToTicket || a.op == SessionOp::AssignTicket) && a.ticket.id) ref = a.ticket;
    }
    if (!ref.id && ref.createdByKey.empty()) {
      if (!s_.ticketId) return;
      ref = {followMerges(*s_.ticketId), ""};
    }
    if (res_.decision.code.empty()) return;
    // For admins: the rule id stays in the audit trail, the reason is in the note language (D81).
    std::string reason = text(decisionKey_, res_.decision.params);
    appendNote(ref, text(NoteKey::audit, {{"rule", res_.decision.rule}, {"reason", reason}}), "audit");
  }

  const SessionRequest& req_;
  const SessionSettings& st_;
  const Session& s_;
  SessionResult res_;
  NoteKey decisionKey_ = NoteKey::MESSAGE_NOTHING;
  std::optional<std::vector<const Contact*>> matches_;
};

}  // namespace

SessionResult resolveSession(const SessionRequest& request) { return Resolver(request).run(); }

}  // namespace adapter
