// transferTargets (AH-1): queues offered for transfer in and after business hours.
#include <catch2/catch.hpp>

#include "test_support.h"

using test::json;

namespace {
// Monday 2026-11-23 at 20:00 UTC: after hours for a 09:00–17:00 UTC queue.
json queue(long long id, json extra) {
  json q = {{"id", id}, {"hours", json::array({{{"day", 1}, {"open", "09:00"}, {"close", "17:00"}}})}};
  q.update(extra);
  return q;
}
json targets(const std::string& now, json queues) {
  return test::call("transferTargets", {{"now", now}, {"queues", std::move(queues)}})["queues"];
}
}  // namespace

TEST_CASE("AH-1: in business hours every queue is offered", "[AH-1]") {
  auto q = json::array({queue(1, json::object()), queue(2, {{"virtualAgent", "business_hours"}})});
  CHECK(targets("2026-11-23T10:00:00Z", q) == json::array({1, 2}));
}

TEST_CASE("AH-1: after hours only deflecting, staffed or 24-hour virtual-agent queues are offered", "[AH-1]") {
  auto q = json::array({queue(1, json::object()), queue(2, {{"afterHoursDeflection", true}}),
                        queue(3, {{"loggedInAgents", 1}}), queue(4, {{"virtualAgent", "always"}}),
                        queue(5, {{"virtualAgent", "business_hours"}, {"loggedInAgents", 2}})});
  CHECK(targets("2026-11-23T20:00:00Z", q) == json::array({2, 3, 4}));
}

TEST_CASE("AH-1: business hours are read in the queue's own time zone, overnight spans included", "[AH-1]") {
  // 09:00–17:00 at UTC+09:00 is 00:00–08:00 UTC.
  CHECK(targets("2026-11-23T03:00:00Z", json::array({queue(1, {{"utcOffsetMinutes", 540}})})) == json::array({1}));
  auto night =
      json::array({{{"id", 7}, {"hours", json::array({{{"day", 1}, {"open", "22:00"}, {"close", "06:00"}}})}}});
  CHECK(targets("2026-11-24T02:00:00Z", night) == json::array({7}));  // Tuesday 02:00, Monday's night shift
  CHECK(targets("2026-11-24T07:00:00Z", night) == json::array());
}

TEST_CASE("AH-1: bad schedules are request errors", "[AH-1]") {
  auto r = test::call(
      "transferTargets",
      {{"now", "2026-11-23T10:00:00Z"},
       {"queues",
        json::array({{{"id", 1}, {"hours", json::array({{{"day", 8}, {"open", "09:00"}, {"close", "17:00"}}})}}})}});
  CHECK(r["error"]["path"] == "/queues/0/hours/0/day");
  r = test::call("transferTargets", {{"queues", json::array()}});
  CHECK(r["error"]["path"] == "/now");
}
