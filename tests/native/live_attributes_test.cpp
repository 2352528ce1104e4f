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

TEST_CASE("PF-1 attributes bound: large values are kept up to the size bound, in the order sent") {
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

// D340: an event's attributes are bounded while it is parsed, in the order the telephony system sent them (the JSON
// text's order, not key order), so the events below are written as text: nlohmann's own objects print in key order.
namespace {

struct RawAdapter {  // registered
  adapter::live::Adapter adapter;
  long long nowMs = 1'790'000'000'000;
  std::vector<json> effects;

  RawAdapter() { send(R"("type":"appRegistered","agent":{"id":5,"name":"Sam Agent"})"); }

  json send(const std::string& fields) {  // the event's fields as JSON text, without braces
    json answer = json::parse(adapter.dispatch("{" + fields + ",\"nowMs\":" + std::to_string(nowMs++) + "}"));
    if (answer.contains("effects")) effects.insert(effects.end(), answer["effects"].begin(), answer["effects"].end());
    return answer;
  }
  json lastCall() const {
    for (auto e = effects.rbegin(); e != effects.rend(); ++e) {
      if ((*e)["type"] == "persist") return (*e)["state"]["calls"].empty() ? json() : (*e)["state"]["calls"][0];
    }
    return nullptr;
  }
  std::vector<json> capped() const {
    std::vector<json> out;
    for (const auto& e : effects) {
      if (e["type"] == "notify" && e["code"] == "CALL_ATTRIBUTES_CAPPED") out.push_back(e);
    }
    return out;
  }
};

// "key":"value" pairs named <prefix><n> for n = from down to to (descending: text order is the opposite of key
// order), each value `valueBytes` long.
std::string entries(const std::string& prefix, int from, int to, std::size_t valueBytes = 1) {
  std::string out;
  for (int n = from; n >= to; --n) {
    if (!out.empty()) out += ',';
    out += '"' + prefix + std::to_string(1000 + n) + "\":\"" + std::string(valueBytes, 'v') + '"';
  }
  return out;
}

const std::string kRing = R"("type":"callRinging","callId":"c-1","ani":"+14155550100","sessionType":"ivr")";

}  // namespace

TEST_CASE("PF-1 attributes bound: the first ones sent are kept, the reserved ones wherever they come, told exactly") {
  RawAdapter a;
  // 150 plain attributes sent from a_1149 down to a_1000; past the first 100, a reserved attribute, a nested value
  // and a list; a reserved attribute at the very end.
  auto answer = a.send(kRing + ",\"attributes\":{" + entries("a_", 149, 50) +
                       R"(,"verified_customer":"yes","a_nested":{"deep":[1,{"x":2}]},"a_list":[[],{}],)" +
                       entries("a_", 49, 0) + R"(,"reserved_bad_actor":true})");
  REQUIRE(answer.contains("view"));
  CHECK(answer["view"]["call"]["flags"] == json({"verified_customer", "bad_actor"}));
  json attributes = a.lastCall()["attributes"];
  CHECK(attributes.size() == kKeptAttributes + 2);
  CHECK(attributes.contains("a_1149"));   // the first sent
  CHECK(attributes.contains("a_1050"));   // the 100th sent
  CHECK(!attributes.contains("a_1049"));  // the 101st
  CHECK(!attributes.contains("a_1000"));  // first in key order, but sent last: left out
  CHECK(!attributes.contains("a_nested"));
  CHECK(attributes["reserved_bad_actor"] == true);
  CHECK(attributes["verified_customer"] == "yes");
  REQUIRE(a.capped().size() == 1);
  CHECK(
      a.capped()[0] ==
      json(
          {{"type", "notify"}, {"code", "CALL_ATTRIBUTES_CAPPED"}, {"kind", "notice"}, {"params", {{"dropped", 52}}}}));
}

TEST_CASE("PF-1 attributes bound: values kept in the order sent up to the size bound, nested values whole") {
  RawAdapter a;
  // A nested value first (57 bytes), then about 1 KB each: the size bound (16 KB) is met after the first 16 sent.
  a.send(kRing + R"(,"attributes":{"z_context":{"intent":["billing",{"score":0.5}],"vip":null},)" +
         entries("b_", 39, 0, 1000) + "}");
  json attributes = a.lastCall()["attributes"];
  CHECK(attributes["z_context"] == json::parse(R"({"intent":["billing",{"score":0.5}],"vip":null})"));
  CHECK(attributes.size() == 17);
  CHECK(attributes.contains("b_1039"));
  CHECK(attributes.contains("b_1024"));
  CHECK(!attributes.contains("b_1023"));
  REQUIRE(a.capped().size() == 1);
  CHECK(a.capped()[0]["params"]["dropped"] == 24);
}

TEST_CASE(
    "PF-1 attributes bound: a later event fills the call's room in the order sent, a repeated key counting once") {
  RawAdapter a;
  a.send(kRing + ",\"attributes\":{" + entries("c_", 94, 0) + "}");  // 95 of 100
  CHECK(a.capped().empty());
  // A repeated key: the later value replaces the earlier and takes no room of its own.
  a.send(R"("type":"callAttributes","callId":"c-1","attributes":{)" + entries("d_", 9, 0) +
         R"(,"c_1000":"first","c_1000":"second","reserved_repeat_customer":"yes"})");
  json attributes = a.lastCall()["attributes"];
  CHECK(attributes.size() == kKeptAttributes + 1);
  CHECK(attributes.contains("d_1009"));
  CHECK(attributes.contains("d_1005"));
  CHECK(!attributes.contains("d_1004"));
  CHECK(attributes["c_1000"] == "second");
  CHECK(attributes["reserved_repeat_customer"] == "yes");
  REQUIRE(a.capped().size() == 1);
  CHECK(a.capped()[0]["params"]["dropped"] == 5);
}

TEST_CASE("PF-1 attributes bound: an event malformed past the bound is refused whole and changes nothing") {
  RawAdapter a;
  auto answer = a.send(kRing + ",\"attributes\":{" + entries("e_", 199, 0) + R"(,"e_late":[1,}})");
  REQUIRE(answer.contains("error"));
  CHECK(answer["error"]["code"] == "INVALID_REQUEST");
  CHECK(a.lastCall().is_null());
  answer = a.send(R"("type":"callRinging","callId":"c-1","ani":"+14155550100","attributes":[1])");
  REQUIRE(answer.contains("error"));
  CHECK(answer["error"]["path"] == "/attributes");
  CHECK(a.send(kRing + R"(,"attributes":{"f":1})")["view"]["screen"] == "incoming");
}
