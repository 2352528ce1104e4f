#pragma once
// How the core's JSON answers are built: one out-of-line put() per field, not OutJson{{"key", value}, ...}. The
// initializer-list form expands, for every field, into inline construction and exception-cleanup code, several KB
// of WebAssembly per builder (the size budget, wasm/bindings/CMakeLists.txt). OutJson keeps insertion order, so
// the output is the same. Inline (one copy in the linked module) and shared, so the unity build (D385) sees one
// definition where four files each had their own.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "adapter/domain.h"
#include "adapter/json_reader.h"

namespace adapter {

[[gnu::noinline]] inline void put(OutJson& o, const char* key, OutJson&& value) { o[key] = std::move(value); }
[[gnu::noinline]] inline void put(OutJson& o, const char* key, const OutJson& value) { o[key] = value; }
[[gnu::noinline]] inline void put(OutJson& o, const char* key, const std::string& value) { o[key] = value; }
[[gnu::noinline]] inline void put(OutJson& o, const char* key, const char* value) { o[key] = value; }
[[gnu::noinline]] inline void put(OutJson& o, const char* key, std::int64_t value) { o[key] = value; }
[[gnu::noinline]] inline void put(OutJson& o, const char* key, int value) { o[key] = value; }
[[gnu::noinline]] inline void put(OutJson& o, const char* key, bool value) { o[key] = value; }
[[gnu::noinline]] inline void put(OutJson& o, const char* key, std::nullptr_t) { o[key] = nullptr; }

// An enum's wire name as a C string (the names in the tables are literals, so they end in a NUL).
template <typename E, std::size_t N>
const char* wireName(const std::pair<E, std::string_view> (&table)[N], E value) {
  return nameOf(table, value).data();
}

}  // namespace adapter
