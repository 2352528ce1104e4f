// Benchmark (not a test): the live core's CPU time per event, without a fuzzer or a harness around it (D402). Each
// input file is one agent's session, one event's JSON a line (the `>> ` lines of a FUZZ_TRACE=1 run of fuzz_live or
// fuzz_restore, docs/fuzzing.md), played into a new live::Adapter. Prints the median over the rounds of the time
// per event and per session, and a hash of every answer: two builds that answer byte for byte alike print the same
// hash, so the same command measures a change to the core and checks that its answers did not move.
// Usage: live_dispatch_bench [--rounds N] <file or directory>...
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "adapter/live/adapter.h"

namespace {

using Session = std::vector<std::string>;

Session readSession(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  Session events;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) events.push_back(std::move(line));
  }
  return events;
}

std::vector<Session> readSessions(int argc, char** argv, int first) {
  std::vector<std::filesystem::path> files;
  for (int i = first; i < argc; ++i) {
    std::filesystem::path path(argv[i]);
    if (std::filesystem::is_directory(path)) {
      for (const auto& entry : std::filesystem::directory_iterator(path)) files.push_back(entry.path());
    } else {
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());  // the same order, so the same hash, on every run
  std::vector<Session> sessions;
  for (const auto& file : files) sessions.push_back(readSession(file));
  return sessions;
}

// FNV-1a over every answer's bytes, in order.
struct AnswerHash {
  std::uint64_t value = 0xcbf29ce484222325ULL;
  void add(const std::string& text) {
    for (unsigned char c : text) value = (value ^ c) * 0x100000001b3ULL;
    value = (value ^ 0xFF) * 0x100000001b3ULL;  // the answer's end
  }
};

}  // namespace

int main(int argc, char** argv) {
  int rounds = 5, first = 1;
  if (argc > 2 && std::string(argv[1]) == "--rounds") {
    rounds = std::max(1, std::atoi(argv[2]));
    first = 3;
  }
  std::vector<Session> sessions = readSessions(argc, argv, first);
  std::size_t events = 0;
  for (const auto& s : sessions) events += s.size();
  if (events == 0) {
    std::fprintf(stderr, "usage: live_dispatch_bench [--rounds N] <file or directory>...\n");
    return 2;
  }
  std::vector<double> seconds;
  AnswerHash hash;
  for (int round = 0; round < rounds; ++round) {
    AnswerHash roundHash;
    std::clock_t start = std::clock();  // CPU time: the machine is shared, wall time is not this process's
    for (const auto& session : sessions) {
      adapter::live::Adapter adapter;
      for (const auto& event : session) roundHash.add(adapter.dispatch(event));
    }
    seconds.push_back(static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC);
    hash = roundHash;
  }
  std::sort(seconds.begin(), seconds.end());
  double median = seconds[seconds.size() / 2];
  std::printf(
      "%zu sessions, %zu events, %d rounds: median %.2f us per event, %.1f us per session, %.0f sessions/s; "
      "answers %016llx\n",
      sessions.size(), events, rounds, median * 1e6 / static_cast<double>(events),
      median * 1e6 / static_cast<double>(sessions.size()), static_cast<double>(sessions.size()) / median,
      static_cast<unsigned long long>(hash.value));
  return 0;
}
