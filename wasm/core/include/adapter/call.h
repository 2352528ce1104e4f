#pragma once
// The core's public entry point: one JSON request in, one JSON response out (CONTRACT.md).
// Never throws: every failure is a {"error": {"code", "message", "path"}} response.
#include <string>
#include <string_view>
#include <vector>

namespace adapter {

std::string call(std::string_view function, std::string_view request);

// Names accepted by call(), in a stable order.
const std::vector<std::string>& functionNames();
bool isFunction(std::string_view function);

}  // namespace adapter
