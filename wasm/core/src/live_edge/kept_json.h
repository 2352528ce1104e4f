#pragma once
// The JSON the live core keeps as JSON, named: a caller's attributes (free-form from the connector; the rules read
// them as their attribute JSON, bounded by call_attributes.cpp) and an HTTP answer's body (read by zendesk_api.cpp).
#include <string>
#include <vector>

#include "adapter/json_reader.h"

namespace adapter::live {

using CallerAttributes = InJson;  // an object
using HttpBody = InJson;

// A call event's attributes as read (call_attributes.cpp): the entries the bound let through as if the call held
// none, their keys in the order they arrived, and how many the bound dropped while reading.
struct IncomingAttributes {
  CallerAttributes entries = CallerAttributes::object();
  std::vector<std::string> order;
  int dropped = 0;
};

}  // namespace adapter::live
