#pragma once
// The live core's JSON edge: the only place where its typed state meets the protocol's JSON (events in; view,
// effects and the persisted snapshot out). Internal to the core.
#include <optional>
#include <vector>

#include "adapter/json_reader.h"
#include "live/state.h"

namespace adapter::live {

// effect_encoder.cpp — typed effects and messages as the protocol's JSON, in its key order.
OutJson encodeParams(const Params& params);                  // an object, {} when there are none
OutJson encodeBanner(const std::optional<Message>& banner);  // null or {code, kind, params}
OutJson encodeEffects(const std::vector<Effect>& effects);

}  // namespace adapter::live
