// adapter::live::Adapter: an event, decoded and checked whole at the edge (live_edge/event_decoder.cpp), is routed
// to its flow; the answer is the view and the effects. A bad event is refused before the state is touched, so a
// refusal changes nothing without a copy of the state (D200).
#include "adapter/live/adapter.h"

#include <algorithm>
#include <new>

#include "live/console.h"
#include "live/flows.h"
#include "live/requester_numbers.h"
#include "live_edge/edge.h"
#include "utf8_prefix.h"

namespace adapter::live {
namespace {

// Overloaded lambdas: one std::visit arm per event type.
template <class... Arms>
struct Route : Arms... {
  using Arms::operator()...;
};
template <class... Arms>
Route(Arms...) -> Route<Arms...>;

void registerApp(AdapterState& s, AppRegistered&& e) {
  s.config = std::move(e.config);
  s.agent = std::move(e.agent);
  s.connectorName = std::move(e.connectorName);
  s.registered = true;
  refreshOutbound(s);
  pumpSessions(s);  // what a restored snapshot left to resolve and send, now with the agent's own settings
}

void dialout(AdapterState& s, const Dialout& e) {
  // voice.dialout from a ticket is the ticket's Call menu with its number (FO-5c); from a user, click-to-call (FO-5b).
  EntrySource source = e.ticketId ? EntrySource::Ticket : e.userId ? EntrySource::Contact : EntrySource::Dialpad;
  startOutbound(s, source, e.number, e.userId, e.ticketId);
  emit(s, PopoverEffect{});
}

// The agent learns that Zendesk's own phone links may not dial, and what to do instead; the app works on.
void talkPartnerError(AdapterState& s, const TalkPartnerError& e) {
  setBanner(s, "TPE_EVENT_ERROR", MessageKind::Notice, {{"code", e.code.empty() ? std::string("?") : e.code}});
}

void callMenu(AdapterState& s, const CallMenu& e) {
  startOutbound(s, e.number ? EntrySource::Ticket : EntrySource::TicketNewNumber, e.number.value_or(""), std::nullopt,
                e.ticketId);
  emit(s, PopoverEffect{});
}

void requesterNumbers(AdapterState& s, const RequesterNumbersWanted& e) {
  requesterNumbersWanted(s, e.ticketId, e.requesterId, e.replyTo);
}

void tick(AdapterState& s) {
  s.scheduledTickMs = 0;
  retryDueLookups(s);
  dialDeadlines(s);
  outboundTick(s);
  sendReadyWrites(s);
  pumpSessions(s);
}

void restore(AdapterState& s, Snapshot&& snapshot) {
  applySnapshot(s, std::move(snapshot));
  // The shim restores before appRegistered: until the agent and the settings are known, nothing is resolved or
  // sent (the rules would write with a default agent id and default settings).
  if (s.registered) pumpSessions(s);
}

void handle(AdapterState& s, Event&& event) {
  s.nowMs = std::max(s.nowMs, event.nowMs);  // a clock stepping back must not reorder retries
  auto outbound = [&s, &event](const auto&) { onOutboundAction(s, event.body); };
  std::visit(
      Route{
          [&](AppRegistered& e) { registerApp(s, std::move(e)); },
          [](PaneActivated&) {},  // nothing changes; the answer redraws the current view
          [&](Dialout& e) { dialout(s, e); },
          [&](TalkPartnerError& e) { talkPartnerError(s, e); },
          [&](CallMenu& e) { callMenu(s, e); },
          [&](RequesterNumbersWanted& e) { requesterNumbers(s, e); },
          [&](ContactChosen& e) {
            s.screen == Screen::Outbound ? onOutboundAction(s, event.body) : onCallContactChosen(s, e);
          },
          [&](OpenDialPad& e) { outbound(e); },
          [&](NumberChanged& e) { outbound(e); },
          [&](LookUpNumber& e) { outbound(e); },
          [&](TicketChosen& e) { outbound(e); },
          [&](UseEnteredNumberChanged& e) { outbound(e); },
          [&](TicketIdChanged& e) { outbound(e); },
          [&](CallClicked& e) { outbound(e); },
          [&](CancelClicked& e) { outbound(e); },
          [&](CallButtonClicked& e) { onCallButton(s, e); },
          [&](TransferClicked& e) { onTransferClicked(s, e); },
          [&](NoteChanged& e) { onNoteChanged(s, e); },
          [&](OtherCallClicked& e) { onOtherCallClicked(s, e); },
          [&](ConnectorStateChanged& e) { onConnectorState(s, e); },
          [&](CallRinging& e) { onCallRinging(s, e); },
          [&](CallDialing& e) { onCallDialing(s, e); },
          [&](CallConnected& e) { onCallConnected(s, e); },
          [&](CallAttributesChanged& e) { onCallAttributes(s, e); },
          [&](CallHoldChanged& e) { onCallHoldChanged(s, e); },
          [&](CallMuteChanged& e) { onCallMuteChanged(s, e); },
          [&](CallTransferred& e) { onCallTransferred(s, e); },
          [&](CallEnded& e) { onCallEnded(s, e); },
          [&](TelephonyFailed& e) { onTelephonyFailed(s, e); },
          [&](HttpResponse& e) {
            noteRateLimitHeaders(s, e.rateLimit);
            onHttpResponse(s, e.requestId, e.status, e.body, e.retryAfterSec);
          },
          [&](Tick&) { tick(s); },
          [&](RetryWrites&) {
            retryFailedLookups(s);
            retryFailedWrites(s);
            pumpSessions(s);
          },
          [&](RetryLookups&) {
            retryFailedLookups(s);
            refreshOutbound(s);
            pumpSessions(s);
          },
          [&](RetryWrite& e) {
            if (isCallRecordKey(e.key)) {
              retryFailedLookups(s);  // what a waiting call record needs is a lookup
              pumpSessions(s);
            } else {
              retryWrite(s, e.key);
            }
          },
          [&](DiscardWrite& e) { isCallRecordKey(e.key) ? discardCallRecord(s, e.key) : discardWrite(s, e.key); },
          [&](DismissBanner&) { s.banner.reset(); },
          [&](Restore& e) { restore(s, std::move(e.snapshot)); },
          [&](AgentStatusChosen& e) { onAgentStatusChosen(s, e.status); },
          [&](RecentCallClicked& e) { onRecentCallClicked(s, e.callId, e.action); },
          [&](DigitsPressed& e) { onDigitsPressed(s, e); },
          [&](WrapUpCodeChosen& e) { onWrapUpCodeChosen(s, e); },
          [&](OpenTicketClicked& e) { onOpenTicketClicked(s, e); },
          [&](TransferDirectoryReported& e) { onTransferDirectory(s, std::move(e.directory)); },
          [&](ConsultClicked& e) { onConsultClicked(s, e); },
          [&](ConsultActionClicked& e) { onConsultAction(s, e); },
          [&](ConsultChanged& e) { onConsultChanged(s, e); },
      },
      event.body);
  noteRecentCalls(s);
}

}  // namespace

Adapter::Adapter() : state_(std::make_unique<AdapterState>()) {}
Adapter::~Adapter() = default;

bool Adapter::answerCacheFresh() const { return live::answerCacheFresh(*state_); }

std::string Adapter::dispatch(std::string_view eventJson) {
  try {
    Event event = decodeEvent(eventJson);  // every check is here, before the state is touched
    auto& s = *state_;
    s.effects.clear();
    handle(s, std::move(event));
    scheduleNextTick(s);
    return encodeAnswer(s);
  } catch (const RequestError& e) {
    return encodeError("INVALID_REQUEST", e.what(), e.path());
  } catch (const EventTooLarge& e) {
    // As the shim words its own refusal (event-limits.js): the type cut to 40 bytes, the numbers as params.
    std::string type = utf8Prefix(e.type, 40);
    std::string message = (type.empty() ? std::string("the event") : "the " + type + " event") + " is " +
                          std::to_string(e.bytes) + " bytes of JSON; at most " + std::to_string(e.limit) +
                          " are accepted";
    return encodeError(
        "EVENT_TOO_LARGE", message, "/",
        {{"type", type}, {"bytes", static_cast<std::int64_t>(e.bytes)}, {"limit", static_cast<std::int64_t>(e.limit)}});
  } catch (const std::bad_alloc&) {
    state_->effects.clear();
    return encodeError("INTERNAL", "out of memory", "");
  } catch (const std::exception& e) {
    // A bug: what the flow changed before it threw stays (D200); the effects it asked for are not performed.
    state_->effects.clear();
    return encodeError("INTERNAL", std::string("internal error: ") + e.what(), "");
  }
}

}  // namespace adapter::live
