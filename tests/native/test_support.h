#pragma once
// Helpers for tests that drive the core through its public JSON contract, exactly as the shim does.
#include <nlohmann/json.hpp>
#include <string>

#include "adapter/call.h"

namespace test {

using json = nlohmann::json;

inline json call(const std::string& function, const json& request) {
  return json::parse(adapter::call(function, request.dump()));
}
inline json callText(const std::string& function, const std::string& request) {
  return json::parse(adapter::call(function, request));
}

inline json contact(long long id, const std::string& name, json phones, const std::string& createdAt) {
  return {{"id", id}, {"name", name}, {"phones", std::move(phones)}, {"createdAt", createdAt}};
}

inline json ticket(long long id, long long requesterId, const std::string& status, const std::string& updatedAt,
                   json tags = json::array({"ccaas"})) {
  return {{"id", id},
          {"requesterId", requesterId},
          {"status", status},
          {"createdAt", "2026-01-01T00:00:00Z"},
          {"updatedAt", updatedAt},
          {"subject", "Ticket " + std::to_string(id)},
          {"tags", std::move(tags)}};
}

// A planOutbound request with every part explicit; tests change what they are about.
struct Outbound {
  json settings = {{"defaultCallingCode", "1"}};
  json agent = {{"id", 1}, {"teams", json::array()}};
  json entry = {{"source", "dialpad"}, {"number", nullptr}};
  json contacts = json::array();
  json tickets = json::array();
  json input = json::object();

  json request() const {
    return {{"settings", settings}, {"agent", agent},     {"entry", entry},
            {"contacts", contacts}, {"tickets", tickets}, {"input", input}};
  }
  json plan() const { return call("planOutbound", request()); }
};

inline bool hasCode(const json& list, const std::string& code) {
  for (const auto& item : list) {
    if (item.at("code") == code) return true;
  }
  return false;
}

}  // namespace test
