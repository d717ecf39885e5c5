// Secrets kept across runs in one JSON file (name → encoded value) in the data directory: replaced atomically on
// every change, readable by this user only (mode 0600, in a 0700 directory where we create it). The codec says what
// "encoded" means: the OS keychain's encryption in the Electron app, nothing in plain Node. A file that cannot be
// read is set aside and reported, never overwritten; copies a killed write left beside it are removed on opening.
import path from 'node:path';
import { z } from 'zod';
import { appError, type AppError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { removeLeftoverTemporaries, writeFileAtomically } from '../files/atomic-write';
import { parseJsonText } from '../files/json-text';
import { setAside } from '../files/set-aside';
import type { System } from '../system/system';
import type { SecretStore } from './secret-store';

/** Turns a secret into what the file holds and back; either may reject with an AppFailure (encryption unavailable). */
export interface SecretCodec {
  encode(plain: string): Promise<string>;
  /** `renew`: the stored form is outdated (the key behind it was rotated) and should be encoded again. */
  decode(stored: string): Promise<{ plain: string; renew: boolean }>;
}

export interface FileSecretStore extends SecretStore {
  readonly path: string;
  /** The secrets file could not be read and was set aside: what was wrong and where it went. */
  readonly problems: readonly AppError[];
}

export interface FileSecretStoreOptions {
  path: string;
  codec: SecretCodec;
  system: System;
}

const FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;

const secretsFileSchema = z.record(z.string(), z.string());

export function createFileSecretStore({ path: file, codec, system }: FileSecretStoreOptions): FileSecretStore {
  const { files, clock } = system;
  const problems: AppError[] = [];
  let stored = load();
  // Each holds every secret as it was when its process died, deleted ones included, and nothing else would remove it.
  removeLeftoverTemporaries(files, file, clock.now());

  function load(): Map<string, string> {
    let text: string;
    try {
      text = files.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw unavailable(`OpenClaw Remote cannot read its secrets file ${file}`, error);
    }
    const content = parseSecretsFile(text);
    if (content.ok) return new Map(Object.entries(content.secrets));
    const aside = setAside(files, file, new Date(clock.now()));
    problems.push(
      appError(
        'secrets-invalid',
        `The secrets file could not be used (${content.reason}). It was moved to ${aside} unchanged, so saved Gateway tokens and key passphrases are missing.`,
        'Enter the Gateway tokens of your profiles again; Gateways will see this Mac as a new device to approve.',
      ),
    );
    return new Map();
  }

  /** Writes `next` and only then makes it the store's content, so a failed write changes nothing. */
  function save(next: Map<string, string>): void {
    try {
      files.mkdirSync(path.dirname(file), { recursive: true, mode: DIRECTORY_MODE });
      writeFileAtomically(files, file, `${JSON.stringify(Object.fromEntries(next), null, 2)}\n`, FILE_MODE);
    } catch (error) {
      throw unavailable(`OpenClaw Remote cannot save its secrets file ${file}`, error);
    }
    stored = next;
  }

  return {
    path: file,
    problems,
    async get(name) {
      const value = stored.get(name);
      if (value === undefined) return undefined;
      const { plain, renew } = await codec.decode(value);
      if (renew) {
        try {
          const encoded = await codec.encode(plain);
          save(new Map(stored).set(name, encoded));
        } catch {
          // Renewing is housekeeping: the old form still decrypts, and the next read tries again.
        }
      }
      return plain;
    },
    async set(name, value) {
      const encoded = await codec.encode(value);
      // Copied after the await, so a change made meanwhile is kept.
      save(new Map(stored).set(name, encoded));
    },
    async delete(name) {
      if (!stored.has(name)) return;
      const next = new Map(stored);
      next.delete(name);
      save(next);
    },
    async names() {
      return [...stored.keys()];
    },
  };
}

function unavailable(what: string, error: unknown): AppFailure {
  const reason = error instanceof Error ? error.message : String(error);
  return new AppFailure(
    appError(
      'secrets-unavailable',
      `${what}: ${reason}`,
      'Check that your user account may read and write that folder.',
    ),
  );
}

function parseSecretsFile(text: string): { ok: true; secrets: Record<string, string> } | { ok: false; reason: string } {
  const json = parseJsonText(text);
  if (!json.ok) return json;
  const parsed = secretsFileSchema.safeParse(json.value);
  // The reason names no entry and quotes no value: a value may be a secret in clear text.
  return parsed.success
    ? { ok: true, secrets: parsed.data }
    : { ok: false, reason: 'it is not an object of names and text values' };
}
