#pragma once
// A property failure aborts, so that libFuzzer keeps the input that broke it (and the replay test fails on it).
#include <cstdio>
#include <cstdlib>
#include <string>

namespace fuzz {

// FUZZ_STRICT=1: the known findings of docs/fuzzing.md are not excused (their reproductions fail).
inline bool strictProperties() {
  static const bool on = std::getenv("FUZZ_STRICT") != nullptr;
  return on;
}

// What was being checked (the event), printed with a failure.
inline std::string& propertyContext() {
  static std::string context;
  return context;
}

[[noreturn]] inline void propertyFailed(const std::string& property, const std::string& detail) {
  std::fprintf(stderr, "PROPERTY FAILED: %s\n  %s\n  event: %s\n", property.c_str(), detail.substr(0, 2000).c_str(),
               propertyContext().substr(0, 600).c_str());
  std::abort();
}

}  // namespace fuzz

// A macro so that the detail (often a whole view dumped) is built only when the property fails: the checks run on
// every answer, and building their messages eagerly cost more than the adapter.
#define FUZZ_REQUIRE(ok, property, detail)                   \
  do {                                                       \
    if (!(ok)) ::fuzz::propertyFailed((property), (detail)); \
  } while (false)

namespace fuzz {}  // namespace fuzz
