// Everything services take from the machine: files, subprocesses, time, name resolution and facts about the OS and
// this process, injected as one System so that a service never reaches for node:fs, node:child_process, node:os or
// the global timers itself. Only interfaces live here; the real one is built by each composition root (main/system/).
import type { ExecFileException } from 'node:child_process';
import type * as fs from 'node:fs';
import type * as fsPromises from 'node:fs/promises';
import type * as os from 'node:os';
import type { Clock } from './clock';

/**
 * The node:fs functions services use, with Node's own signatures: the asynchronous ones, and the synchronous ones
 * of the settings and secrets stores (conf and electron-store read and write synchronously, so those stores do too).
 */
export type Files = Pick<
  typeof fsPromises,
  'access' | 'chmod' | 'mkdir' | 'mkdtemp' | 'open' | 'readFile' | 'realpath' | 'rm' | 'stat' | 'writeFile'
> &
  Pick<
    typeof fs,
    | 'chmodSync'
    | 'closeSync'
    | 'constants'
    | 'existsSync'
    | 'fchmodSync'
    | 'fsyncSync'
    | 'mkdirSync'
    | 'openSync'
    | 'readdirSync'
    | 'readFileSync'
    | 'renameSync'
    | 'rmSync'
    | 'statSync'
    | 'writeFileSync'
  >;

export interface ExecFileOptions {
  env?: NodeJS.ProcessEnv;
  timeout?: number;
  killSignal?: NodeJS.Signals;
  maxBuffer?: number;
}

/** A run that failed, as node:child_process reports it (exit code, signal, killed), with the output it wrote. */
export type ExecFileFailure = ExecFileException & { stdout?: string; stderr?: string };

export interface Processes {
  /**
   * Runs `file` with an argument array, never through a shell, and resolves with its output as UTF-8 text once it
   * exits 0; otherwise rejects with an ExecFileFailure (a program that cannot start rejects too).
   */
  execFile: (
    file: string,
    args: readonly string[],
    options: ExecFileOptions,
  ) => Promise<{ stdout: string; stderr: string }>;
  /** Sends `signal` to the process `pid` (as process.kill does); throws when there is no such process or it is not ours. */
  signal: (pid: number, signal: NodeJS.Signals) => void;
}

/** The node:os functions services use (read at each call, as Node does: $HOME may change), and this process's ID. */
export type OsFacts = Pick<typeof os, 'homedir' | 'hostname' | 'platform' | 'tmpdir' | 'userInfo'> & {
  readonly pid: number;
};

/** Name resolution as the system resolver does it (getaddrinfo: /etc/hosts, DNS, mDNS, MagicDNS). */
export interface NameResolver {
  /** Every address the name resolves to; rejects with the resolver's error (code ENOTFOUND, EAI_AGAIN, …). */
  lookup(host: string): Promise<{ address: string; family: number }[]>;
}

export interface System {
  files: Files;
  processes: Processes;
  clock: Clock;
  os: OsFacts;
  dns: NameResolver;
}
