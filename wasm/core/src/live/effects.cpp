// Effects of the current dispatch (docs/adapter-protocol.md "Effects") and the one timer the adapter keeps.
#include <algorithm>

#include "adapter/json_convert.h"
#include "live/flows.h"

namespace adapter::live {

void emit(AdapterState& s, OutJson effect) { s.effects.push_back(std::move(effect)); }

std::string sendRequest(AdapterState& s, const std::string& method, const std::string& url, const InJson& body,
                        PendingRequest pending) {
  std::string id = "r" + std::to_string(s.nextRequestNumber++);
  OutJson effect{{"type", "request"}, {"id", id}, {"method", method}, {"url", url}};
  effect["body"] = toOutJson(body);
  emit(s, std::move(effect));
  s.requests[id] = std::move(pending);
  return id;
}

void setBanner(AdapterState& s, const std::string& code, const std::string& kind, OutJson params) {
  s.banner = OutJson{{"code", code}, {"kind", kind}, {"params", std::move(params)}};
}

void notify(AdapterState& s, const std::string& code, const std::string& kind, OutJson params) {
  emit(s, OutJson{{"type", "notify"}, {"code", code}, {"kind", kind}, {"params", std::move(params)}});
}

bool isRetryable(int status) { return status == 0 || status == 429 || status >= 500; }

// 429: Zendesk's Retry-After, exactly. 5xx and network errors: 1 s, 2 s, 4 s … capped at 60 s.
Millis retryDelayMs(int status, std::optional<std::int64_t> retryAfterSec, int attempt) {
  if (status == 429 && retryAfterSec && *retryAfterSec >= 0) return std::max<Millis>(1000, *retryAfterSec * 1000);
  int exponent = std::clamp(attempt - 1, 0, 6);
  return std::min<Millis>(60000, Millis{1000} << exponent);
}

// One timer: the earliest moment something is due (a search after a typing pause, a retry). The shim replaces
// its timer whenever a new scheduleTick arrives, so only a changed time is sent.
void scheduleNextTick(AdapterState& s) {
  Millis next = 0;
  auto consider = [&](Millis at) {
    if (at > 0 && (next == 0 || at < next)) next = at;
  };
  if (s.outbound) consider(s.outbound->lookUpDueMs);
  for (const auto& r : s.lookupRetries) consider(r.atMs);
  for (const auto& w : s.writes) {
    if (w.state == Write::State::Queued && w.notBeforeMs > s.nowMs) consider(w.notBeforeMs);
  }
  if (next == 0 || next == s.scheduledTickMs) return;
  s.scheduledTickMs = next;
  emit(s, OutJson{{"type", "scheduleTick"}, {"atMs", std::max(next, s.nowMs)}});
}

}  // namespace adapter::live
