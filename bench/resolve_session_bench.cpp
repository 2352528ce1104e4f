// Benchmark (not a test): resolveSession and planOutbound through adapter::call — JSON parse, decide, JSON dump,
// exactly what the shim pays per event — for a caller with many tickets. Prints median and p99 per case.
// Usage: adapter_bench [iterations] | adapter_bench --requests (the cases as JSON, for the WASM run)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adapter/call.h"
#include "bench_requests.h"

namespace {

struct Stats {
  double median, p99;
};

Stats measure(const std::string& function, const std::string& request, int iterations) {
  std::vector<double> us;
  us.reserve(static_cast<std::size_t>(iterations));
  std::size_t sink = 0;
  for (int i = 0; i < iterations; ++i) {
    auto start = std::chrono::steady_clock::now();
    sink += adapter::call(function, request).size();
    auto end = std::chrono::steady_clock::now();
    us.push_back(std::chrono::duration<double, std::micro>(end - start).count());
  }
  if (sink == 0) std::abort();  // keeps the calls from being optimised away
  std::sort(us.begin(), us.end());
  auto at = [&](double q) { return us[static_cast<std::size_t>(q * static_cast<double>(us.size() - 1))]; };
  return {at(0.5), at(0.99)};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--requests") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : bench::cases())
      out.push_back({{"name", c.name}, {"function", c.function}, {"request", c.request}});
    std::printf("%s\n", out.dump().c_str());
    return 0;
  }
  int iterations = argc > 1 ? std::atoi(argv[1]) : 200;
  std::printf("{\"runtime\":\"native\",\"iterations\":%d,\"cases\":[", iterations);
  bool first = true;
  for (const auto& c : bench::cases()) {
    auto s = measure(c.function, c.request, iterations);
    std::printf("%s{\"name\":\"%s\",\"medianUs\":%.1f,\"p99Us\":%.1f}", first ? "" : ",", c.name.c_str(), s.median,
                s.p99);
    first = false;
  }
  std::printf("]}\n");
  return 0;
}
