// Talk Partner Edition's record of a call in its standard call object (D421): with TPE on, a call the agent wraps up
// is recorded once, by POST /api/v2/calls at Done (or when the next call's answer ends the wrap-up), the wrap-up code
// its `call_disposition`. One request when everything is known, so no update endpoint is needed. The record names
// the app (ZAF's app id), both lines, the start and the end, the direction, who answered and the call's ticket —
// the Calls API reference's fields (docs/zendesk-requests.md); a call without both lines (an outbound call whose
// connector named no line in callDialing, D391) cannot fill the mandatory from_line / to_line and is not recorded.
// Only a call the agent spoke in is recorded (D422): a missed call, an abandoned one or a voicemail reaches no
// wrap-up and has no disposition, and a record without a completion status would read as a call still in progress.
// Both lines are phone numbers in E.164, as the reference's examples (a withheld caller or a SIP extension as the
// dialled line is no number, and is not sent for Zendesk to refuse on every call).
#include "adapter/phone.h"
#include "live/flows.h"

namespace adapter::live {

void enqueueCallRecord(AdapterState& s, const Call& call) {
  if (!s.config.useTalkPartnerEdition || s.config.appId <= 0 || !call.wasConnected) return;
  bool inbound = call.direction == Direction::Inbound;
  auto caller = normalizePhone(call.phone, s.config.defaultCallingCode);
  auto dialled = normalizePhone(call.dnis, s.config.defaultCallingCode);
  if (!caller.valid || !dialled.valid || call.startedAtMs <= 0) return;
  CallRecord r;
  r.appId = s.config.appId;
  r.fromLine = inbound ? caller.e164 : dialled.e164;
  r.toLine = inbound ? dialled.e164 : caller.e164;
  std::string key = sessionIdOf(call.id) + "/callRecord";
  if (!s.seenKeys.insert(key).second) return;  // once per call, after a reload too
  r.startedAtMs = call.startedAtMs / 1000 * 1000;
  r.endedAtMs = call.endedAtMs / 1000 * 1000;
  r.direction = call.direction;
  r.completed = true;  // the agent spoke to the caller
  r.agentId = s.agent.id;
  r.disposition = call.wrapUpCode;
  Write w;
  w.kind = WriteKind::CreateCall;
  w.keys.push_back(key);
  w.callId = call.id;
  w.label = "Call record " + call.id;
  w.call = std::move(r);
  // Its ticket: known, or the call's create still on its way (the record waits for its id), or none (FO-1d).
  std::string createKey = sessionIdOf(call.id) + "/createTicket";
  auto created = s.createdIds.find(createKey);
  if (call.ticketId) {
    w.targetId = *call.ticketId;
  } else if (created != s.createdIds.end()) {
    w.targetId = created->second;
  } else if (writeWithKey(s, createKey)) {
    w.waitsFor = createKey;
  }
  s.writes.push_back(std::move(w));
}

}  // namespace adapter::live
