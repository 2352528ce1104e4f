// An event's JSON as the typed record the flows take (live/events.h). Every field any flow uses is read and checked
// here, in the order the protocol's answers have always named the first wrong field (the robustness tests pin the
// code, message and path of each refusal), so that nothing past this file can refuse an event half-handled.
#include <algorithm>

#include "live/requester_numbers.h"
#include "live_edge/edge.h"
#include "text_budgets.h"
#include "utf8_prefix.h"

namespace adapter::live {
namespace {

constexpr std::int64_t kMaxMillis = (std::int64_t{1} << 53) - 1;

std::string callIdOf(const JsonReader& event) {
  auto f = event.field("callId");
  const auto& j = f.json();
  std::string id;
  if (j.is_string()) id = j.get<std::string>();
  if (j.is_number_integer() && j.get<std::int64_t>() >= 0) id = std::to_string(j.get<std::int64_t>());
  if (id.empty() || id.size() > kMaxCallIdBytes) f.fail("expected a call id: 1 to 128 characters, or an integer");
  return id;
}

// A string or an integer (as its digits), "" when absent.
std::string scalar(const JsonReader& event, const char* key) {
  const auto& j = event.field(key).json();
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<std::int64_t>());
  if (!j.is_null()) event.field(key).fail("expected string or integer");
  return "";
}

std::optional<std::int64_t> seconds(const JsonReader& event, const char* key) {
  return event.optInteger(key, 0, kMaxCallSeconds);
}

const char* const kCallButtons[] = {"answerClicked", "declineClicked", "hangUpClicked",  "holdClicked",
                                    "muteClicked",   "wrapUpDone",     "callBackClicked"};
const char* const kOtherCallActions[] = {"answerWaitingClicked", "declineWaitingClicked", "switchCallClicked"};
const char* const kNoFieldEvents[] = {"paneActivated", "openDialPad", "lookUpNumber", "callClicked",  "cancelClicked",
                                      "tick",          "retryWrites", "retryLookups", "dismissBanner"};

// The position of `type` in `names`, or -1.
template <std::size_t N>
int indexIn(const char* const (&names)[N], const std::string& type) {
  auto it = std::find(std::begin(names), std::end(names), type);
  return it == std::end(names) ? -1 : static_cast<int>(it - std::begin(names));
}

EventBody noFieldEvent(int index) {
  switch (index) {
    case 0: return PaneActivated{};
    case 1: return OpenDialPad{};
    case 2: return LookUpNumber{};
    case 3: return CallClicked{};
    case 4: return CancelClicked{};
    case 5: return Tick{};
    case 6: return RetryWrites{};
    case 7: return RetryLookups{};
    default: return DismissBanner{};
  }
}

AppRegistered appRegistered(const JsonReader& e) {
  AppRegistered out;
  auto settings = e.field("settings");
  if (!settings.isNull() && !settings.json().is_object()) settings.fail("expected object");
  out.config = readAppSettings(settings.json());
  auto agent = e.field("agent");
  out.agent.id = agent.id("id");
  out.agent.name = agent.text("name", kMaxShownTextBytes);
  agent.forEach("groupIds", [&](const JsonReader& g) { out.agent.groupIds.push_back(g.asId()); });
  out.agent.utcOffsetMinutes = static_cast<int>(agent.optInteger("utcOffsetMinutes", -14 * 60, 14 * 60).value_or(0));
  out.connectorName = utf8Prefix(e.field("connector").string("name", "simulator"), kMaxShownTextBytes);
  out.config.appId = e.optId("appId").value_or(0);  // ZAF's metadata().appId, for TPE's call record (D421)
  return out;
}

TicketChosen ticketChosen(const JsonReader& e) {
  TicketChosen out;
  if (e.field("value").json().is_string()) {
    out.none = e.oneOf("value", {"new", "none"}, "new") == "none";
  } else {
    out.ticketId = e.id("value");
  }
  return out;
}

// The event's "attributes", an object, as the gate read them (bounded while parsed).
IncomingAttributes attributesOf(const JsonReader& e, const AttributeGate& gate) {
  auto attributes = e.field("attributes");
  if (!attributes.json().is_object()) attributes.fail("expected object");
  return gate.read(attributes.json());
}

CallRinging callRinging(const JsonReader& e, const AttributeGate& gate) {
  CallRinging out;
  out.callId = callIdOf(e);
  // Every session type a call can ring with (an outbound session is the core's own).
  std::string type = e.oneOf(
      "sessionType",
      {"ivr", "inbound_app", "inbound_web", "scheduled_app", "scheduled_web", "voicemail", "chat_app", "chat_web"},
      "ivr");
  for (const auto& [value, name] : kSessionTypeNames) {
    if (name == type) out.sessionType = value;
  }
  out.ani = e.string("ani", "");
  out.dnis = e.string("dnis", "");
  out.menuPath = e.text("menuPath", kMaxShownTextBytes);
  out.language = e.text("language", kMaxShownTextBytes);
  auto queue = e.field("queue");
  if (!queue.isNull()) {
    out.queueId = scalar(queue, "id");
    out.queueName = queue.text("name", kMaxShownTextBytes);
  }
  if (!e.field("attributes").isNull()) out.attributes = attributesOf(e, gate);
  out.consult = e.boolean("consult", false);
  return out;
}

CallEnded callEnded(const JsonReader& e, std::string callId) {
  CallEnded out;
  out.callId = std::move(callId);
  out.reason = e.optEnum("reason", kEndReasonNames);
  out.durationSec = seconds(e, "durationSec").value_or(0);
  out.waitSec = seconds(e, "waitSec").value_or(0);
  out.holdSec = seconds(e, "holdSec").value_or(0);
  out.recordingUrl = e.string("recordingUrl", "");
  out.recordingBytes = e.optInteger("recordingBytes", 0, std::int64_t{1} << 40).value_or(0);
  return out;
}

// The connector's events about one call: its id first, then the event's own fields.
EventBody callEvent(const JsonReader& e, const std::string& type, const AttributeGate& gate) {
  // A refused setStatus names no call (its callId is ""): it changes nothing (onTelephonyFailed finds no call).
  if (type == "telephonyFailed" && e.string("command", "") == "setStatus") {
    TelephonyFailed out;
    out.command = "setStatus";
    out.code = utf8Prefix(e.string("code", "ERROR"), 64);
    return out;
  }
  std::string id = callIdOf(e);
  if (type == "callDialing") return CallDialing{id, e.string("line", "")};
  if (type == "callConnected") return CallConnected{id};
  if (type == "callAttributes") return CallAttributesChanged{id, attributesOf(e, gate)};
  if (type == "callHoldChanged") return CallHoldChanged{id, e.boolean("held", false)};
  if (type == "callMuteChanged") return CallMuteChanged{id, e.boolean("muted", false)};
  if (type == "callTransferred") {
    CallTransferred out;
    out.callId = id;
    out.toAgentId = e.optId("toAgentId");
    out.durationSec = seconds(e, "durationSec");
    out.waitSec = seconds(e, "waitSec");
    out.holdSec = seconds(e, "holdSec");
    return out;
  }
  if (type == "callEnded") return callEnded(e, id);
  TelephonyFailed out;  // telephonyFailed
  out.callId = id;
  out.command = e.string("command", "");
  out.code = utf8Prefix(e.string("code", "ERROR"), 64);
  out.dial = out.command == "dial";
  out.offline = out.code == "OFFLINE";
  return out;
}

const char* const kCallEvents[] = {"callDialing",     "callConnected",   "callAttributes", "callHoldChanged",
                                   "callMuteChanged", "callTransferred", "callEnded",      "telephonyFailed"};

RequesterNumbersWanted requesterNumbersWanted(const JsonReader& e) {
  auto replyTo = e.field("replyTo");
  std::string guid = replyTo.asString();
  if (guid.empty() || guid.size() > kMaxReplyToBytes) replyTo.fail("expected an instance guid of 1 to 128 bytes");
  return RequesterNumbersWanted{e.id("ticketId"), e.id("requesterId"), std::move(guid)};
}

// The keypad's digits: what a DTMF tone can carry (RFC 4733's 0-9 * #), at most a pasted PIN's worth.
DigitsPressed digitsPressed(const JsonReader& e) {
  std::string digits = e.string("digits", "");
  if (digits.empty() || digits.size() > 32 || digits.find_first_not_of("0123456789*#") != std::string::npos) {
    e.field("digits").fail("expected 1 to 32 of 0-9 * #");
  }
  return DigitsPressed{std::move(digits)};
}

// A transfer target or directory id: a string or an integer, 1 to 128 bytes (what the connector reads).
std::string targetOf(const JsonReader& e, const char* key) {
  std::string target = scalar(e, key);
  if (target.empty() || target.size() > 128) e.field(key).fail("expected 1 to 128 characters");
  return target;
}

// The connector's directory (D341): agents with their availability, the queues' logged-in agents, what it can do.
// Bounded as it is read; an availability the protocol does not name is unknown, not a refusal of the whole list.
TransferDirectoryReported transferDirectory(const JsonReader& e) {
  TransferDirectory d;
  d.agentsReported = e.has("agents");  // absent or null: the backend keeps no list (D433)
  e.forEach("agents", [&](const JsonReader& a) {
    TransferAgent agent{targetOf(a, "id"), a.text("name", kMaxDirectoryNameBytes)};
    std::string availability = a.string("availability", "");
    for (const auto& [value, name] : kAvailabilityNames) {
      if (name == availability) agent.availability = value;
    }
    if (d.agents.size() < kMaxDirectoryEntries) d.agents.push_back(std::move(agent));
  });
  e.forEach("queues", [&](const JsonReader& q) {
    Id id = q.id("id");
    auto agents = q.optInteger("loggedInAgents", 0, 1'000'000);
    if (agents && d.queueAgents.size() < kMaxDirectoryEntries) d.queueAgents[id] = static_cast<int>(*agents);
  });
  d.consult = e.boolean("consult", false);
  d.conference = e.boolean("conference", false);
  return TransferDirectoryReported{std::move(d)};
}

const char* const kConsultActions[] = {"consultCompleteClicked", "consultCancelClicked", "conferenceClicked"};

ConsultChanged consultChanged(const JsonReader& e) {
  ConsultChanged out{callIdOf(e), std::nullopt};
  std::string state = e.string("state", "");
  out.transferred = state == "transferred";
  if (state != "ended" && !out.transferred) out.state = e.requiredEnum("state", kConsultStateNames);
  return out;
}

EventBody body(const JsonReader& e, const std::string& type, const AttributeGate& gate) {
  if (int i = indexIn(kNoFieldEvents, type); i >= 0) return noFieldEvent(i);
  if (int i = indexIn(kCallButtons, type); i >= 0) return CallButtonClicked{static_cast<CallButton>(i)};
  if (int i = indexIn(kConsultActions, type); i >= 0) return ConsultActionClicked{static_cast<ConsultAction>(i)};
  if (int i = indexIn(kOtherCallActions, type); i >= 0)
    return OtherCallClicked{static_cast<OtherCallAction>(i), callIdOf(e)};
  if (indexIn(kCallEvents, type) >= 0) return callEvent(e, type, gate);
  if (type == "appRegistered") return appRegistered(e);
  if (type == "dialout") return Dialout{e.string("number", ""), e.optId("userId"), e.optId("ticketId")};
  if (type == "talkPartnerError") return TalkPartnerError{utf8Prefix(scalar(e, "code"), 64)};
  if (type == "callMenu") {
    Id ticketId = e.id("ticketId");
    return CallMenu{ticketId, e.optString("number")};
  }
  if (type == "requesterNumbersWanted") return requesterNumbersWanted(e);
  if (type == "contactChosen") return ContactChosen{e.id("contactId")};
  if (type == "numberChanged") return NumberChanged{e.string("text", "")};
  if (type == "ticketChosen") return ticketChosen(e);
  if (type == "useEnteredNumberChanged") return UseEnteredNumberChanged{e.boolean("checked", false)};
  if (type == "ticketIdChanged") return TicketIdChanged{e.string("text", "")};
  if (type == "transferClicked") {
    std::string target = scalar(e, "target");
    if (target.empty()) e.field("target").fail("required");
    return TransferClicked{target};
  }
  if (type == "noteChanged") return NoteChanged{e.string("text", "")};
  if (type == "connectorState") {
    return ConnectorStateChanged{e.optEnum("state", kConnectorStateNames).value_or(ConnectorState::Online)};
  }
  if (type == "callRinging") return callRinging(e, gate);
  if (type == "httpResponse") {
    HttpResponse out;
    out.requestId = e.string("requestId", "");
    out.status = static_cast<int>(e.optInteger("status", 0, 999).value_or(0));
    out.retryAfterSec = e.optInteger("retryAfterSec", 0, 24 * 3600);
    if (e.has("rateLimit")) {  // optional (D381): {limit, remaining, resetSec}, each an integer or null
      auto limits = e.field("rateLimit");
      out.rateLimit = {limits.optInteger("limit", 0, 10'000'000), limits.optInteger("remaining", 0, 10'000'000),
                       limits.optInteger("resetSec", 0, 24 * 3600)};
    }
    out.body = e.field("body").json();
    return out;
  }
  if (type == "retryWrite") return RetryWrite{e.string("key", "")};
  if (type == "discardWrite") return DiscardWrite{e.string("key", "")};
  if (type == "restore") return Restore{readSnapshot(e.field("state"))};
  if (type == "agentStatusChosen") return AgentStatusChosen{e.requiredEnum("status", kAgentStatusNames)};
  if (type == "recentCallClicked") {
    return RecentCallClicked{e.string("callId", ""), e.requiredEnum("action", kRecentActionNames)};
  }
  if (type == "digitsPressed") return digitsPressed(e);
  if (type == "transferDirectory") return transferDirectory(e);
  if (type == "consultClicked") return ConsultClicked{targetOf(e, "target")};
  if (type == "consultChanged") return consultChanged(e);
  if (type == "openTicketClicked") return OpenTicketClicked{e.id("ticketId")};
  if (type == "wrapUpCodeChosen") {
    std::string code = e.string("code", "");
    if (code.size() > kMaxWrapUpCodeBytes) e.field("code").fail("expected at most 100 bytes");
    return WrapUpCodeChosen{std::move(code)};
  }
  e.field("type").fail("unknown event type \"" + type + "\"");
}

}  // namespace

std::size_t eventByteLimit(std::string_view type) {
  constexpr std::size_t kKiB = 1024, kMiB = 1024 * kKiB;
  if (type == "httpResponse") return 32 * kMiB;  // a search page of 100 full records fits
  if (type == "restore") return 8 * kMiB;        // more than a browser's whole localStorage
  if (type == "appRegistered") return kMiB;      // the app's settings, JSON settings included
  return 512 * kKiB;                             // an agent action (a 60,000-byte note, escaped), a connector event
}

Event decodeEvent(std::string_view json) {
  // The largest limit before the parse, so that no text costs more than it; the type's own once the type is known.
  if (json.size() > kMaxRequestBytes) throw EventTooLarge{"", json.size(), kMaxRequestBytes};
  AttributeGate gate;  // a call event's attributes past the bound are never built (D340)
  InJson parsed = parseRequest(json, &gate);
  if (json.size() > eventByteLimit("")) {
    auto type = parsed.is_object() ? parsed.find("type") : parsed.end();
    std::string name = type != parsed.end() && type->is_string() ? type->get<std::string>() : std::string();
    std::size_t limit = eventByteLimit(name);
    if (json.size() > limit) throw EventTooLarge{std::move(name), json.size(), limit};
  }
  JsonReader e(parsed, "");
  auto now = e.optInteger("nowMs", 0, kMaxMillis);
  if (!now) e.field("nowMs").fail("required");
  std::string type = e.string("type", "");
  return Event{*now, body(e, type, gate)};
}

}  // namespace adapter::live
