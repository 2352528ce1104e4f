#include "adapter/profile_flags.h"

#include <cctype>
#include <optional>

#include "adapter/functions.h"

namespace adapter {
namespace {

std::optional<bool> truthValue(const InJson& v) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number_integer() || v.is_number_unsigned()) {
    auto n = v.get<std::int64_t>();
    if (n == 0 || n == 1) return n == 1;
    return std::nullopt;
  }
  if (!v.is_string()) return std::nullopt;
  std::string s = v.get<std::string>();
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "true" || s == "yes" || s == "1" || s == "y") return true;
  if (s == "false" || s == "no" || s == "0" || s == "n") return false;
  return std::nullopt;
}

struct Rule {
  const char* name;
  const char* whenTrue;
  const char* whenFalse;
};
constexpr Rule kRules[] = {
    {"verified_customer", "verified_customer", "unverified_customer"},
    {"bad_actor", "bad_actor", nullptr},
    {"repeat_customer", "repeat_customer", nullptr},
};

}  // namespace

bool isProfileFlagAttribute(std::string_view key) {
  constexpr std::string_view kPrefix = "reserved_";
  if (key.substr(0, kPrefix.size()) == kPrefix) key.remove_prefix(kPrefix.size());
  for (const auto& rule : kRules) {
    if (key == rule.name) return true;
  }
  return false;
}

ProfileFlagsResult profileFlags(const InJson& attributes) {
  ProfileFlagsResult out;
  for (const auto& rule : kRules) {
    for (const std::string& key : {std::string("reserved_") + rule.name, std::string(rule.name)}) {
      auto it = attributes.find(key);
      if (it == attributes.end() || it->is_null()) continue;
      auto value = truthValue(*it);
      if (!value) {
        out.ignored.push_back(key);
        continue;
      }
      const char* code = *value ? rule.whenTrue : rule.whenFalse;
      if (code) out.flags.push_back({code, key});
      break;  // the reserved_ form, when usable, wins
    }
  }
  return out;
}

OutJson profileFlagsJson(const JsonReader& request) {
  auto attributes = request.field("attributes");
  if (!attributes.isNull() && !attributes.json().is_object()) attributes.fail("expected object");
  auto result = profileFlags(attributes.isNull() ? InJson::object() : attributes.json());
  OutJson flags = OutJson::array();
  for (const auto& f : result.flags) flags.push_back({{"code", f.code}, {"attribute", f.attribute}});
  OutJson ignored = OutJson::array();
  for (const auto& i : result.ignored) ignored.push_back(i);
  return OutJson{{"flags", flags}, {"ignored", ignored}};
}

}  // namespace adapter
