// FO-5c, the ticket sidebar's Call menu: the requester's phone numbers come from the top bar's core, the app's
// single writer, so that the sidebar's lookup is counted by the same request budget as every other request of
// the agent's app and retried by the same rules (lookups.cpp). The answer goes back to the sidebar instance that
// asked (the shim triggers it there). Nothing here is persisted: a sidebar that hears nothing asks again.
#include "live/requester_numbers.h"

#include <algorithm>
#include <vector>

#include "live/flows.h"
#include "utf8_prefix.h"

namespace adapter::live {
namespace {

constexpr std::size_t kMaxNumbers = 50;       // far more than a Call menu shows
constexpr std::size_t kMaxNumberBytes = 256;  // as the number box keeps

// Zendesk's identities as the menu lists them: primary first (zendesk_api's order), trimmed, each once, no blank one.
std::vector<std::string> menuNumbers(const std::vector<std::string>& identities) {
  std::vector<std::string> numbers;
  for (const auto& value : identities) {
    auto first = value.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    std::string number = utf8Prefix(value.substr(first, value.find_last_not_of(' ') - first + 1), kMaxNumberBytes);
    if (std::find(numbers.begin(), numbers.end(), number) == numbers.end()) numbers.push_back(std::move(number));
    if (numbers.size() == kMaxNumbers) break;
  }
  return numbers;
}

// loaded: Zendesk gave the numbers (they are in the directory); otherwise the lookup failed after its tries.
void answer(AdapterState& s, const std::string& replyTo, Id ticketId, Id requesterId, bool loaded) {
  SidebarNumbersEffect effect{replyTo, ticketId, requesterId, {}, loaded};
  if (loaded) effect.numbers = menuNumbers(s.directory.phoneIdentities[requesterId]);
  emit(s, std::move(effect));
}

}  // namespace

void requesterNumbersWanted(AdapterState& s, Id ticketId, Id requesterId, const std::string& replyTo) {
  if (s.directory.phoneIdentities.count(requesterId)) {
    answer(s, replyTo, ticketId, requesterId, true);
    return;
  }
  // One ask per sidebar: a sidebar that asks again (Retry, or another ticket in it) replaces its earlier ask. When
  // too many wait, one is forgotten (its sidebar stops waiting after a while and offers Retry).
  auto& waiting = s.numbersWaiting;
  if (!waiting.count(replyTo) && waiting.size() >= kMaxNumbersWaiting) waiting.erase(waiting.begin());
  waiting[replyTo] = {ticketId, requesterId};
  // A new ask after a lookup failed after its tries is the agent's Retry: every failed lookup gets a whole new round
  // of tries, as with the top bar's Retry (D53).
  if (lookupFailed(s, Purpose::LoadPhones, requesterId)) {
    retryFailedLookups(s);
  } else {
    loadPhoneIdentities(s, requesterId);  // nothing new while the same lookup is in flight or waits for its retry
  }
}

void answerNumberWaiters(AdapterState& s) {
  auto& waiting = s.numbersWaiting;
  for (auto it = waiting.begin(); it != waiting.end();) {
    Id ticketId = it->second.at(0), requesterId = it->second.at(1);
    bool loaded = s.directory.phoneIdentities.count(requesterId) > 0;
    if (loaded || lookupFailed(s, Purpose::LoadPhones, requesterId)) {
      answer(s, it->first, ticketId, requesterId, loaded);
      it = waiting.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace adapter::live
