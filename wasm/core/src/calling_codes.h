#pragma once
// Country calling codes as libphonenumber's metadata knows them, used to find where the calling code ends.
#include <string_view>

namespace adapter {

// Length (1–3) of the calling code that starts `digits`, or 0 when no known code does.
int callingCodeLength(std::string_view digits);

}  // namespace adapter
