// Draws the menu-bar icons into assets/tray/: macOS template images (black with alpha, tinted by the system) at 16
// and 32 px (@2x), one per connection state. Run it after changing a shape: `node scripts/make-tray-icons.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

/** Each state as a coverage function over the unit square: how much of the point (x, y) is ink, 0 or 1. */
const ring = (x, y, outer, inner) => {
  const d = Math.hypot(x - 0.5, y - 0.5);
  return d <= outer && d >= inner;
};
const SHAPES = {
  // A closed ring with a dot: linked.
  connected: (x, y) => ring(x, y, 0.44, 0.3) || Math.hypot(x - 0.5, y - 0.5) <= 0.14,
  // The ring alone: nothing linked.
  idle: (x, y) => ring(x, y, 0.44, 0.33),
  // A ring broken at the top right: on its way.
  connecting: (x, y) => ring(x, y, 0.44, 0.3) && !(x > 0.5 && y < 0.5),
  // The ring with an exclamation mark: needs attention.
  error: (x, y) =>
    ring(x, y, 0.44, 0.33) || (Math.abs(x - 0.5) <= 0.06 && ((y >= 0.22 && y <= 0.58) || (y >= 0.66 && y <= 0.78))),
};

function png(size, covers) {
  const samples = 4;
  const rows = [];
  for (let py = 0; py < size; py += 1) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px += 1) {
      let inked = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          if (covers((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) inked += 1;
        }
      }
      row[1 + px * 4 + 3] = Math.round((255 * inked) / (samples * samples));
    }
    rows.push(row);
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

for (const [state, covers] of Object.entries(SHAPES)) {
  writeFileSync(new URL(`../assets/tray/${state}Template.png`, import.meta.url), png(16, covers));
  writeFileSync(new URL(`../assets/tray/${state}Template@2x.png`, import.meta.url), png(32, covers));
}
