// The agent's own language everywhere. The core sends codes with parameters (decisions, sync
// labels, write errors) that the view translates, and writes its notes in the admin's note language (D81).
#include <string>

#include "live_driver.h"
#include "test_support.h"

using test::json;
using test::LiveDriver;
using test::zendeskUser;

namespace {

// Ada (7) calls from +14155550100; ticket 42 is ours, open, same channel and leaf queue q7 (TR-3).
struct Session {
  json settings = {{"defaultCallingCode", "1"}};
  json session = {{"id", "c-1"},
                  {"type", "ivr"},
                  {"event", "connected"},
                  {"phone", "+14155550100"},
                  {"menuPath", "Sales"},
                  {"leafQueueId", "q7"},
                  {"queueName", "Sales"},
                  {"language", "de"},
                  {"startedAt", "2026-11-20T10:15:00Z"},
                  {"agentId", 5}};
  json contacts = json::array({test::contact(7, "Ada", json::array({"+14155550100"}), "2020-01-01T00:00:00Z")});
  json tickets = json::array({test::ticket(42, 7, "pending", "2026-11-19T10:00:00Z",
                                           json::array({"ccaas", "ccaas_voice", "ccaas_queue_q7"}))});
  json resolve() const {
    return test::call("resolveSession",
                      {{"settings", settings}, {"session", session}, {"contacts", contacts}, {"tickets", tickets}});
  }
};

std::string commentOf(const json& r, const std::string& op) {
  for (const auto& a : r["actions"]) {
    if (a["op"] == op) return a["comment"]["body"];
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Ada (7, no tickets) rings the agent; Zendesk answers the lookups, so the ticket create is sent.
void ringFromAda(LiveDriver& d) {
  d.send({{"type", "callRinging"},
          {"callId", "c-1"},
          {"ani", "+14155550100"},
          {"sessionType", "ivr"},
          {"menuPath", "Sales"},
          {"queue", {{"id", "q1"}, {"name", "Sales"}}}});
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
}

}  // namespace

TEST_CASE("Language TR-10: the decision is a code with parameters beside the English reason", "[language][TR-10]") {
  Session s;
  s.session["ticketId"] = 100;
  s.tickets.push_back(test::ticket(100, 7, "open", "2026-11-19T10:00:00Z"));
  auto r = s.resolve();
  CHECK(r["decision"]["rule"] == "TR-10");
  CHECK(r["decision"]["code"] == "TICKET_ALREADY_LINKED");
  CHECK(r["decision"]["params"] == json{{"ticket", "100"}});
  CHECK(r["decision"]["reason"] == "ticket 100 is already linked to this session");  // documented, kept
}

TEST_CASE("Language TR-3: a decision's code never carries the rule id or English", "[language][TR-3]") {
  Session s;
  auto r = s.resolve();
  CHECK(r["decision"]["code"] == "OPEN_TICKET_APPENDED");
  CHECK(r["decision"]["params"] == json{{"ticket", "42"}});
  s.tickets = json::array();
  s.settings["doNotAppendToOpenTicket"] = true;
  r = s.resolve();
  CHECK(r["decision"]["code"] == "NEW_TICKET_APPEND_OFF");
  CHECK(r["decision"]["params"] == json::object());
}

TEST_CASE("Language TR-2: several contacts and none chosen: the count and the newest contact are parameters",
          "[language][TR-2]") {
  Session s;
  s.tickets = json::array();
  s.contacts.push_back(test::contact(8, "Bea", json::array({"+14155550100"}), "2024-01-01T00:00:00Z"));
  s.session["event"] = "assigned";
  auto r = s.resolve();
  CHECK(r["decision"]["code"] == "CONTACTS_TO_CHOOSE");
  CHECK(r["decision"]["params"] == json{{"count", "2"}});
  s.session["event"] = "ended";
  r = s.resolve();
  CHECK(r["decision"]["code"] == "NEW_TICKET_NEWEST_CONTACT");
  CHECK(r["decision"]["params"] == json{{"count", "2"}, {"contact", "8"}});
}

TEST_CASE("Language FO-1b: planOutbound's decision is a code with parameters", "[language][FO-1b]") {
  test::Outbound o;
  o.settings["promptSelectOpenTicket"] = true;
  o.entry = {{"source", "contact"}, {"contactId", 7}, {"number", "+14155550100"}};
  o.contacts = json::array({test::contact(7, "Ada", json::array({"+14155550100"}), "2020-01-01T00:00:00Z")});
  o.tickets = json::array(
      {test::ticket(42, 7, "open", "2026-11-19T10:00:00Z"), test::ticket(43, 7, "pending", "2026-11-18T10:00:00Z")});
  auto r = o.plan();
  CHECK(r["decision"]["rule"] == "FO-1b");
  CHECK(r["decision"]["code"] == "OPEN_TICKETS_OFFERED");
  CHECK(r["decision"]["params"] == json{{"count", "2"}});
  CHECK(r["decision"]["reason"] == "2 open tickets offered to the agent");
}

TEST_CASE("Language TR-11: notes are English by default", "[language][TR-11]") {
  Session s;
  s.tickets = json::array();
  auto note = commentOf(s.resolve(), "createTicket");
  CHECK(note.rfind("Call ID: c-1\nType: IVR Call\n", 0) == 0);
  CHECK(contains(note, "Menu / queue: Sales (Sales)\n"));
}

TEST_CASE("Language TR-11: the standard-data note is written in the note language", "[language][TR-11]") {
  Session s;
  s.tickets = json::array();
  s.settings["noteLanguage"] = "de";
  auto de = commentOf(s.resolve(), "createTicket");
  CHECK(de.rfind("Anruf-ID: c-1\nArt: IVR Call\nTelefon: +14155550100\n", 0) == 0);
  CHECK(contains(de, "Menü / Warteschlange: Sales (Sales)\n"));
  CHECK(!contains(de, "Call ID"));
  s.settings["noteLanguage"] = "ja-JP";  // a regional code takes its language
  auto ja = commentOf(s.resolve(), "createTicket");
  CHECK(ja.rfind("通話ID: c-1\n", 0) == 0);
  CHECK(contains(ja, "電話番号: +14155550100\n"));
}

TEST_CASE("Language TR-11: the call-finished note follows the note language", "[language][TR-11]") {
  Session s;
  s.session["event"] = "ended";
  s.session["ticketId"] = 42;
  s.session["durationSec"] = 133;
  s.session["recordingUrl"] = "https://rec.example.com/1.mp3";
  s.settings["noteLanguage"] = "pt-BR";
  CHECK(
      commentOf(s.resolve(), "appendToTicket") ==
      "Chamada encerrada (c-1). Duração 2 min 13 s (espera incluída).\nGravação (2:13): https://rec.example.com/1.mp3");
  s.settings["noteLanguage"] = "zh-TW";
  CHECK(commentOf(s.resolve(), "appendToTicket") ==
        "通話結束（c-1）。時長 2 分 13 秒（含保留）。\n錄音（2:13）：https://rec.example.com/1.mp3");
}

TEST_CASE("Language audit: the audit note keeps the rule id and gives the reason in the note language",
          "[language][audit]") {
  Session s;
  s.settings["auditNote"] = true;
  s.settings["noteLanguage"] = "fr";
  auto r = s.resolve();
  const auto& last = r["actions"].back();
  CHECK(last["comment"]["body"] ==
        "Décision de l’adaptateur (TR-3) : ticket ouvert 42 du même client, de la même file et du même canal.");
  CHECK(r["decision"]["reason"] == "open ticket 42 from the same customer, queue and channel");  // still English
}

TEST_CASE("Language TR-10: the transfer note follows the note language", "[language][TR-10]") {
  Session s;
  s.session["event"] = "transferred";
  s.session["ticketId"] = 42;
  s.session["transferToAgentId"] = 9;
  s.settings["noteLanguage"] = "nb";
  auto r = s.resolve();
  bool found = false;
  for (const auto& a : r["actions"]) {
    if (a["op"] == "appendToTicket" && a["comment"]["body"] == "Samtalen er overført til agent 9.") found = true;
  }
  CHECK(found);
}

TEST_CASE("Language: an unknown note language is a request error", "[language]") {
  Session s;
  s.settings["noteLanguage"] = "klingon";
  auto r = s.resolve();
  CHECK(r["error"]["code"] == "INVALID_REQUEST");
  CHECK(r["error"]["path"] == "/settings/noteLanguage");
}

TEST_CASE("Language: the live adapter writes notes in the noteLanguage app setting", "[language][TR-11]") {
  LiveDriver d;
  d.registerApp({{"noteLanguage", "es"}});
  ringFromAda(d);
  auto create = d.pending("/api/v2/tickets.json");
  REQUIRE(create.is_object());
  std::string note = create["body"]["ticket"]["comment"]["body"];
  CHECK(note.rfind("ID de llamada: c-1\n", 0) == 0);
  CHECK(d.view["settingsProblems"].empty());
}

TEST_CASE("Language: a bad noteLanguage app setting is reported and English is used", "[language]") {
  LiveDriver d;
  d.registerApp({{"noteLanguage", "xx"}});
  REQUIRE(d.view["settingsProblems"].size() == 1);
  CHECK(d.view["settingsProblems"][0]["setting"] == "noteLanguage");
}

TEST_CASE("Language: sync-list writes carry a label code and parameters beside the English label", "[language]") {
  LiveDriver d;
  d.registerApp();
  ringFromAda(d);
  auto create = d.pending("/api/v2/tickets.json");
  REQUIRE(create.is_object());
  d.respond(create, 422, {{"error", "RecordInvalid"}, {"description", "Record validation errors"}});
  json write;
  for (const auto& w : d.view["sync"]["writes"]) {
    if (w["kind"] == "createTicket") write = w;
  }
  REQUIRE(write.is_object());
  CHECK(write["labelCode"] == "CREATE_TICKET");
  CHECK(write["labelParams"]["subject"] == write["label"].get<std::string>().substr(15));  // "Create ticket: …"
  CHECK(write["errorCode"] == "HTTP");
  CHECK(write["errorParams"] == json{{"status", "422"}, {"detail", "Record validation errors"}});
  REQUIRE(d.view["banner"]["code"] == "WRITE_FAILED");
  CHECK(d.view["banner"]["params"]["labelCode"] == "CREATE_TICKET");
  CHECK(d.view["banner"]["params"]["errorCode"] == "HTTP");
}

TEST_CASE("Language: the agent's call note is headed in the note language", "[language][TR-11]") {
  LiveDriver d;
  d.registerApp({{"noteLanguage", "it"}});
  ringFromAda(d);
  d.respond("/api/v2/tickets.json", 201, {{"ticket", test::zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  d.send({{"type", "answerClicked"}});
  d.send({{"type", "callConnected"}, {"callId", "c-1"}});
  d.send({{"type", "noteChanged"}, {"text", "Richiamare domani"}});
  d.send({{"type", "callEnded"}, {"callId", "c-1"}, {"reason", "completed"}, {"durationSec", 30}});
  d.send({{"type", "wrapUpDone"}});
  for (int i = 0; i < 5 && d.hasUnanswered("/api/v2/tickets/90.json"); ++i) {  // one PUT per ticket at a time
    d.respond("/api/v2/tickets/90.json", 200, {{"ticket", test::zendeskTicket(90, 7, "open", "2026-09-21T00:00:00Z")}});
  }
  bool found = false;
  for (const auto& r : d.requests) {
    auto text = r.dump();
    if (contains(text, "Nota dell’agente:\\nRichiamare domani")) found = true;
  }
  CHECK(found);
}
