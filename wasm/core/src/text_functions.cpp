// renderTitle (RC-1) and sessionTag (RC-2) as JSON functions.
#include "adapter/functions.h"
#include "adapter/text_rules.h"

namespace adapter {
namespace {
constexpr std::size_t kMaxTemplateBytes = 4096;
}

OutJson sessionTagJson(const JsonReader& request) {
  auto type = request.field("sessionType");
  if (type.isNull()) type.fail("required");
  auto tag = toTagForm(type.asString());
  if (tag.empty()) type.fail("has no letters or digits to make a tag from");
  return OutJson{{"tag", tag}};
}

OutJson renderTitleJson(const JsonReader& request) {
  auto templ = request.field("template");
  if (templ.isNull()) templ.fail("required");
  auto text = templ.asString();
  if (text.size() > kMaxTemplateBytes) templ.fail("longer than 4096 bytes");
  std::map<std::string, std::string> vars;
  auto varsField = request.field("vars");
  if (!varsField.isNull()) {
    if (!varsField.json().is_object()) varsField.fail("expected object");
    for (const auto& [name, value] : varsField.json().items()) {
      if (value.is_null()) continue;
      if (value.is_string()) {
        vars[name] = value.get<std::string>();
      } else if (value.is_number_integer() || value.is_number_unsigned()) {
        vars[name] = value.dump();
      } else {
        varsField.field(name).fail("expected string or integer");
      }
    }
  }
  auto rendered = renderTitle(text, vars);
  OutJson unknown = OutJson::array();
  for (const auto& u : rendered.unknownVariables) unknown.push_back(u);
  return OutJson{{"title", rendered.title}, {"unknownVariables", unknown}};
}

}  // namespace adapter
