// A call's record while it is not yet in Zendesk's hands: its session events wait for the caller's lookups (a
// search or ticket load Zendesk has not answered), so no write exists yet that the sync list could show. This file
// says what such a call waits for, so that the agent sees it ("looking up", "failed" with Retry) and the sync line
// never says "saved" while a call's record or note is still only here.
#include <algorithm>

#include "live/flows.h"

namespace adapter::live {
namespace {

constexpr std::string_view kRecordPrefix = "call:";
constexpr std::size_t kMaxCandidateContacts = 5;  // tickets are read for the newest few contacts sharing a number

bool contactsReady(const AdapterState& s, const std::vector<Id>& ids, bool& failed) {
  bool ready = true;
  for (Id id : ids) {
    if (s.directory.ticketsLoadedFor.count(id)) continue;
    ready = false;
    if (lookupFailed(s, Purpose::LoadTickets, id)) failed = true;
  }
  return ready;
}

}  // namespace

// Contacts the rules should see for this call: those sharing its number (newest few) and the one it is for.
std::vector<Id> callContacts(const AdapterState& s, const Call& call) {
  std::vector<Id> ids;
  auto it = s.directory.contactsByNumber.find(call.phone);
  // Outbound: the plan names the contact; other contacts sharing the number do not matter.
  if (call.direction == Direction::Inbound && it != s.directory.contactsByNumber.end()) {
    std::vector<Id> found = it->second;
    std::sort(found.begin(), found.end(), [&](Id a, Id b) {
      auto ta = s.directory.contacts.at(a).createdAt, tb = s.directory.contacts.at(b).createdAt;
      return ta > tb;  // newest first; an unknown time (nullopt) sorts last
    });
    if (found.size() > kMaxCandidateContacts) found.resize(kMaxCandidateContacts);
    ids = found;
  }
  if (call.contactId && s.directory.contacts.count(*call.contactId) &&
      std::find(ids.begin(), ids.end(), *call.contactId) == ids.end()) {
    ids.push_back(*call.contactId);
  }
  return ids;
}

LookupState callLookupState(const AdapterState& s, const Call& call) {
  if (call.direction != Direction::Inbound || call.phone.rfind('+', 0) != 0) return LookupState::Done;
  if (lookupFailed(s, Purpose::SearchPhone, 0, call.phone)) return LookupState::Failed;
  auto found = s.directory.contactsByNumber.find(call.phone);
  if (found == s.directory.contactsByNumber.end()) {
    // Not searched (yet, or again since a new view cleared the cache): only "looking up" while something waits.
    return call.events.empty() ? LookupState::Done : LookupState::Searching;
  }
  bool failed = false;
  if (contactsReady(s, callContacts(s, call), failed)) return LookupState::Done;
  return failed ? LookupState::Failed : LookupState::Searching;
}

std::string callRecordKey(const Call& call) { return std::string(kRecordPrefix) + call.id; }

bool isCallRecordKey(const std::string& key) { return key.rfind(kRecordPrefix, 0) == 0; }

bool callRecordWaiting(const Call& call) { return !call.waiting && call.dialConfirmed && !call.events.empty(); }

// The agent gives up a call's record that Zendesk could not be searched for (after seeing and copying its note).
// Only an ended call whose lookups failed: anything else is still on its way.
void discardCallRecord(AdapterState& s, const std::string& key) {
  std::string id = key.substr(kRecordPrefix.size());
  auto it = s.calls.find(id);
  if (it == s.calls.end()) return;
  Call& call = it->second;
  if (call.state != CallState::Ended || !callRecordWaiting(call) || callLookupState(s, call) != LookupState::Failed) {
    return;
  }
  call.events.clear();
  call.note.clear();
  s.discardedWrites++;
  if (call.wrappedUp && s.activeCallId != id) s.calls.erase(it);
}

}  // namespace adapter::live
