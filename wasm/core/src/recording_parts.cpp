// recordingParts (RS-1): recordings over 50 MB are attached as ordered 50 MB parts.
#include "adapter/functions.h"

namespace adapter {
namespace {
constexpr std::int64_t kPartBytes = 50LL * 1024 * 1024;  // 50 MB = 52,428,800 bytes
constexpr std::int64_t kMaxParts = 1024;                 // bounds the answer: 50 GiB, far beyond any call
}  // namespace

OutJson recordingPartsJson(const JsonReader& request) {
  if (!request.has("bytes")) request.field("bytes").fail("required");
  auto bytes = *request.optInteger("bytes", 0, kPartBytes * kMaxParts);
  OutJson parts = OutJson::array();
  for (std::int64_t left = bytes; left > 0; left -= kPartBytes) parts.push_back(left < kPartBytes ? left : kPartBytes);
  return OutJson{{"parts", parts}};
}

}  // namespace adapter
