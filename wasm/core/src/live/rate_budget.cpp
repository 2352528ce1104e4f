// Zendesk's rate limits kept as budgets on this agent's side (zendesk-platform.md §4): requests per minute per
// user for apps, ticket creates and updates per minute, updates per ticket per 10 minutes. A write that would go
// over a budget waits for the window to free a slot instead of earning a 429. After a 429 every write waits for
// Retry-After plus a jitter, so that agents sharing an account do not all come back at the same instant.
#include <algorithm>

#include "live/flows.h"

namespace adapter::live {
namespace {

constexpr Millis kTenMinutes = 10 * kMinute;

void dropOlderThan(std::vector<Millis>& times, Millis cutoff) {
  times.erase(times.begin(), std::find_if(times.begin(), times.end(), [&](Millis t) { return t > cutoff; }));
}

// When the window `times` (oldest first) has room for one more under `budget`.
Millis freeAt(const std::vector<Millis>& times, int budget, Millis window) {
  if (budget <= 0 || static_cast<int>(times.size()) < budget) return 0;
  return times[times.size() - static_cast<std::size_t>(budget)] + window + 1;
}

}  // namespace

void pruneSendLog(AdapterState& s) {
  auto& log = s.sendLog;
  dropOlderThan(log.requests, s.nowMs - kMinute);
  dropOlderThan(log.ticketWrites, s.nowMs - kMinute);
  for (auto it = log.perTicket.begin(); it != log.perTicket.end();) {
    dropOlderThan(it->second, s.nowMs - kTenMinutes);
    it = it->second.empty() ? log.perTicket.erase(it) : std::next(it);
  }
}

void recordRequest(AdapterState& s) { s.sendLog.requests.push_back(s.nowMs); }

void recordTicketWrite(AdapterState& s, std::optional<Id> updatedTicket) {
  s.sendLog.ticketWrites.push_back(s.nowMs);
  if (updatedTicket) s.sendLog.perTicket[*updatedTicket].push_back(s.nowMs);
}

void forgetTicketWrite(AdapterState& s, std::optional<Id> updatedTicket, Millis sentAtMs) {
  auto forget = [&](std::vector<Millis>& times) {
    auto it = std::find(times.rbegin(), times.rend(), sentAtMs);
    if (it != times.rend()) times.erase(std::next(it).base());
  };
  forget(s.sendLog.ticketWrites);
  if (updatedTicket) {
    auto it = s.sendLog.perTicket.find(*updatedTicket);
    if (it != s.sendLog.perTicket.end()) forget(it->second);
  }
}

Millis budgetFreeAtMs(const AdapterState& s, bool ticketWrite, std::optional<Id> updatedTicket) {
  const auto& c = s.config;
  const auto& log = s.sendLog;
  Millis at = std::max(log.pausedUntilMs, freeAt(log.requests, c.requestBudgetPerMinute, kMinute));
  if (ticketWrite) at = std::max(at, freeAt(log.ticketWrites, c.updateBudgetPerMinute, kMinute));
  if (updatedTicket) {
    auto it = log.perTicket.find(*updatedTicket);
    if (it != log.perTicket.end()) {
      at = std::max(at, freeAt(it->second, c.ticketUpdateBudgetPer10Minutes, kTenMinutes));
    }
  }
  return at;
}

// A fraction in [0, 1) that depends only on the write and the attempt: the core stays deterministic (replays and
// tests see the same times) while two agents' writes, which never share a key, spread out.
std::uint32_t fnv1a(std::string_view text) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : text) h = (h ^ c) * 16777619u;
  return h;
}

double jitterFraction(const std::string& seed, int attempt) {
  return static_cast<double>(fnv1a(seed + "#" + std::to_string(attempt)) % 10007u) / 10007.0;
}

// 429: Zendesk's Retry-After, never less, plus up to half of it again (at most 15 s) of jitter.
// 5xx, 409 and network errors: exponential backoff 1 s, 2 s, 4 s … capped at 60 s, "equal jitter" (half fixed,
// half random) so that a retry is never immediate and never synchronised.
Millis retryDelayMs(int status, std::optional<std::int64_t> retryAfterSec, int attempt, const std::string& seed) {
  double jitter = jitterFraction(seed, attempt);
  if (status == 429 && retryAfterSec && *retryAfterSec >= 0) {
    Millis base = std::max<Millis>(1000, *retryAfterSec * 1000);
    return base + static_cast<Millis>(jitter * static_cast<double>(std::min<Millis>(base / 2, 15'000)));
  }
  int exponent = std::clamp(attempt - 1, 0, 6);
  Millis base = std::min<Millis>(kMinute, Millis{1000} << exponent);
  return base / 2 + static_cast<Millis>(jitter * (static_cast<double>(base) / 2));  // base is even: exact
}

}  // namespace adapter::live
