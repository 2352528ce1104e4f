#pragma once
// The benchmark's requests, built the same way for the native and the WASM run (bench/wasm-bench.mjs asks the
// native build for them with `adapter_bench --requests` so both measure identical bytes).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace bench {

struct Case {
  std::string name;
  std::string function;
  std::string request;
};

// A caller (contact 7) with `tickets` tickets, a quarter of them open and ours; `contacts` contacts share the
// caller's number space (one in ten has the number).
inline std::string sessionRequest(int contacts, int tickets) {
  nlohmann::json c = nlohmann::json::array();
  for (int i = 0; i < contacts; ++i) {
    c.push_back({{"id", i + 7},
                 {"name", "Contact " + std::to_string(i)},
                 {"phones", {i % 10 == 0 ? "+14155550100" : "+1415555" + std::to_string(1000 + i % 9000)}},
                 {"createdAt", "2020-01-01T00:00:00Z"}});
  }
  nlohmann::json t = nlohmann::json::array();
  for (int i = 0; i < tickets; ++i) {
    bool ours = i % 4 == 0;
    t.push_back(
        {{"id", 100000 + i},
         {"requesterId", 7},
         {"status", ours ? "open" : "solved"},
         {"updatedAt", "2026-11-19T10:00:00Z"},
         {"subject", "Ticket " + std::to_string(i)},
         {"tags", ours ? nlohmann::json::array({"ccaas", "ccaas_voice", "ccaas_queue_q" + std::to_string(i % 50)})
                       : nlohmann::json::array({"email"})}});
  }
  nlohmann::json session = {{"id", "c-1"},
                            {"type", "ivr"},
                            {"event", "assigned"},
                            {"phone", "+14155550100"},
                            {"contactId", 7},
                            {"leafQueueId", "q7"},
                            {"startedAt", "2026-11-20T10:15:00Z"},
                            {"agentId", 5}};
  return nlohmann::json{
      {"settings", {{"defaultCallingCode", "1"}}}, {"session", session}, {"contacts", c}, {"tickets", t}}
      .dump();
}

inline std::string outboundRequest(int contacts, int tickets) {
  auto j = nlohmann::json::parse(sessionRequest(contacts, tickets));
  j.erase("session");
  j["entry"] = {{"source", "dialpad"}, {"number", "+14155550100"}};
  j["input"] = {{"contactId", 7}};
  j["settings"]["promptSelectOpenTicket"] = true;
  return j.dump();
}

inline std::vector<Case> cases() {
  return {
      {"resolveSession 1 contact x 10,000 tickets", "resolveSession", sessionRequest(1, 10000)},
      {"resolveSession 1 contact x 100 tickets", "resolveSession", sessionRequest(1, 100)},
      {"planOutbound 1,000 contacts x 10,000 tickets", "planOutbound", outboundRequest(1000, 10000)},
      {"sessionTag (boundary crossing, tiny request)", "sessionTag",
       R"json({"sessionType":"Voice Inbound (IVR)"})json"},
  };
}

}  // namespace bench
