// `npm run demo`: a newcomer's first minute. Builds the app, then (scripts/demo-session.ts, loaded through Vite's
// module runner because it reuses the test harness's TypeScript fixtures) starts a private sshd and a real OpenClaw
// Gateway on loopback, adds a connected "Demo (this machine)" profile and opens the Settings window. Ctrl-C undoes it.
// Flags: --no-open (print the address, open no browser), --no-build (use the app already built in out/).
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const { values } = parseArgs({
  options: { 'no-open': { type: 'boolean' }, 'no-build': { type: 'boolean' } },
  strict: true,
});

if (!values['no-build']) {
  console.log('demo: Building the app…');
  await import('./build.mjs');
}
const { module: session } = await runnerImport('./scripts/demo-session.ts');
await session.runDemo({ openBrowser: !values['no-open'] });
