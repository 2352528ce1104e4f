// useTalkPartnerEdition on an account without Talk Partner Edition (TPE). Zendesk's TPE API "requires Talk Partner
// Edition": on an account without it, the voice-ticket endpoint refuses every create (403 or 404 — which one is not
// documented), so each call would add a failed write to the sync list, and pops would fail one by one. The first such
// refusal settles it for this session: TPE is off until the settings come again (the next registration, e.g. a
// reload), every TPE ticket create not yet answered becomes an ordinary create (POST /tickets, without via_id and
// voice_comment), a create that was to pop its ticket through TPE gets a pop of its own (routeTo once it exists), and
// the agent is told once, in words, to have the admin turn the setting off or TPE on (D305).
#include "live/flows.h"

namespace adapter::live {
namespace {

bool isTalkPartnerCreate(const Write& w) { return w.kind == WriteKind::CreateTicket && w.ticket.viaId.has_value(); }

// The pop a create would have made through display_to_agent: a pop write that waits for the create.
Write popAfter(const Write& create) {
  Write pop;
  pop.kind = WriteKind::PopTicket;
  pop.keys.push_back(create.keys.front() + "/pop");
  pop.callId = create.callId;
  pop.waitsFor = create.keys.front();
  pop.label = "Show ticket";
  return pop;
}

}  // namespace

bool onTalkPartnerEditionRefused(AdapterState& s, const PendingRequest& p, int status) {
  if ((status != 403 && status != 404) || p.purpose != Purpose::Write || p.verify) return false;
  Write* refused = writeWithKey(s, p.writeKey);
  if (!refused || refused->state != Write::State::InFlight) return false;
  // A call record refused (D421): TPE is off for the session as below, and the record is listed as failed by the
  // outbox (its call's ticket has its code as a tag and a line all the same).
  bool callRecord = refused->kind == WriteKind::CreateCall;
  if (!callRecord && !isTalkPartnerCreate(*refused)) return false;
  if (!callRecord) {
    refused->state = Write::State::Queued;  // sent again at once, as an ordinary create
    refused->notBeforeMs = 0;
  }
  bool firstRefusal = s.config.useTalkPartnerEdition;
  s.config.useTalkPartnerEdition = false;
  std::vector<Write> pops;
  for (auto& w : s.writes) {
    if (!isTalkPartnerCreate(w) || w.state != Write::State::Queued) continue;  // one in flight: its own answer
    w.ticket.viaId.reset();
    w.ticket.voice.reset();
    if (w.displayToAgent) pops.push_back(popAfter(w));
    w.displayToAgent.reset();
  }
  for (auto& pop : pops) s.writes.push_back(std::move(pop));
  if (firstRefusal) {
    setBanner(s, "TPE_UNAVAILABLE", MessageKind::Error);
    notify(s, "TPE_UNAVAILABLE", MessageKind::Error);
  }
  if (callRecord) return false;  // the outbox goes on: a failure the agent sees
  sendReadyWrites(s);
  pumpSessions(s);
  return true;
}

}  // namespace adapter::live
