#pragma once
// Words the session engine writes into Zendesk: call-type labels (RC-1), session-type names (RC-2),
// SF-1 session kinds, unauthenticated contact names (UA-1) and durations in notes.
#include <cstdint>
#include <string>

#include "adapter/session.h"

namespace adapter {

const char* callTypeLabel(SessionType t);    // RC-1 CALL_TYPE: "Inbound Call (App)"
const char* sessionTypeName(SessionType t);  // RC-2 source: "Voice Inbound (IVR)"
const char* sessionKind(SessionType t);      // SF-1: call | chat | web | mobile
bool isChat(SessionType t);
bool isWebType(SessionType t);
bool isMobileType(SessionType t);
const char* eventName(SessionEvent e);
// "03/07 14:05" in the agent's time zone.
std::string monthDayTime(std::int64_t epochMs, int utcOffsetMinutes);
// "2026-03-07 14:05" in the agent's time zone (RC-1 TIMESTAMP).
std::string localTimestamp(std::int64_t epochMs, int utcOffsetMinutes);
// "2m 13s"
std::string durationText(int seconds);

}  // namespace adapter
