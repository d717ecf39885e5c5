// What a connection costs while nothing happens: `openclaw-remote connect` (the headless connection, holding the
// tunnel and the Gateway session with its keepalives and health checks) runs as a child process, connected and
// idle, and its CPU time and resident memory are read from /proc before and after the window. Asserts nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { APP_BUILD_CLI, startCli, type CliProcess } from '../fixtures/cli-process';
import { QUICK, record, recordUnmeasured, seconds } from './bench-report';
import { peersMissing, PROFILE, startHeadlessPeers, type HeadlessPeers } from './headless-setup';

const IDLE_S = Number(process.env.BENCH_IDLE_SECONDS ?? (QUICK ? 10 : 60));
/** After "Connected": the first health check and the settling of start-up work are not idling. */
const SETTLE_MS = 3_000;
const CPU_TARGET_PERCENT = 1;
const MEMORY_TARGET_MB = 120;
const GROUP = 'idle';

const ROWS = {
  cpu: { name: `idle connection (openclaw-remote connect): CPU`, unit: '%', target: `< ${CPU_TARGET_PERCENT} %` },
  memory: { name: 'idle connection: resident memory', unit: 'MB', target: `< ${MEMORY_TARGET_MB} MB` },
};

const missing = existsSync('/proc/self/stat') ? peersMissing() : 'no /proc here to read a process’s CPU time from';
if (missing !== undefined) recordUnmeasured(GROUP, Object.values(ROWS), missing);

/** utime + stime of a process, in seconds (/proc/PID/stat fields 14 and 15, counted after the command's ")"). */
function cpuSeconds(pid: number, ticksPerSecond: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** A `VmRSS:`-style line of /proc/PID/status, in MB. */
function memoryMb(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${key}:`));
  return Number(/(\d+)\s*kB/.exec(line ?? '')?.[1] ?? NaN) / 1024;
}

function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

describe.skipIf(missing !== undefined)('the idle headless connection', () => {
  let peers: HeadlessPeers;
  let connect: CliProcess | undefined;

  beforeAll(async () => {
    peers = await startHeadlessPeers();
  });

  afterAll(async () => {
    if (connect && connect.process.exitCode === null) {
      connect.process.kill('SIGINT');
      await connect.exited();
    }
    await peers?.stop();
  });

  it(`holds a connected link for ${IDLE_S} s`, { timeout: (IDLE_S + 120) * 1000 }, async () => {
    connect = startCli(['connect', PROFILE], { env: peers.user.env, entry: APP_BUILD_CLI });
    await connect.waitForOutput(/Connected to Bench on/u);
    await sleep(SETTLE_MS);
    const pid = connect.process.pid!;
    const ticks = clockTicksPerSecond();
    const printed = connect.stdout().length;
    const [cpuBefore, wallBefore] = [cpuSeconds(pid, ticks), seconds()];
    await sleep(IDLE_S * 1000);
    const [cpuAfter, wallAfter] = [cpuSeconds(pid, ticks), seconds()];
    const rss = memoryMb(pid, 'VmRSS');
    const peak = memoryMb(pid, 'VmHWM');
    // A reconnect in the window would be work, not idling: say so beside the figure.
    const changes = connect.stdout().slice(printed).trim();
    const changed = changes === '' ? '' : `; the link changed meanwhile: ${changes.split('\n').join(' / ')}`;
    const percent = ((cpuAfter - cpuBefore) / (wallAfter - wallBefore)) * 100;
    record({
      group: GROUP,
      ...ROWS.cpu,
      value: percent,
      met: percent < CPU_TARGET_PERCENT,
      note: `${(cpuAfter - cpuBefore).toFixed(2)} s of CPU in ${(wallAfter - wallBefore).toFixed(0)} s${changed}`,
    });
    record({
      group: GROUP,
      ...ROWS.memory,
      value: rss,
      met: rss < MEMORY_TARGET_MB,
      note: `VmRSS at the end; peak (VmHWM) ${peak.toFixed(0)} MB`,
    });
  });
});
