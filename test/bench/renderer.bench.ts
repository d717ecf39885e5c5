// The Settings window's weight and first paint: its production JavaScript (out/renderer, as `npm run build` makes it)
// gzipped, and the time from navigation to the window's first render (React has drawn the sections' navigation) in
// real Chromium, served by the built browser host that `npm run web` runs. A fresh browser context per load, so no
// cache helps. Medians; asserts nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../fixtures/chromium';
import { startWebHostProcess, type WebHostProcess } from '../fixtures/web-host-process';
import { countOf, median, record, recordUnmeasured, spread } from './bench-report';

const RENDERER_DIR = path.resolve(import.meta.dirname, '..', '..', 'out', 'renderer');
const LOADS = countOf(10, 3, 'BENCH_RENDER_LOADS');
const SIZE_TARGET_KB = 200;
const GROUP = 'renderer';

const ROWS = {
  size: { name: "renderer's production JavaScript, gzipped", unit: 'kB', target: `< ${SIZE_TARGET_KB} kB` },
  render: { name: 'Settings window: first render in Chromium', unit: 'ms', target: null },
};

function javascriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * Run in the page before its own scripts (as text: the tests' TypeScript has no DOM types), so the moment React adds
 * the navigation is taken as it happens rather than when a poll notices it.
 */
const MARK_FIRST_RENDER = `
  new MutationObserver((_records, observer) => {
    if (document.querySelector('nav[aria-label="Settings sections"]')) {
      globalThis.firstRender = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

describe('the renderer', () => {
  it('weighs its production JavaScript, gzipped', () => {
    const files = javascriptFiles(RENDERER_DIR);
    const raw = files.reduce((sum, file) => sum + readFileSync(file).length, 0);
    const gzipped = files.reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0) / 1000;
    record({
      group: GROUP,
      ...ROWS.size,
      value: gzipped,
      met: gzipped < SIZE_TARGET_KB,
      note: `${files.length} file(s), ${(raw / 1000).toFixed(0)} kB minified; gzip level 6 (default)`,
    });
  });
});

const missing = chromiumMissing();
if (missing !== undefined) recordUnmeasured(GROUP, [ROWS.render], `no Chromium: ${missing}`);

describe.skipIf(missing !== undefined)('the Settings window in Chromium', () => {
  let browser: Browser;
  let host: WebHostProcess;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-bench-ui-'));
    host = await startWebHostProcess(dataDir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** One cold load: ms from navigation start to the navigation drawn, and to the first contentful paint. */
  async function load(): Promise<{ render: number; paint: number }> {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.addInitScript({ content: MARK_FIRST_RENDER });
      await page.goto(host.url);
      await page.getByRole('navigation', { name: 'Settings sections' }).waitFor();
      return await page.evaluate(() => ({
        render: (globalThis as unknown as { firstRender: number }).firstRender,
        paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      }));
    } finally {
      await context.close();
    }
  }

  it(`loads the window ${LOADS} times`, async () => {
    await load(); // warm-up: the host's files into the page cache, Chromium's first-process start-up.
    const loads: Array<{ render: number; paint: number }> = [];
    for (let i = 0; i < LOADS; i += 1) loads.push(await load());
    const renders = loads.map((figures) => figures.render);
    const paints = loads.map((figures) => figures.paint).filter((paint) => !Number.isNaN(paint));
    record({
      group: GROUP,
      ...ROWS.render,
      value: median(renders),
      met: null,
      note:
        `${spread(renders, 'ms', 0)}; from navigation start, fresh context each` +
        (paints.length > 0 ? `; first contentful paint median ${median(paints).toFixed(0)} ms` : ''),
    });
  });
});
