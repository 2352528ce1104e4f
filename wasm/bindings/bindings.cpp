// The only file that knows about Emscripten: exposes the core's JSON functions to JavaScript.
// No rule logic here; adapter::call already turns every failure into a JSON error response.
#include <emscripten/bind.h>

#include <string>

#include "adapter/call.h"

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
}
