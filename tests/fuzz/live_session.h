#pragma once
// One agent's session as the live fuzz targets play it: the fuzzer's bytes become a VALID event sequence for
// adapter::live::Adapter (docs/adapter-protocol.md) — the app registered with settings the bytes choose, then calls
// ringing, answered, held and ended, Zendesk answering the requests the adapter actually made (statuses 0, 429 and
// 5xx included, bodies shaped like Zendesk's), ticks at the times the adapter asked for, the agent's actions, and
// page reloads that restore the last persisted snapshot into a new adapter. A few events are the fuzzer's raw
// bytes, so the parser and the refusal path stay in reach. Every answer goes through LiveProperties.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "adapter/live/adapter.h"
#include "answer_text.h"
#include "byte_reader.h"
#include "event_text.h"
#include "fake_zendesk.h"
#include "live_properties.h"

namespace fuzz {

class LiveSession {
 public:
  LiveSession();

  // appRegistered with settings from the bytes.
  void registerApp(ByteReader& in);
  // restore with the given snapshot text (as the shim would hand it back), then appRegistered.
  void restoreText(std::string_view snapshotJson, ByteReader& in);
  // Events from the bytes until they run out, at most kMaxSteps of them: an input's cost grows with its events
  // (each is a whole dispatch, answer and check), and a longer session reaches little a shorter one does not: 64
  // steps hold several calls with their retries, checks and reloads (docs/fuzzing.md "Speed").
  static constexpr int kMaxSteps = 64;
  // At most this many calls ring in one session (D366): a few calls hold every multi-call state (one active, one
  // held, one waiting, one ended and not yet recorded); a run of zero bytes, which libFuzzer's mutations make
  // often, rang dozens, and every later event paid for all of them in the view, the snapshot and the checks. Past
  // it, a ring's byte is skipped (no event).
  static constexpr int kMaxRings = 6;
  void play(ByteReader& in, int maxSteps = kMaxSteps);
  // Raw JSON events, one per line, as the shim would send them (the parser and refusal path; the old corpus form).
  void playLines(std::string_view events);
  // The last persisted snapshot (seeds for the restore target).
  const std::string& persisted() const { return persisted_; }

 private:
  void dispatch(EventText& event);
  void dispatchText(const std::string& text, const SentEvent& sent);
  nlohmann::json parseView(const AnswerParts& parts) const;
  void keepViewMembers(const AnswerParts& parts);
  void step(ByteReader& in);
  void answerRequest(ByteReader& in);
  void reload(ByteReader& in);
  void callAction(ByteReader& in);
  void outboundAction(ByteReader& in);
  void syncAction(ByteReader& in);
  void moreAction(ByteReader& in);
  void telephony(ByteReader& in);
  void ring(ByteReader& in);
  std::string someCall(ByteReader& in) const;
  EventText event(const char* type) const;

  std::unique_ptr<adapter::live::Adapter> adapter_;
  FakeZendesk zendesk_;
  LiveProperties properties_;
  std::string settingsText_ = "{}";  // the last appRegistered's settings, as sent
  // The last accepted view's top-level members, as offsets into properties_.viewText() (D411): a changed view's
  // member with the same text is the same value, taken from properties_.view() instead of parsed again.
  struct MemberAt {
    std::size_t key, keyLength, value, valueLength;
  };
  std::vector<MemberAt> viewMembers_;
  std::string persisted_;                   // the last persist effect's state as text (the shim's localStorage)
  std::vector<nlohmann::json> open_;        // request effects without an answer yet
  std::vector<std::string> calls_;          // every call id the connector told about or the adapter dialled
  std::int64_t nowMs_ = 1'750'000'000'000;  // the shim's clock
  std::int64_t acceptedMs_ = 0;             // the adapter's clock: the latest nowMs it accepted
  std::int64_t tickAtMs_ = 0;               // the last scheduleTick
  int nextCall_ = 1;
};

}  // namespace fuzz
