// Sharing one Zendesk account's limits among many agents' browsers, without a server (issue 19, D381). Each agent
// learns what it can from what Zendesk tells every client and paces its own writes:
// - the plan's general limit: every answer's x-rate-limit-remaining and ratelimit-reset say how much of the
//   account's minute is left; near its end a write waits for the next minute, and the agents come back spread over
//   the first seconds of it (a jitter seeded by the agent id, so the core stays deterministic);
// - Update Ticket (100 a minute per account, 300 with High Volume) has no header: each agent allows itself a rate
//   of PUTs found by AIMD — growing by a fiftieth of the account's a minute, halved after a 429 — and spaces its
//   PUTs by that rate with jitter, so that N agents converge on the account's rate;
// - agent notes and creates go before field-only updates (those keep more of the account's minute in reserve);
// - an update of a call that has ended waits for the agent's wrap-up (at most kWrapUpHold) when it carries a
//   comment, or with BA-1 batching on, so that the agent's note and the call's closing changes leave as one update
//   and one comment (D382, D334).
#include <algorithm>
#include <cmath>

#include "live/flows.h"

namespace adapter::live {
namespace {

constexpr Millis kWrapUpHold = 5 * kMinute;
constexpr Millis kSpreadMs = 15'000;  // agents coming back after the account's minute turns spread over this

// Update Ticket's rate for the whole account, as the admin stated it (High Volume), and the most this agent's own
// budget allows; the admin's budget left at its default follows High Volume.
double updateCeiling(const Config& c) {
  int account = c.highVolume ? 300 : 100;
  int own = c.updateBudgetPerMinute == 100 ? account : c.updateBudgetPerMinute;
  return static_cast<double>(std::max(1, std::min(account, own)));
}

// A 300-seat contact centre's agents each start at a tenth of the account and find their share from there; the
// floor (one PUT every 4 minutes at 100 a minute) keeps a slow agent's notes moving whatever the others do.
double startRate(const Config& c) { return std::max(1.0, updateCeiling(c) / 10); }
double floorRate(const Config& c) { return updateCeiling(c) / 400; }

std::string agentSeed(const AdapterState& s) { return "agent:" + std::to_string(s.agent.id); }

// A write of field values only: it leaves after notes and creates, and keeps more of the account in reserve.
bool fieldsOnly(const Write& w) { return w.kind == WriteKind::UpdateTicket && !w.ticket.comment; }

}  // namespace

// Zendesk puts x-rate-limit on every answer: an agent that has seen it talks to an account whose limits it shares,
// and paces itself. Before (the first answers, or a host that hides the headers) it writes as it always did.
bool pacingActive(const AdapterState& s) { return s.sendLog.accountLimit > 0; }

// Additive increase in time, not per answer: an agent whose backlog met a 429 minutes ago may try faster whether or
// not its few PUTs since landed, so that a backlog left to few agents drains at the account's rate, not theirs.
double increasePerMinute(const Config& c) { return updateCeiling(c) / 50; }

double updateRateOf(const AdapterState& s) {
  const auto& log = s.sendLog;
  double base = log.updateRate > 0 ? log.updateRate : startRate(s.config);
  if (log.rateSinceMs <= 0 || s.nowMs <= log.rateSinceMs) return std::min(base, updateCeiling(s.config));
  double minutes = static_cast<double>(s.nowMs - log.rateSinceMs) / kMinute;
  return std::min(updateCeiling(s.config), base + increasePerMinute(s.config) * minutes);
}

void noteRateLimitHeaders(AdapterState& s, const RateLimitHeaders& h) {
  auto& log = s.sendLog;
  if (h.limit) log.accountLimit = static_cast<int>(*h.limit);
  if (h.remaining) log.accountRemaining = static_cast<int>(*h.remaining);
  if (h.resetSec) log.accountResetAtMs = s.nowMs + *h.resetSec * 1000;
  if (h.remaining && !h.resetSec) log.accountResetAtMs = (s.nowMs / kMinute + 1) * kMinute;  // "this minute"
}

void onUpdateRefused(AdapterState& s) {
  s.sendLog.updateRate = std::max(floorRate(s.config), updateRateOf(s) / 2);  // multiplicative decrease
  s.sendLog.rateSinceMs = s.nowMs;                                            // the increase starts again from here
}

int writePriority(const AdapterState& s, const Write& w) { return pacingActive(s) && fieldsOnly(w) ? 1 : 0; }

Millis paceFreeAtMs(const AdapterState& s, const Write& w) {
  const auto& log = s.sendLog;
  Millis at = 0;
  // The account's minute, as the last answer told it: a reserve is left for the rest (other integrations, the
  // agents' own lookups), larger for field-only updates so that notes and creates get the last of it.
  if (log.accountRemaining >= 0 && s.nowMs < log.accountResetAtMs) {
    // Zendesk's own figure; before it, what the admin stated (High Volume: 2,500 a minute).
    int stated = s.config.highVolume ? 2500 : s.config.planRequestsPerMinute;
    int limit = std::max(log.accountLimit > 0 ? log.accountLimit : stated, 1);
    int reserve = std::max(1, limit / (fieldsOnly(w) ? 10 : 50));
    if (log.accountRemaining <= reserve) {
      double spread = jitterFraction(agentSeed(s), static_cast<int>(log.accountResetAtMs / kMinute));
      at = log.accountResetAtMs + static_cast<Millis>(spread * kSpreadMs);
    }
  }
  if (w.kind != WriteKind::UpdateTicket || !pacingActive(s)) return at;
  at = std::max(at, log.updatesPausedUntilMs);
  if (log.lastUpdateMs > 0) {
    // This agent's share of Update Ticket: PUTs spaced by its rate, each gap between half and one and a half of it.
    double gap = static_cast<double>(kMinute) / updateRateOf(s);
    double jitter = 0.5 + jitterFraction(agentSeed(s), static_cast<int>(log.updatesSent % 1'000'000));
    at = std::max(at, log.lastUpdateMs + static_cast<Millis>(gap * jitter));
  }
  return at;
}

void recordUpdateSent(AdapterState& s) {
  if (s.sendLog.rateSinceMs == 0) s.sendLog.rateSinceMs = s.nowMs;
  s.sendLog.lastUpdateMs = s.nowMs;
  s.sendLog.updatesSent++;
}

Millis wrapUpHoldUntilMs(const AdapterState& s, const Write& w) {
  // A comment of a call that has ended waits for its wrap-up with batching on or off: the agent's note and wrap-up
  // code join it, and the call leaves one closing comment (D334). BA-1 holds its field updates too (D382).
  // A transfer's write (TR-10: the ticket goes to the receiving agent) is not held without BA-1: the receiving
  // agent works on the ticket now.
  if (w.kind != WriteKind::UpdateTicket) return 0;
  if (!w.batched && (!w.ticket.comment || w.ticket.assigneeId)) return 0;
  auto it = s.calls.find(w.callId);
  if (it == s.calls.end()) return 0;
  const Call& call = it->second;
  if (call.state != CallState::Ended || call.wrappedUp) return 0;
  Millis until = call.endedAtMs + kWrapUpHold;
  return until > s.nowMs ? until : 0;
}

// The standard data of a call on an existing ticket waits while the call lasts, for its closing comment (D420);
// it holds no other write of the ticket back meanwhile (it carries only this call's comments until the call ends,
// so nothing that leaves before it could be overwritten by it). Once the call has ended, wrapUpHoldUntilMs holds it.
bool heldWhileLive(const AdapterState& s, const Write& w) {
  if (!holdsStandardData(w) || w.attempts > 0 || w.uncertain || w.ticket.assigneeId) return false;
  auto it = s.calls.find(w.callId);
  return it != s.calls.end() && it->second.state != CallState::Ended && !it->second.wrappedUp;
}

}  // namespace adapter::live
