// adapter-cli <function>: reads one JSON request on stdin, writes the core's JSON response and a newline on
// stdout. Exit 0 whenever a response was written (errors included), 2 for a usage error.
// adapter-cli --adapter: one live adapter; one event per line on stdin, one answer per line on stdout
// (docs/adapter-protocol.md), so a recorded agent session can be replayed natively.
#include <iostream>
#include <iterator>
#include <string>

#include "adapter/call.h"
#include "adapter/live/adapter.h"

namespace {

int usage() {
  std::cerr << "usage: adapter-cli <function> < request.json\n       adapter-cli --list\n"
               "       adapter-cli --adapter < events.jsonl\nfunctions:";
  for (const auto& name : adapter::functionNames()) std::cerr << ' ' << name;
  std::cerr << '\n';
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return usage();
  std::string function = argv[1];
  if (function == "--list") {
    for (const auto& name : adapter::functionNames()) std::cout << name << '\n';
    return 0;
  }
  if (function == "--adapter") {
    adapter::live::Adapter live;
    for (std::string line; std::getline(std::cin, line);) {
      if (!line.empty()) std::cout << live.dispatch(line) << '\n';
    }
    return std::cout.good() ? 0 : 1;
  }
  if (!adapter::isFunction(function)) {
    std::cerr << "adapter-cli: unknown function \"" << function << "\"\n";
    return usage();
  }
  std::string request((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  std::cout << adapter::call(function, request) << '\n';
  return std::cout.good() ? 0 : 1;
}
