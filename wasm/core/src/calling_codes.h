#pragma once
// Assigned ITU-T E.164 country calling codes, used to find where the country code ends.
#include <string_view>

namespace adapter {

// Length (1–3) of the calling code that starts `digits`, or 0 when no assigned code does.
int callingCodeLength(std::string_view digits);

}  // namespace adapter
