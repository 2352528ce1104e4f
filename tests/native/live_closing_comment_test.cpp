// Issue 18 item 4: a call writes one concise closing comment — its summary, the recording as a link with its
// length, the wrap-up code and the agent's note — held for the wrap-up (persisted), released by Done, by the
// wrap-up's end (5 minutes) or by the next call's answer; and no "[cti-ref:…]" marker: an unanswered comment is
// looked for by its own text, which names its call (D334, D335).
#include <utility>

#include "live_driver.h"

using test::json;
using test::LiveDriver;

namespace {

const char* const kTicket90 = "/api/v2/tickets/90.json";

void answerUpdatesOf90(LiveDriver& d) {
  for (int i = 0; i < 10 && d.hasUnanswered(kTicket90); ++i) {
    d.respond(kTicket90, 200, {{"ticket", test::zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  }
}

int ticketWrites(const LiveDriver& d) {
  return static_cast<int>(d.requestsMatching("POST", "/api/v2/tickets.json").size() +
                          d.requestsMatching("PUT", "/api/v2/tickets/").size());
}

std::vector<std::string> commentsTo90(const LiveDriver& d) {
  std::vector<std::string> out;
  for (const auto& put : d.requestsMatching("PUT", kTicket90)) {
    const auto& t = put["body"]["ticket"];
    if (t.contains("comment")) out.push_back(t["comment"]["body"]);
  }
  return out;
}

// Ada rings as c-1 and her call's ticket 90 is created at the ring, assigned to the agent who is offered the call
// (as Zendesk answers the create), and the agent answers: no separate assignment is needed.
void onCallWithAdaAssigned(LiveDriver& d) {
  d.send(test::ivrRing("c-1", "+14155550100"));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({test::zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  json created = test::zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z");
  created["assignee_id"] = 5;
  d.respond("/api/v2/tickets.json", 201, {{"ticket", created}});
  d.send({{"type", "answerClicked"}});
  d.send({{"type", "callConnected"}, {"callId", "c-1"}});
}

void endWithRecording(LiveDriver& d) {
  d.send({{"type", "callEnded"},
          {"callId", "c-1"},
          {"reason", "completed"},
          {"durationSec", 222},
          {"recordingUrl", "https://rec.example.com/c-1.mp3"},
          {"recordingBytes", 3000000}});
}

}  // namespace

TEST_CASE(
    "BA-1 off, TR-11/RS: a call's summary, recording link with its length, wrap-up code and note are one comment, "
    "and the call costs at most 2 ticket writes") {
  LiveDriver d;
  d.registerApp({{"wrapUpCodes", "Resolved\nCallback needed"}});
  onCallWithAdaAssigned(d);  // ticket 90 created for the call
  answerUpdatesOf90(d);
  d.send({{"type", "noteChanged"}, {"text", "Router replaced."}});
  endWithRecording(d);
  answerUpdatesOf90(d);
  CHECK(commentsTo90(d).empty());  // held for the wrap-up
  d.send({{"type", "wrapUpCodeChosen"}, {"code", "Resolved"}});
  d.send({{"type", "wrapUpDone"}});
  answerUpdatesOf90(d);
  REQUIRE(commentsTo90(d).size() == 1);
  CHECK(commentsTo90(d)[0] ==
        "Call finished (c-1). Duration 3m 42s (hold included).\nRecording (3:42): https://rec.example.com/c-1.mp3"
        "\n\nWrap-up: Resolved\nAgent note:\nRouter replaced.");
  CHECK(ticketWrites(d) <= 2);
  CHECK(d.view["sync"]["state"] == "saved");
}

TEST_CASE(
    "TR-11: a ticket the call created gets no comment that only says the call finished, but its fields still go") {
  LiveDriver d;
  d.registerApp({{"fieldMap", R"({"duration": 360001})"}});
  test::onCallWithAda(d);
  answerUpdatesOf90(d);
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 30}});
  d.send({{"type", "wrapUpDone"}});
  answerUpdatesOf90(d);
  CHECK(commentsTo90(d).empty());  // the description holds the call's data: least noise
  bool durationWritten = false;
  for (const auto& put : d.requestsMatching("PUT", kTicket90)) {
    durationWritten = durationWritten || put["body"].dump().find("\"value\":\"30\"") != std::string::npos;
  }
  CHECK(durationWritten);  // SF-2
  CHECK(d.view["sync"]["state"] == "saved");
}

TEST_CASE(
    "TR-11: the held closing comment leaves at the wrap-up's end when Done never comes, and a later note follows") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  answerUpdatesOf90(d);
  endWithRecording(d);
  d.tickAfter(4 * 60'000);
  CHECK(commentsTo90(d).empty());
  CHECK(d.view["sync"]["state"] != "saved");  // waiting, never shown as saved
  d.tickAfter(60'000);                        // five minutes after the end
  answerUpdatesOf90(d);
  REQUIRE(commentsTo90(d).size() == 1);
  CHECK(commentsTo90(d)[0].find("Recording (3:42)") != std::string::npos);
  d.send({{"type", "noteChanged"}, {"text", "Late words."}});
  d.send({{"type", "wrapUpDone"}});
  answerUpdatesOf90(d);
  REQUIRE(commentsTo90(d).size() == 2);  // nothing the agent wrote is lost; it names its call
  CHECK(commentsTo90(d)[1] == "Call c-1\nAgent note:\nLate words.");
}

TEST_CASE("TR-11: the next call's answer releases the wrap-up's comment with the note typed so far") {
  LiveDriver d;
  d.registerApp();
  test::onCallWithAda(d);
  answerUpdatesOf90(d);
  d.send({{"type", "noteChanged"}, {"text", "First caller."}});
  endWithRecording(d);
  d.send(test::ivrRing("c-2", "+14155550111"));  // rings beside the wrap-up
  d.send({{"type", "answerWaitingClicked"}, {"callId", "c-2"}});
  answerUpdatesOf90(d);
  REQUIRE(commentsTo90(d).size() == 1);
  CHECK(commentsTo90(d)[0].find("Agent note:\nFirst caller.") != std::string::npos);
  CHECK(commentsTo90(d)[0].rfind("Call finished (c-1).", 0) == 0);
}

TEST_CASE("Exactly once (D335): an unanswered comment is found by its own text, not by a marker") {
  auto run = [](const std::string& theirs) {
    LiveDriver d;
    d.registerApp();
    test::onCallWithAda(d);
    answerUpdatesOf90(d);
    d.send({{"type", "noteChanged"}, {"text", "Same words"}});
    d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 42}});
    d.send({{"type", "wrapUpDone"}});
    auto put = d.pending(kTicket90);
    std::string ours = put["body"]["ticket"]["comment"]["body"];
    CHECK(!test::hasMarker(ours));
    d.respond(put, 504, nullptr);  // landed or not: unknown
    test::tickUntil(d, "/api/v2/tickets/90/comments.json");
    std::string shown = theirs.empty() ? ours : theirs;
    d.respond(d.pending("/api/v2/tickets/90/comments.json"), 200,
              {{"comments", json::array({{{"id", 1}, {"body", shown}, {"plain_body", shown}}})}});
    answerUpdatesOf90(d);
    return std::make_pair(commentsTo90(d).size(), ours);
  };
  auto [sent, ours] = run("");
  CHECK(sent == 1);  // it is there: not written again
  // Zendesk's copy with its line breaks changed and trimmed is the same comment.
  std::string crlf;
  for (char c : ours) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  CHECK(run("  " + crlf + "\n").first == 1);
  // Another comment with the same note, of another call, is not this one: it is written.
  CHECK(run("Call c-9\nAgent note:\nSame words").first == 2);
}
