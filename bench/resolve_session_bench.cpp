// Benchmark (not a test): resolveSession and planOutbound through adapter::call — JSON parse, decide, JSON dump,
// exactly what the shim pays per event — for a caller with many tickets. Prints median and p99 per case.
// Usage:
//   adapter_bench [iterations]            the bench/run cases, fixed iterations
//   adapter_bench --requests              the bench/run cases as JSON (for bench/wasm-bench.mjs)
//   adapter_bench --requests grid         the speed grid and the crossing requests as JSON (for bench/speed.mjs)
//   adapter_bench --measure <file> [budgetMs] [minIterations] [maxIterations]
//                                         times the requests of a `--requests grid` file (the bytes the WASM side
//                                         gets too) with the adaptive policy of bench/speed.mjs
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "adapter/call.h"
#include "adapter/live/adapter.h"
#include "bench_requests.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Stats {
  double median, p99;
};

double micros(Clock::time_point start, Clock::time_point end) {
  return std::chrono::duration<double, std::micro>(end - start).count();
}

// The same quantiles as the JavaScript side: sorted, index floor(q * (n - 1)).
Stats quantiles(std::vector<double> us) {
  std::sort(us.begin(), us.end());
  auto at = [&](double q) { return us[static_cast<std::size_t>(q * static_cast<double>(us.size() - 1))]; };
  return {at(0.5), at(0.99)};
}

Stats measure(const std::string& function, const std::string& request, int iterations) {
  std::vector<double> us;
  us.reserve(static_cast<std::size_t>(iterations));
  std::size_t sink = 0;
  for (int i = 0; i < iterations; ++i) {
    auto start = Clock::now();
    sink += adapter::call(function, request).size();
    auto end = Clock::now();
    us.push_back(micros(start, end));
  }
  if (sink == 0) std::abort();  // keeps the calls from being optimised away
  return quantiles(std::move(us));
}

// The adaptive policy (bench/chromium-bench.html does the same): one untimed warm-up call, the fastest of three
// timed calls as the estimate, then as many iterations as fit in the budget, within [minIterations, maxIterations].
template <typename F>
nlohmann::json adaptive(F&& once, double budgetMs, int minIterations, int maxIterations) {
  std::size_t sink = once();
  double estimate = 1e300;
  for (int i = 0; i < 3; ++i) {
    auto start = Clock::now();
    sink += once();
    estimate = std::min(estimate, micros(start, Clock::now()));
  }
  int iterations = static_cast<int>(std::clamp(std::ceil(budgetMs * 1000.0 / std::max(estimate, 0.001)),
                                               double(minIterations), double(maxIterations)));
  std::vector<double> us;
  us.reserve(static_cast<std::size_t>(iterations));
  for (int i = 0; i < iterations; ++i) {
    auto start = Clock::now();
    sink += once();
    us.push_back(micros(start, Clock::now()));
  }
  if (sink == 0) std::abort();
  auto s = quantiles(std::move(us));
  return {{"medianUs", s.median}, {"p99Us", s.p99}, {"iterations", iterations}};
}

// A boundary crossing is far below the clock's resolution in a browser (5 µs when cross-origin isolated), so it is
// timed in batches: ten warm-up calls, 100 calls timed together as the estimate, then `batches` batches of as many
// calls as take ~2 ms; the figures are per call (batch time / calls per batch).
template <typename F>
nlohmann::json batched(F&& once, int batches) {
  std::size_t sink = 0;
  for (int i = 0; i < 10; ++i) sink += once();
  auto start = Clock::now();
  for (int i = 0; i < 100; ++i) sink += once();
  double estimate = micros(start, Clock::now()) / 100.0;
  int perBatch = static_cast<int>(std::clamp(std::ceil(2000.0 / std::max(estimate, 0.001)), 1.0, 100000.0));
  std::vector<double> us;
  us.reserve(static_cast<std::size_t>(batches));
  for (int b = 0; b < batches; ++b) {
    auto t0 = Clock::now();
    for (int i = 0; i < perBatch; ++i) sink += once();
    us.push_back(micros(t0, Clock::now()) / perBatch);
  }
  if (sink == 0) std::abort();
  auto s = quantiles(std::move(us));
  return {{"medianUs", s.median}, {"p99Us", s.p99}, {"batches", batches}, {"callsPerBatch", perBatch}};
}

int measureFile(const char* path, double budgetMs, int minIterations, int maxIterations) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "adapter_bench: cannot read %s\n", path);
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto spec = nlohmann::json::parse(text.str());
  nlohmann::json cases = nlohmann::json::array();
  for (const auto& c : spec["cases"]) {
    const auto function = c["function"].get<std::string>();
    const auto request = c["request"].get<std::string>();
    auto r = adaptive([&] { return adapter::call(function, request).size(); }, budgetMs, minIterations, maxIterations);
    r["name"] = c["name"];
    cases.push_back(r);
    std::fprintf(stderr, "  native  %-50s median %10.1f us  (%d iterations)\n", c["name"].get<std::string>().c_str(),
                 r["medianUs"].get<double>(), r["iterations"].get<int>());
  }
  const auto& x = spec["crossing"];
  const auto callFunction = x["call"]["function"].get<std::string>();
  const auto callRequest = x["call"]["request"].get<std::string>();
  auto call = batched([&] { return adapter::call(callFunction, callRequest).size(); }, 300);
  adapter::live::Adapter live;
  auto setup = live.dispatch(x["dispatch"]["setup"].get<std::string>());
  if (setup.rfind("{\"error\"", 0) == 0) {
    std::fprintf(stderr, "adapter_bench: appRegistered refused: %s\n", setup.c_str());
    return 1;
  }
  const auto event = x["dispatch"]["event"].get<std::string>();
  auto dispatch = batched([&] { return live.dispatch(event).size(); }, 300);
  nlohmann::json out = {
      {"runtime", "native"}, {"cases", cases}, {"crossing", {{"call", call}, {"dispatch", dispatch}}}};
  std::printf("%s\n", out.dump().c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--requests") {
    if (argc > 2 && std::string(argv[2]) == "grid") {
      nlohmann::json cases = nlohmann::json::array();
      for (const auto& c : bench::gridCases())
        cases.push_back({{"name", c.name},
                         {"function", c.function},
                         {"contacts", c.contacts},
                         {"tickets", c.tickets},
                         {"request", c.request}});
      std::printf("%s\n", nlohmann::json{{"cases", cases}, {"crossing", bench::crossingRequests()}}.dump().c_str());
      return 0;
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : bench::cases())
      out.push_back({{"name", c.name}, {"function", c.function}, {"request", c.request}});
    std::printf("%s\n", out.dump().c_str());
    return 0;
  }
  if (argc > 2 && std::string(argv[1]) == "--measure") {
    return measureFile(argv[2], argc > 3 ? std::atof(argv[3]) : 4000.0, argc > 4 ? std::atoi(argv[4]) : 15,
                       argc > 5 ? std::atoi(argv[5]) : 2000);
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
