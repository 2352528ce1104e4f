#include "adapter/call.h"

#include <exception>
#include <new>

#include "adapter/functions.h"

namespace adapter {
namespace {

using Handler = OutJson (*)(const JsonReader&);

struct Entry {
  const char* name;
  Handler handler;
};

constexpr Entry kFunctions[] = {
    {"normalizePhone", normalizePhoneJson}, {"planOutbound", planOutboundJson},
    {"recordingParts", recordingPartsJson}, {"sessionTag", sessionTagJson},
    {"renderTitle", renderTitleJson},       {"profileFlags", profileFlagsJson},
    {"resolveSession", resolveSessionJson}, {"transferTargets", transferTargetsJson},
};

std::string errorResponse(const char* code, const std::string& message, const std::string* path) {
  OutJson error{{"code", code}, {"message", message}};
  if (path) error["path"] = *path;
  return dumpResponse(OutJson{{"error", error}});
}

}  // namespace

const std::vector<std::string>& functionNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& f : kFunctions) out.emplace_back(f.name);
    return out;
  }();
  return names;
}

bool isFunction(std::string_view function) {
  for (const auto& f : kFunctions) {
    if (function == f.name) return true;
  }
  return false;
}

std::string call(std::string_view function, std::string_view request) {
  Handler handler = nullptr;
  for (const auto& f : kFunctions) {
    if (function == f.name) handler = f.handler;
  }
  if (!handler)
    return errorResponse("UNKNOWN_FUNCTION", "no function named \"" + std::string(function) + "\"", nullptr);
  try {
    InJson parsed = parseRequest(request);
    return dumpResponse(handler(JsonReader(parsed, "")));
  } catch (const RequestError& e) {
    return errorResponse("INVALID_REQUEST", e.what(), &e.path());
  } catch (const std::bad_alloc&) {
    return errorResponse("INTERNAL", "out of memory", nullptr);
  } catch (const std::exception& e) {
    // A bug, not a bad request: still an answer, never a crash.
    return errorResponse("INTERNAL", std::string("internal error: ") + e.what(), nullptr);
  } catch (...) {
    return errorResponse("INTERNAL", "internal error", nullptr);
  }
}

}  // namespace adapter
