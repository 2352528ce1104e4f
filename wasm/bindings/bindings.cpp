// The only file that knows about Emscripten: exposes the core's JSON functions and the live adapter to JavaScript
// as a few C functions over UTF-8 bytes in the module's memory. bindings-api.js (linked as --post-js) wraps them
// as module.call, module.functionNames and module.Adapter. Plain exports instead of embind: embind's runtime was
// most of the JS glue and all it carried here were strings (docs/decisions.md, D131).
// No rule logic here; adapter::call already turns every failure into a JSON error response.
#include <emscripten/emscripten.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "adapter/call.h"
#include "adapter/live/adapter.h"

namespace {

// The last answer, kept until the next call: JavaScript decodes it at once (the module runs on one thread).
std::string lastAnswer;

const char* keep(std::string answer) {
  lastAnswer = std::move(answer);
  return lastAnswer.data();
}

}  // namespace

extern "C" {

// The answer's length in bytes (it may hold any byte, so its end is not a NUL).
EMSCRIPTEN_KEEPALIVE std::size_t adapter_answer_size() { return lastAnswer.size(); }

EMSCRIPTEN_KEEPALIVE const char* adapter_call(const char* function, std::size_t functionSize, const char* request,
                                              std::size_t requestSize) {
  return keep(adapter::call(std::string_view(function, functionSize), std::string_view(request, requestSize)));
}

EMSCRIPTEN_KEEPALIVE const char* adapter_function_names() {
  std::string out = "[";
  for (const auto& name : adapter::functionNames()) {
    if (out.size() > 1) out += ',';
    out += '"' + name + '"';
  }
  return keep(out + "]");
}

// One agent's live adapter (docs/adapter-protocol.md): JSON event in, JSON {view, effects} out.
EMSCRIPTEN_KEEPALIVE adapter::live::Adapter* adapter_new() { return new adapter::live::Adapter(); }

EMSCRIPTEN_KEEPALIVE void adapter_delete(adapter::live::Adapter* adapter) { delete adapter; }

EMSCRIPTEN_KEEPALIVE const char* adapter_dispatch(adapter::live::Adapter* adapter, const char* event,
                                                  std::size_t eventSize) {
  return keep(adapter->dispatch(std::string_view(event, eventSize)));
}

}  // extern "C"
