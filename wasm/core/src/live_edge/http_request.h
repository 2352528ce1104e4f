#pragma once
// An HTTP request to the agent's Zendesk, as zendesk_api.h makes it and a `request` effect carries it.
#include <string>

#include "adapter/json_reader.h"

namespace adapter::live::zendesk {

// Its implicit moves are noexcept, and nlohmann's json destructor allocates (a stack, to free nested values without
// recursion): bugprone-exception-escape. An allocation failure there ends the program wherever a json is destroyed.
// NOLINTNEXTLINE(bugprone-exception-escape)
struct HttpRequest {
  const char* method = "GET";
  std::string url;
  InJson body;  // null for a GET
  // Zendesk's Idempotency-Key header (ticket creates): a re-send with it returns the first answer instead of
  // creating again. "" sends no header. (The effect's `headers`: docs/adapter-protocol.md.)
  std::string idempotencyKey;
};

}  // namespace adapter::live::zendesk
