// The live adapter under bad input and bad weather: refused events change nothing, Zendesk failures are retried
// or shown, and a reload resumes unconfirmed writes.
#include "live_driver.h"

using test::json;
using test::LiveDriver;
using test::zendeskTicket;
using test::zendeskUser;

namespace {

void clickToCallCreatingTicket(LiveDriver& d) {
  d.registerApp();
  test::clickToCallAda(d);
}

}  // namespace

TEST_CASE("Bad events are INVALID_REQUEST and change nothing") {
  adapter::live::Adapter a;
  auto reg = json::parse(a.dispatch(R"({"type":"appRegistered","nowMs":1,"agent":{"id":5}})"));
  REQUIRE(reg.contains("view"));
  json before = json::parse(a.dispatch(R"({"type":"openDialPad","nowMs":2})"))["view"];
  for (const char* bad :
       {"", "{", "[]", "42", R"({"type":"numberChanged"})", R"({"type":"nope","nowMs":3})",
        R"({"type":"numberChanged","nowMs":3,"text":5})", R"({"type":"ticketChosen","nowMs":3,"value":"maybe"})",
        R"({"type":"contactChosen","nowMs":3,"contactId":-1})", R"({"type":"callRinging","nowMs":3,"callId":""})",
        R"({"type":"restore","nowMs":3,"state":{"version":99}})"}) {
    auto answer = json::parse(a.dispatch(bad));
    INFO(bad);
    REQUIRE(answer.contains("error"));
    CHECK(answer["error"]["code"] == "INVALID_REQUEST");
  }
  json after = json::parse(a.dispatch(R"({"type":"paneActivated","nowMs":4})"))["view"];
  CHECK(after == before);
}

// D200/D201: events are checked whole before they touch the state, so a field is wrong whatever the call's state —
// and a snapshot wrong anywhere, even after its calls, restores nothing of it.
TEST_CASE("Bad fields are refused whatever the state — a replayed ring, a gone call, a snapshot wrong at its end") {
  adapter::live::Adapter a;
  REQUIRE(json::parse(a.dispatch(R"({"type":"appRegistered","nowMs":1,"agent":{"id":5}})")).contains("view"));
  json before = json::parse(a.dispatch(R"({"type":"callRinging","nowMs":2,"callId":"c1","ani":"+14155550100"})"));
  REQUIRE(before["view"]["call"]["id"] == "c1");
  struct Bad {
    const char* event;
    const char* path;
  };
  for (const Bad& bad : {
           Bad{R"({"type":"callRinging","nowMs":3,"callId":"c1","sessionType":"fax"})", "/sessionType"},
           Bad{R"({"type":"callHoldChanged","nowMs":3,"callId":"gone","held":"yes"})", "/held"},
           Bad{R"({"type":"callEnded","nowMs":3,"callId":"gone","reason":"exploded"})", "/reason"},
           Bad{R"({"type":"transferClicked","nowMs":3})", "/target"},
           Bad{R"({"type":"restore","nowMs":3,"state":{"version":1,"calls":[{"id":"c9","state":"connected"}],)"
               R"("activeCallId":7}})",
               "/state/activeCallId"},
           // D242: a call's plan is read with resolveSession's checks when restored, not when the call resolves.
           Bad{R"({"type":"restore","nowMs":3,"state":{"version":1,"calls":[{"id":"c9","state":"connected",)"
               R"("direction":"outbound","plan":{"dial":"+14155550100","extension":"abc"}}]}})",
               "/state/calls/0/plan/extension"},
       }) {
    INFO(bad.event);
    auto answer = json::parse(a.dispatch(bad.event));
    REQUIRE(answer.contains("error"));
    CHECK(answer["error"]["code"] == "INVALID_REQUEST");
    CHECK(answer["error"]["path"] == bad.path);
  }
  json after = json::parse(a.dispatch(R"({"type":"paneActivated","nowMs":2})"));
  CHECK(after["view"] == before["view"]);
  CHECK(after["view"]["call"]["state"] == "ringing");
}

TEST_CASE("Settings: a bad value is reported to the agent and its default used — the app keeps working") {
  LiveDriver d;
  d.registerApp({{"fieldMap", "{not json"},
                 {"defaultCallingCode", "999"},
                 {"teamTicketEntryGroups", "{\"x\": \"always\"}"},
                 {"promptSelectOpenTicket", "yes please"}});
  std::string problems = d.view["settingsProblems"].dump();
  for (const char* setting : {"fieldMap", "defaultCallingCode", "teamTicketEntryGroups", "promptSelectOpenTicket"}) {
    CHECK(problems.find(setting) != std::string::npos);
  }
  d.send({{"type", "openDialPad"}});
  d.send({{"type", "numberChanged"}, {"text", "415 555 0100"}});
  CHECK(d.view["outbound"]["number"]["e164"] == "+14155550100");  // default calling code 1 in use
}

TEST_CASE("BA-1/TR-12 settings: a batch window of 0 or 61 and a field map naming an unknown field are reported") {
  for (json window : {json(0), json("61"), json("ten")}) {
    LiveDriver d;
    d.registerApp({{"batchWindowSeconds", window}});
    INFO(window.dump());
    CHECK(d.view["settingsProblems"][0]["setting"] == "batchWindowSeconds");
  }
  LiveDriver ok;
  ok.registerApp(
      {{"batchWindowSeconds", 60}, {"fieldMap", "{\"duration\": 360001}"}, {"ticketFieldIds", "360001, 360002"}});
  CHECK(ok.view["settingsProblems"].empty());
  LiveDriver unknown;
  unknown.registerApp({{"fieldMap", "{\"duration\": 999}"}, {"ticketFieldIds", "360001"}});
  CHECK(unknown.view["settingsProblems"][0]["message"] ==
        "\"duration\" maps to ticket field 999, which is not among ticketFieldIds");
}

TEST_CASE(
    "SF-1/SF-2 settings: a misspelt session datum in the field map is reported by name, custom data keys are not") {
  LiveDriver d;
  d.registerApp({{"fieldMap", R"({"durration": 360001, "QueueName": 360002, "orderNumber": 360003, "csat": 360004})"}});
  const json& problems = d.view["settingsProblems"];
  REQUIRE(problems.size() == 2);
  std::string all = problems.dump();
  CHECK(all.find(R"(\"durration\" is not a session datum; did you mean \"duration\"?)") != std::string::npos);
  CHECK(all.find(R"(\"QueueName\" is not a session datum; did you mean \"queueName\"?)") != std::string::npos);
  CHECK(all.find("orderNumber") == std::string::npos);  // a custom datum from the IVR or SDK: a name of its own
  CHECK(all.find("\"csat\"") == std::string::npos);
}

TEST_CASE("BA-1: a 429 waits Retry-After (plus at most half again of jitter) — a 422 stays failed until retried") {
  LiveDriver d;
  clickToCallCreatingTicket(d);
  auto first = d.pending("/api/v2/tickets.json");
  d.respond(first, 429, {{"error", "TooManyRequests"}}, 8);
  auto ticks = d.effectsOfType("scheduleTick");
  REQUIRE(!ticks.empty());
  long long wait = ticks.back()["atMs"].get<long long>() - d.nowMs;
  CHECK(wait >= 8000);
  CHECK(wait <= 12000);
  CHECK(d.view["sync"]["pending"] == 1);
  CHECK(d.view["sync"]["state"] == "paused");
  CHECK(d.view["sync"]["pausedUntilMs"] == d.nowMs + wait);
  CHECK(d.view["banner"]["code"] == "RATE_LIMITED");
  d.tickAfter(wait - 1);
  CHECK(d.requestsMatching("POST", "/api/v2/tickets.json").size() == 1);  // not before Retry-After
  d.tickAfter(1);
  REQUIRE(d.requestsMatching("POST", "/api/v2/tickets.json").size() == 2);  // a 429 was not applied: no check

  d.respond(d.pending("/api/v2/tickets.json"), 422, {{"description", "Requester is suspended"}});
  CHECK(d.view["sync"]["failed"] == 1);
  CHECK(d.view["sync"]["state"] == "failed");
  CHECK(d.view["sync"]["writes"][0]["state"] == "failed");
  CHECK(d.view["sync"]["writes"][0]["error"] == "HTTP 422: Requester is suspended");
  CHECK(d.view["banner"]["code"] == "WRITE_FAILED");
  d.tickAfter(600000);
  CHECK(d.requestsMatching("POST", "/api/v2/tickets.json").size() == 2);  // never retried on its own
  d.send({{"type", "retryWrites"}});
  CHECK(d.requestsMatching("POST", "/api/v2/tickets.json").size() == 3);
}

// (A ticket create with an Idempotency-Key is sent again with it instead: live_exactly_once_test.cpp. Talk Partner
// Edition's voice create has none.)
TEST_CASE("Reload: a create in flight at reload is looked up by external_id, not blindly sent again — the note stays") {
  LiveDriver d;
  d.registerApp({{"useTalkPartnerEdition", true}});
  test::clickToCallAda(d);
  d.send({{"type", "noteChanged"}, {"text", "Call back on Monday"}});
  auto persisted = d.effectsOfType("persist");
  REQUIRE(!persisted.empty());
  json state = persisted.back()["state"];
  json original = d.pending("/api/v2/channels/voice/tickets.json");

  LiveDriver reloaded;
  reloaded.registerApp({{"useTalkPartnerEdition", true}});
  reloaded.send({{"type", "restore"}, {"state", state}});
  CHECK(reloaded.view["call"]["note"] == "Call back on Monday");
  CHECK(reloaded.view["screen"] == "call");
  CHECK(reloaded.requestsMatching("POST", "/api/v2/channels/voice/tickets.json").empty());
  CHECK(reloaded.requestsMatching("GET", "external_id=").empty());  // the create may still be on its way
  reloaded.tickAfter(10000);                                        // 10 s after it left: it has landed or never will
  auto check = reloaded.pending("/api/v2/tickets.json?external_id=");
  CHECK(reloaded.view["sync"]["writes"][0]["state"] == "checking");
  reloaded.respond(check, 200, {{"tickets", json::array()}, {"count", 0}});  // it never reached Zendesk
  auto resent = reloaded.requestsMatching("POST", "/api/v2/channels/voice/tickets.json");
  REQUIRE(resent.size() == 1);
  CHECK(resent[0]["body"] == original["body"]);
}

TEST_CASE("Reload: a saved write whose payload is damaged is dropped and the agent told, never sent as it reads") {
  LiveDriver d;
  clickToCallCreatingTicket(d);
  json state = d.effectsOfType("persist").back()["state"];
  bool damaged = false;
  for (auto& w : state["writes"]) {
    if (w["kind"] != "createTicket") continue;
    w["body"]["ticket"]["status"] = 7;  // not a payload this core makes
    damaged = true;
  }
  REQUIRE(damaged);

  LiveDriver reloaded;
  reloaded.registerApp();
  reloaded.send({{"type", "restore"}, {"state", state}});
  CHECK(reloaded.view["banner"]["code"] == "WRITES_NOT_RESTORED");
  CHECK(reloaded.view["banner"]["params"]["count"] == 1);
  for (const auto& w : reloaded.view["sync"]["writes"]) CHECK(w["kind"] != "createTicket");
  reloaded.tickAfter(10000);
  CHECK(reloaded.requestsMatching("POST", "/api/v2/tickets.json").empty());
  CHECK(reloaded.requestsMatching("GET", "external_id=").empty());
}

TEST_CASE("IN-1: a search Zendesk keeps refusing is shown as failed, never as an unknown caller on a new contact") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "callRinging"}, {"callId", "c-9"}, {"ani", "+14155550100"}});
  // Eight tries over about two minutes (a burst of lost answers must not turn a known caller into a new contact:
  // the outbox simulation saw four in a row), then the lookup is failed: shown, retryable, and nothing invented.
  for (int attempt = 0; attempt < 8; ++attempt) {
    CHECK(!d.hasUnanswered("/api/v2/users.json"));
    d.respond("/api/v2/search.json", attempt % 2 ? 500 : 0, nullptr);
    d.tickAfter(60000);
  }
  CHECK(d.view["banner"]["code"] == "LOOKUP_FAILED");
  CHECK(d.view["call"]["lookupState"] == "failed");
  CHECK(d.requestsMatching("POST", "").empty());   // no contact, no ticket made up for a caller nobody looked up
  CHECK(!d.hasUnanswered("/api/v2/search.json"));  // and no endless retrying behind the agent's back
}

TEST_CASE("Hostile strings from callers and Zendesk come back as the same data") {
  LiveDriver d;
  d.registerApp();
  std::string rtl = "\u202Eevil\u202C <script>alert(1)</script>";
  d.send({{"type", "callRinging"},
          {"callId", "c-5"},
          {"ani", "+14155550100"},
          {"menuPath", rtl},
          {"queue", {{"id", 1}, {"name", std::string(10000, 'x')}}}});
  CHECK(d.view["call"]["menuPath"] == rtl);
  CHECK(d.view["call"]["queueName"].get<std::string>().size() == 10000);
}

TEST_CASE("TR-11 order: a later update of a ticket waits while an earlier one waits for its retry") {
  LiveDriver d;
  d.registerApp();
  std::string callId = test::clickToCallAda(d, json::array({zendeskTicket(42, 7, "open", "2026-09-01T00:00:00Z")}));
  d.respond(d.pending("/api/v2/tickets/42.json"), 503, nullptr);
  d.send({{"type", "callConnected"}, {"callId", callId}});  // TR-10 assignment: a second update of ticket 42
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/42.json").size() == 1);
  d.tickAfter(1000);  // the dial's PUT carries no comment (D420): sent again as it was, no check needed
  auto sent = d.requestsMatching("PUT", "/api/v2/tickets/42.json");
  REQUIRE(sent.size() == 2);
  CHECK(sent[1]["body"] == sent[0]["body"]);  // the retry first
  d.respond(sent[1], 200, {{"ticket", zendeskTicket(42, 7, "open", "2026-09-21T00:00:00Z")}});
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/42.json").size() == 3);  // then the assignment
}

TEST_CASE("Reload after a ticket update was sent: the budgets' windows and the waiting writes come back") {
  LiveDriver d;
  d.registerApp();
  std::string callId = test::clickToCallAda(d, json::array({zendeskTicket(42, 7, "open", "2026-09-01T00:00:00Z")}));
  d.respond(d.pending("/api/v2/tickets/42.json"), 200, {{"ticket", zendeskTicket(42, 7, "open", "2026-09-21")}});
  d.send({{"type", "callConnected"}, {"callId", callId}});  // TR-10: the assignment, refused for now
  d.respond(d.pending("/api/v2/tickets/42.json"), 429, {{"error", "TooManyRequests"}}, 30);
  json state = d.effectsOfType("persist").back()["state"];
  REQUIRE(state["sendLog"]["perTicket"].contains("42"));

  LiveDriver reloaded;
  reloaded.registerApp();
  auto answer = reloaded.send({{"type", "restore"}, {"state", state}});
  REQUIRE(!answer.contains("error"));
  CHECK(reloaded.view["sync"]["pending"] == 2);       // the assignment, and the call's standard data held (D420)
  CHECK(reloaded.view["sync"]["state"] == "paused");  // a reload is no way around Zendesk's Retry-After
}

TEST_CASE("IN-1 under a 429 storm: the caller's search waits for Zendesk instead of recording a new contact") {
  LiveDriver d;
  d.registerApp();
  d.send({{"type", "callRinging"}, {"callId", "c-9"}, {"ani", "+14155550100"}});
  for (int storm = 0; storm < 10; ++storm) {
    d.respond(d.pending("/api/v2/search.json"), 429, {{"error", "TooManyRequests"}}, 60);
    d.tickAfter(90000);
  }
  CHECK(!d.hasUnanswered("/api/v2/users.json"));  // no contact created while Zendesk could not answer
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  CHECK(d.view["call"]["contact"]["id"] == 7);
  CHECK(d.requestsMatching("POST", "/api/v2/users.json").empty());
}

TEST_CASE(
    "UTF-8: a byte budget cuts text between characters - ringing call and note and Zendesk error and number stay") {
  // Each budget falls inside a two-byte "é": a cut there left invalid UTF-8 that the snapshot refused to dump,
  // and the whole event was refused with it.
  auto ringing = [](const std::string& ani) {
    return json{{"type", "callRinging"}, {"callId", "c-1"}, {"ani", ani}, {"sessionType", "ivr"}};
  };
  LiveDriver d;
  d.registerApp();
  std::string ani = std::string(63, '9') + "\xC3\xA9";  // 64 bytes is the budget of a caller id that is no number
  CHECK(!d.send(ringing(ani)).contains("error"));
  CHECK(d.view["screen"] == "incoming");
  CHECK(d.view["call"]["number"].dump().find(std::string(63, '9')) != std::string::npos);

  LiveDriver n;
  n.registerApp();
  n.send(ringing("+1 415 555 0100"));
  std::string note = std::string(59999, 'n') + "\xC3\xA9";  // 60,000 bytes is the note's budget
  CHECK(!n.send({{"type", "noteChanged"}, {"text", note}}).contains("error"));
  CHECK(n.view["call"]["note"] == std::string(59999, 'n'));

  LiveDriver w;
  w.registerApp();
  test::clickToCallAda(w);
  std::string description = std::string(199, 'e') + "\xC3\xA9";  // Zendesk's error text is kept to 200 bytes
  CHECK(!w.respond(w.pending("/api/v2/tickets.json"), 422, {{"description", description}}).contains("error"));
  CHECK(w.view["sync"]["failed"] == 1);
  CHECK(w.view["sync"]["writes"].dump().find("\"HTTP 422: " + std::string(199, 'e') + "\"") != std::string::npos);

  LiveDriver o;
  o.registerApp();
  o.send({{"type", "openDialPad"}});
  std::string pasted = std::string(255, '5') + "\xC3\xA9";  // 256 bytes is the number box's budget
  CHECK(!o.send({{"type", "numberChanged"}, {"text", pasted}}).contains("error"));
  CHECK(o.view["outbound"]["numberText"] == std::string(255, '5'));  // not "555…" and a replacement character
}
