#pragma once
// Drives one live adapter the way the shim does: events in with a clock, effects out, recorded Zendesk answers
// back. Tests read what the agent sees (view) and what Zendesk would receive (requests).
#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "adapter/live/adapter.h"

namespace test {

using json = nlohmann::json;

inline json zendeskUser(long long id, const std::string& name, const std::string& phone, const std::string& created) {
  return {{"id", id},           {"name", name},         {"phone", phone}, {"created_at", created},
          {"role", "end-user"}, {"result_type", "user"}};
}

inline json zendeskTicket(long long id, long long requester, const std::string& status, const std::string& updated,
                          json tags = json::array({"ccaas", "ccaas_voice"})) {
  return {{"id", id},
          {"requester_id", requester},
          {"status", status},
          {"subject", "Ticket " + std::to_string(id)},
          {"created_at", "2026-01-01T00:00:00Z"},
          {"updated_at", updated},
          {"tags", std::move(tags)},
          {"custom_fields", json::array()}};
}

// Whether a comment shows the adapter's bookkeeping: the "[cti-ref:xxxxxxxx]" line every comment ended with
// before D335. None may now: an unanswered write is looked for by its own text.
inline bool hasMarker(const std::string& body) { return body.find("[cti-ref:") != std::string::npos; }

class LiveDriver {
 public:
  long long nowMs = 1'790'000'000'000;  // 2026-09-21
  json view;
  std::vector<json> effects;   // every effect so far
  std::vector<json> requests;  // every request effect so far (what Zendesk would receive)

  json send(json event) {
    event["nowMs"] = nowMs;
    json answer = json::parse(adapter_.dispatch(event.dump()));
    if (answer.contains("error")) return answer;
    view = answer["view"];
    for (const auto& e : answer["effects"]) {
      effects.push_back(e);
      if (e["type"] == "request") requests.push_back(e);
    }
    return answer;
  }

  json registerApp(json settings = json::object(), json groupIds = json::array()) {
    return send({{"type", "appRegistered"},
                 {"settings", std::move(settings)},
                 {"agent", {{"id", 5}, {"name", "Sam Agent"}, {"groupIds", std::move(groupIds)}}}});
  }

  void advance(long long ms) { nowMs += ms; }

  // The last answer's view and snapshot equal a fresh build of the adapter's state (no cached text went stale).
  bool answerCacheFresh() const { return adapter_.answerCacheFresh(); }
  // The adapter itself, for an event text the driver would not write (a refused size, a malformed text).
  adapter::live::Adapter& adapter() { return adapter_; }

  // Call, and the connector confirms the dial (callDialing) as a real one does; returns the dialled call id, or ""
  // when nothing was dialled.
  // `line`: the number the connector says the call goes out on (callDialing's optional `line`), none when "".
  std::string clickCall(const std::string& line = "") {
    std::size_t before = effectsOfType("telephony").size();
    send({{"type", "callClicked"}});
    auto telephony = effectsOfType("telephony");
    if (telephony.size() == before || telephony.back()["command"] != "dial") return "";
    std::string id = telephony.back()["callId"];
    json dialing = {{"type", "callDialing"}, {"callId", id}};
    if (!line.empty()) dialing["line"] = line;
    send(dialing);
    return id;
  }

  // Lets time pass until the adapter's scheduled tick and delivers it.
  json tickAfter(long long ms) {
    advance(ms);
    return send({{"type", "tick"}});
  }

  // The latest request whose URL contains `part` and has not been answered yet.
  json pending(const std::string& part) const {
    for (auto it = requests.rbegin(); it != requests.rend(); ++it) {
      if ((*it)["url"].get<std::string>().find(part) != std::string::npos && !answered_.count((*it)["id"])) return *it;
    }
    FAIL("no unanswered request containing " << part);
    return {};
  }

  // `rateLimit`: Zendesk's rate-limit headers as the shim hands them over ({limit, remaining, resetSec}), or none.
  json respond(const json& request, int status, json body, json retryAfterSec = nullptr, json rateLimit = nullptr) {
    answered_.insert(request["id"].get<std::string>());
    json event = {{"type", "httpResponse"},
                  {"requestId", request["id"]},
                  {"status", status},
                  {"body", std::move(body)},
                  {"retryAfterSec", std::move(retryAfterSec)}};
    if (!rateLimit.is_null()) event["rateLimit"] = std::move(rateLimit);
    return send(std::move(event));
  }
  json respond(const char* urlPart, int status, json body) {
    return respond(pending(urlPart), status, std::move(body));
  }

  std::vector<json> effectsOfType(const std::string& type) const {
    std::vector<json> out;
    for (const auto& e : effects) {
      if (e["type"] == type) out.push_back(e);
    }
    return out;
  }
  // The state of the last persist effect (what a reload restores); null when nothing was persisted.
  json lastPersistedState() const {
    auto persisted = effectsOfType("persist");
    return persisted.empty() ? json() : persisted.back()["state"];
  }
  std::vector<json> requestsMatching(const std::string& method, const std::string& part) const {
    std::vector<json> out;
    for (const auto& r : requests) {
      if (r["method"] == method && r["url"].get<std::string>().find(part) != std::string::npos) out.push_back(r);
    }
    return out;
  }
  bool hasUnanswered(const std::string& part) const {
    for (const auto& r : requests) {
      if (r["url"].get<std::string>().find(part) != std::string::npos && !answered_.count(r["id"])) return true;
    }
    return false;
  }

 private:
  adapter::live::Adapter adapter_;
  std::set<std::string> answered_;
};

// An IVR call ringing from `ani`, with nothing else said about it.
inline json ivrRing(const std::string& callId, const std::string& ani) {
  return {{"type", "callRinging"}, {"callId", callId}, {"ani", ani}, {"sessionType", "ivr"}};
}

// Ada (contact 7, +1 415 555 0100, no tickets) rings as c-1, Zendesk finds her, her call's ticket 90 is created,
// and the agent is on the call. The adapter must be registered.
inline void onCallWithAda(LiveDriver& d) {
  d.send(ivrRing("c-1", "+14155550100"));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  d.respond("/api/v2/tickets.json", 201, {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  d.send({{"type", "answerClicked"}});
  d.send({{"type", "callConnected"}, {"callId", "c-1"}});
}

// FO-5b click-to-call on contact 7 (Ada, +1 415 555 0100) whose requested tickets are `tickets`: the outbound view,
// its two look-ups answered as Zendesk would, before Call.
inline void openOutboundToAda(LiveDriver& d, json tickets = json::array()) {
  d.send({{"type", "dialout"}, {"number", "+14155550100"}, {"userId", 7}});
  d.respond("/api/v2/users/7.json", 200, {{"user", zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", std::move(tickets)}});
}

// Ada (user 7, no open ticket) calls in as "c-1" and is answered; the call's new ticket is 90, its updates answered.
inline void adaConnectedOnNewTicket90(LiveDriver& d) {
  d.send(ivrRing("c-1", "+14155550100"));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  d.send({{"type", "answerClicked"}});
  d.send({{"type", "callConnected"}, {"callId", "c-1"}});
  d.respond("/api/v2/tickets.json", 201, {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  for (int i = 0; i < 5 && d.hasUnanswered("/api/v2/tickets/90.json"); ++i) {
    d.respond("/api/v2/tickets/90.json", 200, {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  }
}

// The same, then Call, confirmed by the connector; returns the call id the adapter dialled.
inline std::string clickToCallAda(LiveDriver& d, json tickets = json::array(), const std::string& line = "") {
  openOutboundToAda(d, std::move(tickets));
  return d.clickCall(line);
}

// How long until the adapter's last scheduled tick.
inline long long nextTickIn(const LiveDriver& d) {
  auto ticks = d.effectsOfType("scheduleTick");
  REQUIRE(!ticks.empty());
  return ticks.back()["atMs"].get<long long>() - d.nowMs;
}

// Lets time run from scheduled tick to scheduled tick until a request containing `part` is out; returns when.
inline long long tickUntil(LiveDriver& d, const std::string& part) {
  for (int i = 0; i < 10 && !d.hasUnanswered(part); ++i) d.tickAfter(nextTickIn(d));
  REQUIRE(d.hasUnanswered(part));
  return d.nowMs;
}

}  // namespace test
