#pragma once
// "The view is always renderable": the fields js-shim/view/render.js and its screens read, present with the types
// they expect (docs/adapter-protocol.md "View"), and the sync counts agreeing with the list the agent sees.
#include <nlohmann/json.hpp>

namespace fuzz {

// Aborts (property "view renderable") with the path of the first field that is missing or of the wrong type.
// `restoredInPlace`: a snapshot was restored into an adapter that had a call screen up; the known finding "restore
// keeps the call screen" (docs/fuzzing.md) is then excused unless FUZZ_STRICT=1.
void requireRenderableView(const nlohmann::json& view, bool restoredInPlace = false);

}  // namespace fuzz
