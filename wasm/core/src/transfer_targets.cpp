// transferTargets (AH-1): which queues an agent may transfer to, in and after business hours.
#include "adapter/domain_codec.h"
#include "adapter/functions.h"
#include "adapter/iso_time.h"
#include "adapter/session.h"
#include "adapter/session_codec.h"

namespace adapter {
namespace {

bool inHours(const TransferQueue& q, std::int64_t nowMs) {
  if (q.inBusinessHours) return *q.inBusinessHours;
  std::int64_t localMinutes = (nowMs / 60000) + q.utcOffsetMinutes;
  std::int64_t days = localMinutes >= 0 ? localMinutes / 1440 : (localMinutes - 1439) / 1440;
  int minute = static_cast<int>(localMinutes - days * 1440);
  int weekday = static_cast<int>(((days % 7) + 7 + 4) % 7);  // 1970-01-01 was a Thursday (4)
  for (const auto& h : q.hours) {
    if (h.openMinute < h.closeMinute) {
      if (h.day == weekday && minute >= h.openMinute && minute < h.closeMinute) return true;
    } else {  // overnight: open today, closing after midnight
      if (h.day == weekday && minute >= h.openMinute) return true;
      if ((h.day + 1) % 7 == weekday && minute < h.closeMinute) return true;
    }
  }
  return false;
}

int readClock(const JsonReader& r, std::string_view key) {
  auto text = r.optString(key);
  if (!text || text->size() != 5 || (*text)[2] != ':') r.field(key).fail("expected HH:MM");
  int h = ((*text)[0] - '0') * 10 + ((*text)[1] - '0');
  int m = ((*text)[3] - '0') * 10 + ((*text)[4] - '0');
  if (h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0)) r.field(key).fail("expected HH:MM");
  return h * 60 + m;
}

}  // namespace

std::vector<TransferTarget> transferTargets(const std::vector<TransferQueue>& queues, std::int64_t nowMs) {
  std::vector<TransferTarget> out;
  for (const auto& q : queues) {
    if (inHours(q, nowMs)) {
      out.push_back({q.id, "in business hours"});
    } else if (q.afterHoursDeflection) {
      out.push_back({q.id, "after hours, deflection on"});
    } else if (q.virtualAgent == "business_hours") {
      continue;  // its virtual agent works only in business hours: nobody would answer
    } else if (q.virtualAgent == "always") {
      out.push_back({q.id, "after hours, 24-hour virtual agent"});
    } else if (q.loggedInAgents > 0) {
      out.push_back({q.id, "after hours, an agent is logged in"});
    }
  }
  return out;
}

TransferQueue readTransferQueue(const JsonReader& r) {
  TransferQueue q;
  q.id = r.id("id");
  q.inBusinessHours = r.optBoolean("inBusinessHours");
  r.forEach("hours", [&](const JsonReader& h) {
    QueueHours qh;
    if (!h.has("day")) h.field("day").fail("required (0 = Sunday … 6 = Saturday)");
    qh.day = static_cast<int>(*h.optInteger("day", 0, 6));
    qh.openMinute = readClock(h, "open");
    qh.closeMinute = readClock(h, "close");
    q.hours.push_back(qh);
  });
  q.utcOffsetMinutes = static_cast<int>(r.optInteger("utcOffsetMinutes", -14 * 60, 14 * 60).value_or(0));
  q.afterHoursDeflection = r.boolean("afterHoursDeflection", false);
  q.loggedInAgents = static_cast<int>(r.optInteger("loggedInAgents", 0, 1000000).value_or(0));
  q.virtualAgent = r.oneOf("virtualAgent", {"none", "always", "business_hours"}, "none");
  return q;
}

OutJson transferTargetsJson(const JsonReader& request) {
  auto now = readTime(request, "now");
  if (!now) request.field("now").fail("required");
  std::vector<TransferQueue> queues;
  request.forEach("queues", [&](const JsonReader& r) { queues.push_back(readTransferQueue(r)); });
  auto targets = transferTargets(queues, *now);
  OutJson ids = OutJson::array();
  OutJson detail = OutJson::array();
  for (const auto& t : targets) {
    ids.push_back(t.id);
    detail.push_back({{"id", t.id}, {"reason", t.reason}});
  }
  return OutJson{{"queues", ids}, {"targets", detail}};
}

}  // namespace adapter
