// Draws the extension's icon, extension/images/icon.png (128×128, what the Marketplace and Open VSX show): a dark
// rounded square with three stacked bars, the steps of a canary, whose green share (traffic on the new fleet, as in
// the schedule preview) grows from a quarter to half to all, over blue (the old fleet). Written with node:zlib alone: `node scripts/make-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const samples = 4; // Per axis: 16 samples per pixel smooth the edges.
const background = [0x1b, 0x26, 0x3b];
const blue = [0x2f, 0x6f, 0xeb];
const green = [0x2e, 0xa0, 0x43];

/** The bars: left edge, width and the green (new) share, in 128-px units; each reaches from `top` to `floor`. */
const top = 28;
const floor = 102;
const bars = [
  { x: 22, w: 22, share: 0.25 },
  { x: 53, w: 22, share: 0.5 },
  { x: 84, w: 22, share: 1 },
];

/** The colour at a point of the 128-unit square, or undefined outside the rounded square. */
function colourAt(x, y) {
  const r = 26;
  const cx = Math.min(Math.max(x, r), size - r);
  const cy = Math.min(Math.max(y, r), size - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r ** 2) return undefined;
  for (const b of bars) {
    if (x < b.x || x >= b.x + b.w || y < top || y >= floor) continue;
    return y >= floor - b.share * (floor - top) ? green : blue;
  }
  return background;
}

/** RGBA rows, each prefixed with PNG's filter byte 0 (none). */
function pixels() {
  const rows = Buffer.alloc(size * (1 + size * 4));
  for (let py = 0; py < size; py++) {
    const row = py * (1 + size * 4);
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples);
          if (!c) continue;
          for (let i = 0; i < 3; i++) sum[i] += c[i];
          sum[3] += 255;
        }
      const n = samples * samples;
      const covered = sum[3] / 255;
      const at = row + 1 + px * 4;
      for (let i = 0; i < 3; i++) rows[at + i] = covered ? Math.round(sum[i] / covered) : 0;
      rows[at + 3] = Math.round(sum[3] / n);
    }
  }
  return rows;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter, no interlace.
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels(), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../extension/images/icon.png', import.meta.url), png);
console.log(`extension/images/icon.png: ${png.length} bytes`);
