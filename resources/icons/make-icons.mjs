// Draws the app icon — a video wall: a 3×3 grid of screens on a deep blue tile, the centre one
// live (green, with a play mark) — and writes the PNGs electron-builder's Linux targets take
// (NxN.png) and the Windows icon.ico (16–256). Pure JS: PNG by hand with node:zlib, no image
// library. The generated files are committed; run again only to change the design:
//   node resources/icons/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const PNG_SIZES = [16, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const OUT = new URL('./', import.meta.url);
/** Sub-samples per axis: smooth edges without an anti-aliasing rasteriser. */
const SS = 4;

const BLUE_TOP = [0x25, 0x5b, 0xa8];
const BLUE_BOTTOM = [0x0f, 0x2a, 0x56];
const SCREEN = [0xe3, 0xf1, 0xfb];
const LIVE = [0x2f, 0xc9, 0x8f];
const MARK = [0x0f, 0x2a, 0x56];

/** Signed distance (in icon units) from a rounded rectangle; negative inside. */
function roundedRect(x, y, left, top, size, radius) {
  const half = size / 2;
  const dx = Math.abs(x - (left + half)) - (half - radius);
  const dy = Math.abs(y - (top + half)) - (half - radius);
  return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - radius;
}

/** A right-pointing triangle centred at (cx, cy). */
function insidePlay(x, y, cx, cy, r) {
  const ax = cx - r * 0.55;
  const bx = cx + r * 0.75;
  return x >= ax && x <= bx && Math.abs(y - cy) <= (r * 0.8 * (bx - x)) / (bx - ax);
}

/** Small icons get a 2×2 wall: nine screens in 16 px would be a grey smudge. */
function screens(size) {
  const n = size <= 32 ? 2 : 3;
  const from = 0.17;
  const span = 0.66;
  const gap = n === 2 ? 0.07 : 0.045;
  const cell = (span - gap * (n - 1)) / n;
  const live = n === 2 ? 3 : 4; // bottom-right of four, or the centre of nine
  return Array.from({ length: n * n }, (_, i) => ({
    left: from + (i % n) * (cell + gap),
    top: from + Math.floor(i / n) * (cell + gap),
    cell,
    live: i === live,
    // At 16 px the play mark is two muddy pixels: the green screen alone says "live".
    mark: i === live && size > 16,
  }));
}

/** The colour at (x, y) in icon units [0, 1), or null outside the tile. */
function colourAt(x, y, wall) {
  if (roundedRect(x, y, 0.02, 0.02, 0.96, 0.2) > 0) return null;
  for (const s of wall) {
    if (roundedRect(x, y, s.left, s.top, s.cell, s.cell * 0.16) > 0) continue;
    if (!s.live) return SCREEN;
    return s.mark && insidePlay(x, y, s.left + s.cell / 2, s.top + s.cell / 2, s.cell * 0.3) ? MARK : LIVE;
  }
  return BLUE_TOP.map((top, i) => Math.round(top + (BLUE_BOTTOM[i] - top) * y));
}

function render(size) {
  const wall = screens(size);
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const colour = colourAt((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size, wall);
          if (!colour) continue;
          for (let c = 0; c < 3; c++) sum[c] += colour[c];
          sum[3] += 1;
        }
      }
      const at = (py * size + px) * 4;
      if (sum[3] === 0) continue;
      for (let c = 0; c < 3; c++) rgba[at + c] = Math.round(sum[c] / sum[3]);
      rgba[at + 3] = Math.round((255 * sum[3]) / (SS * SS));
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** A classic DIB entry (BGRA bottom-up plus an empty AND mask): what every Windows tool reads. */
function dib(size, rgba) {
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(size, 4);
  info.writeInt32LE(size * 2, 8); // XOR image + AND mask
  info.writeUInt16LE(1, 12);
  info.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      pixels.set([rgba[from + 2], rgba[from + 1], rgba[from], rgba[from + 3]], to);
    }
  }
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size);
  return Buffer.concat([info, pixels, mask]);
}

/** 256 px is stored as PNG (as Windows Vista and later expect); smaller sizes as DIBs. */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size; // 0 means 256
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.data)]);
}

const rendered = new Map([...new Set([...PNG_SIZES, ...ICO_SIZES])].map((size) => [size, render(size)]));
for (const size of PNG_SIZES) writeFileSync(new URL(`${size}x${size}.png`, OUT), png(size, rendered.get(size)));
const icoImages = ICO_SIZES.map((size) => ({ size, data: size >= 256 ? png(size, rendered.get(size)) : dib(size, rendered.get(size)) }));
writeFileSync(new URL('icon.ico', OUT), ico(icoImages));
console.log(`wrote ${PNG_SIZES.map((s) => `${s}x${s}.png`).join(', ')} and icon.ico (${ICO_SIZES.join(', ')})`);
