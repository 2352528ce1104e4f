#pragma once
// "The view is always renderable": the fields js-shim/view/render.js and its screens read, present with the types
// they expect (docs/adapter-protocol.md "View"), and the sync counts agreeing with the list the agent sees.
#include <nlohmann/json.hpp>

namespace fuzz {

// Aborts (property "view renderable") with the path of the first field that is missing or of the wrong type.
void requireRenderableView(const nlohmann::json& view);

}  // namespace fuzz
