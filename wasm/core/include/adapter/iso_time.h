#pragma once
// ISO 8601 date-times with offset ("2026-11-20T10:15:00Z", "2026-11-20T11:15:00.250+01:00") as epoch
// milliseconds, so times written with different offsets compare correctly.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace adapter {

std::optional<std::int64_t> parseIsoTime(std::string_view s);
// Epoch milliseconds → "2026-11-20T10:15:00Z" (UTC, seconds precision).
std::string formatIsoTime(std::int64_t epochMs);

}  // namespace adapter
