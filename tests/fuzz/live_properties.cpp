// Properties of the live adapter's answers, derived from docs/adapter-protocol.md (the outbox, the effects, the
// view) and RULES.md; docs/fuzzing.md states each one.
#include "live_properties.h"

#include <algorithm>
#include <cstdlib>
#include <initializer_list>

#include "property.h"
#include "view_shape.h"

namespace fuzz {
namespace {

using nlohmann::json;

bool among(const std::string& value, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return value == n; });
}

// `v == "text"` without the temporary json that nlohmann's operator== builds for the literal (an allocation, on
// every event).
bool is(const json& v, const char* text) { return v.is_string() && v.get_ref<const std::string&>() == text; }

// Events that ask for a Zendesk write: the call's own life (its record, its end, its transfer), the agent's
// actions on a call (Call back too: it hangs up, or ends the wrap-up as a dial from it does, D445), a dial from the
// wrap-up (it ends the wrap-up as Done would, D376), the agent's retries, and
// resuming a stored outbox (restore, then appRegistered).
bool asksForWrites(const std::string& type) {
  return among(type,
               {"callRinging",     "callDialing",     "callConnected", "callAttributes",       "callTransferred",
                "callEnded",       "telephonyFailed", "answerClicked", "declineClicked",       "hangUpClicked",
                "transferClicked", "wrapUpDone",      "contactChosen", "answerWaitingClicked", "switchCallClicked",
                "openDialPad",     "dialout",         "callMenu",      "retryWrites",          "retryWrite",
                "retryLookups",    "restore",         "appRegistered", "callBackClicked"});
}

// Work the previous view showed as not done yet (sync.writes that did not fail): a tick, a Zendesk answer or any
// other event may carry it on. A failed write waits for the agent's retry. A call's record listed as failed because a
// lookup failed (LOOKUP_FAILED) has sent nothing yet: when a later answer makes that lookup unneeded (a newer contact
// for the number displaces the one whose tickets failed from the few the rules read), its first writes may go (D440).
// A PUT to the ticket a listed update's ticket was merged into is that update, followed there (TR-9, D444).
bool outstanding(const json& view, const json& request, const FakeZendesk& zendesk) {
  if (!view.is_object()) return false;
  std::string url = request.value("url", "");
  std::string method = request.value("method", "");
  bool recordWaiting = false;
  std::vector<const json*> live;
  for (const auto& w : view["sync"]["writes"]) {
    bool record = is(w["kind"], "callRecord");
    if (record && (is(w["state"], "waiting") || is(w["errorCode"], "LOOKUP_FAILED"))) recordWaiting = true;
    if (is(w["state"], "failed")) continue;
    live.push_back(&w);
  }
  auto listed = [&](const char* labelCode, std::int64_t ticket) {
    return std::any_of(live.begin(), live.end(), [&](const json* w) {
      if (!is((*w)["labelCode"], labelCode)) return false;
      std::string shown = (*w)["labelParams"].value("ticket", "");
      if (ticket == 0 || shown == std::to_string(ticket)) return true;
      std::int64_t from = std::strtoll(shown.c_str(), nullptr, 10);
      return from > 0 && zendesk.mergedInto(from) == ticket;
    });
  };
  if (isPop(request)) return view["call"].is_object();  // a pop belongs to the call on screen
  if (isTicketCreate(request)) return recordWaiting || listed("CREATE_TICKET", 0);
  if (method == "POST" && url.rfind("/api/v2/users.json", 0) == 0) return recordWaiting || listed("CREATE_CONTACT", 0);
  if (method == "PUT") {
    return recordWaiting || listed("UPDATE_TICKET", ticketIdInUrl(url)) || listed("UPDATE_NEW_TICKET", 0);
  }
  return false;
}

// Nothing left to do: no call, no outbound view, no write or call record waiting.
bool quiescent(const json& view) {
  return view.is_object() && is(view["screen"], "main") && view["call"].is_null() && view["outbound"].is_null() &&
         view["otherCalls"].empty() && view["sync"]["writes"].empty();
}

std::string externalIdOf(const json& request) {
  const json& body = request["body"];
  if (!body.is_object() || !body.contains("ticket") || !body["ticket"].is_object()) return "";
  const json& id = body["ticket"].value("external_id", json());
  return id.is_string() ? id.get<std::string>() : "";
}

// The external id of a user create that is the call's own (D290), or "". A caller number's id (D439) is shared by
// every call from the number on purpose: Zendesk refuses a second user with it (the fake too), so sending it again
// makes nothing, and the property below is about the call's own.
std::string callerExternalIdOf(const json& request) {
  if (request.value("method", "") != "POST" || request.value("url", "").rfind("/api/v2/users.json", 0) != 0) return "";
  std::string id = userExternalIdOf(request);
  return id.rfind("zendesk-cti-adapter:caller:", 0) == 0 ? id : "";
}

}  // namespace

void LiveProperties::checkWrite(const std::string& type, std::int64_t nowMs, const json& request,
                                const Requests& open) {
  FUZZ_REQUIRE(asksForWrites(type) || outstanding(view_, request, zendesk_),
               "no write without an event that asks for it",
               "a " + type + " event wrote " + request.dump() + "\n  previous view: " + view_.dump());
  std::string comment = commentOf(request);  // PUTs only: a create's comment is its description
  auto carries = [&](const std::string& m) {
    return std::any_of(open.begin(), open.end(), [&](const json* r) { return commentOf(*r) == m; });
  };
  if (isTicketCreate(request)) {
    std::string externalId = externalIdOf(request);
    FUZZ_REQUIRE(!externalId.empty(), "the same idempotency key for the same call",
                 "a ticket create without the call's external_id: " + request.dump());
    // A repeat with the Idempotency-Key Zendesk still keeps (or that a create on its way carries) makes nothing:
    // Zendesk answers it with the first ticket (D291).
    std::string key = idempotencyKeyOf(request);
    bool replayed = !key.empty() &&
                    (zendesk_.keepsKey(key, nowMs) ||
                     std::any_of(open.begin(), open.end(), [&](const json* r) { return idempotencyKeyOf(*r) == key; }));
    if (rings_[externalId] <= 1) {
      bool inFlight = std::any_of(open.begin(), open.end(),
                                  [&](const json* r) { return isTicketCreate(*r) && externalIdOf(*r) == externalId; });
      FUZZ_REQUIRE(replayed || (!zendesk_.hasTicketFor(externalId) && !inFlight),
                   "exactly once: no second ticket for a call",
                   "call " + externalId + " already has its ticket in Zendesk (or one on the way); the " + type +
                       " event created another: " + request.dump());
      auto [it, first] = markerOfCall_.emplace(externalId, comment);
      FUZZ_REQUIRE(first || it->second == comment, "the same idempotency key for the same call",
                   "call " + externalId + "'s create changed its comment from " + it->second + " to " + comment);
    }
  }
  std::string userId = callerExternalIdOf(request);
  if (!userId.empty()) {
    bool inFlight =
        std::any_of(open.begin(), open.end(), [&](const json* r) { return callerExternalIdOf(*r) == userId; });
    FUZZ_REQUIRE(!zendesk_.hasUserFor(userId) && !inFlight, "exactly once: no second contact for a call",
                 "the caller's user " + userId + " is already in Zendesk (or on the way); the " + type +
                     " event created another: " + request.dump());
  }
  if (!comment.empty()) {
    FUZZ_REQUIRE(!zendesk_.hasComment(comment) && !carries(comment), "exactly once: no comment twice",
                 "comment " + comment + " is already in Zendesk (or on the way); the " + type +
                     " event sent it again: " + request.dump());
  }
}

void LiveProperties::checkEffect(const std::string& type, std::int64_t nowMs, const json& e, std::size_t index,
                                 const Requests& open) {
  const char* p = "effects well formed";
  FUZZ_REQUIRE(e.is_object() && e.value("type", json()).is_string(), p, e.dump());
  std::string kind = e["type"];
  if (kind == "persist") {
    FUZZ_REQUIRE(index == 0, p, "persist is not the first effect (write-ahead)");
    FUZZ_REQUIRE(e.contains("state") && e["state"].is_object(), p, e.dump());
  } else if (kind == "scheduleTick") {
    FUZZ_REQUIRE(e.value("atMs", json()).is_number_integer() && e["atMs"].get<std::int64_t>() >= nowMs, p,
                 "scheduleTick in the past: " + e.dump());
  } else if (kind == "request") {
    FUZZ_REQUIRE(e.value("id", json()).is_string() && !e["id"].get<std::string>().empty(), p, e.dump());
    FUZZ_REQUIRE(std::none_of(open.begin(), open.end(), [&](const json* r) { return (*r)["id"] == e["id"]; }), p,
                 "request id reused while its request is open: " + e.dump());
    std::string method = e.value("method", "");
    FUZZ_REQUIRE(among(method, {"GET", "POST", "PUT"}), p, e.dump());
    FUZZ_REQUIRE(e.value("url", "").rfind("/api/v2/", 0) == 0, p, "request outside the Zendesk API: " + e.dump());
    FUZZ_REQUIRE(method != "GET" || e["body"].is_null(), p, "GET with a body: " + e.dump());
    if (isWrite(e)) checkWrite(type, nowMs, e, open);
  } else if (kind == "telephony") {
    FUZZ_REQUIRE(among(e.value("command", ""),
                       {"dial", "answer", "decline", "hangUp", "hold", "resume", "mute", "unmute", "transfer",
                        "sendDigits", "setStatus", "consult", "completeTransfer", "cancelConsult", "conference"}),
                 p, e.dump());
    FUZZ_REQUIRE(e.value("callId", json()).is_string(), p, e.dump());
    std::string callId = e["callId"];
    FUZZ_REQUIRE(!ended_.count(callId) || rings_[callId] > 1, "no effect for a call after it ended",
                 "the " + type + " event sent " + e.dump() + " for a call the connector had ended");
  } else if (kind == "notify") {
    FUZZ_REQUIRE(e.value("code", json()).is_string() && among(e.value("kind", ""), {"notice", "error"}), p, e.dump());
  } else if (kind == "routeTo") {
    FUZZ_REQUIRE(among(e.value("target", ""), {"ticket", "user"}) && e.value("id", json()).is_number_integer(), p,
                 e.dump());
  } else if (kind == "popover") {
    FUZZ_REQUIRE(e.value("action", "") == "show", p, e.dump());
  } else if (kind == "sidebarNumbers") {  // FO-5c: a ticket sidebar's requester numbers
    FUZZ_REQUIRE(e.value("to", json()).is_string() && e.value("ticketId", json()).is_number_integer() &&
                     e.value("requesterId", json()).is_number_integer() && e.value("numbers", json()).is_array() &&
                     among(e.value("state", ""), {"loaded", "failed"}),
                 p, e.dump());
  } else {
    propertyFailed(p, "unknown effect " + e.dump());
  }
}

void LiveProperties::remember(const SentEvent& event) {
  if (!event.hasCallId) return;
  if (event.type == "callRinging") {
    rings_[event.callId]++;
    ended_.erase(event.callId);
  }
  if (event.type == "callEnded" || event.type == "callTransferred") ended_.insert(event.callId);
}

bool LiveProperties::check(const SentEvent& event, json& answer, const std::vector<json>& open,
                           const UnparsedAnswer& unparsed) {
  FUZZ_REQUIRE(answer.is_object(), "answers are JSON objects", answer.dump());
  if (answer.contains("error")) {
    // A bad event is the caller's mistake, never the core's: INTERNAL would be a bug behind a caught exception.
    // EVENT_TOO_LARGE is the caller's too (D438), though no input the fuzzer keeps is that long.
    std::string code = answer["error"].is_object() ? answer["error"].value("code", "") : "";
    FUZZ_REQUIRE(code == "INVALID_REQUEST" || code == "EVENT_TOO_LARGE", "refusals are INVALID_REQUEST", answer.dump());
    return false;
  }
  FUZZ_REQUIRE((unparsed.sameView || answer.contains("view")) && answer["effects"].is_array(),
               "answers carry view and effects", answer.dump());
  // A tick that ends the dial on screen is its 15 s deadline: the dial failed, as a telephonyFailed for it says, and
  // the caller waiting beside it (if any) comes on screen with the writes a call on screen starts (D399).
  const json* lastCall = view_.is_object() && view_.contains("call") ? &view_.at("call") : nullptr;
  bool dialOnScreen = lastCall && lastCall->is_object() && lastCall->value("direction", "") == "outbound" &&
                      lastCall->value("state", "") == "dialing";
  bool dialTimedOut = false;
  if (event.type == "tick" && dialOnScreen && !unparsed.sameView) {
    // Read without operator[], which would add what is missing: the view's shape is checked below, as it came.
    const json& view = answer.contains("view") ? answer.at("view") : answer;
    const json* call = view.is_object() && view.contains("call") ? &view.at("call") : nullptr;
    dialTimedOut = !call || !call->is_object() || call->value("id", json()) != lastCall->value("id", json());
  }
  static const std::string kDialFailed = "telephonyFailed";
  const std::string& type = dialTimedOut ? kDialFailed : event.type;
  // The same text as the last view is the same view, checked when it came.
  if (!unparsed.sameView) requireRenderableView(answer["view"]);
  // A persist effect read as text (answer_text.h) is the first effect (where the splitter finds it) and its state
  // must be an object; the parsed effects follow it.
  FUZZ_REQUIRE(!unparsed.persisted || unparsed.stateObject, "effects well formed", "a persist state that is no object");
  std::size_t first = unparsed.persisted ? 1 : 0;
  std::int64_t nowMs = event.hasNow ? event.nowMs : 0;
  const json& effects = answer["effects"];
  Requests sent;  // requests of this answer join the open ones (two creates in one answer count)
  sent.reserve(open.size() + effects.size());
  for (const auto& r : open) sent.push_back(&r);
  if (type == "requesterNumbersWanted") ++sidebarAsks_;
  for (std::size_t i = 0; i < effects.size(); ++i) {
    checkEffect(type, nowMs, effects[i], first + i, sent);
    if (is(effects[i]["type"], "request")) sent.push_back(&effects[i]);
    if (is(effects[i]["type"], "sidebarNumbers") && sidebarAsks_ > 0) --sidebarAsks_;
  }
  if (quiescent(view_) && among(type, {"tick", "paneActivated", "dismissBanner", "connectorState", "httpResponse"})) {
    for (const auto& e : effects) {
      // A lookup retried for nobody — a phone search (finding 3), a contact's tickets (finding 11) — is a finding:
      // nothing is excused. A ticket sidebar's numbers answer the sidebar's own ask, whenever Zendesk answers it
      // (FO-5c), and while an ask waits its requester's numbers are looked up (again, after a failure): the view does
      // not show the ask.
      bool lookup = sidebarAsks_ > 0 && is(e["type"], "request") && is(e["method"], "GET") &&
                    e.value("url", "").find("/identities.json") != std::string::npos;
      FUZZ_REQUIRE(
          lookup || is(e["type"], "persist") || is(e["type"], "scheduleTick") || is(e["type"], "sidebarNumbers"),
          "no effect once every call and write is done",
          "a " + type + " event with nothing pending answered " + e.dump() + "\n  previous view: " + view_.dump());
    }
  }
  remember(event);
  if (!unparsed.sameView) view_ = std::move(answer["view"]);
  viewText_.assign(unparsed.view);
  return true;
}

void LiveProperties::checkUnchanged(const json& probe, bool sameView) const {
  FUZZ_REQUIRE(probe.is_object() && (sameView || probe.contains("view")), "a refused event changes nothing",
               probe.dump());
  FUZZ_REQUIRE(sameView || probe["view"] == view_, "a refused event changes nothing",
               "view after: " + probe["view"].dump() + "\n  view before: " + view_.dump());
  for (const auto& e : probe["effects"]) {
    FUZZ_REQUIRE(is(e["type"], "scheduleTick"), "a refused event changes nothing",
                 "the next event answered " + e.dump());
  }
}

}  // namespace fuzz
