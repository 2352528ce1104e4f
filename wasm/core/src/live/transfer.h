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

// An agent's availability as the connector knows it; Unknown when it cannot tell (said so to the agent).
enum class Availability { Unknown, Available, Away, Busy, Offline };
inline constexpr std::pair<Availability, std::string_view> kAvailabilityNames[] = {
    {Availability::Unknown, "unknown"}, {Availability::Available, "available"}, {Availability::Away, "away"},
    {Availability::Busy, "busy"},       {Availability::Offline, "offline"},
};

inline constexpr std::size_t kMaxDirectoryEntries = 200;  // agents reported; a list an agent can search
inline constexpr std::size_t kMaxTransferQueues = 50;     // the admin's queues (transferTargets setting)
inline constexpr std::size_t kMaxDirectoryNameBytes = 100;

struct TransferAgent {
  std::string id;  // the target as the connector reads it (a Zendesk agent id)
  std::string name;
  Availability availability = Availability::Unknown;
};

// What the connector reported (transferDirectory); `reported` false until it did. Not persisted: the connector
// reports it again after a reload.
struct TransferDirectory {
  bool reported = false;
  std::vector<TransferAgent> agents;
  std::map<std::int64_t, int> queueAgents;  // AH-1: queue id → agents logged in, where the connector knows
  bool consult = false;                     // it can place a consult call and complete it (attended transfer)
  bool conference = false;                  // it can join the caller, the agent and the target
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
// The name of a consult target for the agent (an agent's or a queue's), "" when the directory has none.
std::string targetName(const AdapterState& s, const std::string& target);

}  // namespace adapter::live
