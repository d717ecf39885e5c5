// `npm run demo` as a newcomer runs it: the real script as a child process (its own temp folder as TMPDIR) starts the
// private sshd and the real Gateway, and the address it prints opens, in real Chromium, a Settings window already
// connected to the "Demo (this machine)" profile. Ctrl-C (SIGINT) then stops every process it started and leaves its
// temp folder empty.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../fixtures/chromium';
import { ensureGatewayInstalled, gatewayMissing } from '../fixtures/gateway';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { sshdMissing } from '../fixtures/sshd';

const usable =
  peerAvailable('Chromium', chromiumMissing(), HOW_TO_GET.chromium) &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway) &&
  peerAvailable('OpenSSH server', sshdMissing(), HOW_TO_GET.sshd);

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** Starting a Gateway beside other test files on 2 cores has taken over a minute (see test/fixtures/gateway.ts). */
const DEMO_READY_TIMEOUT_MS = 180_000;
const DEMO_STOP_TIMEOUT_MS = 60_000;

const run = promisify(execFile);

/** Every process below `root` now (children, their children, …), from `ps`. */
async function descendantsOf(root: number): Promise<number[]> {
  const { stdout } = await run('ps', ['-A', '-o', 'pid=,ppid=']);
  const children = new Map<number, number[]>();
  for (const line of stdout.trim().split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid === undefined || ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const found: number[] = [];
  const visit = (pid: number) => (children.get(pid) ?? []).forEach((child) => (found.push(child), visit(child)));
  visit(root);
  return found;
}

/** Running, not merely a zombie its new parent has yet to reap (a finished process left nothing behind). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // /proc/PID/stat: "pid (comm) state …"; where there is no /proc, signal 0 answering is all we know.
  const stat = readProcStat(pid);
  return stat === undefined || !/\) Z$/u.test(stat);
}

/** What a process is: "pid (command) state" from /proc, if there is one (also named in a failure message). */
function readProcStat(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command may hold spaces and parentheses; the state is the first field after its last ")".
    const end = stat.lastIndexOf(')');
    return `${stat.slice(0, end + 1)} ${stat.slice(end + 2, end + 3)}`;
  } catch {
    return undefined;
  }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe.skipIf(!usable)('npm run demo', () => {
  let browser: Browser;
  let tmp: string;
  let demo: ChildProcess | undefined;

  beforeAll(async () => {
    // The first run's ~650 MB install belongs to the setup, not to the demo's start under test.
    await ensureGatewayInstalled();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-demo-'));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (demo && demo.exitCode === null) demo.kill('SIGKILL');
    await rm(tmp, { recursive: true, force: true });
  });

  it(
    'opens a Settings window connected to "Demo (this machine)", and Ctrl-C leaves no process and no folder behind',
    async () => {
      // As from a terminal: none of the test runner's variables, a temp folder of its own to check afterwards.
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^VITEST/.test(name)));
      // --no-build: the UI setup built out/ once; rebuilding it here would pull it from under the other UI tests.
      const child = spawn(process.execPath, ['scripts/demo.mjs', '--no-open', '--no-build'], {
        cwd: ROOT,
        env: { ...env, TMPDIR: tmp },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      demo = child;
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`the demo printed no address:\n${output}`)),
          DEMO_READY_TIMEOUT_MS,
        );
        child.stdout.on('data', () => {
          const match = /^ {2}(http:\/\/127\.0\.0\.1:\d+\/#secret=[\w-]+)$/m.exec(output);
          if (!match?.[1]) return;
          clearTimeout(timer);
          resolve(match[1]);
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`the demo ended (exit code ${code}) before printing an address:\n${output}`));
        });
      });
      // Said in one line which window opens and why.
      expect(output).toMatch(
        /^demo: Connected\. The Settings window runs in your browser through the browser host: .+\.$/m,
      );

      const page = await browser.newPage();
      page.setDefaultTimeout(30_000);
      await page.goto(url);
      const header = page.getByRole('region', { name: 'Connection status' });
      await header
        .getByTestId('connection-state')
        .filter({ hasText: /^Connected$/ })
        .waitFor();
      expect(await header.getByTestId('status-profile').textContent()).toBe('Demo (this machine)');
      await page.close();

      const started = await descendantsOf(child.pid!);
      // The browser host, sshd and the Gateway at least.
      expect(started.length).toBeGreaterThanOrEqual(3);
      child.kill('SIGINT');
      const code = await Promise.race([
        exitOf(child),
        sleep(DEMO_STOP_TIMEOUT_MS).then(() => `still running after SIGINT:\n${output}`),
      ]);
      expect(code).toBe(0);
      expect(output).toMatch(/^demo: Stopped; removed .+\.$/m);
      expect(await readdir(tmp)).toEqual([]);
      // sshd's session process ends when the browser host's connection closes, a moment after its listener.
      for (let wait = 0; wait < 100 && started.some(alive); wait++) await sleep(100);
      expect(started.filter(alive).map((pid) => readProcStat(pid) ?? String(pid))).toEqual([]);
    },
    DEMO_READY_TIMEOUT_MS + DEMO_STOP_TIMEOUT_MS + 30_000,
  );
});
