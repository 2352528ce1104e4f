// An HTTP answer from Zendesk, routed to what asked for it: the request it answers is looked up by its id, and the
// answer goes to the outbox (a write) or to the lookups (a read), which take it as records (zendesk_records.h).
#include "live/flows.h"

namespace adapter::live {

void onHttpResponse(AdapterState& s, const std::string& requestId, int status, const InJson& body,
                    std::optional<std::int64_t> retryAfterSec) {
  auto it = s.requests.find(requestId);
  if (it == s.requests.end()) return;  // an answer to a request from before a reload: nothing waits for it
  PendingRequest pending = it->second;
  s.requests.erase(it);
  if (pending.purpose == Purpose::Write) {
    if (onContactCreateRefused(s, pending, status) || onTalkPartnerEditionRefused(s, pending, status)) return;
    onWriteResponse(s, pending, status, body, retryAfterSec);
  } else {
    // Only a success is read: a failure's body says nothing the lookups use.
    bool ok = status >= 200 && status < 300;
    auto answer = ok ? zendesk::lookupAnswer(pending.purpose, body) : zendesk::LookupAnswer{};
    onLookupResponse(s, pending, status, std::move(answer), retryAfterSec);
  }
}

void rememberAssignee(Directory& d, const InJson& zendeskTicket) {
  rememberAssignee(d, zendesk::ticketRecord(zendeskTicket));
}

}  // namespace adapter::live
