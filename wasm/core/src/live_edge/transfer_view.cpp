// The call view's `transfer` (D341, D342): the directory the agent chooses from — the admin's queues AH-1 offers
// now, then the connector's agents, the available first — what the connector can do, and the consult leg. Absent
// until there is a directory or a consult, so a view without either is what it always was.
#include "live/transfer.h"
#include "live_edge/edge.h"
#include "live_edge/fingerprint.h"

namespace adapter::live {
namespace {

[[gnu::noinline]] OutJson entry(const char* kind, const std::string& id, const std::string& name,
                                const char* availability) {
  OutJson out = OutJson::object();
  out["kind"] = kind;
  out["id"] = id;
  out["name"] = name;
  out["availability"] = availability ? OutJson(availability) : OutJson(nullptr);
  return out;
}

// Who can take the caller now comes first, then those the connector cannot tell about, then the others; within
// each, in the connector's order (a backend lists its agents as its agents know them). Three passes, no sort: the
// list is at most kMaxDirectoryEntries, and a sort's instantiation costs the WebAssembly module more (D344).
// Stale availability (D432) is unknown for all: the connector's order stands.
std::vector<const TransferAgent*> agentsInOrder(const AdapterState& s, bool stale) {
  std::vector<const TransferAgent*> out;
  std::string self = std::to_string(s.agent.id);
  for (int pass = 0; pass < 3; ++pass) {
    for (const auto& a : s.transfer.agents) {
      Availability shown = stale ? Availability::Unknown : a.availability;
      int rank = shown == Availability::Available ? 0 : shown == Availability::Unknown ? 1 : 2;
      if (rank == pass && a.id != self) out.push_back(&a);  // the agent does not transfer to themself
    }
  }
  return out;
}

}  // namespace

OutJson transferView(const AdapterState& s, const Call& c) {
  if (!s.transfer.reported && s.config.transferQueues.empty() && !c.consult) return nullptr;
  OutJson targets = OutJson::array();
  for (const NamedQueue* q : offeredQueues(s))
    targets.push_back(entry("queue", std::to_string(q->queue.id), q->name, nullptr));
  bool stale = directoryStale(s);
  for (const TransferAgent* a : agentsInOrder(s, stale)) {
    Availability shown = stale ? Availability::Unknown : a->availability;
    targets.push_back(entry("agent", a->id, a->name, nameOf(kAvailabilityNames, shown).data()));
  }
  bool connected = c.state == CallState::Connected;
  OutJson can = OutJson::object();
  can["consult"] = connected && s.transfer.consult && !c.consult;
  can["conference"] = s.transfer.conference;
  OutJson consult = nullptr;
  if (c.consult) {
    consult = OutJson::object();
    consult["target"] = c.consult->target;
    std::string name = targetName(s, c.consult->target);
    consult["name"] = name.empty() ? OutJson(nullptr) : OutJson(name);
    consult["state"] = nameOf(kConsultStateNames, c.consult->state).data();
  }
  OutJson view = OutJson::object();
  view["targets"] = std::move(targets);
  view["can"] = std::move(can);
  view["consult"] = std::move(consult);
  return view;
}

void addTransfer(Fingerprint& f, const AdapterState& s) {
  const auto& t = s.transfer;
  f.add(t.reported);
  f.add(t.consult);
  f.add(t.conference);
  f.add(directoryStale(s));
  f.mix(t.agents.size());
  for (const auto& a : t.agents) {
    f.add(a.id);
    f.add(a.name);
    f.add(static_cast<int>(a.availability));
  }
  // AH-1 is a matter of the clock (business hours): the queues it offers now, as the view lists them.
  for (const NamedQueue* q : offeredQueues(s)) {
    f.add(q->queue.id);
    f.add(q->name);
  }
  for (const auto& [id, c] : s.calls) {
    f.add(c.consult.has_value());
    if (c.consult) {
      f.add(c.consult->target);
      f.add(static_cast<int>(c.consult->state));
    }
  }
}

}  // namespace adapter::live
