#pragma once
// Typed, path-aware reading of a parsed request. Every accessor either returns a value of the expected
// type or throws RequestError naming the JSON pointer and what was expected; unknown fields are ignored.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "adapter/request_error.h"

namespace adapter {

using InJson = nlohmann::json;           // requests: std::map objects, safe against many keys
using OutJson = nlohmann::ordered_json;  // responses: fields in the documented order

inline constexpr std::int64_t kMaxSafeInteger = (std::int64_t{1} << 53) - 1;  // ids must survive JavaScript
inline constexpr std::string_view kIdExpected = "expected a positive integer id below 2^53";

// A callable borrowed for the length of one call: the callable's address and one trampoline. A std::function would
// give every lambda handed to forEach a manager as well (copy, destroy, type info): kilobytes of WebAssembly over the
// decoders (D387, D375). It must not outlive the call it is passed to, which forEach's never does.
template <typename Signature>
class FunctionRef;
template <typename R, typename... Args>
class FunctionRef<R(Args...)> {
 public:
  template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FunctionRef>>>
  FunctionRef(F&& f)  // NOLINT(bugprone-forwarding-reference-overload): the copy is excluded above
      : object_(const_cast<void*>(static_cast<const void*>(&f))), call_([](void* object, Args... args) -> R {
          return (*static_cast<std::remove_reference_t<F>*>(object))(std::forward<Args>(args)...);
        }) {}
  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

// Lists longer than this are refused rather than processed (bounded work per call).
inline constexpr std::size_t kMaxListItems = 100000;

class JsonReader {
 public:
  JsonReader(const InJson& value, std::string path) : value_(&value), path_(std::move(path)) {}

  const InJson& json() const { return *value_; }
  const std::string& path() const { return path_; }
  bool isNull() const { return value_->is_null(); }

  // Child of an object: a null reader when the key is missing. Throws when this is not an object.
  JsonReader field(std::string_view key) const;
  bool has(std::string_view key) const;  // present and not null

  bool boolean(std::string_view key, bool fallback) const;
  std::optional<bool> optBoolean(std::string_view key) const;
  std::int64_t id(std::string_view key) const;  // required positive integer
  std::optional<std::int64_t> optId(std::string_view key) const;
  std::optional<std::int64_t> optInteger(std::string_view key, std::int64_t min, std::int64_t max) const;
  std::string string(std::string_view key, std::string_view fallback) const;
  // string(key, "") cut to at most maxBytes bytes between characters (utf8Prefix): a text kept to its budget.
  std::string text(std::string_view key, std::size_t maxBytes) const;
  std::optional<std::string> optString(std::string_view key) const;
  // A string restricted to the listed values.
  std::string oneOf(std::string_view key, const std::vector<std::string_view>& allowed,
                    std::string_view fallback) const;
  // A string naming one of `table`'s values (each enum's names live in one table beside the enum).
  template <typename E, std::size_t N>
  std::optional<E> optEnum(std::string_view key, const std::pair<E, std::string_view> (&table)[N]) const {
    std::vector<std::string_view> names;
    for (const auto& entry : table) names.push_back(entry.second);
    auto name = oneOf(key, names, "");
    for (const auto& entry : table) {
      if (!name.empty() && entry.second == name) return entry.first;
    }
    return std::nullopt;
  }
  template <typename E, std::size_t N>
  E requiredEnum(std::string_view key, const std::pair<E, std::string_view> (&table)[N]) const {
    auto value = optEnum(key, table);
    if (!value) field(key).fail("required");
    return *value;
  }
  // Calls each(itemReader) for every element; missing or null means empty.
  void forEach(std::string_view key, FunctionRef<void(const JsonReader&)> each) const;

  [[noreturn]] void fail(const std::string& message) const { throw RequestError(path_, message); }

  // Helpers for readers of a single value (this reader is the value).
  std::int64_t asId() const;
  std::string asString() const;

 private:
  void requireObject() const;
  const InJson* value_;
  std::string path_;
};

// The entries of one top-level field's object, judged one by one while the request is read (parseRequest): an
// entry a gate turns away is skipped unbuilt, so a flood of entries costs the reading and no more.
class EntryGate {
 public:
  explicit EntryGate(std::string field) : field_(std::move(field)) {}
  const std::string& field() const { return field_; }
  virtual void begin() = 0;                                            // the field's object starts (again)
  virtual bool mayKeep(const std::string& key) = 0;                    // before the value: false skips it unread
  virtual bool keep(const std::string& key, const InJson& value) = 0;  // once read: false leaves it out

 protected:
  ~EntryGate() = default;

 private:
  std::string field_;
};

// Parses request text (json_parse.cpp). Refuses over-deep nesting before parsing (so neither the parser nor any
// later walk can exhaust the stack) and requests over kMaxRequestBytes. Throws RequestError. With a gate, the
// top-level field it names, when an object, holds only the entries the gate kept.
inline constexpr std::size_t kMaxRequestBytes = 32u * 1024u * 1024u;
inline constexpr int kMaxNestingDepth = 64;
InJson parseRequest(std::string_view text, EntryGate* gate = nullptr);

// Serialises a response. Invalid UTF-8 coming from a caller is replaced, never thrown on.
std::string dumpResponse(const OutJson& response);

}  // namespace adapter
