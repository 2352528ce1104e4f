// The app's icons, drawn from one handset glyph: the top-bar icon as SVG paths and the PNG logos rasterised by
// signed distance, so the package needs no image tool. scripts/build-app.mjs uses them for any icon not committed
// in assets/. Node built-ins only.
import { deflateSync } from 'node:zlib';

// One definition in a 24×24 box, drawn twice: as filled SVG paths (no fill colour: Zendesk colours the top-bar
// icon with CSS) and rasterised by signed distance for the PNG logos.
// The handle is a band on a circle around C from angle 90° (mouthpiece) to 180° (earpiece), its flat ends
// under the ear and mouth pieces, which are capsules.
const C = [20, 4];
const R = 14;
const HALF = 2.25; // half the handle's width
const PADS = [
  { a: [5, 5], b: [9.5, 5], r: 3 }, // earpiece
  { a: [19, 19], b: [19, 14.5], r: 3 }, // mouthpiece
];

let crcTable; // filled on first use

/** The top-bar icon: filled paths, no fill colour (Zendesk colours it with CSS). */
export function handsetSvg() {
  const ro = R + HALF;
  const ri = R - HALF;
  const handle =
    `M${C[0] - ro} ${C[1]}A${ro} ${ro} 0 0 0 ${C[0]} ${C[1] + ro}V${C[1] + ri}` +
    `A${ri} ${ri} 0 0 1 ${C[0] - ri} ${C[1]}Z`;
  const capsule = ({ a, b, r }) => {
    if (a[1] === b[1]) {
      const [x0, x1] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
      return `M${x0} ${a[1] - r}H${x1}A${r} ${r} 0 0 1 ${x1} ${a[1] + r}H${x0}A${r} ${r} 0 0 1 ${x0} ${a[1] - r}Z`;
    }
    const [y0, y1] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
    return `M${a[0] + r} ${y0}V${y1}A${r} ${r} 0 0 1 ${a[0] - r} ${y1}V${y0}A${r} ${r} 0 0 1 ${a[0] + r} ${y0}Z`;
  };
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">',
    `  <path d="${handle}"/>`,
    ...PADS.map((p) => `  <path d="${capsule(p)}"/>`),
    '</svg>',
    '',
  ].join('\n');
}

// The top bar's states (issue 18 item 1, D363): the handset with a mark in its free top-right corner, one
// <symbol> each; the app picks one with ZAF's `iconSymbol` setter, `default` being the icon Zendesk shows first.
// The marks differ in shape, not colour (Zendesk colours the icon): ringing a full dot, on a call a ring, wrap-up
// a square, away a bar.
const MARKS = {
  default: '',
  ringing: 'M19 1.5a3.5 3.5 0 1 1 0 7a3.5 3.5 0 1 1 0-7Z',
  onCall: 'M19 1.5a3.5 3.5 0 1 1 0 7a3.5 3.5 0 1 1 0-7ZM19 3.5a1.5 1.5 0 1 0 0 3a1.5 1.5 0 1 0 0-3Z',
  wrapUp: 'M16 2H22V8H16Z',
  away: 'M15.5 4H22.5V6H15.5Z',
};

/** The top-bar icon with one <symbol> per state: the handset, and each state's mark. */
export function handsetSymbolsSvg() {
  const paths = handsetSvg()
    .split('\n')
    .filter((line) => line.startsWith('  <path'))
    .map((line) => line.trim());
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">',
    ...Object.entries(MARKS).flatMap(([id, mark]) => [
      `  <symbol id="${id}" viewBox="0 0 24 24">`,
      ...paths.map((p) => `    ${p}`),
      ...(mark ? [`    <path fill-rule="evenodd" d="${mark}"/>`] : []),
      '  </symbol>',
    ]),
    '</svg>',
    '',
  ].join('\n');
}

/** Signed distance (24-unit box) from (x, y) to the handset: negative inside. */
function handsetDistance(x, y) {
  const dx = x - C[0];
  const dy = y - C[1];
  const angle = Math.atan2(dy, dx); // screen coordinates: 90° is down, 180° is left
  let d;
  if (angle >= Math.PI / 2 && angle <= Math.PI) d = Math.abs(Math.hypot(dx, dy) - R) - HALF;
  else {
    // past a flat end (hidden under its pad): distance to that end's edge
    d = Math.min(
      segmentDistance(x, y, [C[0], C[1] + R - HALF], [C[0], C[1] + R + HALF]),
      segmentDistance(x, y, [C[0] - R - HALF, C[1]], [C[0] - R + HALF, C[1]]),
    );
  }
  for (const { a, b, r } of PADS) d = Math.min(d, segmentDistance(x, y, a, b) - r);
  return d;
}

function segmentDistance(x, y, a, b) {
  const vx = b[0] - a[0];
  const vy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * vx + (y - a[1]) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(x - (a[0] + t * vx), y - (a[1] + t * vy));
}

/** An RGBA logo: white handset on Garden blue, as a full square (logo.png) or a circle on transparency. */
export function logoPng(size, { background }) {
  const blue = [0x1f, 0x73, 0xb7];
  const glyphScale = (size * 0.56) / 24; // pixels per glyph unit
  const offset = (size - 24 * glyphScale) / 2;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const cx = px + 0.5;
      const cy = py + 0.5;
      const bgCover =
        background === 'square' ? 1 : clamp01(size / 2 - 0.5 - Math.hypot(cx - size / 2, cy - size / 2) + 0.5);
      const glyphCover = clamp01(
        0.5 - handsetDistance((cx - offset) / glyphScale, (cy - offset) / glyphScale) * glyphScale,
      );
      const alpha = Math.max(bgCover, glyphCover);
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c += 1) pixels[i + c] = Math.round(blue[c] + (255 - blue[c]) * glyphCover);
      pixels[i + 3] = Math.round(alpha * 255);
    }
  }
  return encodePng(size, size, pixels);
}

function clamp01(v) {
  return Math.max(0, Math.min(1, v));
}

/** PNG, 8-bit RGBA (colour type 6), no filtering. */
function encodePng(width, height, rgba) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function crc32(buf) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
