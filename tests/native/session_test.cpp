// resolveSession, one rule per test case (RULES.md TR, RC, SF, UA, PF, IN). Time is always passed in.
#include <catch2/catch.hpp>
#include <set>
#include <tuple>

#include "test_support.h"

using test::json;

namespace {

// Ada (7) calls from +14155550100; ticket 42 is ours, open, same channel and leaf queue q7.
struct Scenario {
  json settings = {{"defaultCallingCode", "1"}};
  json session = {{"id", "c-1"},
                  {"type", "ivr"},
                  {"event", "assigned"},
                  {"phone", "+14155550100"},
                  {"menuPath", "Sales"},
                  {"leafQueueId", "q7"},
                  {"queueName", "Sales"},
                  {"language", "en"},
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

std::vector<std::string> ops(const json& r) {
  std::vector<std::string> out;
  for (const auto& a : r["actions"]) out.push_back(a["op"]);
  return out;
}
const json* firstOp(const json& r, const std::string& op) {
  for (const auto& a : r["actions"]) {
    if (a["op"] == op) return &a;
  }
  return nullptr;
}
using Ops = std::vector<std::string>;

}  // namespace

TEST_CASE("TR-3: same customer, queue and channel with an open ticket → shown while ringing, appended when answered",
          "[TR-3][TR-6]") {
  Scenario s;
  auto ringing = s.resolve();
  CHECK(ops(ringing) == Ops{"popTicket"});  // nothing written to it for a call nobody took yet (TR-6)
  CHECK(ringing["actions"][0]["ticketId"] == 42);
  CHECK(ringing["decision"]["rule"] == "TR-3");
  s.session["event"] = "connected";
  auto r = s.resolve();
  CHECK(ops(r) == Ops{"appendToTicket", "assignTicket", "popTicket"});  // no fieldMap: no setFields write
  CHECK(r["actions"][0]["ticketId"] == 42);
  CHECK(r["actions"][0]["status"] == "open");
  CHECK(r["actions"][0]["comment"]["public"] == false);
  CHECK(r["decision"]["rule"] == "TR-3");
}

TEST_CASE("TR-3: another leaf queue, another channel or a ticket we did not create → a new ticket", "[TR-3]") {
  for (json tags :
       {json::array({"ccaas", "ccaas_voice", "ccaas_queue_q9"}), json::array({"ccaas", "ccaas_chat", "ccaas_queue_q7"}),
        json::array({"ccaas_voice", "ccaas_queue_q7"})}) {
    Scenario s;
    s.tickets[0]["tags"] = tags;
    auto r = s.resolve();
    INFO(tags.dump());
    CHECK(ops(r) == Ops{"createTicket", "popTicket"});
  }
}

TEST_CASE("TR-3: solved tickets are not appended to", "[TR-3]") {
  Scenario s;
  s.tickets[0]["status"] = "solved";
  CHECK(ops(s.resolve()) == Ops{"createTicket", "popTicket"});
}

TEST_CASE("TR-3: doNotAppendToOpenTicket turns appending off", "[TR-3]") {
  Scenario s;
  s.settings["doNotAppendToOpenTicket"] = true;
  auto r = s.resolve();
  CHECK(ops(r) == Ops{"createTicket", "popTicket"});
  CHECK(r["decision"]["reason"].get<std::string>().find("turned off") != std::string::npos);
}

TEST_CASE("TR-11 + RC-1 + RC-2 + RC-3: a created ticket has title, tags, the standard-data note and the agent",
          "[TR-11][RC-1][RC-2][RC-3]") {
  Scenario s;
  s.tickets = json::array();
  s.settings["titleTemplate"] = "{{CALL_TYPE}} {{CALL_ID}} {{MENU_PATH}} {{TIMESTAMP}}";
  s.session["agentUtcOffsetMinutes"] = 60;
  auto r = s.resolve();
  const auto& t = r["actions"][0];
  REQUIRE(t["op"] == "createTicket");
  CHECK(t["requesterId"] == 7);
  CHECK(t["subject"] == "IVR Call c-1 Sales 2026-11-20 11:15");
  CHECK(t["tags"] == json::array({"ccaas", "ccaas_voice", "ccaas_queue_q7", "voice_inbound_ivr"}));
  CHECK(t["assigneeId"] == 5);
  CHECK(t["via"] == "inbound");
  std::string body = t["comment"]["body"];
  for (const char* part : {"Call ID: c-1", "Language: en", "Menu / queue: Sales (Sales)"}) {
    CHECK(body.find(part) != std::string::npos);
  }
  CHECK(r["actions"][1] == json({{"op", "popTicket"},
                                 {"key", "c-1/assigned/popTicket"},
                                 {"ticketId", nullptr},
                                 {"ticketKey", "c-1/createTicket"}}));  // TR-13 pops the ticket being created
}

TEST_CASE("RC-2: the session-type tag can be switched off — RC-3 the integration tag is configurable", "[RC-2][RC-3]") {
  Scenario s;
  s.tickets = json::array();
  s.settings["addSessionTypeTag"] = false;
  s.settings["integrationTag"] = "acme_cti";
  auto r = s.resolve();
  CHECK(r["actions"][0]["tags"] == json::array({"acme_cti", "acme_cti_voice", "acme_cti_queue_q7"}));
}

TEST_CASE("TR-1: a chat assigned to an agent creates a ticket with custom data and web-user info", "[TR-1][UA-1]") {
  Scenario s;
  s.session["type"] = "chat_web";
  s.session["phone"] = "";
  s.session["visitorId"] = "v-991";
  s.session["customData"] = {{"plan", "gold"}};
  s.session["agentUtcOffsetMinutes"] = -300;
  auto r = s.resolve();
  CHECK(ops(r) == Ops{"createContact", "createTicket", "popTicket"});
  CHECK(r["actions"][0]["name"] == "WebUser - 11/20 05:15");  // UA-1, agent's time zone
  CHECK(r["actions"][0]["externalId"] == "web:v-991");
  CHECK(r["actions"][1]["requesterId"].is_null());
  CHECK(r["actions"][1]["requesterKey"] == "c-1/createContact");
  CHECK(r["actions"][1]["assigneeId"] == 5);
  CHECK(r["actions"][1]["channel"] == "chat");
  std::string body = r["actions"][1]["comment"]["body"];
  CHECK(body.find("plan: gold") != std::string::npos);
  CHECK(body.find("Web visitor ID: v-991") != std::string::npos);
  CHECK(r["decision"]["rule"] == "TR-1");
}

TEST_CASE("UA-1: an unauthenticated mobile consumer is MobileUser with the SDK id", "[UA-1]") {
  Scenario s;
  s.session["type"] = "chat_app";
  s.session["phone"] = "";
  s.session["sdkId"] = "sdk-1";
  auto r = s.resolve();
  CHECK(r["actions"][0]["name"] == "MobileUser - 11/20 10:15");
  CHECK(r["actions"][0]["externalId"] == "mobile:sdk-1");
}

TEST_CASE("UA-1: after login, earlier unauthenticated tickets move to the logged-in identity", "[UA-1]") {
  Scenario s;
  s.session["event"] = "authenticated";
  s.session["previousContactId"] = 70;
  s.session["contactId"] = 7;
  s.tickets = json::array({test::ticket(60, 70, "open", "2026-11-19T10:00:00Z"),
                           test::ticket(61, 70, "closed", "2026-11-18T10:00:00Z"),
                           test::ticket(62, 70, "solved", "2026-11-17T10:00:00Z")});
  auto r = s.resolve();
  CHECK(ops(r) == Ops{"setRequester", "setRequester"});
  CHECK(r["actions"][0]["ticketId"] == 60);
  CHECK(r["actions"][0]["requesterId"] == 7);
  CHECK(r["actions"][1]["ticketId"] == 62);
}

TEST_CASE("TR-2: several contacts share the number → the agent chooses — at the end the newest gets the ticket",
          "[TR-2]") {
  Scenario s;
  s.tickets = json::array();
  s.contacts.push_back(test::contact(8, "Ada (work)", json::array({"415 555 0100"}), "2024-01-01T00:00:00Z"));
  auto r = s.resolve();
  CHECK(r["actions"].empty());
  CHECK(r["contactOptions"] == json::array({8, 7}));
  CHECK(r["decision"]["rule"] == "TR-2");

  s.session["event"] = "ended";
  s.session["durationSec"] = 95;
  r = s.resolve();
  REQUIRE(ops(r) == Ops{"createTicket"});
  CHECK(r["actions"][0]["requesterId"] == 8);
  CHECK(r["decision"]["rule"] == "TR-2");
  CHECK(r["actions"][0]["comment"]["body"].get<std::string>().find("Call finished") != std::string::npos);
  CHECK(r["actions"][0]["assigneeId"] == 5);  // TR-10: the agent who answered
  s.session["wasConnected"] = false;
  CHECK(s.resolve()["actions"][0]["assigneeId"].is_null());  // nobody answered: nobody's ticket
  s.session.erase("wasConnected");

  s.session["event"] = "assigned";
  s.session["contactId"] = 7;  // the agent chose
  CHECK(test::call("resolveSession", {{"settings", s.settings},
                                      {"session", s.session},
                                      {"contacts", s.contacts}})["actions"][0]["requesterId"] == 7);
}

TEST_CASE("TR-1 / IVR: a new number creates the contact with its E.164 phone", "[TR-1]") {
  Scenario s;
  s.session["phone"] = "(212) 555-0142";
  auto r = s.resolve();
  CHECK(ops(r) == Ops{"createContact", "createTicket", "popTicket"});
  CHECK(r["actions"][0]["phone"] == "+12125550142");
  CHECK(r["actions"][0]["name"] == "Caller +12125550142");
}

TEST_CASE("TR-4: an outbound call follows its plan: append reopens, create makes a new ticket", "[TR-4]") {
  Scenario s;
  s.session["type"] = "outbound";
  s.session["plan"] = {{"ticket", {{"action", "append"}, {"id", 42}}}, {"contactId", 7}};
  auto r = s.resolve();
  CHECK(ops(r) == Ops{"appendToTicket", "assignTicket", "popTicket"});  // no fieldMap: no setFields write
  CHECK(r["actions"][0]["status"] == "open");
  CHECK(r["decision"]["rule"] == "TR-4");

  s.session["plan"] = {
      {"ticket", {{"action", "create"}}}, {"contactId", 7}, {"noteDialedNumber", true}, {"dial", "+14155550199"}};
  r = s.resolve();
  CHECK(ops(r) == Ops{"createTicket", "popTicket"});
  CHECK(r["actions"][0]["via"] == "outbound");
  CHECK(r["actions"][0]["comment"]["body"].get<std::string>().find(
            "Dialled number (not saved on the contact): +14155550199") != std::string::npos);
}

TEST_CASE("TR-4: without a plan an outbound call appends only to an open ticket we created", "[TR-4]") {
  Scenario s;
  s.session["type"] = "outbound";
  s.tickets[0]["tags"] = json::array({"email"});
  CHECK(ops(s.resolve()) == Ops{"createTicket", "popTicket"});
  s.tickets[0]["tags"] = json::array({"ccaas"});
  CHECK(s.resolve()["actions"][0]["ticketId"] == 42);
}

TEST_CASE("FO-1a: an outbound call without a plan honours doNotAppendToOpenTicket: a new ticket", "[FO-1a][TR-4]") {
  Scenario s;
  s.session["type"] = "outbound";
  s.tickets[0]["tags"] = json::array({"ccaas", "ccaas_voice"});  // ours and open: TR-4 would append
  s.settings["doNotAppendToOpenTicket"] = true;
  for (const char* event : {"assigned", "ended"}) {
    s.session["event"] = event;
    auto r = s.resolve();
    INFO(event);
    REQUIRE(!r["actions"].empty());
    CHECK(r["actions"][0]["op"] == "createTicket");
    for (const auto& a : r["actions"]) CHECK(a.value("ticketId", json()) != 42);
    CHECK(r["decision"]["rule"] == "FO-1a");
  }
}

TEST_CASE("FO-1d: an outbound call planned with no ticket writes nothing, start to end", "[FO-1d]") {
  Scenario s;
  s.session["type"] = "outbound";
  s.session["plan"] = {{"ticket", {{"action", "none"}}}};
  for (const char* event : {"assigned", "ended"}) {
    s.session["event"] = event;
    CHECK(s.resolve()["actions"].empty());
  }
}

TEST_CASE("TR-5: voicemail always creates a new voicemail ticket, even with an open one", "[TR-5]") {
  Scenario s;
  s.session["event"] = "voicemail";
  s.session["recordingUrl"] = "https://rec.example.com/v1.mp3";
  auto r = s.resolve();
  REQUIRE(ops(r) == Ops{"createTicket"});
  CHECK(r["actions"][0]["via"] == "voicemail");
  CHECK(r["actions"][0]["assigneeId"].is_null());
  CHECK(r["actions"][0]["tags"].back() == "ccaas_voicemail");
  CHECK(r["actions"][0]["comment"]["body"].get<std::string>().find("https://rec.example.com/v1.mp3") !=
        std::string::npos);
  CHECK(r["decision"]["rule"] == "TR-5");
}

TEST_CASE("TR-5: a call whose ticket was created while it rang and that then goes to voicemail: marked, recording kept",
          "[TR-5][TR-6]") {
  Scenario s;
  s.session["event"] = "voicemail";
  s.session["ticketId"] = 90;  // created by this call's `assigned`
  s.session["recordingUrl"] = "https://rec.example.com/v2.mp3";
  auto r = s.resolve();
  REQUIRE(ops(r) == Ops{"appendToTicket"});
  CHECK(r["actions"][0]["ticketId"] == 90);
  CHECK(r["actions"][0]["addTags"] == json::array({"ccaas_voicemail"}));
  CHECK(r["actions"][0]["comment"]["body"].get<std::string>().find("https://rec.example.com/v2.mp3") !=
        std::string::npos);
  CHECK(r["decision"]["rule"] == "TR-5");
  s.session["type"] = "voicemail";  // a voicemail session's own ticket: nothing more
  CHECK(s.resolve()["actions"].empty());
}

TEST_CASE("TR-5: a later call may reuse the voicemail ticket (it carries our channel and queue tags)", "[TR-5][TR-3]") {
  Scenario s;
  s.tickets[0]["tags"] = json::array({"ccaas", "ccaas_voice", "ccaas_queue_q7", "voicemail", "ccaas_voicemail"});
  s.tickets[0]["status"] = "new";
  CHECK(s.resolve()["actions"][0]["ticketId"] == 42);
}

TEST_CASE("TR-6: abandoned calls create a ticket by default, not assigned and not popped", "[TR-6]") {
  Scenario s;
  s.tickets = json::array();
  s.session["event"] = "abandoned";
  auto r = s.resolve();
  REQUIRE(ops(r) == Ops{"createTicket"});
  CHECK(r["actions"][0]["assigneeId"].is_null());
  CHECK(r["actions"][0]["tags"].back() == "ccaas_abandoned");
  CHECK(r["decision"]["rule"] == "TR-6");
  s.settings["createTicketForAbandonedCalls"] = false;
  CHECK(s.resolve()["actions"].empty());
}

TEST_CASE(
    "TR-6: an abandoned call gets a new ticket with its session-type tag and an abandoned marker, never the open one",
    "[TR-6]") {
  Scenario s;  // ticket 42: Ada's open ticket of the same queue and channel, pending
  s.session["event"] = "abandoned";
  for (bool appendOff : {false, true}) {
    s.settings["doNotAppendToOpenTicket"] = appendOff;
    auto r = s.resolve();
    INFO("doNotAppendToOpenTicket " << appendOff);
    REQUIRE(ops(r) == Ops{"createTicket"});
    const auto& create = r["actions"][0];
    CHECK(create["requesterId"] == 7);
    std::set<std::string> tags(create["tags"].begin(), create["tags"].end());
    CHECK(tags.count("voice_inbound_ivr") == 1);  // RC-2
    CHECK(tags.count("ccaas_abandoned") == 1);
    CHECK(create["comment"]["body"].get<std::string>().find("Abandoned:") != std::string::npos);
    CHECK(create["assigneeId"].is_null());
    CHECK(r["decision"]["rule"] == "TR-6");
    for (const auto& a : r["actions"]) CHECK(a.value("ticketId", json()) != 42);
  }
}

TEST_CASE("TR-6: an abandoned chat under abandonedChats gets a new ticket, never the customer's open chat ticket",
          "[TR-6]") {
  Scenario s;
  s.session["type"] = "chat_web";
  s.session["event"] = "abandoned";
  s.session["consumerMessages"] = 3;
  s.tickets[0]["tags"] = json::array({"ccaas", "ccaas_chat", "ccaas_queue_q7"});
  s.settings["abandonedChats"] = "all";
  auto r = s.resolve();
  REQUIRE(ops(r) == Ops{"createTicket"});
  std::set<std::string> tags(r["actions"][0]["tags"].begin(), r["actions"][0]["tags"].end());
  CHECK(tags.count("messaging_inbound_web_chat") == 1);
  CHECK(tags.count("ccaas_abandoned") == 1);
  CHECK(r["actions"][0]["comment"]["body"].get<std::string>().find("Abandoned:") != std::string::npos);
}

TEST_CASE("TR-6: an abandoned call on a callback (TR-8) still gets its own new ticket", "[TR-6][TR-8]") {
  Scenario s;
  s.session["event"] = "abandoned";
  s.session["callback"] = {{"ticketId", 42}, {"reason", "hangup_callback"}};
  auto r = s.resolve();
  REQUIRE(ops(r) == Ops{"createTicket"});
  CHECK(r["decision"]["rule"] == "TR-6");
}

TEST_CASE("TR-6: abandoned chats: off, all, or only with at least N customer messages", "[TR-6]") {
  Scenario s;
  s.tickets = json::array();
  s.session["type"] = "chat_web";
  s.session["event"] = "abandoned";
  s.session["consumerMessages"] = 2;
  CHECK(s.resolve()["actions"].empty());  // default off
  s.settings["abandonedChats"] = "all";
  CHECK(ops(s.resolve()) == Ops{"createTicket"});
  s.settings["abandonedChats"] = "minMessages";
  s.settings["abandonedChatMinMessages"] = 3;
  CHECK(s.resolve()["actions"].empty());
  s.session["consumerMessages"] = 3;
  CHECK(ops(s.resolve()) == Ops{"createTicket"});
}

TEST_CASE("TR-7: delayed call record → created on connect — abandoned calls then get none", "[TR-7]") {
  Scenario s;
  s.tickets = json::array();
  s.settings["delayCallRecordUntilConnected"] = true;
  auto r = s.resolve();
  CHECK(ops(r) == Ops{"popContact"});  // TR-13: the known caller's profile shows while the ticket waits
  CHECK(r["actions"][0]["contactId"] == 7);
  CHECK(r["decision"]["rule"] == "TR-7");
  s.session["event"] = "connected";
  CHECK(ops(s.resolve()) == Ops{"createTicket", "popTicket"});
  s.session["event"] = "abandoned";
  CHECK(s.resolve()["actions"].empty());
  s.session["event"] = "ended";
  s.session["wasConnected"] = false;
  CHECK(s.resolve()["actions"].empty());
}

TEST_CASE("TR-7: chat record waits for N customer messages", "[TR-7]") {
  Scenario s;
  s.tickets = json::array();
  s.session["type"] = "chat_app";
  s.settings["chatRecordMinMessages"] = 2;
  s.session["consumerMessages"] = 1;
  CHECK(ops(s.resolve()) == Ops{"popContact"});
  s.session.erase("phone");  // an unknown consumer: nothing to pop yet
  CHECK(s.resolve()["actions"].empty());
  s.session["phone"] = "+14155550100";
  s.session["event"] = "message";
  s.session["consumerMessages"] = 2;
  CHECK(ops(s.resolve()) == Ops{"createTicket", "popTicket"});
  s.session["event"] = "ended";
  s.session["consumerMessages"] = 1;
  CHECK(s.resolve()["decision"]["rule"] == "TR-7");
}

TEST_CASE("TR-8: hang up and call back, or a call under 10 s then Callback, append to the open ticket", "[TR-8]") {
  Scenario s;
  s.session["type"] = "outbound";
  s.tickets[0]["tags"] = json::array({"email"});  // not ours: TR-4 alone would create
  s.session["callback"] = {{"ticketId", 42}, {"reason", "hangup_callback"}};
  auto r = s.resolve();
  CHECK(r["actions"][0]["ticketId"] == 42);
  CHECK(ops(r) == Ops{"appendToTicket", "assignTicket", "popTicket"});  // TR-10: the calling agent owns it
  CHECK(firstOp(r, "assignTicket")->at("assigneeId") == 5);
  CHECK(r["decision"]["rule"] == "TR-8");
  s.session["callback"] = {{"ticketId", 42}, {"reason", "short_call"}, {"previousDurationSec", 8}};
  CHECK(s.resolve()["decision"]["rule"] == "TR-8");
  s.session["callback"] = {{"ticketId", 42}, {"reason", "short_call"}, {"previousDurationSec", 25}};
  CHECK(s.resolve()["decision"]["rule"] != "TR-8");
}

TEST_CASE("TR-9: end-of-call updates follow a merge to the target ticket", "[TR-9]") {
  Scenario s;
  s.session["event"] = "merged";
  s.session["ticketId"] = 42;
  s.session["mergedIntoTicketId"] = 50;
  auto r = s.resolve();
  CHECK(ops(r) == Ops{"linkSession"});
  CHECK(r["actions"][0]["ticketId"] == 50);

  s.session["event"] = "ended";
  s.session.erase("mergedIntoTicketId");
  s.session["recordingUrl"] = "https://rec.example.com/1.mp3";
  s.tickets[0]["status"] = "closed";
  s.tickets[0]["mergedIntoId"] = 50;
  s.tickets.push_back(test::ticket(50, 7, "open", "2026-11-20T11:00:00Z"));
  r = s.resolve();
  CHECK(r["actions"][0]["op"] == "appendToTicket");
  CHECK(r["actions"][0]["ticketId"] == 50);
  CHECK(r["actions"][0]["comment"]["body"].get<std::string>().find("Recording: https://rec.example.com/1.mp3") !=
        std::string::npos);
  CHECK(r["decision"]["rule"] == "TR-9");
}

TEST_CASE("TR-9: a merge cycle in the data cannot loop forever", "[TR-9]") {
  Scenario s;
  s.session["event"] = "ended";
  s.session["ticketId"] = 42;
  s.tickets[0]["mergedIntoId"] = 50;
  s.tickets.push_back(test::ticket(50, 7, "closed", "2026-11-20T11:00:00Z"));
  s.tickets[1]["mergedIntoId"] = 42;
  CHECK(s.resolve()["actions"][0]["ticketId"] == 50);
}

TEST_CASE("TR-10: a transfer assigns the ticket to the receiving agent — an answer to the answering agent", "[TR-10]") {
  Scenario s;
  s.session["event"] = "transferred";
  s.session["ticketId"] = 42;
  s.session["transferToAgentId"] = 9;
  s.session["durationSec"] = 95;
  s.settings["fieldMap"] = {{"duration", 360001}};
  auto r = s.resolve();
  // This agent's part first (TR-11 note, SF-2 fields), the assignment to the receiving agent last (D58).
  CHECK(ops(r) == Ops{"appendToTicket", "setFields", "appendToTicket", "assignTicket"});
  CHECK(r["actions"][0]["comment"]["body"] == "Call finished (c-1). Duration 1m 35s (hold included).");
  CHECK(r["actions"][1]["customFields"] == json::array({{{"id", 360001}, {"value", "95"}}}));
  CHECK(r["actions"][2]["comment"]["body"] == "Call transferred to agent 9.");
  CHECK(r["actions"][3]["assigneeId"] == 9);
  s.session.erase("transferToAgentId");  // to a queue or an outside number: finished, noted, not reassigned
  CHECK(ops(s.resolve()) == Ops{"appendToTicket", "setFields", "appendToTicket"});
  s.session["event"] = "connected";
  r = s.resolve();
  CHECK(firstOp(r, "assignTicket")->at("assigneeId") == 5);
}

TEST_CASE("TR-11 + SF-2: the end of a call writes the finished note with recording and the end fields",
          "[TR-11][SF-2]") {
  Scenario s;
  s.session["event"] = "ended";
  s.session["ticketId"] = 42;
  s.session["durationSec"] = 133;
  s.session["waitSec"] = 5;
  s.session["holdSec"] = 20;
  s.session["csat"] = 5;
  s.session["recordingUrl"] = "https://rec.example.com/1.mp3";
  s.session["recordingBytes"] = 73400320;
  s.settings["fieldMap"] = {{"duration", 901},  {"waitTime", 902},  {"holdTime", 903},
                            {"queueName", 904}, {"sessionId", 905}, {"csat", 906}};
  auto r = s.resolve();
  REQUIRE(ops(r) == Ops{"appendToTicket", "setFields"});
  std::string body = r["actions"][0]["comment"]["body"];
  CHECK(body.find("Duration 2m 13s") != std::string::npos);
  CHECK(body.find("attached in 2 parts") != std::string::npos);  // RS-1
  CHECK(r["actions"][1]["customFields"] == json::array({{{"id", 901}, {"value", "133"}},
                                                        {{"id", 902}, {"value", "5"}},
                                                        {{"id", 904}, {"value", "Sales"}},
                                                        {{"id", 905}, {"value", "c-1"}},
                                                        {{"id", 903}, {"value", "20"}},
                                                        {{"id", 906}, {"value", "5"}}}));
}

TEST_CASE("SF-1: session type and the From number fill their fields at the start", "[SF-1]") {
  Scenario s;
  s.tickets = json::array();
  s.session["type"] = "outbound";
  s.session["fromNumber"] = "+18005550000";
  s.settings["fieldMap"] = {{"sessionType", 900}, {"fromNumber", 907}};
  auto r = s.resolve();
  CHECK(r["actions"][0]["customFields"] ==
        json::array({{{"id", 900}, {"value", "call"}}, {{"id", 907}, {"value", "+18005550000"}}}));
}

TEST_CASE("TR-12: a mapped field that does not exist is said in a note — nothing is dropped", "[TR-12]") {
  Scenario s;
  s.tickets = json::array();
  s.session["customData"] = {{"orderId", "A-17"}};
  s.settings["fieldMap"] = {{"orderId", 902}, {"sessionType", 900}};
  s.settings["ticketFieldIds"] = json::array({900});
  auto r = s.resolve();
  const auto& t = r["actions"][0];
  CHECK(t["customFields"] == json::array({{{"id", 900}, {"value", "call"}}}));
  CHECK(t["comment"]["body"].get<std::string>().find(
            "Field 902 mapped for \"orderId\" was not found in Zendesk; its value: A-17") != std::string::npos);
  CHECK(test::hasCode(r["warnings"], "FIELD_NOT_FOUND"));
}

TEST_CASE("TR-12: mapped custom data goes to its field, not into the note", "[TR-12][SF-1]") {
  Scenario s;
  s.tickets = json::array();
  s.session["customData"] = {{"orderId", "A-17"}};
  s.settings["fieldMap"] = {{"orderId", 902}};
  auto r = s.resolve();
  CHECK(r["actions"][0]["customFields"] == json::array({{{"id", 902}, {"value", "A-17"}}}));
  CHECK(r["actions"][0]["comment"]["body"].get<std::string>().find("A-17") == std::string::npos);
}

TEST_CASE("PF-1: flags from reserved attributes at the start or mid-session, written in the first note", "[PF-1]") {
  Scenario s;
  s.tickets = json::array();
  s.session["attributes"] = {{"verified_customer", true}, {"reserved_repeat_customer", "yes"}};
  auto r = s.resolve();
  CHECK(r["flags"] == json::array({{{"code", "verified_customer"}, {"attribute", "verified_customer"}},
                                   {{"code", "repeat_customer"}, {"attribute", "reserved_repeat_customer"}}}));
  CHECK(r["actions"][0]["comment"]["body"].get<std::string>().find(
            "Profile flags: Verified customer, Repeat customer") != std::string::npos);  // in words (issue 18)
  s.session["event"] = "transferred";  // mid-session: flags come back whatever the event
  s.session["attributes"] = {{"reserved_bad_actor", true}};
  CHECK(s.resolve()["flags"][0]["code"] == "bad_actor");
}

TEST_CASE("IN-1: the ANI lookup shows the contact and the latest unsolved ticket with its status", "[IN-1]") {
  Scenario s;
  s.tickets.push_back(test::ticket(43, 7, "solved", "2026-11-21T10:00:00Z"));
  s.tickets.push_back(test::ticket(44, 7, "hold", "2026-11-20T10:00:00Z", json::array()));
  auto r = s.resolve();
  CHECK(r["lookup"] == json({{"matches", 1},
                             {"contactId", 7},
                             {"contactName", "Ada"},
                             {"latestUnsolvedTicket", {{"id", 44}, {"status", "hold"}, {"subject", "Ticket 44"}}}}));
}

TEST_CASE("IN-1: a caller matches a contact whose phone is stored in the national format", "[IN-1]") {
  Scenario s;
  s.settings["defaultCallingCode"] = "36";
  s.session["phone"] = "+36201234567";
  s.contacts = json::array({test::contact(7, "Ada", json::array({"06 20 123 4567"}), "2020-01-01T00:00:00Z")});
  CHECK(s.resolve()["lookup"]["contactId"] == 7);
  s.settings["defaultCallingCode"] = "54";  // Argentina's mobile "15" and the international "9" are one number
  s.session["phone"] = "+5491123456789";
  s.contacts = json::array({test::contact(7, "Ada", json::array({"011 15-2345-6789"}), "2020-01-01T00:00:00Z")});
  CHECK(s.resolve()["lookup"]["contactId"] == 7);
}

TEST_CASE("IN-1: an unknown caller shows no contact", "[IN-1]") {
  Scenario s;
  s.session["phone"] = "+12125550142";
  auto r = s.resolve();
  CHECK(r["lookup"]["matches"] == 0);
  CHECK(r["lookup"]["contactId"].is_null());
}

TEST_CASE("Audit trail: the decision can also be written as a private note", "[audit]") {
  Scenario s;
  s.settings["auditNote"] = true;
  s.session["event"] = "connected";
  auto r = s.resolve();
  const auto& last = r["actions"].back();
  CHECK(last["op"] == "appendToTicket");
  CHECK(last["ticketId"] == 42);
  CHECK(last["comment"]["body"] ==
        "Adapter decision (TR-3): open ticket 42 from the same customer, queue and channel.");
  CHECK(last["comment"]["public"] == false);
}

TEST_CASE("Idempotency: replaying an event yields identical actions with stable keys", "[idempotency]") {
  for (const char* event : {"assigned", "connected", "ended", "abandoned", "voicemail", "transferred"}) {
    Scenario s;
    s.session["event"] = event;
    s.session["transferToAgentId"] = 9;
    if (std::string(event) == "transferred") s.session["ticketId"] = 42;
    auto first = s.resolve();
    CHECK(first == s.resolve());
    std::set<std::string> keys;
    for (const auto& a : first["actions"]) {
      CHECK(a["key"].get<std::string>().rfind("c-1/", 0) == 0);
      CHECK(keys.insert(a["key"]).second);  // unique within an answer
    }
  }
  Scenario a, b;  // the ticket a session creates has one key whichever event creates it
  a.tickets = b.tickets = json::array();
  b.session["event"] = "abandoned";
  CHECK(a.resolve()["actions"][0]["key"] == "c-1/createTicket");
  CHECK(b.resolve()["actions"][0]["key"] == "c-1/createTicket");
}

TEST_CASE("resolveSession: bad sessions are request errors with a path", "[contract]") {
  Scenario s;
  for (const auto& [field, value, path] : std::vector<std::tuple<std::string, json, std::string>>{
           {"type", "fax", "/session/type"},
           {"event", nullptr, "/session/event"},
           {"id", "a/b", "/session/id"},
           {"durationSec", -1, "/session/durationSec"},
           {"recordingUrl", "http://insecure.example.com/1.mp3", "/session/recordingUrl"},
           {"startedAt", "noon", "/session/startedAt"},
       }) {
    auto bad = s;
    bad.session[field] = value;
    auto r = bad.resolve();
    INFO(field);
    CHECK(r["error"]["code"] == "INVALID_REQUEST");
    CHECK(r["error"]["path"] == path);
  }
  CHECK(test::call("resolveSession", json::object())["error"]["path"] == "/session");
}

TEST_CASE("TR-13: the related or created ticket pops when a session starts, never for unattended ones", "[TR-13]") {
  Scenario s;
  auto popped = [](const json& r) { return firstOp(r, "popTicket") != nullptr; };
  CHECK(firstOp(s.resolve(), "popTicket")->at("ticketId") == 42);  // related (TR-3)
  s.tickets = json::array();
  CHECK(firstOp(s.resolve(), "popTicket")->at("ticketKey") == "c-1/createTicket");  // created
  s.session["event"] = "abandoned";
  CHECK_FALSE(popped(s.resolve()));
  s.session["event"] = "voicemail";
  CHECK_FALSE(popped(s.resolve()));
  s.session["event"] = "ended";
  CHECK_FALSE(popped(s.resolve()));
}
