// The view the shim draws (docs/adapter-protocol.md "View"): everything the agent sees, already decided.
#include "adapter/phone.h"
#include "adapter/json_convert.h"
#include "live/flows.h"

namespace adapter::live {
namespace {

OutJson toOut(const InJson& j) { return toOutJson(j); }

OutJson ticketSummary(const AdapterState& s, Id id) {
  auto it = s.directory.tickets.find(id);
  if (it == s.directory.tickets.end()) return OutJson{{"id", id}, {"subject", nullptr}, {"status", nullptr}};
  return OutJson{{"id", id}, {"subject", it->second["subject"]}, {"status", it->second["status"]}};
}

OutJson contactSummary(const AdapterState& s, Id id) {
  auto it = s.directory.contacts.find(id);
  return OutJson{{"id", id}, {"name", it == s.directory.contacts.end() ? OutJson(nullptr) : toOut(it->second["name"])}};
}

OutJson syncView(const AdapterState& s) {
  OutJson writes = OutJson::array();
  int pending = 0, failed = 0;
  for (const auto& w : s.writes) {
    if (w.kind == "popTicket" || w.kind == "popContact") continue;  // pops are not data the agent could lose
    const char* state = w.state == Write::State::Failed     ? "failed"
                        : w.state == Write::State::InFlight ? "inFlight"
                                                            : "pending";
    (w.state == Write::State::Failed ? failed : pending)++;
    writes.push_back(OutJson{{"key", w.keys.front()},
                             {"kind", w.kind},
                             {"label", w.label},
                             {"state", state},
                             {"error", w.error.empty() ? OutJson(nullptr) : OutJson(w.error)}});
  }
  return OutJson{{"pending", pending}, {"failed", failed}, {"writes", writes}};
}

OutJson outboundView(const AdapterState& s) {
  const auto& o = *s.outbound;
  const auto& p = o.plan;
  bool ready = outboundReady(s);
  OutJson view{{"source", o.source}, {"numberText", o.numberTyped ? o.numberText : o.entryNumber}};
  if (!p.is_object()) {
    view["number"] =
        OutJson{{"e164", nullptr}, {"display", kPhonePlaceholder}, {"isPlaceholder", true}, {"valid", false}};
    view["canCall"] = false;
    view["searching"] = !ready;
    return view;
  }
  OutJson number = p["number"];
  number["valid"] = !number["e164"].is_null();
  view["number"] = number;
  view["searching"] = !ready;
  view["useEnteredNumber"] = p["useEnteredNumber"];
  view["contact"] = p["contact"];
  OutJson ticket{
      {"mode", p["ticket"]["mode"]}, {"required", p["ticket"]["required"]}, {"selected", p["ticket"]["selected"]}};
  OutJson options = OutJson::array();
  for (const auto& value : p["ticket"]["options"]) {
    OutJson option{{"value", value}, {"subject", nullptr}, {"status", nullptr}, {"updatedAt", nullptr}};
    for (const auto& t : p["ticket"].value("openTickets", OutJson::array())) {
      if (t["id"] == value) {
        option["subject"] = t["subject"];
        option["status"] = t["status"];
        option["updatedAt"] = t["updatedAt"];
      }
    }
    options.push_back(option);
  }
  ticket["options"] = options;
  ticket["ticketIdText"] = p["ticket"].contains("ticketId") ? p["ticket"]["ticketId"] : OutJson(o.ticketIdText);
  ticket["checking"] = !ready && p["ticket"]["mode"] == "idEntry";
  view["ticket"] = ticket;
  view["errors"] = p["errors"];
  view["warnings"] = p["warnings"];
  view["canCall"] = p.value("canCall", false) && ready;
  view["decision"] = p["decision"];
  return view;
}

OutJson callView(const AdapterState& s, const Call& c) {
  OutJson number{{"e164", c.phone.rfind('+', 0) == 0 ? OutJson(c.phone) : OutJson(nullptr)},
                 {"display", c.phone.rfind('+', 0) == 0 ? displayPhone(c.phone) : c.phone}};
  OutJson contact = nullptr;
  if (c.contactId) {
    contact = contactSummary(s, *c.contactId);
  } else if (c.lookup.is_object() && c.lookup["contactId"].is_number_integer()) {
    contact = contactSummary(s, c.lookup["contactId"].get<Id>());
  }
  OutJson options = OutJson::array();
  if (!c.contactId) {
    for (Id id : c.contactOptions) options.push_back(contactSummary(s, id));
  }
  OutJson flags = OutJson::array();
  for (const auto& f : c.flags) flags.push_back(f["code"]);
  bool connected = c.state == "connected";
  return OutJson{{"id", c.id},
                 {"direction", c.direction},
                 {"state", c.state},
                 {"held", c.held},
                 {"muted", c.muted},
                 {"number", number},
                 {"contact", contact},
                 {"contactOptions", options},
                 {"flags", flags},
                 {"ticket", c.ticketId ? ticketSummary(s, *c.ticketId) : OutJson(nullptr)},
                 {"lookup", c.lookup.is_null() ? OutJson(nullptr) : c.lookup},
                 {"decision", c.decision.is_null() ? OutJson(nullptr) : c.decision},
                 {"queueName", c.queueName},
                 {"menuPath", c.menuPath},
                 {"language", c.language},
                 {"startedAtMs", c.startedAtMs},
                 {"connectedAtMs", c.connectedAtMs > 0 ? OutJson(c.connectedAtMs) : OutJson(nullptr)},
                 {"endedAtMs", c.endedAtMs > 0 ? OutJson(c.endedAtMs) : OutJson(nullptr)},
                 {"durationSec", c.durationSec},
                 {"note", c.note},
                 {"can",
                  {{"answer", c.state == "ringing"},
                   {"decline", c.state == "ringing"},
                   {"hangUp", c.state == "dialing" || connected},
                   {"hold", connected},
                   {"mute", connected},
                   {"transfer", connected}}}};
}

}  // namespace

OutJson buildView(const AdapterState& s) {
  OutJson problems = OutJson::array();
  for (const auto& p : s.config.problems) {
    problems.push_back(OutJson{{"setting", p.setting}, {"code", "SETTING_INVALID"}, {"message", p.message}});
  }
  const Call* call = nullptr;
  if (auto it = s.calls.find(s.activeCallId); it != s.calls.end()) call = &it->second;
  return OutJson{{"screen", s.screen},
                 {"ready", s.registered},
                 {"agent", {{"id", s.agent.id}, {"name", s.agent.name}}},
                 {"connector", {{"name", s.connectorName}, {"state", s.connectorState}}},
                 {"settingsProblems", problems},
                 {"banner", s.banner},
                 {"sync", syncView(s)},
                 {"outbound", s.outbound && s.screen == "outbound" ? outboundView(s) : OutJson(nullptr)},
                 {"call", call ? callView(s, *call) : OutJson(nullptr)}};
}

}  // namespace adapter::live
