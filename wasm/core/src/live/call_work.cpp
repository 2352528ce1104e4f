// Issue 18: what an agent does in and after a call besides talking: the keypad (DTMF to an IVR or a conference
// bridge) and the wrap-up code the admin asked for (D370).
#include <algorithm>

#include "adapter/text_rules.h"
#include "live/caller_card.h"
#include "live/flows.h"
#include "note_text.h"

namespace adapter::live {

void connectedCallCommand(AdapterState& s, TelephonyCommand command, std::optional<std::string> TelephonyEffect::*field,
                          const std::string& value) {
  Call* call = s.activeCall();
  // Only a connected call hears it; a click after the hang-up (a late one) is dropped.
  if (!call || call->state != CallState::Connected) return;
  TelephonyEffect effect;
  effect.command = command;
  effect.callId = call->id;
  effect.*field = value;
  telephony(s, std::move(effect));
}

void onDigitsPressed(AdapterState& s, const DigitsPressed& event) {
  connectedCallCommand(s, TelephonyCommand::SendDigits, &TelephonyEffect::digits, event.digits);
}

void onWrapUpCodeChosen(AdapterState& s, const WrapUpCodeChosen& event) {
  Call* call = s.activeCall();
  if (!call || call->wrappedUp) return;  // Done already handed the call's note to the outbox
  const auto& codes = s.config.wrapUpCodes;
  // Only a code the admin listed (another tab's or a stale list's code is not written); "" clears the choice.
  if (!event.code.empty() && std::find(codes.begin(), codes.end(), event.code) == codes.end()) return;
  call->wrapUpCode = event.code;
  // The reminder to choose one has been answered.
  if (!event.code.empty() && s.banner && s.banner->code == "WRAP_UP_CODE_REQUIRED") s.banner.reset();
}

void onOpenTicketClicked(AdapterState& s, const OpenTicketClicked& event) {
  // Only a ticket one of the agent's calls is on, or one its caller card lists (D354): the view links nothing
  // else, and another tab's stale click must not send the agent somewhere unexpected.
  for (const auto& [id, call] : s.calls) {
    if (call.ticketId == event.ticketId) return emit(s, RouteToEffect{false, event.ticketId});
  }
  if (onCallerCard(s, event.ticketId)) emit(s, RouteToEffect{false, event.ticketId});
}

bool finishWrapUp(AdapterState& s, Call& call) {
  if (s.config.wrapUpCodeRequired && call.wrapUpCode.empty()) {  // D370: the admin asked for a code first
    setBanner(s, "WRAP_UP_CODE_REQUIRED", MessageKind::Error);
    return false;
  }
  call.wrappedUp = true;
  return true;
}

// The chosen code goes on the call's closing note (its first line, in the notes' language) and onto the ticket as
// the tag wrapup_<code in tag form>, so that views, triggers and reports can use it (D370).
void addWrapUpCode(const AdapterState& s, const Call& call, SessionAction& note) {
  if (call.wrapUpCode.empty()) return;
  std::string line = noteText(s.config.sessionSettings.noteLanguage, NoteKey::wrapUpCode, {{"code", call.wrapUpCode}});
  note.comment = note.comment.empty() ? line : line + "\n" + note.comment;
  note.tags.push_back("wrapup_" + toTagForm(call.wrapUpCode));
}

}  // namespace adapter::live
