// Bytes -> valid event sequences for the live adapter, with Zendesk and the connector played faithfully enough
// that the adapter's deep states (retries, checks, batching, budgets, waiting calls, reloads) are reached.
#include "live_session.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "answer_text.h"
#include "event_text.h"
#include "property.h"

namespace fuzz {
namespace {

using nlohmann::json;

const char* const kAnis[] = {"+14155550100", "+14155550101", "(415) 555-0102", "anonymous", "+4930123456", ""};
const char* const kSessionTypes[] = {"inbound_app", "ivr", "inbound_web", "voicemail", "scheduled_app", "bogus"};
const char* const kEndReasons[] = {"completed", "abandoned", "voicemail", "no_answer", "failed", "completed"};
const char* const kNumbers[] = {"(415) 555-0100", "+14155550101 ext 12", "4155550102", "", "+4930123456", "12"};
const char* const kNotes[] = {"note", "", "a longer note\nwith lines", "  "};
const char* const kTicketValues[] = {"new", "none", "42", "40"};

// FUZZ_TRACE=1: every event and answer on stderr (reading a crash input).
bool trace() {
  static const bool on = std::getenv("FUZZ_TRACE") != nullptr;
  return on;
}

// The effects besides persist, parsed. Most answers have none, or only the timer: those two texts are read here
// without the parser (each byte checked as the parser would), the rest parsed (D366).
json parseEffects(const std::string& text) {
  if (text == "[]") return json::array();
  constexpr std::string_view kTick = "[{\"type\":\"scheduleTick\",\"atMs\":";
  std::string_view t = text;
  if (t.size() > kTick.size() + 2 && t.substr(0, kTick.size()) == kTick && t.substr(t.size() - 2) == "}]") {
    std::string_view digits = t.substr(kTick.size(), t.size() - kTick.size() - 2);
    // A JSON integer that an int64 holds: no sign, no leading zero, at most 18 digits.
    bool plain = !digits.empty() && digits.size() <= 18 && (digits[0] != '0' || digits.size() == 1) &&
                 std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (plain) {
      json tick = json::object();
      tick["type"] = "scheduleTick";
      tick["atMs"] = std::stoll(std::string(digits));
      return json::array({std::move(tick)});
    }
  }
  return json::parse(text, nullptr, false);
}

}  // namespace

LiveSession::LiveSession() : adapter_(std::make_unique<adapter::live::Adapter>()), properties_(zendesk_) {}

EventText LiveSession::event(const char* type) const { return EventText(type, nowMs_); }

void LiveSession::dispatchText(const std::string& text, const SentEvent& sent) {
  std::string out = adapter_->dispatch(text);
  if (trace()) std::fprintf(stderr, ">> %s\n<< %s\n", text.c_str(), out.c_str());
  PropertyContext context(text);
  // The answer split as text (answer_text.h): the view parsed only when it changed, the persisted snapshot kept as
  // text (checked to be JSON, parsed by the adapter at the next reload). Anything else is parsed whole.
  json answer;
  UnparsedAnswer unparsed;
  std::optional<AnswerParts> parts = splitAnswer(out, properties_.viewText());
  if (parts) {
    unparsed.view = parts->view;
    unparsed.sameView = !properties_.view().is_null() && parts->view == properties_.viewText();
    answer = json::object();
    if (!unparsed.sameView) {
      answer["view"] = parseView(*parts);
#ifndef NDEBUG  // the native replays: the view built from members is the whole text's parse (D411)
      FUZZ_REQUIRE(answer["view"] == json::parse(parts->view, nullptr, false) || answer["view"].is_discarded(),
                   "answers are JSON",
                   "the view parsed by members differs from its parse: " + std::string(parts->view));
#endif
    }
    answer["effects"] = parseEffects(parts->otherEffects);
    bool parsed = (unparsed.sameView || !answer["view"].is_discarded()) && !answer["effects"].is_discarded();
    FUZZ_REQUIRE(parsed, "answers are JSON", text);
    unparsed.persisted = !parts->state.empty();
    unparsed.stateObject = unparsed.persisted && parts->state.front() == '{';
  } else {
    answer = json::parse(out, nullptr, false);
    FUZZ_REQUIRE(!answer.is_discarded(), "answers are JSON", text);
  }
  if (!properties_.check(sent, answer, open_, unparsed)) {
    if (properties_.view().is_null()) return;  // nothing to compare with yet
    // Refused: the adapter must be exactly as before. The same view comes back for a redraw at the same time: the
    // last view's text again is that view (D414); any other answer is parsed whole and compared.
    std::string probeText = adapter_->dispatch(EventText("paneActivated", acceptedMs_).str());
    std::optional<AnswerParts> probe = splitAnswer(probeText, properties_.viewText());
    if (probe && probe->state.empty() && probe->view == properties_.viewText()) {
      json effects = parseEffects(probe->otherEffects);
      FUZZ_REQUIRE(effects.is_array(), "a refused event changes nothing", probeText);
      properties_.checkUnchanged(json{{"effects", std::move(effects)}}, /*sameView=*/true);
    } else {
      properties_.checkUnchanged(json::parse(probeText, nullptr, false));
    }
    return;
  }
  if (!parts) {
    viewMembers_.clear();  // the view came from the whole parse: no member offsets into viewText()
  } else if (!unparsed.sameView) {
    keepViewMembers(*parts);
  }
  if (sent.hasNow) {
    acceptedMs_ = std::max(acceptedMs_, sent.nowMs);
    nowMs_ = std::max(nowMs_, acceptedMs_);
  }
  if (unparsed.persisted) persisted_.assign(parts->state);
  for (auto& e : answer["effects"]) {
    const std::string& type = e["type"].get_ref<const std::string&>();  // checked: effects are well formed
    if (type == "request") {
      open_.push_back(std::move(e));
    } else if (type == "persist") {
      persisted_ = e["state"].dump();
    } else if (type == "scheduleTick") {
      tickAtMs_ = e["atMs"];
    } else if (type == "telephony" && e["command"] == "dial") {
      calls_.push_back(e["callId"]);
    }
  }
}

// A changed view parsed member by member: a member whose text is the last view's is copied from the last view (a
// copy is several times cheaper than nlohmann's parse), the others parsed. The result is the whole text's parse: the
// keys are the view's own (no escapes; one with a backslash sends the view to the whole parse), and every member
// was parsed from this text or from the same text before.
json LiveSession::parseView(const AnswerParts& parts) const {
  auto escaped = [](const JsonMember& m) { return m.key.find('\\') != std::string_view::npos; };
  if (parts.viewMembers.empty() || std::any_of(parts.viewMembers.begin(), parts.viewMembers.end(), escaped)) {
    return json::parse(parts.view, nullptr, false);
  }
  const json& last = properties_.view();
  std::string_view lastText = properties_.viewText();
  bool reuse = last.is_object() && !viewMembers_.empty();
  json view = json::object();
  for (std::size_t i = 0; i < parts.viewMembers.size(); ++i) {
    const JsonMember& m = parts.viewMembers[i];
    std::string key(m.key);
    json& slot = view[key];
    if (reuse) {
      // The core writes the members in one order: the same index first, then any.
      auto same = [&](const MemberAt& at) {
        return lastText.substr(at.key, at.keyLength) == m.key && lastText.substr(at.value, at.valueLength) == m.value;
      };
      const MemberAt* at = i < viewMembers_.size() && same(viewMembers_[i]) ? &viewMembers_[i] : nullptr;
      if (!at) {
        auto it = std::find_if(viewMembers_.begin(), viewMembers_.end(), same);
        if (it != viewMembers_.end()) at = &*it;
      }
      if (at) {
        auto found = last.find(key);
        if (found != last.end()) {
          slot = *found;
          continue;
        }
      }
    }
    slot = json::parse(m.value, nullptr, false);
    if (slot.is_discarded()) return slot;
  }
  return view;
}

void LiveSession::keepViewMembers(const AnswerParts& parts) {
  viewMembers_.clear();
  const char* base = parts.view.data();
  for (const JsonMember& m : parts.viewMembers) {
    viewMembers_.push_back({static_cast<std::size_t>(m.key.data() - base), m.key.size(),
                            static_cast<std::size_t>(m.value.data() - base), m.value.size()});
  }
}

void LiveSession::dispatch(EventText& e) { dispatchText(e.str(), e.sent()); }

void LiveSession::registerApp(ByteReader& in) {
  std::uint8_t a = in.byte(), b = in.byte();
  json s = json::object();
  const char* flags[] = {"batchComments",
                         "batchTicketUpdates",
                         "useTalkPartnerEdition",
                         "delayCallRecordUntilConnected",
                         "promptSelectOpenTicket",
                         "allowCreateNewTicket",
                         "auditNote",
                         "doNotAppendToOpenTicket"};
  for (int i = 0; i < 8; ++i) s[flags[i]] = ((a >> i) & 1) != 0;
  s["createTicketForAbandonedCalls"] = (b & 1) == 0;
  s["allowDialEnteredNumber"] = (b & 2) != 0;
  s["allowDoNotCreateTicket"] = (b & 4) != 0;
  if (b & 8) {
    s["teamTicketEntryEnabled"] = true;
    s["teamTicketEntryGroups"] = (b & 16) ? "{\"11\":\"required\"}" : "{\"11\":\"optional\"}";
  }
  if (b & 32) {  // tight budgets: writes wait for free slots
    s["updateBudgetPerMinute"] = 2;
    s["ticketUpdateBudgetPer10Minutes"] = "3";
    s["requestBudgetPerMinute"] = 5;
  }
  if (b & 64) s["batchWindowSeconds"] = 2;
  if (b & 128) s["fieldMap"] = "{\"duration\": 360001, \"queue\": 360002}";
  settingsText_ = s.dump();  // once per registration; the reloads send it again
  EventText e = event("appRegistered");
  e.json("settings", settingsText_);
  e.json("agent", R"({"groupIds":[11],"id":5,"locale":"en","name":"Sam Agent"})");
  e.json("connector", R"({"name":"sip"})");
  dispatch(e);
  EventText online = event("connectorState");
  online.text("state", "online");
  dispatch(online);
}

void LiveSession::restoreText(std::string_view snapshotJson, ByteReader& in) {
  std::string text = R"({"type":"restore","nowMs":)" + std::to_string(nowMs_) + R"(,"state":)";
  text.append(snapshotJson.data(), snapshotJson.size());
  text += "}";
  // The properties read the event's type and time: the time only when the whole text is JSON (as the adapter reads
  // it). The scanner is as strict as the parser (answer_text.h) but stops at a depth the parser goes past.
  SentEvent sent;
  sent.type = "restore";
  sent.hasNow = jsonValueEnd(text, 0) == text.size() || !json::parse(text, nullptr, false).is_discarded();
  sent.nowMs = nowMs_;
  dispatchText(text, sent);
  registerApp(in);
}

// The page reloads: requests in flight never get their answer (each landed or not), a new adapter restores the
// last snapshot and registers again.
void LiveSession::reload(ByteReader& in) {
  zendesk_.setNow(nowMs_);
  for (const auto& r : open_) zendesk_.lose(r, in);
  open_.clear();
  tickAtMs_ = 0;
  adapter_ = std::make_unique<adapter::live::Adapter>();
  acceptedMs_ = 0;
  properties_.reloaded();
  if (!persisted_.empty()) {
    // The restore event as the shim sends it, with the stored text as it was persisted.
    std::string text = R"({"nowMs":)" + std::to_string(nowMs_) + R"(,"state":)" + persisted_ + R"(,"type":"restore"})";
    dispatchText(text, EventText("restore", nowMs_).sent());
  }
  EventText e = event("appRegistered");
  e.json("settings", settingsText_);
  e.json("agent", R"({"groupIds":[11],"id":5,"name":"Sam Agent"})");
  e.json("connector", R"({"name":"sip"})");
  dispatch(e);
}

std::string LiveSession::someCall(ByteReader& in) const {
  // The newest calls most often: they are the ones the connector talks about.
  if (calls_.empty()) return "c0";
  std::size_t back = in.pick(4);
  return calls_[calls_.size() - 1 - std::min(back, calls_.size() - 1)];
}

void LiveSession::ring(ByteReader& in) {
  if (nextCall_ > kMaxRings) return;  // the session's calls have all rung (D366)
  std::string id = "c" + std::to_string(nextCall_++);
  calls_.push_back(id);
  EventText e = event("callRinging");
  e.callId(id);
  e.text("ani", pickFrom(in, kAnis));
  e.text("dnis", "+18005550000");
  e.text("sessionType", pickFrom(in, kSessionTypes));
  std::uint8_t extra = in.byte();
  if (extra & 1) e.json("queue", R"({"id":"billing","name":"Billing"})");
  if (extra & 2) e.text("menuPath", "1>2");
  if (extra & 4) e.json("attributes", R"({"reserved_bad_actor":"true","verified_customer":"false"})");
  if (extra & 8) e.text("language", "de");
  dispatch(e);
}

void LiveSession::answerRequest(ByteReader& in) {
  if (open_.empty()) return;
  std::size_t i = in.pick(open_.size());
  json request = std::move(open_[i]);
  open_.erase(open_.begin() + static_cast<std::ptrdiff_t>(i));
  zendesk_.setNow(nowMs_);
  ZendeskAnswer a = zendesk_.answer(request, in);
  EventText e = event("httpResponse");
  e.json("requestId", request["id"].dump());
  e.number("status", a.status);
  e.json("body", a.body.dump());
  if (a.retryAfterSec) {
    e.number("retryAfterSec", *a.retryAfterSec);
  } else {
    e.null("retryAfterSec");
  }
  dispatch(e);
}

void LiveSession::telephony(ByteReader& in) {
  static const char* const kTypes[] = {"callConnected",   "callEnded",       "callDialing",
                                       "callHoldChanged", "callMuteChanged", "callTransferred",
                                       "callAttributes",  "telephonyFailed", "connectorState"};
  const char* type = pickFrom(in, kTypes);
  EventText e = event(type);
  std::string call = someCall(in);
  std::string_view t = type;
  if (t != "connectorState") e.callId(call);
  if (t == "callEnded") {
    e.text("reason", pickFrom(in, kEndReasons));
    e.number("durationSec", static_cast<std::int64_t>(in.pick(200)));
    e.number("waitSec", static_cast<std::int64_t>(in.pick(30)));
    e.number("holdSec", 0);
    if (in.flag()) e.text("recordingUrl", "https://r.example.com/1.mp3");
  } else if (t == "callHoldChanged") {
    e.boolean("held", in.flag());
  } else if (t == "callMuteChanged") {
    e.boolean("muted", in.flag());
  } else if (t == "callTransferred") {
    e.number("toAgentId", 9);
  } else if (t == "callAttributes") {
    e.json("attributes", R"({"reserved_repeat_customer":"true"})");
  } else if (t == "telephonyFailed") {
    e.text("command", in.flag() ? "dial" : "answer");
    e.text("code", "OFFLINE");
  } else if (t == "connectorState") {
    e.text("state", in.pick(4) == 0 ? "offline" : "online");
  }
  dispatch(e);
}

void LiveSession::callAction(ByteReader& in) {
  static const char* const kTypes[] = {
      "answerClicked",  "answerClicked",        "hangUpClicked",         "holdClicked",      "muteClicked",
      "noteChanged",    "wrapUpDone",           "callBackClicked",       "transferClicked",  "contactChosen",
      "declineClicked", "answerWaitingClicked", "declineWaitingClicked", "switchCallClicked"};
  const char* type = pickFrom(in, kTypes);
  EventText e = event(type);
  std::string_view t = type;
  if (t == "noteChanged") e.text("text", pickFrom(in, kNotes));
  if (t == "transferClicked") e.text("target", "9");
  if (t == "contactChosen") e.number("contactId", 7 + static_cast<int>(in.pick(3)));
  if (t.find("Waiting") != std::string_view::npos || t == "switchCallClicked") e.callId(someCall(in));
  dispatch(e);
}

void LiveSession::outboundAction(ByteReader& in) {
  static const char* const kTypes[] = {"openDialPad",   "numberChanged",   "numberChanged",           "lookUpNumber",
                                       "contactChosen", "ticketChosen",    "useEnteredNumberChanged", "ticketIdChanged",
                                       "callClicked",   "callClicked",     "cancelClicked",           "dialout",
                                       "callMenu",      "talkPartnerError"};
  const char* type = pickFrom(in, kTypes);
  EventText e = event(type);
  std::string_view t = type;
  if (t == "numberChanged") e.text("text", pickFrom(in, kNumbers));
  if (t == "contactChosen") e.number("contactId", 7 + static_cast<int>(in.pick(3)));
  if (t == "ticketChosen") {
    std::string_view v = pickFrom(in, kTicketValues);
    if (v == "new" || v == "none") {
      e.text("value", v);
    } else {
      e.number("value", std::stoi(std::string(v)));
    }
  }
  if (t == "useEnteredNumberChanged") e.boolean("checked", in.flag());
  if (t == "ticketIdChanged") e.text("text", in.flag() ? "42" : "x");
  if (t == "dialout") {
    e.text("number", pickFrom(in, kNumbers));
    if (in.flag()) {
      e.number("userId", 7);
    } else {
      e.null("userId");
    }
    if (in.flag()) {
      e.number("ticketId", 42);
    } else {
      e.null("ticketId");
    }
  }
  if (t == "callMenu") {
    e.number("ticketId", 42);
    if (in.flag()) {
      e.text("number", "+14155550100");
    } else {
      e.null("number");
    }
  }
  if (t == "talkPartnerError") {  // ZAF's voice.error: a code, none, or one longer than the 64 bytes kept
    static const char* const kCodes[] = {"subscribe_failed", "", "x"};
    std::string_view code = pickFrom(in, kCodes);
    if (code.empty()) {
      e.null("code");
    } else {
      e.text("code", code == "x" ? std::string(100, 'x') : std::string(code));
    }
  }
  dispatch(e);
}

// The consult (warm) transfer, the connector's directory, the agent's status and the smaller actions of the call
// and wrap-up screens (docs/adapter-protocol.md; D412): events the generator did not play before.
void LiveSession::moreAction(ByteReader& in) {
  static const char* const kTypes[] = {
      "consultClicked",    "consultClicked",    "consultCompleteClicked", "consultCancelClicked",
      "conferenceClicked", "consultChanged",    "consultChanged",         "transferDirectory",
      "transferDirectory", "agentStatusChosen", "digitsPressed",          "wrapUpCodeChosen",
      "openTicketClicked", "recentCallClicked", "requesterNumbersWanted", "consultChanged"};
  const char* type = pickFrom(in, kTypes);
  EventText e = event(type);
  std::string_view t = type;
  if (t == "consultClicked") {
    // A target the view lists (the directory's), or one typed.
    const json& view = properties_.view();
    const json* targets = nullptr;
    if (view.is_object() && view["call"].is_object() && view["call"].contains("transfer")) {
      targets = &view["call"]["transfer"]["targets"];
    }
    std::size_t k = in.pick(4);
    if (targets && targets->is_array() && !targets->empty() && k != 0) {
      e.json("target", (*targets)[k % targets->size()]["id"].dump());
    } else {
      e.text("target", k == 0 ? "+14155550199" : "9");
    }
  } else if (t == "consultChanged") {
    static const char* const kStates[] = {"dialing", "connected", "connected", "conference", "ended"};
    e.callId(someCall(in));
    e.text("state", pickFrom(in, kStates));
  } else if (t == "transferDirectory") {
    static const char* const kAgents[] = {
        R"([{"availability":"available","id":"9","name":"Kim"},{"availability":"busy","id":12,"name":"Lee"}])",
        R"([{"availability":"away","id":"9","name":"Kim"}])", "[]"};
    e.json("agents", pickFrom(in, kAgents));
    e.json("queues", in.flag() ? R"([{"id":2,"loggedInAgents":2}])" : "[]");
    e.boolean("consult", in.pick(4) != 0);
    e.boolean("conference", in.flag());
  } else if (t == "agentStatusChosen") {
    e.text("status", in.flag() ? "away" : "available");
  } else if (t == "digitsPressed") {
    e.text("digits", in.flag() ? "1#" : "*9");
  } else if (t == "wrapUpCodeChosen") {
    static const char* const kCodes[] = {"sale", "", "support", "not a code"};
    e.text("code", pickFrom(in, kCodes));
  } else if (t == "openTicketClicked") {
    static const int kTickets[] = {42, 40, 5000, 5001};
    e.number("ticketId", pickFrom(in, kTickets));
  } else if (t == "recentCallClicked") {
    static const char* const kActions[] = {"callBack", "openTicket", "handled"};
    e.callId(someCall(in));
    e.text("action", pickFrom(in, kActions));
  } else if (t == "requesterNumbersWanted") {
    e.number("ticketId", 42);
    e.number("requesterId", 7);
    e.text("replyTo", "sidebar-1");
  }
  dispatch(e);
}

void LiveSession::syncAction(ByteReader& in) {
  static const char* const kTypes[] = {"retryWrites",  "retryWrite",    "discardWrite", "discardWrite",
                                       "retryLookups", "dismissBanner", "paneActivated"};
  const char* type = pickFrom(in, kTypes);
  EventText e = event(type);
  std::string_view t = type;
  if (t == "retryWrite" || t == "discardWrite") {
    const json& view = properties_.view();
    const json* writes = view.is_object() ? &view["sync"]["writes"] : nullptr;
    if (writes && !writes->empty()) {
      e.json("key", (*writes)[in.pick(writes->size())]["key"].dump());
    } else {
      e.text("key", "nothing");
    }
  }
  dispatch(e);
}

// One event. The op byte's low nibble picks what happens, its high nibble how much time passed before it.
void LiveSession::step(ByteReader& in) {
  std::uint8_t op = in.byte();
  nowMs_ += (op >> 4) * 137;
  switch (op & 15) {
    case 0: ring(in); break;
    case 1:
    case 2:
    case 3: answerRequest(in); break;
    case 4:
    case 5: {  // the timer the adapter asked for, or some time later
      nowMs_ =
          std::max(nowMs_, tickAtMs_ > 0 && in.pick(4) != 0 ? tickAtMs_
                                                            : nowMs_ + 61'000 * static_cast<std::int64_t>(in.pick(12)));
      EventText e = event("tick");
      dispatch(e);
      break;
    }
    case 6:
    case 7: telephony(in); break;
    case 8:
    case 9: callAction(in); break;
    case 10: outboundAction(in); break;
    case 11: syncAction(in); break;
    case 12: reload(in); break;
    case 13: {  // the fuzzer's own text as one event
      std::string_view raw = in.bytes(in.byte());
      std::string text(raw);
      json sent = json::parse(text, nullptr, false);
      dispatchText(text, sent.is_discarded() ? SentEvent() : SentEvent::of(sent));
      break;
    }
    case 14:  // Zendesk answers; with nothing in flight (a byte that used to send nothing) a lesser action
      if (open_.empty()) {
        moreAction(in);
      } else {
        answerRequest(in);
      }
      break;
    default: {  // settings change mid-session
      registerApp(in);
      break;
    }
  }
}

void LiveSession::play(ByteReader& in, int maxSteps) {
  for (int n = 0; n < maxSteps && !in.empty(); ++n) step(in);
}

void LiveSession::playLines(std::string_view events) {
  while (!events.empty()) {
    auto end = events.find('\n');
    std::string text(events.substr(0, end));
    json sent = json::parse(text, nullptr, false);
    dispatchText(text, sent.is_discarded() ? SentEvent() : SentEvent::of(sent));
    if (end == std::string_view::npos) break;
    events.remove_prefix(end + 1);
  }
}

}  // namespace fuzz
