// Effects of the current dispatch (docs/adapter-protocol.md "Effects") and the one timer the adapter keeps.
#include <algorithm>

#include "adapter/json_convert.h"
#include "live/flows.h"

namespace adapter::live {

void emit(AdapterState& s, OutJson effect) { s.effects.push_back(std::move(effect)); }

std::string sendRequest(AdapterState& s, const zendesk::HttpRequest& request, PendingRequest pending) {
  std::string id = "r" + std::to_string(s.nextRequestNumber++);
  OutJson effect{{"type", "request"}, {"id", id}, {"method", request.method}, {"url", request.url}};
  effect["body"] = toOutJson(request.body);
  emit(s, std::move(effect));
  s.requests[id] = std::move(pending);
  recordRequest(s);
  return id;
}

void setBanner(AdapterState& s, const std::string& code, const std::string& kind, OutJson params) {
  s.banner = OutJson{{"code", code}, {"kind", kind}, {"params", std::move(params)}};
}

void notify(AdapterState& s, const std::string& code, const std::string& kind, OutJson params) {
  emit(s, OutJson{{"type", "notify"}, {"code", code}, {"kind", kind}, {"params", std::move(params)}});
}

// Passing failures: rate limited, Zendesk's side, a conflicting concurrent update, or no answer at all.
bool isRetryable(int status) { return status == 0 || status == 409 || status == 429 || status >= 500; }

// One timer: the earliest moment something is due (a search after a typing pause, a retry). The shim replaces
// its timer whenever a new scheduleTick arrives, so only a changed time is sent.
void scheduleNextTick(AdapterState& s) {
  Millis next = 0;
  auto consider = [&](Millis at) {
    if (at > 0 && (next == 0 || at < next)) next = at;
  };
  if (s.outbound) consider(s.outbound->lookUpDueMs);
  for (const auto& r : s.lookupRetries) consider(r.atMs);
  for (const auto& [id, c] : s.calls) {
    if (!c.dialConfirmed) consider(c.dialDeadlineMs);
  }
  for (const auto& w : s.writes) {
    if (w.state == Write::State::Queued && w.notBeforeMs > s.nowMs) consider(w.notBeforeMs);
  }
  if (s.sendLog.pausedUntilMs > s.nowMs) consider(s.sendLog.pausedUntilMs);
  if (next == 0 || next == s.scheduledTickMs) return;
  s.scheduledTickMs = next;
  emit(s, OutJson{{"type", "scheduleTick"}, {"atMs", std::max(next, s.nowMs)}});
}

}  // namespace adapter::live
