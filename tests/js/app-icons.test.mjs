// The icon drawer (scripts/lib/app-icons.mjs): the build ships its drawings for every icon not committed in
// assets/, so what Zendesk shows in the top bar and the app listing comes from here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { handsetSvg, logoPng } from '../../scripts/lib/app-icons.mjs';
import { pngInfo } from '../../scripts/lib/app-validator.mjs';

/** RGBA of pixel (x, y) of an unfiltered 8-bit RGBA PNG (what logoPng writes). */
function pixel(png, x, y) {
  const width = png.readUInt32BE(16);
  const idat = png.indexOf('IDAT', 0, 'latin1');
  const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
  const at = y * (width * 4 + 1) + 1 + x * 4;
  return [...raw.subarray(at, at + 4)];
}

test('logos: RGBA PNGs of the asked size; the square one is opaque to its corners, the round one clear there', () => {
  const square = logoPng(320, { background: 'square' });
  const round = logoPng(128, { background: 'circle' });
  assert.deepEqual(pngInfo(square), { width: 320, height: 320, bitDepth: 8, colorType: 6, alpha: true });
  assert.deepEqual(pngInfo(round), { width: 128, height: 128, bitDepth: 8, colorType: 6, alpha: true });
  assert.deepEqual(pixel(square, 0, 0), [0x1f, 0x73, 0xb7, 255], 'Garden blue corner');
  assert.equal(pixel(round, 0, 0)[3], 0, 'transparent corner');
  assert.deepEqual(pixel(round, 64, 4), [0x1f, 0x73, 0xb7, 255], 'blue inside the circle');
});

test('logos: the handset is drawn in white (its earpiece, top left of the glyph)', () => {
  // The earpiece capsule runs from (5, 5) to (9.5, 5) in the 24-unit glyph box, which fills the middle 56 %.
  const size = 320;
  const scale = (size * 0.56) / 24;
  const offset = (size - 24 * scale) / 2;
  const png = logoPng(size, { background: 'square' });
  assert.deepEqual(pixel(png, Math.round(offset + 7 * scale), Math.round(offset + 5 * scale)), [255, 255, 255, 255]);
});

test('top-bar icon: plain SVG paths with no fill colour (Zendesk colours it with CSS)', () => {
  const svg = handsetSvg();
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 24 24">/);
  assert.equal([...svg.matchAll(/<path d="[^"]+"\/>/g)].length, 3, 'handle, earpiece, mouthpiece');
  assert.doesNotMatch(svg, /fill=|style=|<script/);
});
