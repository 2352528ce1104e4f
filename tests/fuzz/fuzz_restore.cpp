// Fuzz target for the snapshot restore (docs/adapter-protocol.md "persist" / "restore"): the stored state is the
// one input the shim hands back from localStorage, so it is as untrusted as any event. Input: the snapshot's JSON
// text up to the first newline, then bytes for the session that continues after it (live_session.h): restore into
// a new adapter, appRegistered, then events. A refused snapshot must leave a working adapter; an accepted one must
// keep every live property (restore counts as an event that asks for the stored outbox's writes).
// The boundary is the snapshot: a few events after it (kEventsAfterRestore) show what it restored — its calls
// answered, its outbox resumed, a reload — while the long sessions are the live target's (D413). The corpus holds
// real snapshots (the live target's FUZZ_SNAPSHOT_OUT), so the fuzzer mutates states as big as an agent's.
#include <cstdint>
#include <string_view>

#include "live_session.h"

namespace {
constexpr int kEventsAfterRestore = 16;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto newline = input.find('\n');
  std::string_view snapshot = input.substr(0, newline);
  std::size_t rest = newline == std::string_view::npos ? size : newline + 1;
  fuzz::ByteReader in(data + rest, size - rest);
  fuzz::LiveSession session;
  session.restoreText(snapshot, in);
  session.play(in, kEventsAfterRestore);
  return 0;
}
