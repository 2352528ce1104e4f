// TR-8 in the live adapter (D445): "hang up and call back", and Call back after a call under 10 s, join the call's
// open ticket — whatever FO-1 says of outbound calls (here FO-1a: outbound calls never join an existing ticket).
#include "live_driver.h"

using test::json;
using test::LiveDriver;
using test::zendeskTicket;
using test::zendeskUser;

namespace {

const json kNeverAppend = {{"doNotAppendToOpenTicket", true}};

// Ada calls in; her call gets ticket 90 (FO-1a also turns TR-3's append off: a new ticket), answered and connected.
void adaOnTicket90(LiveDriver& d) {
  d.registerApp(kNeverAppend);
  d.send({{"type", "connectorState"}, {"state", "online"}});
  test::adaConnectedOnNewTicket90(d);
}

// The outbound view the callback opened, its lookups answered (ticket 90 still open), then Call, confirmed. Before
// Call the view says what will be written: ticket 90 by TR-8 when `joins`, else FO-1a's new ticket.
std::string callBackConfirmed(LiveDriver& d, bool joins) {
  REQUIRE(d.view["screen"] == "outbound");
  CHECK(d.view["outbound"]["number"]["e164"] == "+14155550100");
  for (int i = 0; i < 6; ++i) {
    if (d.hasUnanswered("/api/v2/tickets/90.json?include=users")) {
      d.respond("/api/v2/tickets/90.json?include=users", 200,
                {{"ticket", zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")},
                 {"users", json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
    } else if (d.hasUnanswered("/api/v2/users/7/tickets/requested.json")) {
      d.respond("/api/v2/users/7/tickets/requested.json", 200,
                {{"tickets", json::array({zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")})}});
    } else if (d.hasUnanswered("/api/v2/users/7.json")) {
      d.respond("/api/v2/users/7.json", 200, {{"user", zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")}});
    }
  }
  const json& o = d.view["outbound"];
  CHECK(o["decision"]["rule"] == (joins ? "TR-8" : "FO-1a"));
  CHECK(o["ticket"]["selected"] == (joins ? json(90) : json("new")));
  std::string id = d.clickCall();
  REQUIRE(!id.empty());
  return id;
}

bool appendedTo90(const LiveDriver& d, std::size_t putsBefore) {
  auto puts = d.requestsMatching("PUT", "/api/v2/tickets/90.json");
  return puts.size() > putsBefore;
}

}  // namespace

TEST_CASE("TR-8: Hang up and call back — the callback's dial joins the call's open ticket, even with FO-1a on") {
  LiveDriver d;
  adaOnTicket90(d);
  CHECK(d.view["call"]["can"]["callBack"] == true);
  d.send({{"type", "callBackClicked"}});
  CHECK(d.effectsOfType("telephony").back()["command"] == "hangUp");
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 30}});
  std::size_t before = d.requestsMatching("PUT", "/api/v2/tickets/90.json").size();
  callBackConfirmed(d, true);
  CHECK(d.requestsMatching("POST", "/api/v2/tickets.json").size() == 1);  // only the first call's: no new ticket
  CHECK(appendedTo90(d, before));
  CHECK(d.view["call"]["decision"]["rule"] == "TR-8");
}

TEST_CASE("TR-8: Call back in the wrap-up of a call under 10 s joins its open ticket, a longer call's follows FO-1") {
  SECTION("under 10 s") {
    LiveDriver d;
    adaOnTicket90(d);
    d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 6}});
    REQUIRE(d.view["call"]["can"]["callBack"] == true);  // in the wrap-up
    d.send({{"type", "callBackClicked"}});
    std::size_t before = d.requestsMatching("PUT", "/api/v2/tickets/90.json").size();
    callBackConfirmed(d, true);
    CHECK(d.requestsMatching("POST", "/api/v2/tickets.json").size() == 1);
    CHECK(appendedTo90(d, before));
    CHECK(d.view["call"]["decision"]["rule"] == "TR-8");
  }
  SECTION("a call of 40 s: FO-1a, a new ticket") {
    LiveDriver d;
    adaOnTicket90(d);
    d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 40}});
    d.send({{"type", "callBackClicked"}});
    callBackConfirmed(d, false);
    CHECK(d.requestsMatching("POST", "/api/v2/tickets.json").size() == 2);
    CHECK(d.view["call"]["decision"]["rule"] != "TR-8");
  }
}

TEST_CASE("TR-8: no Call back for a caller without a number") {
  LiveDriver d;
  d.registerApp();
  d.send(test::ivrRing("c-1", "anonymous"));
  d.send({{"type", "answerClicked"}});
  d.send({{"type", "callConnected"}, {"callId", "c-1"}});
  CHECK(d.view["call"]["can"]["callBack"] == false);
  std::size_t before = d.effectsOfType("telephony").size();
  d.send({{"type", "callBackClicked"}});
  CHECK(d.effectsOfType("telephony").size() == before);  // not hung up for a callback that cannot happen
}
