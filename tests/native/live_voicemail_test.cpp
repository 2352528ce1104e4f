// Talk Partner Edition's voicemail ticket (issue 17 item 7): Zendesk's spec lists the voice_comment a voicemail
// ticket (via_id 44) must carry: from, to, recording_url, started_at, call_duration and answered_by_id.
#include "live_driver.h"

using test::json;
using test::LiveDriver;

namespace {

// Ada (contact 7), with no ticket, leaves a voicemail on the support line.
void adaLeavesVoicemail(LiveDriver& d) {
  d.send({{"type", "callRinging"},
          {"callId", "vm-1"},
          {"ani", "+14155550100"},
          {"dnis", "+14155550000"},
          {"sessionType", "voicemail"}});
  d.respond("/api/v2/search.json", 200,
            {{"results", json::array({test::zendeskUser(7, "Ada", "+14155550100", "2025-01-01T00:00:00Z")})}});
  d.respond("/api/v2/users/7/tickets/requested.json", 200, {{"tickets", json::array()}});
}

}  // namespace

TEST_CASE("TR-5/TPE: a voicemail ticket waits for the recording, then carries every field Zendesk requires") {
  LiveDriver d;
  d.registerApp({{"useTalkPartnerEdition", true}});
  adaLeavesVoicemail(d);
  // The caller is still speaking: no voicemail ticket yet (it would have no recording, no length).
  CHECK(!d.hasUnanswered("/api/v2/channels/voice/tickets"));

  d.send({{"type", "callEnded"},
          {"callId", "vm-1"},
          {"reason", "voicemail"},
          {"durationSec", 42},
          {"recordingUrl", "https://recordings.example.com/vm-1.mp3"}});
  auto create = d.pending("/api/v2/channels/voice/tickets.json");
  const json& ticket = create["body"]["ticket"];
  CHECK(ticket["via_id"] == 44);
  const json& vc = ticket["voice_comment"];
  CHECK(vc["from"] == "+14155550100");
  CHECK(vc["to"] == "+14155550000");
  CHECK(vc["recording_url"] == "https://recordings.example.com/vm-1.mp3");
  CHECK(vc["call_duration"] == 42);
  CHECK(vc["started_at"].is_string());
  CHECK(vc["answered_by_id"] == 5);  // Sam, the agent  // nobody answered: the agent it was delivered to
}

TEST_CASE("TR-5/TPE: a voicemail without a recording is recorded as the inbound call it was, not a bare via 44") {
  LiveDriver d;
  d.registerApp({{"useTalkPartnerEdition", true}});
  adaLeavesVoicemail(d);
  d.send({{"type", "callEnded"}, {"callId", "vm-1"}, {"reason", "voicemail"}, {"durationSec", 5}});
  auto create = d.pending("/api/v2/channels/voice/tickets.json");
  CHECK(create["body"]["ticket"]["via_id"] == 45);
  CHECK(create["body"]["ticket"]["voice_comment"]["from"] == "+14155550100");
}

TEST_CASE("TPE: voice.error (Zendesk could not subscribe to a TPE event) tells the agent, with ZAF's code") {
  LiveDriver d;
  d.registerApp({{"useTalkPartnerEdition", true}});
  d.send({{"type", "talkPartnerError"}, {"code", "SUBSCRIBE_FAILED"}});
  CHECK(d.view["banner"]["code"] == "TPE_EVENT_ERROR");
  CHECK(d.view["banner"]["kind"] == "notice");
  CHECK(d.view["banner"]["params"]["code"] == "SUBSCRIBE_FAILED");
  auto refused = d.send({{"type", "talkPartnerError"}, {"code", json::array()}});  // a wrong type: refused
  CHECK(refused.contains("error"));
}
