// TR-9 in the live adapter (D444): the ticket of a live call merged into another while the call lasts. Zendesk
// closes the merged ticket and refuses to update it (422); the end-of-call update goes to the ticket it was merged
// into, found from the comments merging leaves on both tickets. What cannot be confirmed stays failed with
// Zendesk's refusal, never written elsewhere.
#include "live_driver.h"

using test::json;
using test::LiveDriver;
using test::zendeskTicket;
using test::zendeskUser;

namespace {

json comments(std::initializer_list<std::string> texts) {
  json list = json::array();
  for (const auto& t : texts) list.push_back({{"body", t}, {"plain_body", t}, {"public", false}});
  return {{"comments", list}};
}

json closedRefusal() {
  return {{"error", "RecordInvalid"},
          {"description", "Record validation errors"},
          {"details", {{"status", json::array({{{"description", "Status: closed prevents ticket update"}}})}}}};
}

// Ada calls, her call gets ticket 90; the agent notes, hangs up and is done: the closing update to 90 is pending.
void callEndsOnTicket90(LiveDriver& d) {
  d.registerApp();
  test::adaConnectedOnNewTicket90(d);
  d.send({{"type", "noteChanged"}, {"text", "Router replaced, customer happy"}});
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 120}});
  d.send({{"type", "wrapUpDone"}});
}

bool carriesNote(const json& put) {
  std::string body = put["body"]["ticket"].value("comment", json::object()).value("body", "");
  return body.find("Router replaced, customer happy") != std::string::npos;
}

}  // namespace

TEST_CASE("TR-9: the call's ticket merged away during the call — the end-of-call update goes to the merge target") {
  LiveDriver d;
  callEndsOnTicket90(d);
  auto refused = d.pending("/api/v2/tickets/90.json");
  REQUIRE(carriesNote(refused));
  d.respond(refused, 422, closedRefusal());
  // Which ticket? The merged ticket's newest comment names it; the target's comments name the merged one back.
  d.respond("/api/v2/tickets/90/comments.json", 200,
            comments({"This request was closed and merged into request #95 \"Router\".", "Call from +14155550100"}));
  d.respond("/api/v2/tickets/95/comments.json", 200,
            comments({"Request #90 \"Call from +14155550100\" was closed and merged into this request.",
                      "Router keeps rebooting"}));
  auto moved = d.pending("/api/v2/tickets/95.json");
  CHECK(moved["method"] == "PUT");
  CHECK(carriesNote(moved));  // the agent's note and the call-finished data, on the ticket that lives on
  d.respond(moved, 200, {{"ticket", zendeskTicket(95, 7, "open", "2026-09-21T00:10:00Z")}});
  CHECK(d.view["sync"]["state"] == "saved");
}

TEST_CASE(
    "TR-9: in the agent's own words and language, the merge is followed as long as both tickets name each other") {
  LiveDriver d;
  callEndsOnTicket90(d);
  d.respond("/api/v2/tickets/90.json", 422, closedRefusal());
  d.respond("/api/v2/tickets/90/comments.json", 200, comments({"Zusammengeführt mit #95 (gleiches Problem)"}));
  // The target lives on: the agent has written on it since, naming another ticket.
  d.respond("/api/v2/tickets/95/comments.json", 200,
            comments({"Siehe auch #77", "Anfrage #90 wurde hier zusammengeführt."}));
  CHECK(carriesNote(d.pending("/api/v2/tickets/95.json")));
}

TEST_CASE("TR-9: a refusal that is no merge stays failed with Zendesk's words, and nothing goes to another ticket") {
  LiveDriver d;
  callEndsOnTicket90(d);
  d.respond("/api/v2/tickets/90.json", 422,
            {{"error", "RecordInvalid"}, {"description", "Record validation errors: custom field is invalid"}});
  // The newest comment names ticket 95, but 95 does not name 90 back: no merge.
  d.respond("/api/v2/tickets/90/comments.json", 200, comments({"Customer also wrote in #95 about this"}));
  d.respond("/api/v2/tickets/95/comments.json", 200, comments({"Unrelated ticket"}));
  CHECK(!d.hasUnanswered("/api/v2/tickets/95.json"));
  CHECK(d.requestsMatching("PUT", "/api/v2/tickets/95.json").empty());
  CHECK(d.view["sync"]["state"] == "failed");
  bool listed = false;
  for (const auto& w : d.view["sync"]["writes"]) {
    listed = listed || (w["state"] == "failed" &&
                        w["error"].get<std::string>().find("custom field is invalid") != std::string::npos);
  }
  CHECK(listed);
}

TEST_CASE("TR-9: a chain of merges is followed to its end, and never back to a ticket merged away") {
  LiveDriver d;
  callEndsOnTicket90(d);
  d.respond("/api/v2/tickets/90.json", 422, closedRefusal());
  d.respond("/api/v2/tickets/90/comments.json", 200,
            comments({"This request was closed and merged into request #95."}));
  d.respond("/api/v2/tickets/95/comments.json", 200,
            comments({"Request #90 was closed and merged into this request."}));
  // 95 was merged on into 99 meanwhile: the update to 95 is refused too.
  d.respond("/api/v2/tickets/95.json", 422, closedRefusal());
  d.respond("/api/v2/tickets/95/comments.json", 200,
            comments({"This request was closed and merged into request #99.",
                      "Request #90 was closed and merged into this request."}));
  d.respond("/api/v2/tickets/99/comments.json", 200,
            comments({"Request #95 was closed and merged into this request."}));
  auto moved = d.pending("/api/v2/tickets/99.json");
  CHECK(carriesNote(moved));
  d.respond(moved, 422, closedRefusal());
  // 99's newest comment names 90, a ticket this call already left for a merge: not followed back.
  d.respond("/api/v2/tickets/99/comments.json", 200, comments({"Same customer as #90"}));
  CHECK(!d.hasUnanswered("/api/v2/tickets/90"));
  CHECK(d.view["sync"]["state"] == "failed");
}
