#pragma once
// An HTTP request to the agent's Zendesk, as zendesk_api.h makes it and a `request` effect carries it.
#include <string>

#include "adapter/json_reader.h"

namespace adapter::live::zendesk {

struct HttpRequest {
  const char* method = "GET";
  std::string url;
  InJson body;  // null for a GET
};

}  // namespace adapter::live::zendesk
