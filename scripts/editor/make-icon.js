#!/usr/bin/env node
// Draws the extension's icon, images/icon.png: white square brackets "[ ]" around three lines of text on a deep
// UN-blue rounded square, 128×128 RGBA. Node built-ins only: the shapes are sampled 4×4 per pixel for smooth edges and
// written by a small PNG encoder (zlib for the IDAT stream, a hand-written CRC-32 for the chunks).
// Usage: node scripts/editor/make-icon.js [OUT.png]   (default images/icon.png in the repository)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZE = 128;
const SUPER = 4; // samples per pixel along each axis

// Colours: a deep UN blue darkening towards the bottom, white ink, and a lighter blue for the "text" inside.
const TOP = [0x1a, 0x5f, 0xb4];
const BOTTOM = [0x0b, 0x3d, 0x7e];
const INK = [0xff, 0xff, 0xff];
const TEXT = [0xa9, 0xd3, 0xf5];

function insideRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function insideRect(x, y, x0, y0, x1, y1) {
  return x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

// Geometry in pixel units (0..128).
const BG = { x0: 4, y0: 4, x1: 124, y1: 124, r: 24 };
const STROKE = 11; // bracket stroke width
const ARM = 17; // length of a bracket's arms
const TOP_Y = 26;
const BOTTOM_Y = 102;
const LEFT_X = 24;
const RIGHT_X = 104;

function inBracket(x, y) {
  // "[": a vertical bar with two arms pointing right.
  const left =
    insideRect(x, y, LEFT_X, TOP_Y, LEFT_X + STROKE, BOTTOM_Y) ||
    insideRect(x, y, LEFT_X, TOP_Y, LEFT_X + ARM + STROKE, TOP_Y + STROKE) ||
    insideRect(x, y, LEFT_X, BOTTOM_Y - STROKE, LEFT_X + ARM + STROKE, BOTTOM_Y);
  // "]": its mirror image.
  const right =
    insideRect(x, y, RIGHT_X - STROKE, TOP_Y, RIGHT_X, BOTTOM_Y) ||
    insideRect(x, y, RIGHT_X - ARM - STROKE, TOP_Y, RIGHT_X, TOP_Y + STROKE) ||
    insideRect(x, y, RIGHT_X - ARM - STROKE, BOTTOM_Y - STROKE, RIGHT_X, BOTTOM_Y);
  return left || right;
}

function inText(x, y) {
  // Three rounded lines of "text" between the brackets, the last one shorter.
  const lines = [
    [49, 48, 79],
    [49, 62, 79],
    [49, 76, 69],
  ];
  return lines.some(([x0, y0, x1]) => insideRoundedRect(x, y, x0, y0, x1, y0 + 6, 3));
}

function pixel(px, py) {
  // Accumulate premultiplied colour over the sub-samples.
  let r = 0;
  let g = 0;
  let b = 0;
  let a = 0;
  for (let sy = 0; sy < SUPER; sy++) {
    for (let sx = 0; sx < SUPER; sx++) {
      const x = px + (sx + 0.5) / SUPER;
      const y = py + (sy + 0.5) / SUPER;
      if (!insideRoundedRect(x, y, BG.x0, BG.y0, BG.x1, BG.y1, BG.r)) continue;
      let c;
      if (inBracket(x, y)) c = INK;
      else if (inText(x, y)) c = TEXT;
      else {
        const t = (y - BG.y0) / (BG.y1 - BG.y0);
        c = TOP.map((v, i) => v + (BOTTOM[i] - v) * t);
      }
      r += c[0];
      g += c[1];
      b += c[2];
      a += 1;
    }
  }
  if (a === 0) return [0, 0, 0, 0];
  return [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / (SUPER * SUPER))];
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
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

/** Encodes RGBA rows (width×height×4 bytes) as a PNG: colour type 6, 8 bits, no interlace, filter 0 on every row. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 4)] = 0; // filter: none
    rgba.copy(raw, y * (1 + width * 4) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function drawIcon() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) rgba.set(pixel(x, y), (y * SIZE + x) * 4);
  }
  return encodePng(SIZE, SIZE, rgba);
}

if (require.main === module) {
  const out = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', 'images', 'icon.png'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const png = drawIcon();
  fs.writeFileSync(out, png);
  console.log(`${path.relative(process.cwd(), out) || out}: ${SIZE}×${SIZE}, ${png.length} bytes`);
}

module.exports = { drawIcon, encodePng, crc32 };
