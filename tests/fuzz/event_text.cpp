// Event text without nlohmann's objects (event_text.h).
#include "event_text.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace fuzz {

SentEvent SentEvent::of(const nlohmann::json& event) {
  SentEvent s;
  if (!event.is_object()) return s;
  auto type = event.find("type");
  if (type != event.end() && type->is_string()) s.type = type->get<std::string>();
  auto now = event.find("nowMs");
  if (now != event.end() && now->is_number_integer()) {
    s.hasNow = true;
    s.nowMs = now->get<std::int64_t>();
  }
  auto call = event.find("callId");
  if (call != event.end() && call->is_string()) {
    s.hasCallId = true;
    s.callId = call->get<std::string>();
  }
  return s;
}

void appendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

EventText::EventText(const char* type, std::int64_t nowMs) {
  members_.reserve(8);
  text("type", type);
  number("nowMs", nowMs);
  sent_.type = type;
  sent_.hasNow = true;
  sent_.nowMs = nowMs;
}

EventText& EventText::text(const char* key, std::string_view value) {
  std::string v;
  v.reserve(value.size() + 2);
  appendJsonString(v, value);
  members_.emplace_back(key, std::move(v));
  return *this;
}

EventText& EventText::number(const char* key, std::int64_t value) {
  members_.emplace_back(key, std::to_string(value));
  return *this;
}

EventText& EventText::boolean(const char* key, bool value) {
  members_.emplace_back(key, value ? "true" : "false");
  return *this;
}

EventText& EventText::null(const char* key) {
  members_.emplace_back(key, "null");
  return *this;
}

EventText& EventText::json(const char* key, std::string value) {
  members_.emplace_back(key, std::move(value));
  return *this;
}

EventText& EventText::callId(std::string_view id) {
  sent_.hasCallId = true;
  sent_.callId.assign(id);
  return text("callId", id);
}

std::string EventText::str() {
  std::sort(members_.begin(), members_.end(),
            [](const auto& a, const auto& b) { return std::strcmp(a.first, b.first) < 0; });
  std::string out = "{";
  for (const auto& [key, value] : members_) {
    if (out.size() > 1) out += ',';
    out += '"';
    out += key;
    out += "\":";
    out += value;
  }
  out += '}';
  return out;
}

}  // namespace fuzz
