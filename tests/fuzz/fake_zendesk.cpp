// The fuzzers' Zendesk: plausible answers, and the truth of what landed.
#include "fake_zendesk.h"

#include <algorithm>

#include "property.h"

namespace fuzz {
namespace {

using nlohmann::json;

const char* const kNames[] = {"Ada", "Bob", "", "Zoë Ünicode", "a\"b<script>"};
const char* const kPhones[] = {"+14155550100", "+1 415 555 0101", "(415) 555-0102", "+4930123456", "", "x"};
const char* const kStatuses[] = {"new", "open", "pending", "hold", "solved", "closed"};
const char* const kTimes[] = {"2025-01-01T00:00:00Z", "2026-09-01T10:00:00Z", "not a time"};
// Mostly success, with every kind of failure the outbox must handle: lost answer (0), rate limit, Zendesk's side,
// conflict, gone, invalid.
const int kStatusCodes[] = {200, 200, 200, 201, 200, 0, 429, 500, 503, 409, 404, 422, 200, 200, 403, 200};
constexpr std::int64_t kKeyKeptMs = 2 * 3600 * 1000;  // Zendesk keeps an Idempotency-Key two hours

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

std::string percentDecoded(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string queryValue(const std::string& url, const std::string& name) {
  auto at = url.find(name + "=");
  if (at == std::string::npos) return "";
  auto end = url.find('&', at);
  return percentDecoded(
      url.substr(at + name.size() + 1, end == std::string::npos ? std::string::npos : end - at - name.size() - 1));
}

std::int64_t idAfter(const std::string& url, const std::string& prefix) {
  auto at = url.find(prefix);
  if (at == std::string::npos) return 0;
  std::int64_t id = 0;
  for (std::size_t i = at + prefix.size(); i < url.size() && url[i] >= '0' && url[i] <= '9' && id < 1'000'000'000;
       ++i) {
    id = id * 10 + (url[i] - '0');
  }
  return id;
}

json user(ByteReader& in, std::int64_t id) {
  return json{{"id", id},
              {"name", pickFrom(in, kNames)},
              {"phone", pickFrom(in, kPhones)},
              {"created_at", pickFrom(in, kTimes)},
              {"result_type", "user"}};
}

json ticket(ByteReader& in, std::int64_t id, std::int64_t requester) {
  json t{{"id", id},
         {"requester_id", requester},
         {"status", pickFrom(in, kStatuses)},
         {"subject", "Router"},
         {"created_at", pickFrom(in, kTimes)},
         {"updated_at", pickFrom(in, kTimes)}};
  t["tags"] = in.flag() ? json::array({"ccaas"}) : json::array();
  if (in.pick(4) == 0) t["assignee_id"] = 5;
  return t;
}

}  // namespace

std::int64_t ticketIdInUrl(const std::string& url) { return idAfter(url, "/api/v2/tickets/"); }

std::string commentTextIn(const json& request) {
  if (request.value("method", "") != "PUT") return "";
  const json& body = request.value("body", json());
  if (!body.is_object() || !body.contains("ticket") || !body["ticket"].is_object()) return "";
  const json& comment = body["ticket"].value("comment", json());
  if (!comment.is_object() || !comment.value("body", json()).is_string()) return "";
  return comment["body"].get<std::string>();
}

std::string commentOf(const json& request) {
  std::string text = commentTextIn(request);
  return text.empty() ? "" : std::to_string(ticketIdInUrl(request.value("url", ""))) + "\n" + text;
}

bool isWrite(const json& request) {
  std::string method = request.value("method", "");
  return method == "POST" || method == "PUT" || method == "DELETE" || method == "PATCH";
}

bool isPop(const json& request) { return isWrite(request) && contains(request.value("url", ""), "/display"); }

bool isTicketCreate(const json& request) {
  std::string url = request.value("url", "");
  return request.value("method", "") == "POST" && !isPop(request) &&
         (url.rfind("/api/v2/tickets.json", 0) == 0 || url.rfind("/api/v2/channels/voice/tickets.json", 0) == 0);
}

std::string idempotencyKeyOf(const json& request) {
  auto headers = request.find("headers");
  if (headers == request.end() || !headers->is_object()) return "";
  const json& key = headers->value("Idempotency-Key", json());
  return key.is_string() ? key.get<std::string>() : "";
}

std::string userExternalIdOf(const json& request) {
  const json& body = request.value("body", json());
  if (!body.is_object() || !body.contains("user") || !body["user"].is_object()) return "";
  const json& id = body["user"].value("external_id", json());
  return id.is_string() ? id.get<std::string>() : "";
}

bool FakeZendesk::keepsKey(const std::string& key, std::int64_t nowMs) const {
  auto it = keys_.find(key);
  return it != keys_.end() && nowMs - it->second.atMs < kKeyKeptMs;
}

const FakeZendesk::KeptKey* FakeZendesk::keptFor(const json& request) const {
  std::string key = idempotencyKeyOf(request);
  if (key.empty() || !keepsKey(key, nowMs_)) return nullptr;
  return &keys_.at(key);
}

std::int64_t FakeZendesk::mergedInto(std::int64_t ticketId) const {
  std::int64_t to = 0;
  for (int i = 0; i < 8; ++i) {  // a chain; the fake makes no cycles
    auto it = mergedInto_.find(to ? to : ticketId);
    if (it == mergedInto_.end()) break;
    to = it->second;
  }
  return to;
}

void FakeZendesk::apply(const json& request, std::int64_t newId) {
  const json& body = request["body"];
  std::string comment = commentOf(request);
  std::int64_t ticketId = 0;
  if (isTicketCreate(request) && keptFor(request)) return;  // a repeat of a kept key creates nothing
  if (isTicketCreate(request)) {
    ticketId = newId;
    if (std::string key = idempotencyKeyOf(request); !key.empty()) keys_[key] = KeptKey{newId, body.dump(), nowMs_};
    const json& t = body.is_object() && body.contains("ticket") ? body["ticket"] : json();
    if (t.is_object() && t.value("external_id", json()).is_string()) {
      ticketByExternalId_.emplace(t["external_id"].get<std::string>(), newId);
    }
  } else if (request.value("method", "") == "PUT") {
    ticketId = ticketIdInUrl(request.value("url", ""));
  } else if (request.value("method", "") == "POST" && contains(request.value("url", ""), "/users.json")) {
    if (std::string id = userExternalIdOf(request); !id.empty()) userByExternalId_.emplace(id, body["user"]);
  }
  if (!comment.empty()) {
    comments_.insert(comment);
    commentTexts_[ticketId].push_back(commentTextIn(request));
  }
}

void FakeZendesk::lose(const json& request, ByteReader& in) {
  if (isWrite(request) && in.flag()) apply(request, nextId_++);
}

ZendeskAnswer FakeZendesk::answer(const json& request, ByteReader& in) {
  ZendeskAnswer a;
  a.status = kStatusCodes[in.pick(sizeof kStatusCodes / sizeof kStatusCodes[0])];
  if (a.status == 429) a.retryAfterSec = static_cast<int>(in.pick(8));
  std::string url = request.value("url", "");
  std::string method = request.value("method", "");
  bool ok = a.status >= 200 && a.status < 300;
  bool lost = a.status == 0 || a.status >= 500;
  const KeptKey* kept = isTicketCreate(request) ? keptFor(request) : nullptr;
  if (kept && kept->body != request["body"].dump()) {  // the key was used with another body
    a.status = 400;
    a.body = json{{"error", "IdempotentRequestError"}, {"description", "Request parameters don't match"}};
    return a;
  }
  // A user create with an external id a user has already is refused and changes nothing, as Zendesk keeps users'
  // external ids unique (the caller's number's id, D439, meets this whenever a caller rings again).
  if (a.status != 0 && method == "POST" && contains(url, "/users.json") && hasUserFor(userExternalIdOf(request))) {
    a.status = 422;
    a.retryAfterSec.reset();
    a.body =
        json{{"error", "RecordInvalid"},
             {"description", "Record validation errors"},
             {"details",
              {{"external_id",
                json::array({{{"description", "External has already been taken"}, {"error", "DuplicateValue"}}})}}}};
    return a;
  }
  // A merged ticket is closed: Zendesk refuses every update of it (TR-9, D444).
  std::int64_t putTicket = method == "PUT" ? ticketIdInUrl(url) : 0;
  if (a.status != 0 && mergedInto_.count(putTicket)) {
    a.status = 422;
    a.retryAfterSec.reset();
    a.body = json{{"error", "RecordInvalid"}, {"description", "Status: closed prevents ticket update"}};
    return a;
  }
  // Or an update is refused because the agent merged the ticket into another meanwhile: Zendesk's comments name
  // each side on the other (the adapter follows the merge from them).
  if (a.status == 422 && putTicket > 0 && in.flag()) {
    std::int64_t target = nextId_++;
    mergedInto_[putTicket] = target;
    commentTexts_[putTicket].push_back("This request was closed and merged into request #" + std::to_string(target) +
                                       " \"Merged\".");
    commentTexts_[target].push_back("Request #" + std::to_string(putTicket) +
                                    " \"Call\" was closed and merged into this request.");
    a.body = json{{"error", "RecordInvalid"}, {"description", "Status: closed prevents ticket update"}};
    return a;
  }
  std::int64_t replayedId = kept ? kept->ticketId : 0;
  std::int64_t newId = nextId_++;
  if (isWrite(request) && (ok || (lost && in.flag()))) apply(request, newId);
  if (!ok) {
    a.body = a.status == 0 ? json() : in.flag() ? json{{"error", "RecordInvalid"}, {"description", "x"}} : json();
    return a;
  }
  // A 200 whose body is not what was asked for (the outbox's existence checks included: such an answer must not
  // count as "not found").
  if (in.pick(16) == 0) {
    a.body = in.flag() ? json() : json::array();
    return a;
  }
  if (method == "GET" && contains(url, "/search.json")) {
    json results = json::array();
    for (std::size_t i = 0, n = in.pick(4); i < n; ++i)
      results.push_back(user(in, 7 + static_cast<std::int64_t>(in.pick(3))));
    a.body = json{{"results", results}, {"count", results.size()}};
  } else if (method == "GET" && contains(url, "/identities.json")) {
    a.body = json{{"identities", json::array({json{{"type", "phone_number"}, {"value", pickFrom(in, kPhones)}}})}};
  } else if (method == "GET" && contains(url, "/tickets/requested.json")) {
    json tickets = json::array();
    std::int64_t requester = idAfter(url, "/api/v2/users/");
    for (std::size_t i = 0, n = in.pick(4); i < n; ++i)
      tickets.push_back(ticket(in, 40 + static_cast<std::int64_t>(i), requester));
    a.body = json{{"tickets", tickets}};
  } else if (method == "GET" && contains(url, "/comments.json")) {
    json comments = json::array();
    for (const auto& text : commentTexts_[ticketIdInUrl(url)])
      comments.push_back(json{{"body", text}, {"plain_body", text}});
    if (contains(url, "sort_order=desc")) std::reverse(comments.begin(), comments.end());  // newest first, as asked
    a.body = json{{"comments", comments}};
  } else if (method == "GET" && contains(url, "/users/show_many.json")) {
    json users = json::array();
    std::string externalId = queryValue(url, "external_ids");
    if (auto it = userByExternalId_.find(externalId); it != userByExternalId_.end()) {
      json u = user(in, 6000);
      u["external_id"] = externalId;
      u["phone"] = it->second.value("phone", json());
      users.push_back(u);
    }
    a.body = json{{"users", users}};
  } else if (method == "GET" && contains(url, "external_id=")) {
    json tickets = json::array();
    std::string externalId = queryValue(url, "external_id");
    if (auto it = ticketByExternalId_.find(externalId); it != ticketByExternalId_.end()) {
      tickets.push_back(json{{"id", it->second}, {"external_id", externalId}, {"status", "new"}, {"requester_id", 7}});
    }
    a.body = json{{"tickets", tickets}};
  } else if (method == "GET" && contains(url, "/api/v2/tickets/")) {
    a.body = json{{"ticket", ticket(in, ticketIdInUrl(url), 7)}, {"users", json::array({user(in, 7)})}};
  } else if (method == "GET" && contains(url, "/api/v2/users/")) {
    a.body = json{{"user", user(in, idAfter(url, "/api/v2/users/"))}};
  } else if (isTicketCreate(request)) {
    json t = ticket(in, replayedId ? replayedId : newId, 7);
    const json& sent = request["body"];
    if (sent.is_object() && sent.contains("ticket") && sent["ticket"].is_object()) {
      t["external_id"] = sent["ticket"].value("external_id", json());
      t["status"] = "new";
    }
    a.body = json{{"ticket", t}};
  } else if (method == "POST" && contains(url, "/users.json")) {
    a.body = json{{"user", user(in, newId)}};
  } else if (method == "PUT") {
    a.body = json{{"ticket", ticket(in, ticketIdInUrl(url), 7)}};
  } else {
    a.body = json::object();
  }
  return a;
}

}  // namespace fuzz
