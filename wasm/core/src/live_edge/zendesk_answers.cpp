// An HTTP answer from Zendesk, routed to what asked for it: the request it answers is looked up by its id, and the
// answer is read here, at the edge, into the records of zendesk_records.h (zendesk::writeAnswer,
// zendesk::lookupAnswer) for the outbox (a write or its check) or the lookups (a read), which never see the JSON.
#include "live/flows.h"
#include "live_edge/edge.h"
#include "live_edge/zendesk_api.h"

namespace adapter::live {

void onHttpResponse(AdapterState& s, const std::string& requestId, int status, const InJson& body,
                    std::optional<std::int64_t> retryAfterSec) {
  auto it = s.requests.find(requestId);
  if (it == s.requests.end()) return;  // an answer to a request from before a reload: nothing waits for it
  PendingRequest pending = it->second;
  s.requests.erase(it);
  bool ok = status >= 200 && status < 300;
  if (pending.purpose == Purpose::Write) {
    if (onContactCreateRefused(s, pending, status) || onTalkPartnerEditionRefused(s, pending, status)) return;
    // Read as the write it answers needs it (its kind); for no write (discarded meanwhile) there is nothing to read.
    const Write* w = writeWithKey(s, pending.writeKey);
    auto answer = w ? zendesk::writeAnswer(*w, pending.verify, ok, body) : zendesk::WriteAnswer{};
    onWriteResponse(s, pending, status, std::move(answer), retryAfterSec);
  } else {
    // Only a success is read: a failure's body says nothing the lookups use.
    auto answer = ok ? zendesk::lookupAnswer(pending.purpose, body) : zendesk::LookupAnswer{};
    onLookupResponse(s, pending, status, std::move(answer), retryAfterSec);
  }
}

void rememberAssignee(Directory& d, const InJson& zendeskTicket) {
  rememberAssignee(d, zendesk::ticketRecord(zendeskTicket));
}

}  // namespace adapter::live
