#include "adapter/text_rules.h"

#include <algorithm>

namespace adapter {

std::string toTagForm(std::string_view text) {
  std::string out;
  bool pendingSeparator = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (!word) {
      pendingSeparator = !out.empty();
      continue;
    }
    if (pendingSeparator) out += '_';
    pendingSeparator = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  }
  return out;
}

const std::vector<std::string>& titleVariables() {
  static const std::vector<std::string> vars = {"CALL_TYPE",    "CALL_ID",  "MENU_PATH",
                                                "PHONE_NUMBER", "LANGUAGE", "TIMESTAMP"};
  return vars;
}

RenderedTitle renderTitle(std::string_view templ, const std::map<std::string, std::string>& vars) {
  RenderedTitle out;
  std::string& title = out.title;
  std::size_t i = 0;
  while (i < templ.size()) {
    std::size_t open = templ.find("{{", i);
    if (open == std::string_view::npos) {
      title.append(templ.substr(i));
      break;
    }
    std::size_t close = templ.find("}}", open + 2);
    if (close == std::string_view::npos) {
      title.append(templ.substr(i));
      break;
    }
    title.append(templ.substr(i, open - i));
    std::string name(templ.substr(open + 2, close - open - 2));
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    auto it = vars.find(name);
    if (it != vars.end()) {
      for (char c : it->second) title += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
    } else {
      const auto& known = titleVariables();
      if (std::find(known.begin(), known.end(), name) == known.end() &&
          std::find(out.unknownVariables.begin(), out.unknownVariables.end(), name) == out.unknownVariables.end()) {
        out.unknownVariables.push_back(name);
      }
    }
    i = close + 2;
  }
  // An empty variable must not leave a double space behind: runs of spaces collapse to one.
  std::string collapsed;
  for (char c : title) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    if (c == ' ' && !collapsed.empty() && collapsed.back() == ' ') continue;
    collapsed += c;
  }
  title = std::move(collapsed);
  auto first = title.find_first_not_of(' ');
  if (first == std::string::npos) {
    title.clear();
  } else {
    title = title.substr(first, title.find_last_not_of(' ') - first + 1);
  }
  return out;
}

}  // namespace adapter
