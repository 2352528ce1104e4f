#pragma once
// The live core's JSON edge: the only place where its typed state meets the protocol's JSON (events in; view,
// effects and the persisted snapshot out). Internal to the core.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapter/json_reader.h"
#include "live/events.h"
#include "live/state.h"

namespace adapter::live {

// effect_encoder.cpp — typed effects and messages as the protocol's JSON, in its key order.
OutJson encodeParams(const Params& params);                  // an object, {} when there are none
OutJson encodeBanner(const std::optional<Message>& banner);  // null or {code, kind, params}
OutJson encodeEffects(const std::vector<Effect>& effects);
// The answer to a handled event: {view, effects}, with a persist effect first when the snapshot changed. Takes the
// dispatch's effects out of the state.
std::string encodeAnswer(AdapterState& s);
// Whether the last answer's view and snapshot are what a fresh build of `s` makes (D255's check, D401).
bool answerCacheFresh(const AdapterState& s);
std::string encodeError(const char* code, const std::string& message, const std::string& path,
                        const Params& params = {});  // params only when there are any

// event_decoder.cpp — an event's JSON, read and checked whole. Throws RequestError (the path and message of the
// first field that is wrong), or EventTooLarge when its text is over its type's limit; changes nothing.
Event decodeEvent(std::string_view json);
// The most UTF-8 bytes of JSON an event of this type may have: the shim's limits (js-shim/core/event-limits.js),
// kept by the core too, so that every host of the module (the shim, the CLI, an IVR) gets the same bound (D438).
std::size_t eventByteLimit(std::string_view type);
struct EventTooLarge {
  std::string type;  // "" when the text was refused before it was parsed
  std::size_t bytes, limit;
};

// zendesk_answers.cpp — an HTTP answer to the request that asked for it, read into records (zendesk_records.h)
// for the lookups or the outbox; an answer to a request this page did not send (one from before a reload) is
// ignored. A Zendesk ticket's assignee (a snapshot's ticket) remembered in the directory.
void onHttpResponse(AdapterState& s, const std::string& requestId, int status, const InJson& body,
                    std::optional<std::int64_t> retryAfterSec);
void rememberAssignee(Directory& d, const InJson& zendeskTicket);

// call_attributes.cpp — the bound on a call's attributes (flows.h) as a running tally: PF-1's always, the others
// while they fit, a later value of a kept key replacing it when it still fits.
class AttributeTally {
 public:
  AttributeTally() = default;
  explicit AttributeTally(const CallerAttributes& held);
  bool mayKeep(const std::string& key) const;                        // false: no value of this key can fit
  bool keep(const std::string& key, const CallerAttributes& value);  // true: it fits, and is counted
 private:
  std::map<std::string, std::size_t> sizes_;  // the kept keys besides PF-1's, with their bytes
  std::size_t bytes_ = 0;
};

// An event's "attributes" under the bound while it is parsed (D340): PF-1's always, the others in the order they
// arrive while they fit, as if the call held none. An entry past the bound is skipped unbuilt and counted.
class AttributeGate final : public EntryGate {
 public:
  AttributeGate() : EntryGate("attributes") {}
  void begin() override;
  bool mayKeep(const std::string& key) override;
  bool keep(const std::string& key, const InJson& value) override;
  IncomingAttributes read(const CallerAttributes& kept) const;  // the event's attributes: the gated object as parsed

 private:
  AttributeTally tally_;
  std::vector<std::string> order_;
  int dropped_ = 0;
};

// app_settings.cpp — ZAF metadata settings → Config; a bad value is reported and its default used.
Config readAppSettings(const InJson& raw);

// view_model.cpp / persistence.cpp. Each answer's view and snapshot are rebuilt only when the fingerprint of what
// they are made from changed (D255, effect_encoder.cpp).
// Each persisted call's and write's typed print (every member), made once per answer and read by both (D400).
struct RecordPrints {
  std::vector<std::uint64_t> calls;   // in the order of AdapterState::calls
  std::vector<std::uint64_t> writes;  // in the order of AdapterState::writes
  std::uint64_t recentCalls = 0;      // every member of every recent call (AdapterState::recentCalls)
};
RecordPrints recordPrints(AdapterState& s);
OutJson buildView(const AdapterState& s);
// The view's large fields, each printed again only when its own fingerprint moved (D401); the others are small and
// printed on every redraw. `whole` covers them all: the view is not redrawn at all while it stays.
enum ViewPart { kSyncPart, kOutboundPart, kCallPart, kOtherCallsPart, kRecentCallsPart, kViewParts };
struct ViewPrints {
  std::uint64_t whole = 0;
  std::uint64_t parts[kViewParts] = {};
};
ViewPrints viewPrints(const AdapterState& s, const RecordPrints& prints);
std::string viewTextByParts(AdapterState& s, const ViewPrints& prints);  // buildView's text, byte for byte
std::string snapshotText(const AdapterState& s);                         // the persist effect's state, printed
// The same text, reprinting only the parts that changed (D320).
std::string snapshotTextByParts(AdapterState& s, const RecordPrints& prints);
Snapshot readSnapshot(const JsonReader& r);  // the restore event's state; throws RequestError

// transfer_view.cpp — a call's transfer directory and consult leg (D341); null when there is neither.
OutJson transferView(const AdapterState& s, const Call& call);
class Fingerprint;
void addTransfer(Fingerprint& f, const AdapterState& s);  // what transferView reads, for the view's fingerprint

}  // namespace adapter::live
