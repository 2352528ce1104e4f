// Fuzz target for the exported functions (adapter::call, docs/contract.md). Input: "<function>\n<request>"; when
// the prefix is not a function name the first byte picks one and the whole input is the request (one target for
// every function: they share the request reader, and one corpus lets a request shape found for one reach the
// others). Properties: every answer is a JSON object; an error is INVALID_REQUEST (never INTERNAL, which would
// mean a bug behind a caught exception); the same request answers the same (the functions are pure).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "adapter/call.h"
#include "property.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto& names = adapter::functionNames();
  std::string function;
  std::string_view request = input;
  auto newline = input.find('\n');
  if (newline != std::string_view::npos && adapter::isFunction(input.substr(0, newline))) {
    function = std::string(input.substr(0, newline));
    request = input.substr(newline + 1);
  } else {
    function = names[size ? data[0] % names.size() : 0];
  }
  std::string answer = adapter::call(function, request);
  auto parsed = nlohmann::json::parse(answer, nullptr, false);
  FUZZ_REQUIRE(!parsed.is_discarded() && parsed.is_object(), "answers are JSON objects", function + ": " + answer);
  if (parsed.contains("error")) {
    FUZZ_REQUIRE(parsed["error"].is_object() && parsed["error"].value("code", "") == "INVALID_REQUEST",
                 "refusals are INVALID_REQUEST", function + ": " + answer);
  }
  FUZZ_REQUIRE(adapter::call(function, request) == answer, "the same request answers the same", function);
  return 0;
}
