#pragma once
// Copies between the request type (InJson) and the response type (OutJson) without printing and parsing: each
// parse instantiation costs tens of kilobytes of WebAssembly. Values come from parsed requests or the core's own
// answers, whose nesting parseRequest already bounds, so the recursion is bounded too.
#include "adapter/json_reader.h"

namespace adapter {

template <typename To, typename From>
To convertJson(const From& from) {
  switch (from.type()) {
    case nlohmann::json::value_t::object: {
      To out = To::object();
      for (auto it = from.begin(); it != from.end(); ++it) out[it.key()] = convertJson<To>(it.value());
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
