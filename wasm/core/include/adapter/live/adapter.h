#pragma once
// One agent's live adapter (docs/adapter-protocol.md): a stateful object fed JSON events (ZAF, agent actions,
// telephony, HTTP responses, timer ticks) that answers the view to draw and the effects to perform. It decides
// everything and performs nothing: time comes in every event, I/O goes out as effects.
#include <memory>
#include <string>
#include <string_view>

namespace adapter::live {

struct AdapterState;

class Adapter {
 public:
  Adapter();
  ~Adapter();
  Adapter(const Adapter&) = delete;
  Adapter& operator=(const Adapter&) = delete;

  // One event in, {"view", "effects"} out. Never throws. A bad event answers {"error": {...}} and leaves the
  // adapter exactly as it was.
  std::string dispatch(std::string_view eventJson);
  // Whether the view and the snapshot the last answer reused (printed by parts, D320/D401) are what a fresh build
  // of the state makes: the tests' proof that no cached text went stale.
  bool answerCacheFresh() const;

 private:
  std::unique_ptr<AdapterState> state_;
};

}  // namespace adapter::live
