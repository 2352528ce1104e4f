#pragma once
// A request the core cannot answer: malformed JSON, a wrong type or an out-of-range value.
// Thrown inside the core while reading a request and turned into {"error": {...}} by adapter::call,
// so it never crosses the WebAssembly boundary.
#include <stdexcept>
#include <string>

namespace adapter {

class RequestError : public std::runtime_error {
 public:
  RequestError(std::string path, const std::string& message) : std::runtime_error(message), path_(std::move(path)) {}
  // JSON pointer of the offending value ("" for the whole request).
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace adapter
