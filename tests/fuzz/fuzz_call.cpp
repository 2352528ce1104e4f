// Fuzz target for adapter::call. Input: "<function>\n<request>"; when the prefix is not a function name the
// first byte picks one and the whole input is the request. Property: every answer is a JSON object, and an
// error is INVALID_REQUEST (never INTERNAL, which would mean a bug behind a caught exception).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "adapter/call.h"

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
  bool ok = !parsed.is_discarded() && parsed.is_object();
  if (ok && parsed.contains("error")) ok = parsed["error"].value("code", "") == "INVALID_REQUEST";
  if (!ok) {
    std::fprintf(stderr, "bad answer from %s: %s\n", function.c_str(), answer.substr(0, 500).c_str());
    std::abort();
  }
  return 0;
}
