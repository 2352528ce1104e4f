// The only file that knows about Emscripten: exposes the core's JSON functions and the live adapter to JavaScript.
// No rule logic here; adapter::call already turns every failure into a JSON error response.
#include <emscripten/bind.h>

#include <string>

#include "adapter/call.h"
#include "adapter/live/adapter.h"

namespace {

std::string callFunction(const std::string& function, const std::string& request) {
  return adapter::call(function, request);
}

std::string functionNamesJson() {
  std::string out = "[";
  for (const auto& name : adapter::functionNames()) {
    if (out.size() > 1) out += ',';
    out += '"' + name + '"';
  }
  return out + "]";
}

}  // namespace

EMSCRIPTEN_BINDINGS(adapter_core) {
  emscripten::function("call", &callFunction);
  emscripten::function("functionNames", &functionNamesJson);
  // One agent's live adapter (docs/adapter-protocol.md): JSON event in, JSON {view, effects} out.
  emscripten::class_<adapter::live::Adapter>("Adapter").constructor<>().function(
      "dispatch", emscripten::optional_override(
                      [](adapter::live::Adapter& self, const std::string& event) { return self.dispatch(event); }));
}
