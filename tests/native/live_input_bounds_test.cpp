// Issue 21 item 4 in the core (D438): every event has a size limit of the core's own, whatever host hands it in,
// and a text from outside is cut once to its budget where it comes in (text_budgets.h) — from Zendesk, the
// connector, the agent's registration or a restored snapshot — so a huge one is never carried whole into the view,
// the persisted snapshot or a write. The tests assert what the agent and Zendesk would get.
#include "live_driver.h"

using test::json;
using test::LiveDriver;

namespace {

constexpr std::size_t kKiB = 1024, kMiB = 1024 * kKiB;

// The event's JSON text, padded with an unknown field (ignored, as the protocol says) to exactly `bytes` bytes.
std::string eventOfSize(json event, std::size_t bytes) {
  event["pad"] = "";
  std::string text = event.dump();
  REQUIRE(text.size() <= bytes);
  event["pad"] = std::string(bytes - text.size(), 'x');
  text = event.dump();
  REQUIRE(text.size() == bytes);
  return text;
}

// A text of `bytes` bytes made of two-byte characters after one single-byte one, so a cut at an even budget falls
// inside a character unless it is made between characters.
std::string longText(std::size_t bytes) {
  std::string text = "a";
  while (text.size() + 2 <= bytes) text += "\xC3\xA9";  // é
  return text;
}

bool validUtf8Prefix(const std::string& cut, const std::string& whole) {
  if (whole.compare(0, cut.size(), cut) != 0) return false;
  return json::parse(json(cut).dump(), nullptr, false).is_string();  // dump throws on invalid UTF-8
}

}  // namespace

TEST_CASE(
    "Event limits (D438): an event over its type's limit is EVENT_TOO_LARGE with its numbers, and changes "
    "nothing") {
  LiveDriver d;
  d.registerApp();
  d.send(test::ivrRing("c-1", "+14155550100"));
  json before = d.send({{"type", "paneActivated"}})["view"];
  adapter::live::Adapter& a = d.adapter();
  struct Case {
    const char* type;
    std::size_t limit;
  };
  for (const Case& c : {Case{"tick", 512 * kKiB}, Case{"noteChanged", 512 * kKiB}, Case{"appRegistered", kMiB},
                        Case{"restore", 8 * kMiB}}) {
    INFO(c.type);
    json event = {{"type", c.type}, {"nowMs", d.nowMs}};
    json refused = json::parse(a.dispatch(eventOfSize(event, c.limit + 1)));
    REQUIRE(refused.contains("error"));
    CHECK(refused["error"]["code"] == "EVENT_TOO_LARGE");
    CHECK(refused["error"]["path"] == "/");
    CHECK(refused["error"]["params"] == json({{"type", c.type}, {"bytes", c.limit + 1}, {"limit", c.limit}}));
    // One byte less is not refused for its size (it may be for its fields: these events have none of theirs).
    json fits = json::parse(a.dispatch(eventOfSize(event, c.limit)));
    CHECK((!fits.contains("error") || fits["error"]["code"] == "INVALID_REQUEST"));
  }
  // A Zendesk answer may be far larger than an agent's action (its limit is the largest).
  json answer = {{"type", "httpResponse"}, {"nowMs", d.nowMs}, {"requestId", "none"}, {"status", 200}};
  CHECK_FALSE(json::parse(a.dispatch(eventOfSize(answer, 2 * kMiB))).contains("error"));
  // Past the largest limit the text is refused before it is read: no type is named.
  std::string huge(32 * kMiB + 1, ' ');
  json refused = json::parse(a.dispatch(huge));
  CHECK(refused["error"]["code"] == "EVENT_TOO_LARGE");
  CHECK(refused["error"]["params"]["type"] == "");
  CHECK(refused["error"]["params"]["limit"] == 32 * kMiB);
  CHECK(refused["error"]["message"] == "the event is 33554433 bytes of JSON; at most 33554432 are accepted");
  // The note, the call and the view are as before: every refusal above changed nothing.
  json after = d.send({{"type", "paneActivated"}})["view"];
  CHECK(after == before);
}

TEST_CASE(
    "Shown texts (D438): a 1 MB caller name and ticket subject from Zendesk are kept cut to 16 KiB between "
    "characters, in the view and the snapshot") {
  LiveDriver d;
  d.registerApp();
  std::string name = longText(kMiB), subject = longText(kMiB);
  d.send(test::ivrRing("c-1", "+14155550100"));
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({test::zendeskUser(7, name, "+14155550100", "2025-01-01T00:00:00Z")})}});
  json ticket = test::zendeskTicket(80, 7, "open", "2026-09-20T00:00:00Z");
  ticket["subject"] = subject;
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array({ticket})}});
  const json& lookup = d.view["call"]["lookup"];
  REQUIRE(lookup["contactId"] == 7);
  std::string shownName = lookup["contactName"], shownSubject = lookup["latestUnsolvedTicket"]["subject"];
  CHECK(shownName.size() == 16383);  // 16,384 would end inside an é
  CHECK(validUtf8Prefix(shownName, name));
  CHECK(shownSubject.size() == 16383);
  CHECK(validUtf8Prefix(shownSubject, subject));
  // The persisted snapshot holds the cut texts, not the megabytes.
  CHECK(d.lastPersistedState().dump().size() < 200 * kKiB);
}

TEST_CASE("Shown texts (D438): the agent's name, a queue and a menu path are cut as Zendesk's texts are") {
  LiveDriver d;
  std::string longName = longText(100 * kKiB);
  d.send({{"type", "appRegistered"}, {"agent", {{"id", 5}, {"name", longName}}}, {"connector", {{"name", longName}}}});
  CHECK(d.view["agent"]["name"].get<std::string>().size() == 16383);
  CHECK(d.view["connector"]["name"].get<std::string>().size() == 16383);
  d.send({{"type", "callRinging"},
          {"callId", "c-1"},
          {"ani", "+14155550100"},
          {"menuPath", longName},
          {"queue", {{"id", 1}, {"name", longName}}}});
  CHECK(d.view["call"]["menuPath"].get<std::string>().size() == 16383);
  CHECK(d.view["call"]["queueName"].get<std::string>().size() == 16383);
  CHECK(validUtf8Prefix(d.view["call"]["queueName"], longName));
}

TEST_CASE(
    "Restore (D438): a snapshot's texts are cut as their events' are, and a call id longer than any event's is "
    "refused") {
  LiveDriver d;
  d.registerApp();
  std::string note = longText(kMiB);
  json call = {{"id", "c-9"},  {"state", "connected"},       {"direction", "inbound"},
               {"note", note}, {"menuPath", longText(kMiB)}, {"queueName", longText(kMiB)}};
  json restored =
      d.send({{"type", "restore"}, {"state", {{"version", 1}, {"calls", {call}}, {"activeCallId", "c-9"}}}});
  REQUIRE_FALSE(restored.contains("error"));
  REQUIRE(d.view["call"]["id"] == "c-9");
  std::string kept = d.view["call"]["note"];
  CHECK(kept.size() == 59999);  // the note's 60,000 bytes, between characters
  CHECK(validUtf8Prefix(kept, note));
  CHECK(d.view["call"]["menuPath"].get<std::string>().size() == 16383);
  CHECK(d.view["call"]["queueName"].get<std::string>().size() == 16383);

  LiveDriver other;
  other.registerApp();
  call["id"] = std::string(129, 'c');
  json refused = other.send({{"type", "restore"}, {"state", {{"version", 1}, {"calls", {call}}}}});
  REQUIRE(refused.contains("error"));
  CHECK(refused["error"]["code"] == "INVALID_REQUEST");
  CHECK(refused["error"]["path"] == "/state/calls/0/id");
}
