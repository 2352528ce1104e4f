#include "calling_codes.h"

#include "phone_metadata.h"

namespace adapter {

int callingCodeLength(std::string_view digits) {
  // libphonenumber's extractCountryCallingCode: the shortest prefix (1–3 digits) that is a known calling code.
  for (std::size_t n = 1; n <= 3 && n <= digits.size(); ++n) {
    if (digits[0] == '0') return 0;
    if (phone_metadata::mainPlan(digits.substr(0, n))) return static_cast<int>(n);
  }
  return 0;
}

}  // namespace adapter
