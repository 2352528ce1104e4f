#pragma once
// The transfer directory and the consult (warm) transfer (issue 18 item 3, D341–D343). The directory is what the
// connector reports (the account's agents with their availability, the queues' logged-in agents, whether it can
// consult and conference) plus the admin's queues, offered by AH-1. The consult leg is not a call of its own here:
// it is a small part of the customer's call (the target and how far it got), so the ticket, the notes and the
// timings stay the customer call's and nothing is ever written for the consult leg. Flows in transfer.cpp.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapter/session.h"

namespace adapter::live {

struct AdapterState;

// An agent's availability as the connector knows it; Unknown when it cannot tell (said so to the agent). WrapUp
// (D435): finishing a call's work, not free yet; in the words of the agent's own wrap-up status, not "on a call".
enum class Availability { Unknown, Available, Away, Busy, Offline, WrapUp };
inline constexpr std::pair<Availability, std::string_view> kAvailabilityNames[] = {
    {Availability::Unknown, "unknown"}, {Availability::Available, "available"}, {Availability::Away, "away"},
    {Availability::Busy, "busy"},       {Availability::Offline, "offline"},     {Availability::WrapUp, "wrapUp"},
};

inline constexpr std::size_t kMaxDirectoryEntries = 200;  // agents reported; a list an agent can search
inline constexpr std::size_t kMaxTransferQueues = 50;     // the admin's queues (transferTargets setting)
inline constexpr std::size_t kMaxDirectoryNameBytes = 100;
// The shim asks the connector again every 30 s while a call is connected (D432): availability older than this (three
// answers missed) is shown as unknown rather than as if it were fresh.
inline constexpr std::int64_t kDirectoryStaleMs = 90'000;

struct TransferAgent {
  std::string id;  // the target as the connector reads it (a Zendesk agent id)
  std::string name;
  Availability availability = Availability::Unknown;
};

// What the connector reported (transferDirectory); `reported` false until it did. Not persisted: the connector
// reports it again after a reload.
struct TransferDirectory {
  bool reported = false;
  // The connector gave a list of agents (possibly empty). Without one (`agents` absent or null: a backend with no
  // directory of agents) the directory lists the account's agents from Zendesk, availability unknown (D433).
  bool agentsReported = true;
  std::int64_t reportedAtMs = 0;  // when the connector last answered (the event's time)
  std::vector<TransferAgent> agents;
  std::map<std::int64_t, int> queueAgents;  // AH-1: queue id → agents logged in, where the connector knows
  bool consult = false;                     // it can place a consult call and complete it (attended transfer)
  bool conference = false;                  // it can join the caller, the agent and the target
};

// The account's agents as Zendesk lists them (GET /api/v2/users.json, role agent or admin; D433), kept for the page's
// life and listed again only after kAccountAgentsFreshMs (a failed listing after a minute): never per call.
inline constexpr std::int64_t kAccountAgentsFreshMs = 10 * 60'000;
struct AccountAgents {
  std::vector<TransferAgent> agents;  // the last whole listing
  std::vector<TransferAgent> pages;   // the pages of the listing under way
  std::int64_t listAgainAtMs = 0;     // 0: never listed
};

// The consult leg of a customer call: dialling the target (the caller on hold), talking with it, or all three.
enum class ConsultState { Dialing, Connected, Conference };
inline constexpr std::pair<ConsultState, std::string_view> kConsultStateNames[] = {
    {ConsultState::Dialing, "dialing"},
    {ConsultState::Connected, "connected"},
    {ConsultState::Conference, "conference"},
};
struct Consult {
  std::string target;
  ConsultState state = ConsultState::Dialing;
};

// Events (docs/adapter-protocol.md): the connector's report and its consult leg; the agent's consult buttons.
struct TransferDirectoryReported {
  TransferDirectory directory;
};
struct ConsultClicked {
  std::string target;
};
enum class ConsultAction { Complete, Cancel, Conference };
struct ConsultActionClicked {
  ConsultAction action = ConsultAction::Cancel;
};
struct ConsultChanged {
  std::string callId;
  std::optional<ConsultState> state;  // none: the consult leg ended (the target declined, hung up or failed)
  // The target's side (D430): the consult call this agent took has become the caller's call (SIP: the caller's
  // INVITE with Replaces took its place), so from now on it is written as the caller's call.
  bool transferred = false;
};

// A queue the admin listed (transferTargets setting, AH-1's fields) with the name the agent reads.
struct NamedQueue {
  TransferQueue queue;
  std::string name;
};

void onTransferDirectory(AdapterState& s, TransferDirectory&& directory);
void onConsultClicked(AdapterState& s, const ConsultClicked& event);
void onConsultAction(AdapterState& s, const ConsultActionClicked& event);
void onConsultChanged(AdapterState& s, const ConsultChanged& event);
// AH-1 now: the admin's queues that may take a transfer, with the connector's logged-in counts.
std::vector<const NamedQueue*> offeredQueues(const AdapterState& s);
// D433: a page of the account's agents (Zendesk's cursor pagination); the next is asked while there is one and the
// list is under kMaxDirectoryEntries. A listing Zendesk did not answer after its tries: none, asked again later.
void onAgentsListed(AdapterState& s, std::vector<TransferAgent>&& agents, const std::string& nextCursor);
void onAgentsListFailed(AdapterState& s);
// D432: the connector's availability is too old to show (the view says unknown); and when it will be, while a call
// is on screen connected (0: no such time to wake for).
bool directoryStale(const AdapterState& s);
std::int64_t directoryStaleAtMs(const AdapterState& s);
// The name of a consult target for the agent (an agent's or a queue's), "" when the directory has none.
std::string targetName(const AdapterState& s, const std::string& target);

}  // namespace adapter::live
