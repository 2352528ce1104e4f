// Whole inbound flows through the live adapter: ring → ANI lookup → the session rules → writes and pops →
// answer, end, wrap-up. Each test names the rules it pins.
#include "live_driver.h"

using test::json;
using test::LiveDriver;
using test::zendeskTicket;
using test::zendeskUser;

namespace {

json billingRing(const std::string& callId, const std::string& ani) {
  return {{"type", "callRinging"},
          {"callId", callId},
          {"ani", ani},
          {"dnis", "+18005550000"},
          {"sessionType", "ivr"},
          {"menuPath", "Support > Billing"},
          {"queue", {{"id", "billing"}, {"name", "Billing"}}},
          {"language", "de"},
          {"attributes", {{"reserved_verified_customer", "true"}, {"bad_actor", 1}}}};
}

// Ada (contact 7) rings as `callId` and Zendesk's search finds her; the lookup of her tickets is left in flight.
void adaRingsAndIsFound(LiveDriver& d, const std::string& callId) {
  d.send(billingRing(callId, "+1 415 555 0100"));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
}

// Ring a known caller (contact 7 with an open and a solved ticket) and answer the lookups.
void ringKnownCaller(LiveDriver& d) {
  adaRingsAndIsFound(d, "c-1");
  d.respond("/api/v2/users/7/tickets/requested.json", 200,
            {{"tickets", json::array({zendeskTicket(41, 7, "solved", "2026-09-10T00:00:00Z"),
                                      zendeskTicket(42, 7, "pending", "2026-09-01T00:00:00Z")})}});
}

}  // namespace

TEST_CASE("IN-1/PF-1/TR-13: an inbound call pops, shows its flags at once and the caller's latest unsolved ticket") {
  LiveDriver d;
  d.registerApp();
  d.send(billingRing("c-1", "+1 415 555 0100"));
  CHECK(d.view["screen"] == "incoming");
  CHECK(d.effectsOfType("popover").size() == 1);
  CHECK(d.view["call"]["flags"] == json({"verified_customer", "bad_actor"}));  // before any lookup (PF-1)
  CHECK(d.view["call"]["number"]["display"] == "+1 415 555 0100");
  CHECK(d.view["call"]["can"]["answer"] == true);

  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  CHECK(d.requestsMatching("POST", "").empty());  // nothing is written before the caller's tickets are known
  d.respond("/api/v2/users/7/tickets/requested.json", 200,
            {{"tickets", json::array({zendeskTicket(41, 7, "solved", "2026-09-10T00:00:00Z"),
                                      zendeskTicket(42, 7, "pending", "2026-09-01T00:00:00Z")})}});
  auto lookup = d.view["call"]["lookup"];
  CHECK(lookup["latestUnsolvedTicket"]["id"] == 42);
  CHECK(lookup["latestUnsolvedTicket"]["status"] == "pending");
  CHECK(d.view["call"]["contact"]["name"] == "Ada");
  CHECK(d.view["call"]["decision"]["rule"].is_string());

  // Ticket 42 is not from this queue (no queue tag): TR-3 does not append; a new ticket is created and popped.
  auto create = d.pending("/api/v2/tickets.json");
  CHECK(create["body"]["ticket"]["requester_id"] == 7);
  CHECK(create["body"]["ticket"]["external_id"] == "c-1");
  d.respond(create, 201, {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  auto pops = d.effectsOfType("routeTo");
  REQUIRE(pops.size() == 1);
  CHECK(pops[0]["id"] == 90);
  CHECK(d.view["call"]["ticket"]["id"] == 90);
}

TEST_CASE("TR-10/TR-11/SF-2: answer, end with a recording, wrap-up note: every write lands on the call's ticket") {
  LiveDriver d;
  d.registerApp();
  ringKnownCaller(d);
  d.send({{"type", "answerClicked"}});
  CHECK(d.effectsOfType("telephony").back()["command"] == "answer");
  d.advance(2000);
  d.send({{"type", "callConnected"}, {"callId", "c-1"}});
  CHECK(d.view["screen"] == "call");
  CHECK(d.view["call"]["connectedAtMs"] == d.nowMs);
  // The create is still on its way: the connected event waits for it instead of writing elsewhere.
  CHECK(d.requestsMatching("PUT", "").empty());
  d.respond("/api/v2/tickets.json", 201, {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});

  d.send({{"type", "noteChanged"}, {"text", "Wants a refund <b>now</b>"}});
  d.advance(125000);
  d.send({{"type", "callEnded"},
          {"callId", "c-1"},
          {"reason", "completed"},
          {"durationSec", 125},
          {"holdSec", 5},
          {"waitSec", 12},
          {"recordingUrl", "https://recordings.example.com/c-1.mp3"},
          {"recordingBytes", 2000000}});
  CHECK(d.view["screen"] == "wrapUp");
  CHECK(d.view["call"]["state"] == "ended");

  // Answer every PUT on ticket 90 as it comes: one at a time, in order.
  int answered = 0;
  while (d.hasUnanswered("/api/v2/tickets/90.json")) {
    d.respond("/api/v2/tickets/90.json", 200, {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
    ++answered;
  }
  CHECK(answered >= 1);
  std::string all;
  for (const auto& r : d.requestsMatching("PUT", "/api/v2/tickets/90.json")) all += r["body"].dump();
  CHECK(all.find("\"assignee_id\":5") != std::string::npos);  // TR-10: the answering agent
  CHECK(all.find("Call finished") == std::string::npos);      // the closing comment waits for the wrap-up (D334)
  CHECK(d.view["sync"]["state"] != "saved");                  // and is not shown as saved

  d.send({{"type", "wrapUpDone"}});
  CHECK(d.view["screen"] == "main");
  auto note = d.pending("/api/v2/tickets/90.json");
  std::string noteBody = note["body"]["ticket"]["comment"]["body"];
  // IN-1/TR-11/RS: one closing comment — the call's summary, its recording as a link with its length, the note.
  CHECK(noteBody ==
        "Call finished (c-1). Duration 2m 5s (hold included). Wait 0m 12s. Hold 0m 5s.\n"
        "Recording (2:05): https://recordings.example.com/c-1.mp3\n\nAgent note:\nWants a refund <b>now</b>");
  CHECK(!test::hasMarker(noteBody));  // D335: an unanswered write is looked for by this text, no marker
  CHECK(note["body"]["ticket"]["comment"]["public"] == false);
  d.respond(note, 200, {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  CHECK(d.view["sync"]["pending"] == 0);
  CHECK(d.view["sync"]["failed"] == 0);
}

TEST_CASE(
    "TPE: with Talk Partner Edition, an unknown caller's contact is created with the E.164 number, then a voice "
    "ticket that pops itself") {
  LiveDriver d;
  d.registerApp({{"useTalkPartnerEdition", true}});
  d.send(billingRing("c-2", "(415) 555-0177"));
  d.respond("/api/v2/search.json", 200, {{"results", json::array()}});
  auto user = d.pending("/api/v2/users.json");
  CHECK(user["method"] == "POST");
  CHECK(user["body"]["user"]["phone"] == "+14155550177");
  CHECK(user["body"]["user"]["role"] == "end-user");
  CHECK(!d.hasUnanswered("/api/v2/channels/voice/tickets.json"));  // waits for the contact's id
  d.respond(user, 201, {{"user", zendeskUser(12, "Caller +14155550177", "+14155550177", "2026-09-21T00:00:00Z")}});
  auto create = d.pending("/api/v2/channels/voice/tickets.json");
  CHECK(create["body"]["ticket"]["via_id"] == 45);
  CHECK(create["body"]["ticket"]["requester_id"] == 12);
  CHECK(create["body"]["display_to_agent"] == 5);  // created and popped in one request
  d.respond(create, 201, {{"ticket", zendeskTicket(91, 12, "new", "2026-09-21T00:00:00Z")}});
  CHECK(d.requestsMatching("POST", "/display.json").empty());
  CHECK(d.effectsOfType("routeTo").empty());
  CHECK(d.requestsMatching("PUT", "/api/v2/users").empty());  // a customer's stored phone is never written
}

TEST_CASE("TPE: a failed Talk Partner Edition pop falls back to routeTo") {
  LiveDriver d;
  d.registerApp({{"useTalkPartnerEdition", true}, {"doNotAppendToOpenTicket", false}});
  d.send({{"type", "dialout"}, {"number", "+14155550100"}, {"userId", 7}, {"ticketId", 42}});
  d.respond("/api/v2/tickets/42.json?include=users", 200,
            {{"ticket", zendeskTicket(42, 7, "open", "2026-09-01T00:00:00Z")},
             {"users", json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  if (d.hasUnanswered("/api/v2/users/7.json")) {
    d.respond("/api/v2/users/7.json", 200, {{"user", zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")}});
  }
  d.respond("/api/v2/users/7/tickets/requested.json", 200,
            {{"tickets", json::array({zendeskTicket(42, 7, "open", "2026-09-01T00:00:00Z")})}});
  REQUIRE(d.view["outbound"]["canCall"] == true);
  d.clickCall();
  auto display = d.pending("/api/v2/channels/voice/agents/5/tickets/42/display.json");
  CHECK(display["method"] == "POST");
  d.respond(display, 403, {{"error", "Forbidden"}});
  auto pops = d.effectsOfType("routeTo");
  REQUIRE(pops.size() == 1);
  CHECK(pops[0]["id"] == 42);
}

TEST_CASE("TR-6: a caller who hangs up before the agent answers: back to the main view, abandoned-call ticket") {
  LiveDriver d;
  d.registerApp();
  ringKnownCaller(d);
  d.respond("/api/v2/tickets.json", 201, {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "abandoned"}, {"waitSec", 30}});
  CHECK(d.view["screen"] == "main");
  CHECK(d.view["call"].is_null());
  CHECK(d.effectsOfType("notify").back()["code"] == "CALLER_HUNG_UP");
}

TEST_CASE("Decline: the call goes to another agent and nothing more is written for it here") {
  LiveDriver d;
  d.registerApp();
  d.send(billingRing("c-3", "+1 415 555 0100"));
  d.send({{"type", "declineClicked"}});
  CHECK(d.effectsOfType("telephony").back()["command"] == "decline");
  CHECK(d.view["screen"] == "main");
  auto before = d.requests.size();
  d.respond("/api/v2/search.json", 200, {{"results", json::array()}});
  d.send({{"type", "callEnded"}, {"callId", "c-3"}, {"reason", "abandoned"}});
  CHECK(d.requests.size() == before);
}

TEST_CASE("Decline, fuzz finding 11: a declined caller's lost ticket lookup is not asked again for nobody") {
  LiveDriver d;
  d.registerApp();
  adaRingsAndIsFound(d, "c-3");
  json tickets = d.pending("/api/v2/users/7/tickets/requested.json");
  d.send({{"type", "declineClicked"}});
  d.respond(tickets, 0, nullptr);  // the answer is lost on the way
  auto before = d.requests.size();
  d.tickAfter(60'000);  // long past any retry's backoff
  d.tickAfter(60'000);
  CHECK(d.requests.size() == before);  // each retry would spend one of the agent's requests on a call not here

  // A caller from that number later is looked up afresh.
  adaRingsAndIsFound(d, "c-4");
  CHECK(d.pending("/api/v2/users/7/tickets/requested.json")["method"] == "GET");
}

TEST_CASE("TR-2: several contacts share the caller's number: the agent can settle who is calling") {
  LiveDriver d;
  d.registerApp();
  d.send(billingRing("c-4", "+1 415 555 0100"));
  d.respond("/api/v2/search.json", 200,
            {{"results",
              json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z"),
                           zendeskUser(8, "<img src=x onerror=alert(1)>", "+14155550100", "2026-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/8/tickets/requested.json", 200, {{"tickets", json::array()}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
  auto options = d.view["call"]["contactOptions"];
  REQUIRE(options.size() == 2);
  CHECK(options[0]["name"] == "<img src=x onerror=alert(1)>");        // data, passed on as it is
  CHECK(d.requestsMatching("POST", "/api/v2/tickets.json").empty());  // TR-2: no ticket until it is settled
  d.send({{"type", "contactChosen"}, {"contactId", 7}});
  d.send({{"type", "callConnected"}, {"callId", "c-4"}});
  auto create = d.pending("/api/v2/tickets.json");
  CHECK(create["body"]["ticket"]["requester_id"] == 7);
}

TEST_CASE("TR-13: a ticket is popped once per call, not again when the call connects") {
  LiveDriver d;
  d.registerApp();
  ringKnownCaller(d);
  d.respond("/api/v2/tickets.json", 201, {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  REQUIRE(d.effectsOfType("routeTo").size() == 1);
  d.send({{"type", "callConnected"}, {"callId", "c-1"}});
  while (d.hasUnanswered("/api/v2/tickets/90.json")) {
    d.respond("/api/v2/tickets/90.json", 200, {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  }
  CHECK(d.effectsOfType("routeTo").size() == 1);
}

TEST_CASE(
    "TR-2/IN-1: a second call from the same number looks the caller up again and finds the contact the first "
    "call created") {
  LiveDriver d;
  d.registerApp();
  d.send(billingRing("c-1", "+1 415 555 0177"));
  d.respond("/api/v2/search.json", 200, {{"results", json::array()}});
  d.respond("/api/v2/users.json", 201, {{"user", zendeskUser(12, "Caller", "+14155550177", "2026-09-21T00:00:00Z")}});
  d.respond("/api/v2/tickets.json", 201, {{"ticket", zendeskTicket(91, 12, "new", "2026-09-21T00:00:00Z")}});
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "abandoned"}});
  while (d.hasUnanswered("/api/v2/tickets/91.json")) {
    d.respond("/api/v2/tickets/91.json", 200, {{"ticket", zendeskTicket(91, 12, "new", "2026-09-21T00:00:00Z")}});
  }
  auto searchesBefore = d.requestsMatching("GET", "/api/v2/search.json").size();
  d.send(billingRing("c-2", "+1 415 555 0177"));
  CHECK(d.requestsMatching("GET", "/api/v2/search.json").size() == searchesBefore + 1);  // asked afresh
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(12, "Caller", "+14155550177", "2026-09-21T00:00:00Z")})}});
  d.respond("/api/v2/users/12/tickets/requested.json", 200,
            {{"tickets", json::array({zendeskTicket(91, 12, "new", "2026-09-21T00:00:00Z")})}});
  CHECK(d.requestsMatching("POST", "/api/v2/users.json").size() == 1);  // no second contact
}

TEST_CASE("TR-5: a caller sent to voicemail before the agent answers: the agent is told it went to voicemail") {
  LiveDriver d;
  d.registerApp();
  d.send(billingRing("c-6", "+1 415 555 0100"));
  d.send({{"type", "callEnded"}, {"callId", "c-6"}, {"reason", "voicemail"}, {"durationSec", 20}});
  CHECK(d.effectsOfType("notify").back()["code"] == "CALL_TO_VOICEMAIL");
  CHECK(d.view["screen"] == "main");
}

TEST_CASE("IN-1: a caller on a contact's second phone is that contact (Zendesk matched another identity)") {
  LiveDriver d;
  d.registerApp();
  d.send(billingRing("c-7", "+49 171 5550 2233"));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(10, "Jürgen", "+49 30 5550 1234", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/10/tickets/requested.json", 200,
            {{"tickets", json::array({zendeskTicket(53, 10, "pending", "2026-09-01T00:00:00Z")})}});
  CHECK(d.view["call"]["contact"]["name"] == "Jürgen");
  CHECK(d.view["call"]["lookup"]["latestUnsolvedTicket"]["id"] == 53);
  CHECK(d.requestsMatching("POST", "/api/v2/users.json").empty());
}

TEST_CASE("Protocol, fuzz oddity: a callDialing for a caller's call (ringing or answered) changes nothing") {
  LiveDriver d;
  d.registerApp();
  d.send(test::ivrRing("c-1", "+14155550100"));
  json ringing = d.view["call"];
  REQUIRE(ringing["state"] == "ringing");

  d.send({{"type", "callDialing"}, {"callId", "c-1"}, {"line", "+18005550000"}});
  CHECK(d.view["screen"] == "incoming");
  CHECK(d.view["call"]["state"] == "ringing");
  CHECK(d.view["call"]["can"] == ringing["can"]);  // Answer and Decline stay offered

  d.send({{"type", "answerClicked"}});
  d.send({{"type", "callConnected"}, {"callId", "c-1"}});
  json connected = d.view["call"];
  d.send({{"type", "callDialing"}, {"callId", "c-1"}});
  CHECK(d.view["call"]["state"] == "connected");
  CHECK(d.view["call"]["can"] == connected["can"]);
}
