// The real System: Node's file system, child processes, timers, name resolver and OS, for the composition roots (the
// Electron app, the browser host, the CLI) to build once and hand to the services they create.
import { execFile } from 'node:child_process';
import * as dns from 'node:dns/promises';
import * as fs from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import * as os from 'node:os';
import { promisify } from 'node:util';
import { systemClock } from './clock';
import type { Files, NameResolver, OsFacts, Processes, System } from '../services/system/system';

const execFileText = promisify(execFile);

const files: Files = {
  access: fsPromises.access,
  chmod: fsPromises.chmod,
  mkdir: fsPromises.mkdir,
  mkdtemp: fsPromises.mkdtemp,
  open: fsPromises.open,
  readFile: fsPromises.readFile,
  realpath: fsPromises.realpath,
  rm: fsPromises.rm,
  stat: fsPromises.stat,
  writeFile: fsPromises.writeFile,
  chmodSync: fs.chmodSync,
  closeSync: fs.closeSync,
  constants: fs.constants,
  existsSync: fs.existsSync,
  fchmodSync: fs.fchmodSync,
  fsyncSync: fs.fsyncSync,
  mkdirSync: fs.mkdirSync,
  openSync: fs.openSync,
  readdirSync: fs.readdirSync,
  readFileSync: fs.readFileSync,
  renameSync: fs.renameSync,
  rmSync: fs.rmSync,
  statSync: fs.statSync,
  writeFileSync: fs.writeFileSync,
};

const processes: Processes = {
  // async, so that a spawn error execFile throws instead of reporting (ENOTDIR, say) becomes a rejection too.
  execFile: async (file, args, options) => execFileText(file, [...args], { ...options, encoding: 'utf8' }),
  signal: (pid, signal) => {
    process.kill(pid, signal);
  },
};

const osFacts: OsFacts = {
  homedir: os.homedir,
  hostname: os.hostname,
  platform: os.platform,
  tmpdir: os.tmpdir,
  userInfo: os.userInfo,
  pid: process.pid,
};

const resolver: NameResolver = {
  lookup: (host) => dns.lookup(host, { all: true }),
};

export function nodeSystem(): System {
  return { files, processes, clock: systemClock, os: osFacts, dns: resolver };
}
