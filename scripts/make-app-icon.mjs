// Renders the app icon's SVG source (assets/icon/icon.svg) into assets/icon.icns, the icon electron-builder puts in
// the .app and the DMG, and assets/icon.png (1024 px, for anything that wants one picture). Every size is drawn
// from the SVG itself, so the small ones stay sharp. Run it after changing the SVG: `node scripts/make-app-icon.mjs`;
// test/unit/app-icon.test.ts regenerates into a temp folder (the optional argument) and compares byte for byte.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'assets'));
const svg = readFileSync(path.join(root, 'assets', 'icon', 'icon.svg'));

/**
 * The PNG-holding entries of an .icns and their pixel sizes, as macOS reads them (10.7 and later): each point size
 * at 1× and 2×, from 16 pt to 512 pt.
 */
const ICNS_ENTRIES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];

/** The SVG drawn at `size` × `size` px as a PNG; resvg ignores system fonts here, so the output depends only on it. */
function render(size) {
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
  return resvg.render().asPng();
}

/** An .icns file: 'icns', the total length, then one block per entry (type, block length, PNG), lengths big-endian. */
function icns(entries) {
  const blocks = entries.map(([type, png]) => {
    const header = Buffer.alloc(8);
    header.write(type, 0, 'ascii');
    header.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([header, png]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'ascii');
  header.writeUInt32BE(8 + blocks.reduce((total, block) => total + block.length, 0), 4);
  return Buffer.concat([header, ...blocks]);
}

const rendered = new Map();
const pngOf = (size) => {
  if (!rendered.has(size)) rendered.set(size, render(size));
  return rendered.get(size);
};
writeFileSync(path.join(outDir, 'icon.icns'), icns(ICNS_ENTRIES.map(([type, size]) => [type, pngOf(size)])));
writeFileSync(path.join(outDir, 'icon.png'), pngOf(1024));
console.log(`Wrote icon.icns and icon.png to ${outDir}.`);
