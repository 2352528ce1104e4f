// An HTTP answer from Zendesk, routed to what asked for it: the request it answers is looked up by its id, and the
// answer goes to the outbox (a write) or to the lookups (a read).
#include "live/flows.h"

namespace adapter::live {

void onHttpResponse(AdapterState& s, const std::string& requestId, int status, const InJson& body,
                    std::optional<std::int64_t> retryAfterSec) {
  auto it = s.requests.find(requestId);
  if (it == s.requests.end()) return;  // an answer to a request from before a reload: nothing waits for it
  PendingRequest pending = it->second;
  s.requests.erase(it);
  if (pending.purpose == Purpose::Write) {
    onWriteResponse(s, pending, status, body, retryAfterSec);
  } else {
    onLookupResponse(s, pending, status, body, retryAfterSec);
  }
}

}  // namespace adapter::live
