#include "adapter/json_reader.h"

#include <limits>

#include "utf8_prefix.h"

namespace adapter {
namespace {

std::string childPath(const std::string& parent, std::string_view key) {
  std::string out = parent;
  out += '/';
  for (char c : key) {  // JSON pointer escaping
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

const char* typeName(const InJson& v) {
  switch (v.type()) {
    case InJson::value_t::null: return "null";
    case InJson::value_t::boolean: return "boolean";
    case InJson::value_t::string: return "string";
    case InJson::value_t::array: return "array";
    case InJson::value_t::object: return "object";
    case InJson::value_t::number_float: return "number";
    case InJson::value_t::number_integer:
    case InJson::value_t::number_unsigned: return "integer";
    default: return "unknown";
  }
}

std::optional<std::int64_t> integerValue(const InJson& v) {
  if (v.is_number_unsigned()) {
    auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  if (v.is_number_integer()) return v.get<std::int64_t>();
  return std::nullopt;
}

}  // namespace

void JsonReader::requireObject() const {
  if (!value_->is_object()) fail(std::string("expected object, got ") + typeName(*value_));
}

JsonReader JsonReader::field(std::string_view key) const {
  static const InJson kNull;
  if (value_->is_null()) return JsonReader(kNull, childPath(path_, key));
  requireObject();
  auto it = value_->find(key);
  if (it == value_->end()) return JsonReader(kNull, childPath(path_, key));
  return JsonReader(*it, childPath(path_, key));
}

bool JsonReader::has(std::string_view key) const { return !field(key).isNull(); }

std::optional<bool> JsonReader::optBoolean(std::string_view key) const {
  auto f = field(key);
  if (f.isNull()) return std::nullopt;
  if (!f.json().is_boolean()) f.fail(std::string("expected boolean, got ") + typeName(f.json()));
  return f.json().get<bool>();
}

bool JsonReader::boolean(std::string_view key, bool fallback) const { return optBoolean(key).value_or(fallback); }

std::int64_t JsonReader::asId() const {
  auto v = integerValue(*value_);
  if (!v) fail(std::string("expected integer id, got ") + typeName(*value_));
  if (*v <= 0 || *v > kMaxSafeInteger) fail(std::string(kIdExpected));
  return *v;
}

std::optional<std::int64_t> JsonReader::optId(std::string_view key) const {
  auto f = field(key);
  if (f.isNull()) return std::nullopt;
  return f.asId();
}

std::int64_t JsonReader::id(std::string_view key) const {
  auto f = field(key);
  if (f.isNull()) f.fail("required");
  return f.asId();
}

std::optional<std::int64_t> JsonReader::optInteger(std::string_view key, std::int64_t min, std::int64_t max) const {
  auto f = field(key);
  if (f.isNull()) return std::nullopt;
  auto v = integerValue(f.json());
  if (!v) f.fail(std::string("expected integer, got ") + typeName(f.json()));
  if (*v < min || *v > max) {
    f.fail("expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return v;
}

std::string JsonReader::asString() const {
  if (!value_->is_string()) fail(std::string("expected string, got ") + typeName(*value_));
  return value_->get<std::string>();
}

std::optional<std::string> JsonReader::optString(std::string_view key) const {
  auto f = field(key);
  if (f.isNull()) return std::nullopt;
  return f.asString();
}

std::string JsonReader::string(std::string_view key, std::string_view fallback) const {
  auto v = optString(key);
  return v ? *v : std::string(fallback);
}

std::string JsonReader::text(std::string_view key, std::size_t maxBytes) const {
  return utf8Prefix(string(key, ""), maxBytes);
}

std::string JsonReader::oneOf(std::string_view key, const std::vector<std::string_view>& allowed,
                              std::string_view fallback) const {
  auto v = optString(key);
  if (!v) return std::string(fallback);
  for (auto a : allowed) {
    if (*v == a) return *v;
  }
  std::string expected;
  for (auto a : allowed) {
    if (!expected.empty()) expected += ", ";
    expected += '"';
    expected += a;
    expected += '"';
  }
  field(key).fail("expected one of " + expected);
}

void JsonReader::forEach(std::string_view key, FunctionRef<void(const JsonReader&)> each) const {
  auto f = field(key);
  if (f.isNull()) return;
  if (!f.json().is_array()) f.fail(std::string("expected array, got ") + typeName(f.json()));
  if (f.json().size() > kMaxListItems) {
    f.fail("too many items: at most " + std::to_string(kMaxListItems) + " are accepted");
  }
  std::size_t index = 0;
  for (const auto& item : f.json()) {
    each(JsonReader(item, f.path() + "/" + std::to_string(index)));
    ++index;
  }
}

std::string dumpResponse(const OutJson& response) {
  return response.dump(-1, ' ', false, OutJson::error_handler_t::replace);
}

}  // namespace adapter
