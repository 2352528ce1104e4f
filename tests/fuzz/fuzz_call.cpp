// Fuzz target for adapter::call and the live adapter. Input: "<function>\n<request>"; when the prefix is not a
// function name the first byte picks one and the whole input is the request. "live\n<event>\n<event>..." feeds
// the events, one per line, to one adapter::live::Adapter. Property: every answer is a JSON object, and an error
// is INVALID_REQUEST (never INTERNAL, which would mean a bug behind a caught exception).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "adapter/call.h"
#include "adapter/live/adapter.h"

namespace {

void check(const std::string& who, const std::string& answer, bool wantsView) {
  auto parsed = nlohmann::json::parse(answer, nullptr, false);
  bool ok = !parsed.is_discarded() && parsed.is_object();
  if (ok && parsed.contains("error")) {
    ok = parsed["error"].value("code", "") == "INVALID_REQUEST";
  } else if (ok && wantsView) {
    ok = parsed.contains("view") && parsed.contains("effects");
  }
  if (!ok) {
    std::fprintf(stderr, "bad answer from %s: %s\n", who.c_str(), answer.substr(0, 500).c_str());
    std::abort();
  }
}

void fuzzLive(std::string_view events) {
  adapter::live::Adapter live;
  while (!events.empty()) {
    auto end = events.find('\n');
    std::string_view event = events.substr(0, end);
    check("live adapter", live.dispatch(event), true);
    if (end == std::string_view::npos) break;
    events.remove_prefix(end + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input.substr(0, 5) == "live\n") {
    fuzzLive(input.substr(5));
    return 0;
  }
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
  check(function, adapter::call(function, request), false);
  return 0;
}
