// The browser's media for the sip connector: the microphone (asked for before JsSIP answers or dials, so a
// refusal never loses a call), the remote party's audio, and a ring tone while an inbound call rings.
import { createRingTone } from '../ring-tone.js';

/**
 * @param {{navigator: Navigator, document: Document, AudioContext?: typeof AudioContext}} env
 * @returns {import('./connector.js').SipMedia}
 */
export function createBrowserMedia({ navigator, document, AudioContext }) {
  let audio = null;
  const tone = createRingTone({ AudioContext, navigator });
  const wired = new WeakSet(); // peer connections whose remote audio is already routed to `audio`
  return {
    /** What the agent hears now: the remote party's live audio tracks, and whether the ring tone plays. */
    state: () => ({
      remoteLiveTracks: (audio?.srcObject?.getAudioTracks?.() ?? []).filter((t) => t.readyState === 'live').length,
      ringing: tone.state() !== 'off', // a call rings (ringStart … ringStop)
      ringTone: tone.state(), // playing, or blocked until a gesture unlocks the page's audio
    }),
    getMicrophone() {
      if (!navigator?.mediaDevices?.getUserMedia)
        return Promise.reject(Object.assign(new Error('no mediaDevices'), { name: 'NotFoundError' }));
      return navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    },
    release(stream) {
      for (const track of stream?.getTracks?.() ?? []) track.stop();
    },
    /** Plays what the peer connection receives (one element for the tab; the newest call's audio). */
    playRemote(session) {
      const pc = session.connection;
      if (!pc || wired.has(pc)) return;
      wired.add(pc);
      audio ??= Object.assign(document.createElement('audio'), { autoplay: true });
      pc.addEventListener('track', (e) => {
        audio.srcObject = e.streams?.[0] ?? new MediaStream([e.track]);
        audio.play?.().catch(() => {}); // autoplay policy: the agent's click on Answer allows it
      });
    },
    /** The agent hears this session again (back from a consult leg to the caller, D342). */
    hear(session) {
      const tracks = (session?.connection?.getReceivers?.() ?? [])
        .map((r) => r.track)
        .filter((t) => t?.kind === 'audio');
      if (!audio || tracks.length === 0) return;
      audio.srcObject = new MediaStream(tracks);
      audio.play?.().catch(() => {});
    },
    /** The ring tone (../ring-tone.js): WebAudio, started only once a gesture has unlocked the page's audio. */
    ringStart: () => tone.start(),
    ringStop: () => tone.stop(),
  };
}
