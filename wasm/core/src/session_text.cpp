#include "session_text.h"

#include <cstdio>

#include "adapter/iso_time.h"

namespace adapter {

const char* callTypeLabel(SessionType t) {
  switch (t) {
    case SessionType::Ivr: return "IVR Call";
    case SessionType::InboundApp: return "Inbound Call (App)";
    case SessionType::InboundWeb: return "Inbound Call (Web)";
    case SessionType::ScheduledApp: return "Scheduled Call (App)";
    case SessionType::ScheduledWeb: return "Scheduled Call (Web)";
    case SessionType::Outbound: return "Outbound Call";
    case SessionType::Voicemail: return "Voicemail";
    case SessionType::ChatApp: return "Chat (App)";
    case SessionType::ChatWeb: return "Chat (Web)";
  }
  return "Call";
}

const char* sessionTypeName(SessionType t) {
  switch (t) {
    case SessionType::Ivr: return "Voice Inbound (IVR)";
    case SessionType::InboundApp: return "Voice Inbound (App)";
    case SessionType::InboundWeb: return "Voice Inbound (Web)";
    case SessionType::ScheduledApp: return "Voice Scheduled (App)";
    case SessionType::ScheduledWeb: return "Voice Scheduled (Web)";
    case SessionType::Outbound: return "Voice Outbound";
    case SessionType::Voicemail: return "Voicemail";
    case SessionType::ChatApp: return "Messaging Inbound (App Chat)";
    case SessionType::ChatWeb: return "Messaging Inbound (Web Chat)";
  }
  return "Voice";
}

bool isChat(SessionType t) { return t == SessionType::ChatApp || t == SessionType::ChatWeb; }
bool isWebType(SessionType t) {
  return t == SessionType::InboundWeb || t == SessionType::ScheduledWeb || t == SessionType::ChatWeb;
}
bool isMobileType(SessionType t) {
  return t == SessionType::InboundApp || t == SessionType::ScheduledApp || t == SessionType::ChatApp;
}

const char* sessionKind(SessionType t) {
  if (isChat(t)) return "chat";
  if (t == SessionType::InboundWeb || t == SessionType::ScheduledWeb) return "web";
  if (t == SessionType::InboundApp || t == SessionType::ScheduledApp) return "mobile";
  return "call";
}

const char* eventName(SessionEvent e) { return nameOf(kSessionEventNames, e).data(); }  // names are literals

std::string localTimestamp(std::int64_t epochMs, int utcOffsetMinutes) {
  // formatIsoTime gives "YYYY-MM-DDTHH:MM:SSZ" for the shifted instant: keep "YYYY-MM-DD HH:MM".
  std::string iso = formatIsoTime(epochMs + static_cast<std::int64_t>(utcOffsetMinutes) * 60000);
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

std::string monthDayTime(std::int64_t epochMs, int utcOffsetMinutes) {
  std::string local = localTimestamp(epochMs, utcOffsetMinutes);  // YYYY-MM-DD HH:MM
  return local.substr(5, 2) + "/" + local.substr(8, 2) + " " + local.substr(11, 5);
}

std::string durationText(int seconds) {
  char buf[64];
  if (seconds >= 3600) {
    std::snprintf(buf, sizeof buf, "%dh %dm %ds", seconds / 3600, seconds / 60 % 60, seconds % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%dm %ds", seconds / 60, seconds % 60);
  }
  return buf;
}

}  // namespace adapter
