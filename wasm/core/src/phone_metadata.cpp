#include "phone_metadata.h"

namespace adapter::phone_metadata {
namespace {

constexpr char kText[] =
#include "phone_metadata.inc"
    ;

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (;;) {
    auto at = line.find(';', start);
    fields.push_back(line.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return fields;
    start = at + 1;
  }
}

std::uint32_t lengthsOf(std::string_view list) {
  std::uint32_t mask = 0;
  int n = 0;
  for (std::size_t i = 0; i <= list.size(); ++i) {
    if (i == list.size() || list[i] == ',') {
      if (n > 0 && n < 32) mask |= 1u << n;
      n = 0;
    } else {
      n = n * 10 + (list[i] - '0');
    }
  }
  return mask;
}

Metadata load() {
  Metadata m;
  std::string_view text(kText, sizeof kText - 1);
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto f = split(text.substr(start, end - start));
    start = end + 1;
    if (f[0] == "V" && f.size() == 2) {
      m.source = f[1];
    } else if (f[0] == "P" && f.size() == 9) {
      Plan p;
      p.callingCode = f[1];
      p.region = f[2];
      p.internationalPrefix = f[3];
      p.nationalPrefixForParsing = f[4];
      p.nationalPrefixTransformRule = f[5];
      p.leadingDigits = f[6];
      p.lengths = lengthsOf(f[7]);
      p.nationalNumberPattern = f[8];
      m.plans.push_back(p);
    } else if (f[0] == "F" && (f.size() == 3 || f.size() == 4) && !m.plans.empty()) {
      m.plans.back().formats.push_back({f[1], f.size() == 4 ? f[3] : std::string_view(), f[2]});
    } else if (f[0].size() == 2 && f[0][0] == 'T' && f.size() == 3 && !m.plans.empty()) {
      m.plans.back().types.push_back({f[2], lengthsOf(f[1])});
    }
  }
  return m;
}

}  // namespace

const Metadata& metadata() {
  static const Metadata m = load();
  return m;
}

std::vector<const Plan*> plansFor(std::string_view callingCode) {
  std::vector<const Plan*> out;
  for (const auto& p : metadata().plans) {
    if (p.callingCode == callingCode) out.push_back(&p);
  }
  return out;
}

const Plan* mainPlan(std::string_view callingCode) {
  for (const auto& p : metadata().plans) {
    if (p.callingCode == callingCode) return &p;
  }
  return nullptr;
}

}  // namespace adapter::phone_metadata
