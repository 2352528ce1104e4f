#pragma once
// Parts of resolveSession's JSON contract the live core also writes or reads at its edge (view, snapshot), so that
// they are written one way.
#include "adapter/json_reader.h"
#include "adapter/profile_flags.h"
#include "adapter/session.h"

namespace adapter {

OutJson toJson(const LookupView& lookup);  // the answer's `lookup` (IN-1)
// One queue of transferTargets' request (AH-1); the live core reads the admin's transferTargets setting with it.
TransferQueue readTransferQueue(const JsonReader& r);  // throws RequestError

}  // namespace adapter
