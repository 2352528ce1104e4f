#pragma once
// A property failure aborts, so that libFuzzer keeps the input that broke it (and the replay test fails on it).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace fuzz {

// What was being checked (the event's text as it was sent), printed with a failure. A view of the caller's text,
// set for the time of one check (PropertyContext below), not a copy: the checks run on every event.
inline std::string_view& propertyContext() {
  static std::string_view context;
  return context;
}

class PropertyContext {
 public:
  explicit PropertyContext(std::string_view event) { propertyContext() = event; }
  ~PropertyContext() { propertyContext() = {}; }
  PropertyContext(const PropertyContext&) = delete;
  PropertyContext& operator=(const PropertyContext&) = delete;
};

[[noreturn]] inline void propertyFailed(const std::string& property, const std::string& detail) {
  std::string_view event = propertyContext().substr(0, 600);
  std::fprintf(stderr, "PROPERTY FAILED: %s\n  %s\n  event: %.*s\n", property.c_str(), detail.substr(0, 2000).c_str(),
               static_cast<int>(event.size()), event.data());
  std::abort();
}

}  // namespace fuzz

// A macro so that the detail (often a whole view dumped) is built only when the property fails: the checks run on
// every answer, and building their messages eagerly cost more than the adapter.
#define FUZZ_REQUIRE(ok, property, detail)                   \
  do {                                                       \
    if (!(ok)) ::fuzz::propertyFailed((property), (detail)); \
  } while (false)
