// The admin's app settings (docs/adapter-protocol.md "App settings") → the rule functions' settings.
// ZAF hands checkbox values as booleans (or "true"/"false" from older installs) and numbers as numbers or text.
// A bad value never breaks the app: it is reported to the agent and the setting's default is used.
#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "adapter/phone.h"
#include "adapter/session_codec.h"
#include "adapter/text_rules.h"
#include "live/flows.h"
#include "live_edge/edge.h"
#include "note_text.h"
#include "utf8_prefix.h"

namespace adapter::live {
namespace {

class SettingsReader {
 public:
  SettingsReader(const InJson& raw, std::vector<SettingProblem>& problems) : raw_(raw), problems_(problems) {}

  const InJson* find(const char* name) const {
    if (!raw_.is_object()) return nullptr;
    auto it = raw_.find(name);
    if (it == raw_.end() || it->is_null()) return nullptr;
    if (it->is_string() && it->get_ref<const std::string&>().empty()) return nullptr;  // blank = not set
    return &*it;
  }

  bool flag(const char* name, bool fallback) {
    const InJson* v = find(name);
    if (!v) return fallback;
    if (v->is_boolean()) return v->get<bool>();
    if (v->is_string()) {
      const auto& t = v->get_ref<const std::string&>();
      if (t == "true") return true;
      if (t == "false") return false;
    }
    return problem(name, "expected a checkbox value (true or false)"), fallback;
  }

  std::optional<Id> positiveId(const char* name) {
    const InJson* v = find(name);
    if (!v) return std::nullopt;
    auto id = idOf(*v);
    if (!id) problem(name, "expected a positive whole number");
    return id;
  }

  std::string text(const char* name, const std::string& fallback) {
    const InJson* v = find(name);
    if (!v) return fallback;
    if (v->is_string()) return v->get<std::string>();
    if (v->is_number_integer()) return std::to_string(v->get<std::int64_t>());
    return problem(name, "expected text"), fallback;
  }

  // A multiline setting holding a JSON object.
  std::optional<InJson> jsonObject(const char* name) {
    const InJson* v = find(name);
    if (!v) return std::nullopt;
    if (v->is_object()) return *v;
    if (v->is_string()) {
      try {
        InJson parsed = parseRequest(v->get_ref<const std::string&>());  // depth- and size-checked
        if (parsed.is_object()) return parsed;
      } catch (const RequestError&) {
        // reported below
      }
    }
    problem(name, "expected a JSON object such as {\"360001\": \"required\"}");
    return std::nullopt;
  }

  void problem(const std::string& name, const std::string& message) { problems_.push_back({name, message}); }

  static std::optional<Id> idOf(const InJson& v) {
    constexpr Id kMaxSafe = (Id{1} << 53) - 1;
    if (v.is_number_integer()) {
      auto n = v.get<std::int64_t>();
      if (n > 0 && n <= kMaxSafe) return n;
      return std::nullopt;
    }
    if (!v.is_string()) return std::nullopt;
    const auto& t = v.get_ref<const std::string&>();
    if (t.empty() || t.size() > 16) return std::nullopt;
    Id n = 0;
    for (char c : t) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      n = n * 10 + (c - '0');
    }
    return n > 0 && n <= kMaxSafe ? std::optional<Id>(n) : std::nullopt;
  }

 private:
  const InJson& raw_;
  std::vector<SettingProblem>& problems_;
};

bool validIntegrationTag(const std::string& tag) {
  if (tag.empty() || tag.size() > 80) return false;
  return tag.find_first_of(" \t\r\n,") == std::string::npos;  // the rules' own check (readIntegrationTag)
}

void readTeamEntry(SettingsReader& in, Config& c) {
  auto groups = in.jsonObject("teamTicketEntryGroups");
  if (!groups) return;
  for (auto it = groups->begin(); it != groups->end(); ++it) {
    auto groupId = SettingsReader::idOf(InJson(it.key()));
    const auto& mode = it.value();
    std::optional<TeamTicketEntry> entry;
    for (const auto& [value, name] : kTeamTicketEntryNames) {
      if (mode.is_string() && mode.get_ref<const std::string&>() == name) entry = value;
    }
    if (!groupId || !entry) {
      in.problem("teamTicketEntryGroups", "entry \"" + it.key() +
                                              "\": expected a Zendesk group id mapped to \"off\", \"optional\" or "
                                              "\"required\"");
      continue;
    }
    c.groupTicketEntry[*groupId] = *entry;
  }
}

// Edit distance, cut off above 2: enough to tell a slip of the keyboard from a different name.
int nearDistance(const std::string& a, const std::string& b) {
  if (a.size() > b.size() + 2 || b.size() > a.size() + 2) return 3;
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      int above = row[j];
      auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
      int cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// A key that is not a session datum but close to one (case aside: one edit for names of up to five letters, two
// for longer ones) is most likely a misspelling, and such a mapping would never be filled by that datum. The admin
// is told which datum was probably meant; the mapping stays, because it may name a custom datum of the IVR or SDK.
std::optional<std::string_view> misspeltSessionDatum(const std::string& key) {
  for (std::string_view name : session_datum::kAll) {
    if (key == name) return std::nullopt;
  }
  for (std::string_view name : session_datum::kAll) {
    int allowed = name.size() <= 5 ? 1 : 2;
    if (nearDistance(key, std::string(name)) <= allowed) return name;
  }
  return std::nullopt;
}

// SF/TR-12: session datum → ticket field id.
std::map<std::string, Id> readFieldMap(SettingsReader& in) {
  std::map<std::string, Id> map;
  auto raw = in.jsonObject("fieldMap");
  if (!raw) return map;
  if (raw->size() > 1000) {  // the rules' own bound on one request
    in.problem("fieldMap", "too many mappings: at most 1000");
    return map;
  }
  for (auto it = raw->begin(); it != raw->end(); ++it) {
    auto fieldId = SettingsReader::idOf(it.value());
    if (!fieldId) {
      in.problem("fieldMap", "\"" + it.key() + "\": expected a ticket field id");
      continue;
    }
    if (auto meant = misspeltSessionDatum(it.key())) {
      in.problem("fieldMap", "\"" + it.key() + "\" is not a session datum; did you mean \"" + std::string(*meant) +
                                 "\"? It is filled only from caller data of that exact name.");
    }
    map[it.key()] = *fieldId;
  }
  return map;
}

std::optional<std::vector<Id>> readTicketFieldIds(SettingsReader& in) {
  std::string text = in.text("ticketFieldIds", "");
  if (text.empty()) return std::nullopt;
  std::vector<Id> ids;
  std::string item;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ',') {
      if (!item.empty()) {
        auto id = SettingsReader::idOf(InJson(item));
        if (!id) {
          in.problem("ticketFieldIds", "\"" + item + "\" is not a ticket field id");
          return std::nullopt;
        }
        ids.push_back(*id);
      }
      item.clear();
    } else if (text[i] != ' ') {
      item += text[i];
    }
  }
  return ids;
}

// TR-12 at configuration time: a field map naming a ticket field the account does not have is told to the admin
// now, not only as a note on every ticket.
void checkMappedFieldsExist(SettingsReader& in, const SessionSettings& settings) {
  if (!settings.ticketFieldIds) return;
  const auto& known = *settings.ticketFieldIds;
  for (const auto& [datum, fieldId] : settings.fieldMap) {
    if (std::find(known.begin(), known.end(), fieldId) == known.end()) {
      in.problem("fieldMap", "\"" + datum + "\" maps to ticket field " + std::to_string(fieldId) +
                                 ", which is not among ticketFieldIds");
    }
  }
}

// A rate budget: a whole number from 1 to `most`.
int budget(SettingsReader& in, const char* name, int fallback, int most) {
  const InJson* v = in.find(name);
  if (!v) return fallback;
  auto n = SettingsReader::idOf(*v);
  if (n && *n <= most) return static_cast<int>(*n);
  in.problem(name, "expected a whole number from 1 to " + std::to_string(most) + "; using " + std::to_string(fallback));
  return fallback;
}

// Wrap-up (disposition) codes, one a line as the admin typed them (issue 18, D370): blank lines skipped, each at
// most kMaxWrapUpCodeBytes, at most kMaxWrapUpCodes, each once by its tag (two lines that would write the same tag
// are one code). A line that cannot be a code is reported and left out; the others still apply.
void readWrapUpCodes(SettingsReader& in, Config& c) {
  std::string text = in.text("wrapUpCodes", "");
  std::set<std::string> tags;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
    std::string tag = toTagForm(line);
    if (line.size() > kMaxWrapUpCodeBytes || tag.empty()) {
      in.problem("wrapUpCodes", "\"" + utf8Prefix(line, 40) + "\": a code needs a letter or digit and at most " +
                                    std::to_string(kMaxWrapUpCodeBytes) + " bytes");
      continue;
    }
    if (!tags.insert(tag).second) continue;
    if (c.wrapUpCodes.size() == kMaxWrapUpCodes) {
      in.problem("wrapUpCodes", "at most " + std::to_string(kMaxWrapUpCodes) + " codes; the first are used");
      break;
    }
    c.wrapUpCodes.push_back(line);
  }
  c.wrapUpCodeRequired = in.flag("wrapUpCodeRequired", false) && !c.wrapUpCodes.empty();
}

// The queues a call may be transferred to (D341): a JSON array of AH-1's queues, each with the name the agent
// reads. A queue that cannot be read is reported and left out; the others still apply.
void readTransferQueues(SettingsReader& in, Config& c) {
  const InJson* v = in.find("transferTargets");
  if (!v) return;
  InJson parsed;
  try {
    // parseRequest (depth- and size-checked) reads objects: the admin's array is read as the value of one
    if (v->is_string()) parsed = parseRequest("{\"q\":" + v->get<std::string>() + "\n}").at("q");
    if (v->is_array()) parsed = *v;
  } catch (const RequestError&) {
    // reported below
  }
  if (!parsed.is_array()) {
    in.problem("transferTargets", "expected a JSON array such as [{\"id\": 2, \"name\": \"Billing\"}]");
    return;
  }
  std::set<Id> seen;
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    try {
      JsonReader r(parsed[i], "/" + std::to_string(i));
      NamedQueue q{readTransferQueue(r), utf8Prefix(r.string("name", ""), kMaxDirectoryNameBytes)};
      if (q.name.empty()) q.name = std::to_string(q.queue.id);
      if (!seen.insert(q.queue.id).second) continue;
      if (c.transferQueues.size() == kMaxTransferQueues) {
        in.problem("transferTargets", "at most " + std::to_string(kMaxTransferQueues) + " queues; the first are used");
        return;
      }
      c.transferQueues.push_back(std::move(q));
    } catch (const RequestError& e) {
      in.problem("transferTargets", "queue " + std::to_string(i + 1) + ": " + e.path() + " " + e.what());
    }
  }
}

}  // namespace

Config readAppSettings(const InJson& raw) {
  Config c;
  SettingsReader in(raw, c.problems);

  std::string code = in.text("defaultCallingCode", "1");
  if (parseCallingCode(code)) {
    c.defaultCallingCode = code;
  } else {
    in.problem("defaultCallingCode", "\"" + code + "\" is not a country calling code; using 1");
  }
  std::string tag = in.text("integrationTag", "ccaas");
  if (!validIntegrationTag(tag)) {
    in.problem("integrationTag", "1 to 80 characters without spaces or commas; using ccaas");
    tag = "ccaas";
  }
  std::string scope = in.text("outboundAutoAppendScope", "integration");
  std::optional<AutoAppendScope> autoAppendScope;
  for (const auto& [value, name] : kAutoAppendScopeNames) {
    if (scope == name) autoAppendScope = value;
  }
  if (!autoAppendScope) in.problem("outboundAutoAppendScope", "expected \"integration\" or \"any\"");
  bool doNotAppend = in.flag("doNotAppendToOpenTicket", false);
  // The rules take the calling code as digits (a valid code, checked above).
  std::string codeDigits = parseCallingCode(c.defaultCallingCode).value_or("1");

  auto& o = c.outboundSettings;
  o.doNotAppendToOpenTicket = doNotAppend;
  o.promptSelectOpenTicket = in.flag("promptSelectOpenTicket", false);
  o.allowCreateNewTicket = in.flag("allowCreateNewTicket", false);
  o.allowDoNotCreateTicket = in.flag("allowDoNotCreateTicket", false);
  o.allowDialEnteredNumber = in.flag("allowDialEnteredNumber", false);
  o.defaultCallingCode = codeDigits;
  o.integrationTag = tag;
  o.autoAppendScope = autoAppendScope.value_or(AutoAppendScope::IntegrationTickets);
  o.teamTicketEntryEnabled = in.flag("teamTicketEntryEnabled", false);
  o.teamPhoneFieldId = in.positiveId("teamTicketPhoneFieldId");
  readTeamEntry(in, c);

  auto& ss = c.sessionSettings;
  ss.defaultCallingCode = codeDigits;
  ss.doNotAppendToOpenTicket = doNotAppend;
  ss.createTicketForAbandonedCalls = in.flag("createTicketForAbandonedCalls", true);
  ss.delayCallRecordUntilConnected = in.flag("delayCallRecordUntilConnected", false);
  ss.addSessionTypeTag = in.flag("addSessionTypeTag", true);
  ss.integrationTag = tag;
  ss.auditNote = in.flag("auditNote", false);
  std::string noteLanguage = in.text("noteLanguage", "en");  // D81: the language of the notes in tickets
  ss.noteLanguage = noteLanguageOf(noteLanguage);
  if (ss.noteLanguage < 0) {
    in.problem("noteLanguage", "expected en, de, es, fr, it, ja, nb, pt-br or zh-tw; using en");
    ss.noteLanguage = kEnglish;
  }
  std::string title = in.text("titleTemplate", "");
  if (title.size() > 4096) {
    in.problem("titleTemplate", "longer than 4096 bytes; using the default title");
  } else if (!title.empty()) {
    ss.titleTemplate = title;
  }
  ss.fieldMap = readFieldMap(in);
  ss.ticketFieldIds = readTicketFieldIds(in);

  c.useTalkPartnerEdition = in.flag("useTalkPartnerEdition", false);

  // BA-1: which write kinds are batched and over what window (the outbox of issue 7 applies them).
  c.batchComments = in.flag("batchComments", false);
  c.batchTicketUpdates = in.flag("batchTicketUpdates", false);
  if (const InJson* window = in.find("batchWindowSeconds")) {
    auto seconds = SettingsReader::idOf(*window);
    if (seconds && *seconds <= 60) {
      c.batchWindowSeconds = static_cast<int>(*seconds);
    } else {
      in.problem("batchWindowSeconds", "expected a whole number of seconds from 1 to 60; using 10");
    }
  }
  // The account's limits, as the admin states them (D380): the plan's requests per minute and High Volume.
  c.planRequestsPerMinute = budget(in, "zendeskPlanRequestsPerMinute", 700, 100'000);
  c.highVolume = in.flag("zendeskHighVolume", false);
  c.updateBudgetPerMinute = budget(in, "updateBudgetPerMinute", 100, 10'000);
  c.ticketUpdateBudgetPer10Minutes = budget(in, "ticketUpdateBudgetPer10Minutes", 30, 1'000);
  c.requestBudgetPerMinute = budget(in, "requestBudgetPerMinute", 100, 10'000);
  checkMappedFieldsExist(in, ss);
  readWrapUpCodes(in, c);
  readTransferQueues(in, c);
  return c;
}

}  // namespace adapter::live
