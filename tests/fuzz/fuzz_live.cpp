// Fuzz target for the live event stream (docs/adapter-protocol.md): the bytes become one agent's session — the app
// registered with settings they choose, then a valid event sequence (live_session.h) with Zendesk and the connector
// answering as they would. An input starting "live\n" is instead raw JSON events, one per line. Every answer is
// checked against the live properties (live_properties.h, docs/fuzzing.md).
// FUZZ_SNAPSHOT_OUT=<file> writes the session's last persisted snapshot there (seeds for the restore target).
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string_view>

#include "live_session.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  fuzz::LiveSession session;
  if (input.substr(0, 5) == "live\n") {
    session.playLines(input.substr(5));
    return 0;
  }
  fuzz::ByteReader in(data, size);
  session.registerApp(in);
  session.play(in);
  if (const char* out = std::getenv("FUZZ_SNAPSHOT_OUT"); out && !session.persisted().empty()) {
    std::ofstream(out, std::ios::binary) << session.persisted();
  }
  return 0;
}
