// PF-1 under a flood of caller attributes: the reserved ones always reach the flags, the others are kept up to a
// bound (count and size) and the agent is told how many were left out; what is kept stays bounded, so later events
// do not pay for the flood again.
#include "live_driver.h"

using test::json;
using test::LiveDriver;

namespace {

constexpr int kKeptAttributes = 100;  // the live adapter's bound on attributes besides PF-1's

json manyAttributes(int count, std::size_t valueBytes = 14) {
  json attributes = json::object();
  for (int i = 0; i < count; ++i) {
    std::string key = "attr_" + std::to_string(100000 + i);
    attributes[key] = std::string(valueBytes, 'v');
  }
  return attributes;
}

json lastPersistedCall(const LiveDriver& d) {
  auto persisted = d.effectsOfType("persist");
  REQUIRE(!persisted.empty());
  const auto& calls = persisted.back()["state"]["calls"];
  REQUIRE(calls.size() == 1);
  return calls[0];
}

std::vector<json> cappedNotices(const LiveDriver& d) {
  std::vector<json> out;
  for (const auto& n : d.effectsOfType("notify")) {
    if (n["code"] == "CALL_ATTRIBUTES_CAPPED") out.push_back(n);
  }
  return out;
}

}  // namespace

TEST_CASE("PF-1 with 5,000 caller attributes: the reserved ones flag the caller, the rest are bounded and told") {
  LiveDriver d;
  d.registerApp();
  json ring = test::ivrRing("c-1", "+14155550100");
  ring["attributes"] = manyAttributes(5000);
  ring["attributes"]["reserved_bad_actor"] = true;
  ring["attributes"]["verified_customer"] = "yes";
  d.send(ring);

  CHECK(d.view["call"]["flags"] == json({"verified_customer", "bad_actor"}));
  auto notices = cappedNotices(d);
  REQUIRE(notices.size() == 1);
  CHECK(notices[0]["kind"] == "notice");
  CHECK(notices[0]["params"]["dropped"] == 5000 - kKeptAttributes);
  auto attributes = lastPersistedCall(d)["attributes"];
  CHECK(attributes.size() == kKeptAttributes + 2);
  CHECK(attributes["reserved_bad_actor"] == true);
  CHECK(attributes["verified_customer"] == "yes");

  SECTION("a reserved attribute arriving mid-session past the bound still becomes a flag") {
    json more = manyAttributes(10, 3);
    more["reserved_repeat_customer"] = 1;
    d.send({{"type", "callAttributes"}, {"callId", "c-1"}, {"attributes", more}});
    CHECK(d.view["call"]["flags"] == json({"verified_customer", "bad_actor", "repeat_customer"}));
    // The ten others were already among the kept ones (same keys): only their values change, nothing is dropped.
    CHECK(cappedNotices(d).size() == 1);
    json fresh = {{"another_key", "x"}};
    d.send({{"type", "callAttributes"}, {"callId", "c-1"}, {"attributes", fresh}});
    REQUIRE(cappedNotices(d).size() == 2);
    CHECK(cappedNotices(d).back()["params"]["dropped"] == 1);
    CHECK(!lastPersistedCall(d)["attributes"].contains("another_key"));
  }

  SECTION("a later tick, after the call ended, neither persists nor reports the attributes again") {
    d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "abandoned"}});
    std::size_t persisted = d.effectsOfType("persist").size();
    auto answer = d.tickAfter(1000);
    REQUIRE(answer.contains("view"));
    CHECK(d.effectsOfType("persist").size() == persisted);
    CHECK(cappedNotices(d).size() == 1);
  }
}

TEST_CASE("PF-1 attributes bound: large values are kept up to the size bound, in key order") {
  LiveDriver d;
  d.registerApp();
  json ring = test::ivrRing("c-1", "+14155550100");
  ring["attributes"] = manyAttributes(40, 1000);  // about 1 KB each: the size bound (16 KB) is met first
  d.send(ring);
  auto attributes = lastPersistedCall(d)["attributes"];
  CHECK(attributes.size() == 16);
  CHECK(attributes.contains("attr_100000"));
  CHECK(attributes.contains("attr_100015"));
  CHECK(!attributes.contains("attr_100016"));
  REQUIRE(cappedNotices(d).size() == 1);
  CHECK(cappedNotices(d)[0]["params"]["dropped"] == 24);
}

TEST_CASE("PF-1 attributes bound: a snapshot saved with thousands of attributes restores bounded, its flags intact") {
  LiveDriver first;
  first.registerApp();
  first.send(test::ivrRing("c-1", "+14155550100"));
  json state = first.effectsOfType("persist").back()["state"];
  // As an adapter without the bound saved it: every attribute the connector sent.
  state["calls"][0]["attributes"] = manyAttributes(5000);
  state["calls"][0]["attributes"]["reserved_verified_customer"] = "false";

  LiveDriver d;
  auto answer = d.send({{"type", "restore"}, {"state", state}});
  REQUIRE(answer.contains("view"));
  d.registerApp();
  CHECK(d.view["call"]["flags"] == json({"unverified_customer"}));
  CHECK(lastPersistedCall(d)["attributes"].size() == kKeptAttributes + 1);
}
