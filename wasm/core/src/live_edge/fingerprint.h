#pragma once
// A 64-bit fingerprint of what an answer's persisted snapshot or view is made from (D255): the edge rebuilds and
// re-encodes either only when its fingerprint changed, so an event that changes neither pays for hashing, not for
// building JSON and printing it. Internal to the core.
//
// Each value is mixed with its kind and length, so that differently shaped data (a field moved into the next one,
// an array that ends earlier) does not collide by construction; what remains is the chance of a 64-bit collision
// (~2^-64 per change). 64 bits on every target: std::hash is 32-bit in WebAssembly.
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "adapter/json_reader.h"

namespace adapter::live {

class Fingerprint {
 public:
  void mix(std::uint64_t word) {
    h_ = (h_ ^ word) * 0x9E3779B97F4A7C15ULL;
    h_ ^= h_ >> 31;
  }
  void add(bool v) { mix(v ? 0xB1 : 0xB0); }
  void add(int v) { add(static_cast<std::int64_t>(v)); }
  void add(long v) { mix(static_cast<std::uint64_t>(v)); }
  void add(long long v) { mix(static_cast<std::uint64_t>(v)); }
  void add(std::string_view text) {
    mix(text.size());
    const char* p = text.data();
    std::size_t n = text.size();
    for (; n >= 8; p += 8, n -= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, 8);
      mix(word);
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, p, n);
    mix(tail);
  }
  void add(const std::string& text) { add(std::string_view(text)); }
  void add(const char* text) { add(std::string_view(text)); }
  template <typename T>
  void add(const std::optional<T>& v) {
    add(v.has_value());
    if (v) add(*v);
  }
  template <typename T>
  void add(const std::vector<T>& list) {
    mix(list.size());
    for (const auto& item : list) add(item);
  }
  template <typename T>
  void add(const std::set<T>& set) {
    mix(set.size());
    for (const auto& item : set) add(item);
  }
  template <typename K, typename V>
  void add(const std::map<K, V>& map) {
    mix(map.size());
    for (const auto& [key, value] : map) {
      add(key);
      add(value);
    }
  }
  // JSON of either flavour: the type, then the value (objects key by key, in their own order).
  template <typename Json, typename = decltype(std::declval<const Json&>().is_discarded())>
  void add(const Json& j) {
    mix(static_cast<std::uint64_t>(j.type()) + 0x4A00);
    switch (j.type()) {
      case nlohmann::json::value_t::object:
        mix(j.size());
        for (auto it = j.begin(); it != j.end(); ++it) {
          add(std::string_view(it.key()));
          add(it.value());
        }
        break;
      case nlohmann::json::value_t::array:
        mix(j.size());
        for (const auto& item : j) add(item);
        break;
      case nlohmann::json::value_t::string: add(j.template get_ref<const typename Json::string_t&>()); break;
      case nlohmann::json::value_t::boolean: add(j.template get<bool>()); break;
      case nlohmann::json::value_t::number_integer:
        mix(static_cast<std::uint64_t>(j.template get<std::int64_t>()));
        break;
      case nlohmann::json::value_t::number_unsigned: mix(j.template get<std::uint64_t>()); break;
      case nlohmann::json::value_t::number_float: {
        double d = j.template get<double>();
        std::uint64_t bits;
        std::memcpy(&bits, &d, 8);
        mix(bits);
        break;
      }
      default: break;
    }
  }
  std::uint64_t value() const { return h_ ^ (h_ >> 29); }

 private:
  std::uint64_t h_ = 0x243F6A8885A308D3ULL;
};

}  // namespace adapter::live
