// normalizePhone (FO-2, CONTRACT "Common shapes").
#include "adapter/domain_codec.h"
#include "adapter/functions.h"
#include "adapter/phone.h"

namespace adapter {

OutJson normalizePhoneJson(const JsonReader& request) {
  auto numberField = request.field("number");
  if (numberField.isNull()) numberField.fail("required");
  auto text = numberField.asString();
  auto code = readDefaultCallingCode(request);
  auto n = normalizePhone(text, code);
  if (!n.valid) return OutJson{{"e164", nullptr}, {"valid", false}, {"reason", n.reason}};
  return OutJson{{"e164", n.e164},
                 {"valid", true},
                 {"display", displayPhone(n.e164)},
                 {"extension", n.extension.empty() ? OutJson(nullptr) : OutJson(n.extension)}};
}

}  // namespace adapter
