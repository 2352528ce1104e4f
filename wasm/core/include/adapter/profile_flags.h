#pragma once
// PF-1: reserved data attributes → user profile flags shown in the adapter.
#include <string>
#include <string_view>
#include <vector>

#include "adapter/json_reader.h"

namespace adapter {

struct ProfileFlag {
  std::string code;       // verified_customer | unverified_customer | bad_actor | repeat_customer
  std::string attribute;  // the attribute it came from
};

struct ProfileFlagsResult {
  std::vector<ProfileFlag> flags;
  std::vector<std::string> ignored;  // reserved attributes whose value is not a recognisable yes/no
};

// `attributes` is a JSON object; values may be booleans, 0/1, or "true"/"false"/"yes"/"no"/"1"/"0".
// The reserved_ form wins over the bare form (SIP data parameters and virtual agents drop the prefix).
ProfileFlagsResult profileFlags(const InJson& attributes);

// Whether PF-1 reads this attribute (a reserved name, with or without its `reserved_` prefix).
bool isProfileFlagAttribute(std::string_view key);

}  // namespace adapter
