#pragma once
// The JSON the live core keeps as JSON, named: a caller's attributes (free-form from the connector; the rules read
// them as their attribute JSON, bounded by call_attributes.cpp) and an HTTP answer's body (read by zendesk_api.cpp).
#include "adapter/json_reader.h"

namespace adapter::live {

using CallerAttributes = InJson;  // an object
using HttpBody = InJson;

}  // namespace adapter::live
