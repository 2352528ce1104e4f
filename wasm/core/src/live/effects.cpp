// Effects of the current dispatch (docs/adapter-protocol.md "Effects") and the one timer the adapter keeps.
#include <algorithm>

#include "live/flows.h"

namespace adapter::live {

void emit(AdapterState& s, Effect effect) { s.effects.push_back(std::move(effect)); }

std::string sendRequest(AdapterState& s, const zendesk::HttpRequest& request, PendingRequest pending) {
  std::string id = "r" + std::to_string(s.nextRequestNumber++);
  emit(s, RequestEffect{id, request});
  s.requests[id] = std::move(pending);
  recordRequest(s);
  return id;
}

void setBanner(AdapterState& s, std::string code, MessageKind kind, Params params) {
  s.banner = Message{std::move(code), kind, std::move(params)};
}

void notify(AdapterState& s, std::string code, MessageKind kind, Params params) {
  emit(s, NotifyEffect{Message{std::move(code), kind, std::move(params)}});
}

void telephony(AdapterState& s, TelephonyEffect effect) { emit(s, std::move(effect)); }

void telephony(AdapterState& s, const Call& call, TelephonyCommand command) {
  TelephonyEffect effect;
  effect.command = command;
  effect.callId = call.id;
  telephony(s, std::move(effect));
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
    if (w.state == Write::State::Queued) consider(wrapUpHoldUntilMs(s, w));  // a wrap-up never done ends the hold
  }
  if (s.sendLog.pausedUntilMs > s.nowMs) consider(s.sendLog.pausedUntilMs);
  consider(directoryStaleAtMs(s));  // the transfer directory's availability goes stale on screen (D432)
  if (next == 0 || next == s.scheduledTickMs) return;
  s.scheduledTickMs = next;
  emit(s, ScheduleTickEffect{std::max(next, s.nowMs)});
}

}  // namespace adapter::live
