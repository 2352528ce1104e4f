// Issue 18 (D370): what the agent does in and after a call besides talking — the keypad's tones, the admin's
// wrap-up codes (required or not, written on the call's closing note and as a tag: RC-3's tag form) and the
// wrap-up's "Open ticket". Each test asserts what the agent sees (view) and what reaches Zendesk or the phone.
#include <algorithm>

#include "live_driver.h"

using test::json;
using test::LiveDriver;

namespace {

const json kCodes = {{"wrapUpCodes", "Resolved\n  Callback needed  \n\nWrong number\nresolved\n"}};

std::vector<json> updatesOf90(const LiveDriver& d) { return d.requestsMatching("PUT", "/api/v2/tickets/90.json"); }

// The agent hangs up Ada's call (onCallWithAda) and the wrap-up is on screen.
void hungUp(LiveDriver& d) {
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 42}});
  REQUIRE(d.view["screen"] == "wrapUp");
}

// Ada's call (onCallWithAda) hung up, and the agent types `note` in its wrap-up.
void wrapUpWithNote(LiveDriver& d, const std::string& note) {
  d.registerApp();
  test::onCallWithAda(d);
  hungUp(d);
  d.send({{"type", "noteChanged"}, {"text", note}});
}

// The closing note's PUT (the one carrying `note` or the wrap-up line), answered.
json closingNote(LiveDriver& d, const std::string& text) {
  for (const auto& put : updatesOf90(d)) {
    const auto& t = put["body"]["ticket"];
    if (t.contains("comment") && t["comment"]["body"].get<std::string>().find(text) != std::string::npos) return put;
  }
  FAIL("no update of ticket 90 carries " << text);
  return {};
}

void answerAll(LiveDriver& d) {
  for (int i = 0; i < 10 && d.hasUnanswered("/api/v2/tickets/90.json"); ++i) {
    d.respond("/api/v2/tickets/90.json", 200, {{"ticket", test::zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  }
  d.tickAfter(61'000);  // past any batch window
  for (int i = 0; i < 10 && d.hasUnanswered("/api/v2/tickets/90.json"); ++i) {
    d.respond("/api/v2/tickets/90.json", 200, {{"ticket", test::zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  }
}

}  // namespace

TEST_CASE("Issue 18 keypad: a pressed key on a connected call becomes the connector sendDigits, none otherwise") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  d.send({{"type", "digitsPressed"}, {"digits", "5"}});
  d.send({{"type", "digitsPressed"}, {"digits", "#"}});
  auto tones = d.effectsOfType("telephony");
  REQUIRE(tones.size() >= 2);
  CHECK(tones[tones.size() - 2] ==
        json({{"type", "telephony"}, {"command", "sendDigits"}, {"callId", "c-1"}, {"digits", "5"}}));
  CHECK(tones.back()["digits"] == "#");

  // After the hang-up a late press reaches nobody.
  hungUp(d);
  std::size_t before = d.effectsOfType("telephony").size();
  d.send({{"type", "digitsPressed"}, {"digits", "1"}});
  CHECK(d.effectsOfType("telephony").size() == before);
}

TEST_CASE("Issue 18 keypad: only DTMF digits cross, anything else is refused and changes nothing") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  for (const char* bad : {"", "+", "12a", "123456789012345678901234567890123"}) {
    json answer = d.send({{"type", "digitsPressed"}, {"digits", bad}});
    CAPTURE(bad);
    REQUIRE(answer.contains("error"));
    CHECK(answer["error"]["path"] == "/digits");
  }
}

TEST_CASE("Issue 18 wrap-up codes: the admin's list, trimmed, blank lines skipped, each once, is offered") {
  LiveDriver d;
  d.registerApp(kCodes);
  CHECK(d.view["settingsProblems"].empty());
  test::onCallWithAda(d);
  hungUp(d);
  CHECK(d.view["call"]["wrapUp"] ==
        json({{"codes", {"Resolved", "Callback needed", "Wrong number"}}, {"required", false}, {"chosen", nullptr}}));

  d.send({{"type", "wrapUpCodeChosen"}, {"code", "Callback needed"}});
  CHECK(d.view["call"]["wrapUp"]["chosen"] == "Callback needed");
  d.send({{"type", "wrapUpCodeChosen"}, {"code", "Not on the list"}});  // a stale tab's code: ignored
  CHECK(d.view["call"]["wrapUp"]["chosen"] == "Callback needed");
}

TEST_CASE("Issue 18 wrap-up codes: none listed, no wrapUp in the view (views stay as they were)") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  hungUp(d);
  CHECK_FALSE(d.view["call"].contains("wrapUp"));
}

TEST_CASE("Issue 18 wrap-up codes, RC-3 tag form: the chosen code heads the closing note and tags the ticket") {
  LiveDriver d;
  d.registerApp(kCodes);
  test::onCallWithAda(d);
  d.send({{"type", "noteChanged"}, {"text", "Will call back Monday."}});
  hungUp(d);
  d.send({{"type", "wrapUpCodeChosen"}, {"code", "Callback needed"}});
  d.send({{"type", "wrapUpDone"}});
  answerAll(d);
  json put = closingNote(d, "Wrap-up: Callback needed");
  // D334: one closing comment — the call's summary, then the code and the agent's note.
  CHECK(std::string(put["body"]["ticket"]["comment"]["body"]) ==
        "Call finished (c-1). Duration 0m 42s (hold included).\n\nWrap-up: Callback needed\nAgent note:\n"
        "Will call back Monday.");
  CHECK(put["body"]["ticket"]["comment"]["public"] == false);
  const auto& tags = put["body"]["ticket"]["tags"];
  CHECK(std::find(tags.begin(), tags.end(), "wrapup_callback_needed") != tags.end());
}

TEST_CASE("Issue 18 wrap-up codes: a code without a typed note is still written, in the notes' language") {
  LiveDriver d;
  d.registerApp({{"wrapUpCodes", "Gelöst\nRückruf"}, {"noteLanguage", "de"}});
  test::onCallWithAda(d);
  hungUp(d);
  d.send({{"type", "wrapUpCodeChosen"}, {"code", "Gelöst"}});
  d.send({{"type", "wrapUpDone"}});
  answerAll(d);
  json put = closingNote(d, "Abschluss: Gelöst");
  CHECK(std::string(put["body"]["ticket"]["comment"]["body"]) ==
        "Anruf beendet (c-1). Dauer 0 Min. 42 Sek. (inkl. Halten).\n\nAbschluss: Gelöst");
}

TEST_CASE("Issue 18 wrap-up codes, required: Done waits for a code with a banner, then finishes") {
  LiveDriver d;
  d.registerApp({{"wrapUpCodes", "Resolved\nWrong number"}, {"wrapUpCodeRequired", true}});
  test::onCallWithAda(d);
  hungUp(d);
  CHECK(d.view["call"]["wrapUp"]["required"] == true);
  d.send({{"type", "wrapUpDone"}});
  CHECK(d.view["screen"] == "wrapUp");
  CHECK(d.view["banner"]["code"] == "WRAP_UP_CODE_REQUIRED");
  d.send({{"type", "wrapUpCodeChosen"}, {"code", "Resolved"}});
  CHECK(d.view["banner"].is_null());  // the reminder is answered
  d.send({{"type", "wrapUpDone"}});
  CHECK(d.view["screen"] == "main");
}

TEST_CASE("Issue 18 wrap-up codes: required without any code listed is not required (nothing to choose)") {
  LiveDriver d;
  d.registerApp({{"wrapUpCodeRequired", true}});
  test::onCallWithAda(d);
  hungUp(d);
  d.send({{"type", "wrapUpDone"}});
  CHECK(d.view["screen"] == "main");
}

TEST_CASE("Issue 18 wrap-up codes: a line that cannot be a code is reported to the admin and left out") {
  LiveDriver d;
  d.registerApp({{"wrapUpCodes", "Resolved\n---\n" + std::string(101, 'x')}});
  REQUIRE(d.view["settingsProblems"].size() == 2);
  CHECK(d.view["settingsProblems"][0]["setting"] == "wrapUpCodes");
  test::onCallWithAda(d);
  hungUp(d);
  CHECK(d.view["call"]["wrapUp"]["codes"] == json({"Resolved"}));
}

TEST_CASE("Issue 18 wrap-up codes: the choice survives a reload (persisted with the call)") {
  LiveDriver d;
  d.registerApp(kCodes);
  test::onCallWithAda(d);
  hungUp(d);
  d.send({{"type", "wrapUpCodeChosen"}, {"code", "Wrong number"}});
  json state;
  for (const auto& e : d.effectsOfType("persist")) state = e["state"];
  LiveDriver after;
  after.registerApp(kCodes);
  after.send({{"type", "restore"}, {"state", state}});
  CHECK(after.view["call"]["wrapUp"]["chosen"] == "Wrong number");
}

TEST_CASE("Issue 18 wrap-up, TR-13: Open ticket routes to the call's ticket, and to no other") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  hungUp(d);
  std::size_t before = d.effectsOfType("routeTo").size();
  d.send({{"type", "openTicketClicked"}, {"ticketId", 91}});
  CHECK(d.effectsOfType("routeTo").size() == before);
  d.send({{"type", "openTicketClicked"}, {"ticketId", 90}});
  REQUIRE(d.effectsOfType("routeTo").size() == before + 1);
  CHECK(d.effectsOfType("routeTo").back() == json({{"type", "routeTo"}, {"target", "ticket"}, {"id", 90}}));
}

TEST_CASE("Wrap-up, fuzz finding 13: a dial from the wrap-up ends it as Done would, so its note is written") {
  LiveDriver d;
  wrapUpWithNote(d, "Ada wants a callback");
  d.send({{"type", "openDialPad"}});
  CHECK(d.view["screen"] == "outbound");
  // Cancel leaves nothing behind the dial pad: the wrap-up was done when the agent left it.
  d.send({{"type", "cancelClicked"}});
  CHECK(d.view["screen"] == "main");
  CHECK(d.view["otherCalls"].empty());
  answerAll(d);
  json put = closingNote(d, "Ada wants a callback");
  CHECK(put["body"]["ticket"]["comment"]["public"] == false);
}

TEST_CASE("Wrap-up, fuzz finding 13: a required wrap-up code is asked for before the dial pad opens over it") {
  LiveDriver d;
  d.registerApp({{"wrapUpCodes", "Resolved\nWrong number"}, {"wrapUpCodeRequired", true}});
  test::onCallWithAda(d);
  hungUp(d);
  d.send({{"type", "dialout"}, {"number", "+14155550123"}, {"userId", nullptr}, {"ticketId", nullptr}});
  CHECK(d.view["screen"] == "wrapUp");
  CHECK(d.view["outbound"].is_null());
  CHECK(d.view["banner"]["code"] == "WRAP_UP_CODE_REQUIRED");
  d.send({{"type", "wrapUpCodeChosen"}, {"code", "Resolved"}});
  d.send({{"type", "openDialPad"}});
  CHECK(d.view["screen"] == "outbound");
  answerAll(d);
  closingNote(d, "Resolved");
}

TEST_CASE("Wrap-up, reload: a stored wrap-up that no screen shows comes back on screen, and Done writes its note") {
  LiveDriver d;
  wrapUpWithNote(d, "Ada wants a callback");
  // A snapshot naming no call on screen (an older build's, or crafted in local storage): the call is still there.
  json state = d.lastPersistedState();
  REQUIRE(state["activeCallId"] == "c-1");
  state["activeCallId"] = "";
  LiveDriver after;
  after.nowMs = d.nowMs;
  after.send({{"type", "restore"}, {"state", state}});
  after.registerApp();
  CHECK(after.view["screen"] == "wrapUp");
  CHECK(after.view["call"]["id"] == "c-1");
  after.send({{"type", "wrapUpDone"}});
  CHECK(after.view["screen"] == "main");
  answerAll(after);
  // After a reload the outbox first reads what reached the ticket (exactly once): nothing of this note yet.
  after.respond("/api/v2/tickets/90/comments.json", 200, {{"comments", json::array()}});
  answerAll(after);
  closingNote(after, "Ada wants a callback");
}
