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

// A dial-pad entry of +14155550100 with contact 7 chosen and its `tickets` tickets. `allMatch`: every contact has
// the dialled number (what a phone search returns, and the worst case: each is a match to list); else one in ten.
inline std::string outboundRequest(int contacts, int tickets, bool allMatch = false) {
  auto j = nlohmann::json::parse(sessionRequest(contacts, tickets));
  if (allMatch) {
    for (auto& c : j["contacts"]) c["phones"] = {"+14155550100"};
  }
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

// The speed grid (bench/speed.mjs): both functions at 10 / 1,000 / 5,000 contacts x 100 / 10,000
// tickets. resolveSession: the request above (a known caller, contact 7, named by the session; one contact in ten
// shares the number). planOutbound: the dial pad with every contact matching the dialled number (allMatch).
struct GridCase {
  std::string name;
  std::string function;
  int contacts;
  int tickets;
  std::string request;
};

inline std::vector<GridCase> gridCases() {
  std::vector<GridCase> out;
  auto count = [](int n) {
    return n >= 1000 ? std::to_string(n / 1000) + "," + std::to_string(n % 1000 + 1000).substr(1) : std::to_string(n);
  };
  for (const char* function : {"planOutbound", "resolveSession"}) {
    for (int contacts : {10, 1000, 5000}) {
      for (int tickets : {100, 10000}) {
        std::string fn = function;
        out.push_back(
            {fn + " " + count(contacts) + " contacts x " + count(tickets) + " tickets", fn, contacts, tickets,
             fn == "planOutbound" ? outboundRequest(contacts, tickets, true) : sessionRequest(contacts, tickets)});
      }
    }
  }
  return out;
}

// One boundary crossing: a tiny pure call, and the live adapter's trivial event (after registering the app).
inline nlohmann::json crossingRequests() {
  return {
      {"call", {{"function", "normalizePhone"}, {"request", R"json({"number":"+14155550100"})json"}}},
      {"dispatch",
       {{"setup",
         R"json({"type":"appRegistered","nowMs":1,"settings":{},"agent":{"id":5,"name":"Sam Agent","groupIds":[]},"connector":{"name":"simulator"}})json"},
        {"event", R"json({"type":"paneActivated","nowMs":1})json"}}}};
}

}  // namespace bench
