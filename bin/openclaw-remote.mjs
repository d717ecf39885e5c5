#!/usr/bin/env node
// The `openclaw-remote` command of an installed package: runs the built CLI, after checking the Node version it
// needs, so an older Node fails with a sentence instead of a syntax error.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(`openclaw-remote needs Node 24 or newer; this is Node ${process.versions.node}.\n`);
  process.exit(1);
}
await import('../out/main/cli.js');
