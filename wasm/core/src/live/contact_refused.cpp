// A contact create Zendesk refused with 403: the agent's role may not add end users. Zendesk's Create User is for
// "admins and agents in custom roles with permission to manage end users" (docs/zendesk-requests.md), so an agent
// in a custom role without that permission gets 403 Forbidden on every new caller. Retrying cannot help and the
// agent cannot change it, so the write is not left failed in the sync list (where it would hold the call's ticket
// back until discarded): the call is still recorded. The ticket that waited for the contact is created without a
// requester — Zendesk then makes the agent who creates it the requester — and its first note keeps the caller's
// number (TR-11); a pop of the contact that never came is dropped. The agent reads in words why (D300).
#include "live/flows.h"

namespace adapter::live {

bool onContactCreateRefused(AdapterState& s, const PendingRequest& p, int status) {
  if (status != 403 || p.purpose != Purpose::Write || p.verify) return false;
  Write* w = writeWithKey(s, p.writeKey);
  if (!w || w->state != Write::State::InFlight || w->kind != WriteKind::CreateContact) return false;
  w->state = Write::State::Done;
  std::string number = w->user.phone;
  for (auto& d : s.writes) {
    if (d.waitsFor != p.writeKey) continue;
    d.waitsFor.clear();
    if (isPop(d)) d.state = Write::State::Done;  // no contact to show
  }
  Params params{{"number", number}};
  setBanner(s, "CONTACT_NOT_ALLOWED", MessageKind::Notice, params);
  notify(s, "CONTACT_NOT_ALLOWED", MessageKind::Notice, std::move(params));
  sendReadyWrites(s);
  pumpSessions(s);
  return true;
}

}  // namespace adapter::live
