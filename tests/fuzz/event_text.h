#pragma once
// The events the session generator sends, written as JSON text directly (D410): building each one as a
// nlohmann::json object and printing it was a good part of the harness's cost per event. The text is byte for byte
// what nlohmann's dump() printed (members in key order, strings escaped the same way: 628 fuzz-made sessions traced
// with FUZZ_TRACE sent the same texts up to the first event the generator did not play before); the properties
// read the few facts they need (type, time, call) from SentEvent, not from a parsed copy.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fuzz {

// What the properties read from an event as it was sent (docs/fuzzing.md "Properties").
struct SentEvent {
  std::string type;     // "" when the event has no text type (or is no object)
  bool hasNow = false;  // its nowMs is an integer
  std::int64_t nowMs = 0;
  bool hasCallId = false;  // its callId is text
  std::string callId;

  // The facts of an event the harness did not write (raw text, parsed; null when it is no JSON).
  static SentEvent of(const nlohmann::json& event);
};

// Appends `s` as a JSON string, escaped as nlohmann's dump() escapes (valid UTF-8 passes as it is).
void appendJsonString(std::string& out, std::string_view s);

class EventText {
 public:
  EventText(const char* type, std::int64_t nowMs);

  EventText& text(const char* key, std::string_view value);
  EventText& number(const char* key, std::int64_t value);
  EventText& boolean(const char* key, bool value);
  EventText& null(const char* key);
  // A member whose value is already JSON text (a nested object or array, written in key order by the caller).
  EventText& json(const char* key, std::string value);
  EventText& callId(std::string_view id);  // text("callId", id), and SentEvent's call

  // The event's text, members in key order (as nlohmann's std::map prints them).
  std::string str();
  const SentEvent& sent() const { return sent_; }

 private:
  std::vector<std::pair<const char*, std::string>> members_;
  SentEvent sent_;
};

}  // namespace fuzz
