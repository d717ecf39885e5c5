// `npm run bench [-- --json FILE]`: runs every benchmark under test/bench/ (vitest's bench project, one file at a time)
// and prints their figures as one table — name, value, unit, target, met, note — with the machine it ran on; --json
// also writes the rows as [{ name, value, unit, target, met, note }]. BENCH_QUICK=1 runs a short proof with fewer rounds.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** The table's order of the bench files' groups (test/bench/bench-report.ts `group`); unknown groups come last. */
const GROUP_ORDER = ['tunnel', 'connect', 'recovery', 'concurrent', 'idle', 'renderer'];
/** Must match RESULTS_ENV in test/bench/bench-report.ts. */
const RESULTS_ENV = 'BENCH_RESULTS_FILE';

const { values } = parseArgs({ args: process.argv.slice(2), options: { json: { type: 'string' } }, strict: true });
const jsonPath = values.json === undefined ? undefined : path.resolve(values.json);

const scratch = mkdtempSync(path.join(os.tmpdir(), 'openclaw-bench-'));
const resultsFile = path.join(scratch, 'rows.jsonl');
writeFileSync(resultsFile, '');
const loadBefore = loadAverage();

const code = await new Promise((resolve) => {
  const vitest = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'bench'], {
    stdio: 'inherit',
    env: { ...process.env, [RESULTS_ENV]: resultsFile },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => vitest.kill(signal));
  vitest.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
});

const rows = readFileSync(resultsFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
rmSync(scratch, { recursive: true, force: true });
const rank = (group) => (GROUP_ORDER.includes(group) ? GROUP_ORDER.indexOf(group) : GROUP_ORDER.length);
// A stable sort keeps each bench file's own order within its group.
rows.sort((a, b) => rank(a.group) - rank(b.group));

console.log(`\n${machine()}; load average ${loadBefore} at the start, ${loadAverage()} at the end`);
if (process.env.BENCH_QUICK === '1') console.log('BENCH_QUICK=1: fewer rounds, a shorter idle window; rough figures.');
console.log(table(rows));
const missed = rows.filter((row) => row.met === false).length;
const unmeasured = rows.filter((row) => row.value === null).length;
console.log(`${rows.length} figures: ${missed} target(s) missed, ${unmeasured} not measurable here (see the notes).`);
if (code !== 0) console.log('Some benchmarks failed (see above): their rows are missing from the table.');

if (jsonPath !== undefined) {
  const json = rows.map(({ name, value, unit, target, met, note }) => ({ name, value, unit, target, met, note }));
  writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`Wrote ${json.length} rows to ${jsonPath}`);
}
process.exit(code);

function table(rows) {
  const header = ['benchmark', 'value', 'unit', 'target', 'met', 'note'];
  const cells = rows.map((row) => [
    row.name,
    row.value === null ? '—' : formatValue(row.value),
    row.unit,
    row.target ?? '',
    row.met === null ? '' : row.met ? 'yes' : 'NO',
    row.note ?? '',
  ]);
  // The note is last and not padded: it may be long.
  const widths = header.slice(0, -1).map((title, i) => Math.max(title.length, ...cells.map((cell) => cell[i].length)));
  const line = (cell) =>
    cell
      .map((text, i) => (i === 1 ? text.padStart(widths[i]) : i < widths.length ? text.padEnd(widths[i]) : text))
      .join('  ')
      .trimEnd();
  return ['', line(header), line(widths.map((width) => '-'.repeat(width)).concat('----')), ...cells.map(line), ''].join(
    '\n',
  );
}

/** Three significant digits, enough to compare and not more than the noise allows. */
function formatValue(value) {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

function machine() {
  const cpus = os.cpus();
  const memory = `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`;
  return `${os.type()} ${os.release()}, ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${memory}, Node ${process.versions.node}`;
}

function loadAverage() {
  return os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
}
