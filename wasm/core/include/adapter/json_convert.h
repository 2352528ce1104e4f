#pragma once
// Copies between the request type (InJson) and the response type (OutJson) without printing and parsing: each
// parse instantiation costs tens of kilobytes of WebAssembly. Values come from parsed requests or the core's own
// answers, whose nesting parseRequest already bounds, so the recursion is bounded too.
#include <type_traits>

#include "adapter/json_reader.h"

namespace adapter {

template <typename To, typename From>
To convertJson(const From& from) {
  switch (from.type()) {
    case nlohmann::json::value_t::object: {
      To out = To::object();
      auto& object = out.template get_ref<typename To::object_t&>();
      for (auto it = from.begin(); it != from.end(); ++it) {
        if constexpr (std::is_same_v<To, OutJson> && std::is_same_v<From, InJson>) {
          // The source's keys are unique (a std::map): appended, not looked up — ordered_json's operator[] searches
          // its list, which made a large object's copy quadratic.
          using Entries = typename OutJson::object_t::Container;
          static_cast<Entries&>(object).emplace_back(it.key(), convertJson<To>(it.value()));
        } else {
          object[it.key()] = convertJson<To>(it.value());
        }
      }
      return out;
    }
    case nlohmann::json::value_t::array: {
      To out = To::array();
      for (const auto& item : from) out.push_back(convertJson<To>(item));
      return out;
    }
    case nlohmann::json::value_t::string: return To(from.template get_ref<const std::string&>());
    case nlohmann::json::value_t::boolean: return To(from.template get<bool>());
    case nlohmann::json::value_t::number_integer: return To(from.template get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned: return To(from.template get<std::uint64_t>());
    case nlohmann::json::value_t::number_float: return To(from.template get<double>());
    default: return To(nullptr);
  }
}

inline OutJson toOutJson(const InJson& j) { return convertJson<OutJson>(j); }
inline InJson toInJson(const OutJson& j) { return convertJson<InJson>(j); }

}  // namespace adapter
