// The ring tone of an incoming call, made with WebAudio: two oscillators (440 + 480 Hz, the North American ring,
// 2 s on / 4 s off), so no audio file is shipped (the package validator refuses mp3/mpeg, and an <audio> source would
// need a media-src the page's Content-Security-Policy does not give; WebAudio's oscillators fetch nothing).
// Browsers' autoplay rules let a page make sound only after a user gesture on it (Chrome: "sticky activation",
// navigator.userActivation.hasBeenActive). Before one the tone is not started at all — an AudioContext made then
// stays suspended and logs a warning — and the ring is left to the desktop notification and the top-bar icon
// (attention.js, D363). Used by both connectors (sip/media.js, and the simulator through entry-top-bar.js).

/**
 * @param {{AudioContext?: typeof AudioContext, navigator?: {userActivation?: {hasBeenActive: boolean}},
 *   setInterval?: typeof setInterval, clearInterval?: typeof clearInterval}} env
 */
export function createRingTone({
  AudioContext,
  navigator,
  setInterval: every = (fn, ms) => setInterval(fn, ms),
  clearInterval: stopEvery = (id) => clearInterval(id),
}) {
  let ring = null;
  /** Whether the page may make sound: a gesture unlocked audio (an unknown API counts as yes: the context says). */
  const unlocked = () => navigator?.userActivation?.hasBeenActive !== false;
  return {
    /** Whether the tone plays now ('blocked': a call rings but audio is not unlocked). */
    state: () => (ring ? (ring.blocked ? 'blocked' : 'playing') : 'off'),
    start() {
      if (ring) return;
      if (!AudioContext || !unlocked()) {
        ring = { blocked: true };
        return;
      }
      const ctx = new AudioContext();
      if (ctx.state === 'suspended') ctx.resume?.().catch(() => {}); // allowed after the gesture
      const gain = ctx.createGain();
      gain.gain.value = 0;
      gain.connect(ctx.destination);
      const oscs = [440, 480].map((hz) => {
        const o = ctx.createOscillator();
        o.frequency.value = hz;
        o.connect(gain);
        o.start();
        return o;
      });
      const cadence = () => {
        const t = ctx.currentTime;
        gain.gain.setValueAtTime(0.1, t);
        gain.gain.setValueAtTime(0, t + 2);
      };
      cadence();
      ring = { blocked: false, ctx, oscs, id: every(cadence, 6000) };
    },
    stop() {
      if (!ring) return;
      if (!ring.blocked) {
        stopEvery(ring.id);
        for (const o of ring.oscs) o.stop?.();
        ring.ctx.close().catch(() => {});
      }
      ring = null;
    },
  };
}
