// adapter::live::Adapter: parses an event, routes it to its flow, answers the view and the effects. A bad event
// is refused as a whole: the state is copied before handling and put back when reading the event fails.
#include "adapter/live/adapter.h"

#include <algorithm>
#include <new>

#include "live/flows.h"
#include "live/requester_numbers.h"

namespace adapter::live {
namespace {

constexpr std::int64_t kMaxMillis = (std::int64_t{1} << 53) - 1;

const char* const kOutboundActions[] = {
    "openDialPad",     "numberChanged", "lookUpNumber", "ticketChosen", "useEnteredNumberChanged",
    "ticketIdChanged", "callClicked",   "cancelClicked"};
const char* const kCallActions[] = {"answerClicked",        "declineClicked",        "hangUpClicked",    "holdClicked",
                                    "muteClicked",          "transferClicked",       "noteChanged",      "wrapUpDone",
                                    "answerWaitingClicked", "declineWaitingClicked", "switchCallClicked"};
const char* const kTelephonyEvents[] = {"connectorState", "callRinging",     "callDialing",     "callConnected",
                                        "callAttributes", "callHoldChanged", "callMuteChanged", "callTransferred",
                                        "callEnded",      "telephonyFailed"};

template <std::size_t N>
bool among(const char* const (&names)[N], const std::string& type) {
  return std::find(std::begin(names), std::end(names), type) != std::end(names);
}

void registerApp(AdapterState& s, const JsonReader& e) {
  auto settings = e.field("settings");
  if (!settings.isNull() && !settings.json().is_object()) settings.fail("expected object");
  s.config = readAppSettings(settings.json());
  auto agent = e.field("agent");
  s.agent.id = agent.id("id");
  s.agent.name = agent.string("name", "");
  s.agent.groupIds.clear();
  agent.forEach("groupIds", [&](const JsonReader& g) { s.agent.groupIds.push_back(g.asId()); });
  s.agent.utcOffsetMinutes = static_cast<int>(agent.optInteger("utcOffsetMinutes", -14 * 60, 14 * 60).value_or(0));
  s.connectorName = e.field("connector").string("name", "simulator");
  s.registered = true;
  refreshOutbound(s);
  pumpSessions(s);  // what a restored snapshot left to resolve and send, now with the agent's own settings
}

void dialout(AdapterState& s, const JsonReader& e) {
  std::string number = e.string("number", "");
  auto userId = e.optId("userId");
  auto ticketId = e.optId("ticketId");
  // voice.dialout from a ticket is the ticket's Call menu with its number (FO-5c); from a user, click-to-call (FO-5b).
  startOutbound(s, ticketId ? "ticket" : userId ? "contact" : "dialpad", number, userId, ticketId);
  emit(s, OutJson{{"type", "popover"}, {"action", "show"}});
}

void callMenu(AdapterState& s, const JsonReader& e) {
  auto ticketId = e.id("ticketId");
  auto number = e.optString("number");
  startOutbound(s, number ? "ticket" : "ticket_new_number", number.value_or(""), std::nullopt, ticketId);
  emit(s, OutJson{{"type", "popover"}, {"action", "show"}});
}

void requesterNumbers(AdapterState& s, const JsonReader& e) {
  auto replyTo = e.field("replyTo");
  std::string guid = replyTo.asString();
  if (guid.empty() || guid.size() > kMaxReplyToBytes) replyTo.fail("expected an instance guid of 1 to 128 bytes");
  requesterNumbersWanted(s, e.id("ticketId"), e.id("requesterId"), guid);
}

void httpResponse(AdapterState& s, const JsonReader& e) {
  std::string id = e.string("requestId", "");
  int status = static_cast<int>(e.optInteger("status", 0, 999).value_or(0));
  auto retryAfter = e.optInteger("retryAfterSec", 0, 24 * 3600);
  InJson body = e.field("body").json();
  onHttpResponse(s, id, status, body, retryAfter);
}

void tick(AdapterState& s) {
  s.scheduledTickMs = 0;
  retryDueLookups(s);
  dialDeadlines(s);
  outboundTick(s);
  sendReadyWrites(s);
  pumpSessions(s);
}

void handle(AdapterState& s, const JsonReader& e) {
  auto now = e.optInteger("nowMs", 0, kMaxMillis);
  if (!now) e.field("nowMs").fail("required");
  s.nowMs = std::max(s.nowMs, *now);  // a clock stepping back must not reorder retries
  std::string type = e.string("type", "");
  if (type == "appRegistered") {
    registerApp(s, e);
  } else if (type == "paneActivated") {
    // nothing changes; the answer redraws the current view
  } else if (type == "dialout") {
    dialout(s, e);
  } else if (type == "callMenu") {
    callMenu(s, e);
  } else if (type == "requesterNumbersWanted") {
    requesterNumbers(s, e);
  } else if (type == "contactChosen") {
    s.screen == "outbound" ? onOutboundAction(s, type, e) : onCallAction(s, type, e);
  } else if (among(kOutboundActions, type)) {
    onOutboundAction(s, type, e);
  } else if (among(kCallActions, type)) {
    onCallAction(s, type, e);
  } else if (among(kTelephonyEvents, type)) {
    onTelephonyEvent(s, type, e);
  } else if (type == "httpResponse") {
    httpResponse(s, e);
  } else if (type == "tick") {
    tick(s);
  } else if (type == "retryWrites") {
    retryFailedLookups(s);
    retryFailedWrites(s);
    pumpSessions(s);
  } else if (type == "retryLookups") {
    retryFailedLookups(s);
    refreshOutbound(s);
    pumpSessions(s);
  } else if (type == "retryWrite") {
    std::string key = e.string("key", "");
    if (isCallRecordKey(key)) {
      retryFailedLookups(s);  // what a waiting call record needs is a lookup
      pumpSessions(s);
    } else {
      retryWrite(s, key);
    }
  } else if (type == "discardWrite") {
    std::string key = e.string("key", "");
    isCallRecordKey(key) ? discardCallRecord(s, key) : discardWrite(s, key);
  } else if (type == "dismissBanner") {
    s.banner = OutJson();
  } else if (type == "restore") {
    restoreSnapshot(s, e.field("state"));
    // The shim restores before appRegistered: until the agent and the settings are known, nothing is resolved or
    // sent (the rules would write with a default agent id and default settings).
    if (s.registered) pumpSessions(s);
  } else {
    e.field("type").fail("unknown event type \"" + type + "\"");
  }
}

void persistIfChanged(AdapterState& s) {
  OutJson state = snapshot(s);
  // Dumped as answers are (invalid UTF-8 replaced, never thrown on): a throw here refuses the whole event, so a
  // caller's text that the core cut badly would lose the call it came with (issue 13).
  std::string text = state.dump(-1, ' ', false, OutJson::error_handler_t::replace);
  if (text == s.lastPersisted) return;
  s.lastPersisted = std::move(text);
  // First of the effects: the snapshot is stored before any request of this answer leaves, so that a page closed
  // in between finds the write marked in flight (to be checked), never merely queued (to be sent blindly).
  s.effects.insert(s.effects.begin(), OutJson{{"type", "persist"}, {"state", std::move(state)}});
}

std::string errorAnswer(const char* code, const std::string& message, const std::string& path) {
  return dumpResponse(OutJson{{"error", {{"code", code}, {"message", message}, {"path", path}}}});
}

}  // namespace

Adapter::Adapter() : state_(std::make_unique<AdapterState>()) {}
Adapter::~Adapter() = default;

std::string Adapter::dispatch(std::string_view eventJson) {
  AdapterState before = *state_;
  try {
    InJson event = parseRequest(eventJson);
    auto& s = *state_;
    s.effects = OutJson::array();
    handle(s, JsonReader(event, ""));
    scheduleNextTick(s);
    persistIfChanged(s);
    OutJson answer{{"view", buildView(s)}, {"effects", std::move(s.effects)}};
    s.effects = OutJson::array();
    return dumpResponse(answer);
  } catch (const RequestError& e) {
    *state_ = std::move(before);
    return errorAnswer("INVALID_REQUEST", e.what(), e.path());
  } catch (const std::bad_alloc&) {
    *state_ = std::move(before);
    return errorAnswer("INTERNAL", "out of memory", "");
  } catch (const std::exception& e) {
    *state_ = std::move(before);
    return errorAnswer("INTERNAL", std::string("internal error: ") + e.what(), "");
  }
}

}  // namespace adapter::live
