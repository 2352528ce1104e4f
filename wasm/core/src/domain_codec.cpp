#include "adapter/domain_codec.h"

#include "adapter/iso_time.h"
#include "adapter/phone.h"

namespace adapter {

std::optional<std::int64_t> readTime(const JsonReader& parent, std::string_view key) {
  auto text = parent.optString(key);
  if (!text) return std::nullopt;
  auto t = parseIsoTime(*text);
  if (!t) parent.field(key).fail(std::string(kIsoTimeExpected));
  return t;
}

std::string readDefaultCallingCode(const JsonReader& settings) {
  auto code = settings.string("defaultCallingCode", "");
  if (code.empty()) return code;
  auto digits = parseCallingCode(code);
  if (!digits) settings.field("defaultCallingCode").fail("expected a country calling code such as \"1\" or \"49\"");
  return *digits;
}

std::string readIntegrationTag(const JsonReader& settings) {
  auto tag = settings.string("integrationTag", "ccaas");
  if (tag.empty() || tag.size() > 80 || tag.find_first_of(" \t\r\n,") != std::string::npos) {
    settings.field("integrationTag").fail("expected a Zendesk tag: 1 to 80 characters, no spaces or commas");
  }
  return tag;
}

Contact readContact(const JsonReader& r) {
  Contact c;
  c.id = r.id("id");
  c.name = r.string("name", "");
  r.forEach("phones", [&](const JsonReader& p) { c.phones.push_back(p.asString()); });
  c.createdAt = readTime(r, "createdAt");
  return c;
}

Ticket readTicket(const JsonReader& r) {
  Ticket t;
  t.id = r.id("id");
  t.requesterId = r.id("requesterId");
  t.status = r.requiredEnum("status", kTicketStatusNames);
  t.createdAt = readTime(r, "createdAt");
  t.updatedAt = readTime(r, "updatedAt");
  t.subject = r.string("subject", "");
  r.forEach("tags", [&](const JsonReader& tag) { t.tags.push_back(tag.asString()); });
  r.forEach("customFields", [&](const JsonReader& f) {
    CustomField field;
    field.id = f.id("id");
    auto value = f.field("value");
    if (value.json().is_string()) field.text = value.json().get<std::string>();
    t.customFields.push_back(std::move(field));
  });
  t.mergedIntoId = r.optId("mergedIntoId");
  return t;
}

std::vector<Contact> readContacts(const JsonReader& parent, std::string_view key) {
  std::vector<Contact> out;
  parent.forEach(key, [&](const JsonReader& r) { out.push_back(readContact(r)); });
  return out;
}

std::vector<Ticket> readTickets(const JsonReader& parent, std::string_view key) {
  std::vector<Ticket> out;
  parent.forEach(key, [&](const JsonReader& r) { out.push_back(readTicket(r)); });
  return out;
}

namespace {
InJson wireTime(const std::optional<std::int64_t>& t) { return t ? InJson(formatIsoTime(*t)) : InJson(nullptr); }
}  // namespace

InJson wireJson(const Contact& c) {
  InJson out = InJson::object();
  out["id"] = c.id;
  out["name"] = c.name;
  out["phones"] = c.phones;
  out["createdAt"] = wireTime(c.createdAt);
  return out;
}

InJson wireJson(const Ticket& t) {
  InJson fields = InJson::array();
  for (const auto& f : t.customFields) {
    InJson field = InJson::object();
    field["id"] = f.id;
    field["value"] = f.text ? InJson(*f.text) : InJson(nullptr);
    fields.push_back(std::move(field));
  }
  InJson out = InJson::object();
  out["id"] = t.id;
  out["requesterId"] = t.requesterId;
  out["status"] = toString(t.status);
  out["createdAt"] = wireTime(t.createdAt);
  out["updatedAt"] = wireTime(t.updatedAt);
  out["subject"] = t.subject;
  out["tags"] = t.tags;
  out["customFields"] = std::move(fields);
  if (t.mergedIntoId) out["mergedIntoId"] = *t.mergedIntoId;
  return out;
}

OutJson toJson(const Notice& n) { return OutJson{{"code", n.code}, {"message", n.message}}; }

OutJson toJson(const Decision& d) {
  OutJson params = OutJson::object();
  for (const auto& [name, value] : d.params) params[name] = value;
  OutJson out = OutJson::object();
  out["rule"] = d.rule;
  out["reason"] = d.reason;
  out["code"] = d.code.empty() ? OutJson(nullptr) : OutJson(d.code);
  out["params"] = std::move(params);
  return out;
}

OutJson toJson(const std::vector<Notice>& notices) {
  OutJson out = OutJson::array();
  for (const auto& n : notices) out.push_back(toJson(n));
  return out;
}

}  // namespace adapter
