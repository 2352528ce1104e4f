#pragma once
// planOutbound's answer and an outbound call's plan in their wire shape (docs/contract.md): the encoders the JSON
// facade writes with, shared with the live core's edge (its view and snapshot) so that both write the same bytes.
#include "adapter/json_reader.h"
#include "adapter/outbound.h"
#include "adapter/session.h"

namespace adapter {

OutJson toJson(const OutboundResult& result);
// {dial, extension, contactId, createContact, ticket: {action, id, setStatus}, noteDialedNumber}: planOutbound's
// `plan`, resolveSession's `session.plan`.
OutJson toJson(const OutboundPlanRef& plan);
OutboundPlanRef readOutboundPlanRef(const JsonReader& plan);  // throws RequestError
// The plan as the call's session carries it (the ticket choice as an action: append, create, none).
OutboundPlanRef planRef(const OutboundPlan& plan);

}  // namespace adapter
