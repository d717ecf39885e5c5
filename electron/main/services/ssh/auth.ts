// How the app logs in to an SSH server, in OpenSSH's order: the agent, then the identity files (asking for
// passphrases), then keyboard-interactive and password when the profile allows them. Every attempt is
// recorded, so a failure can say exactly what was tried and why each one did not work.
import ssh2, {
  BaseAgent,
  createAgent,
  type AnyAuthMethod,
  type AuthenticationType,
  type AuthHandlerMiddleware,
  type IdentityCallback,
  type KeyboardInteractiveCallback,
  type ParsedKey,
  type Prompt,
  type SignCallback,
  type SigningRequestOptions,
} from 'ssh2';
import { appError, type AppError } from '../../../shared/errors';
import type { Logger } from '../log/app-log';
import type { System } from '../system/system';
import type { ResolvedSshConfig, SshPrompts } from './types';

/** ssh2 is CommonJS and Node's ESM loader does not see `utils` as a named export. */
const { parseKey } = ssh2.utils;

/** OpenSSH asks for a passphrase (and a password) three times before giving up. */
const PROMPT_TRIES = 3;
const CERTIFICATE_UNSUPPORTED = 'an OpenSSH certificate, which this app cannot use yet; the system ssh can';

export interface AuthAttempt {
  method: 'agent' | 'publickey' | 'keyboard-interactive' | 'password';
  /** The identity file, or 'agent'. */
  key?: string;
  /** 'offered' is the attempt in flight, which is the one that worked once the connection is ready. */
  outcome: 'offered' | 'failed' | 'skipped';
  /** In words, for the error's list of what was tried. */
  reason?: string;
  /** Why a key was skipped, for choosing the hint: the reason's words are for people and may change. */
  skipped?: KeySkip;
}

/** Why an identity file was not offered, where the hint depends on it. */
export type KeySkip = 'file-missing' | 'no-passphrase' | 'wrong-passphrase' | 'unsupported-key';

export interface AuthenticatorOptions {
  config: ResolvedSshConfig;
  prompts: Pick<SshPrompts, 'passphrase' | 'password'>;
  /** Passphrases by key file, owned by the caller so a reconnect need not ask again; memory only. */
  passphrases: Map<string, string>;
  /** The profile allows password and keyboard-interactive authentication. */
  allowPassword: boolean;
  /** Reads the identity files. */
  system: System;
  log: Logger;
  /** How messages name the server, such as `host:2222 (jump host 1)`; defaults to `host:port`. */
  where?: string;
  /** Paths under it are shown as `~/…`; defaults to the system's idea of HOME. */
  home?: string;
}

export interface Authenticator {
  /** ssh2's `authHandler`: called first with nulls, then again each time the server refuses a method. */
  authHandler: AuthHandlerMiddleware;
  attempts(): readonly AuthAttempt[];
  /** True once every method was used up, so ssh2's "All configured authentication methods failed" is final. */
  exhausted(): boolean;
  /** What was tried and why each failed; `serverSaid` is the server's own words when it hung up on us. */
  failure(serverSaid?: string): AppError;
}

type ServerMethods = readonly AuthenticationType[] | null;

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { config, prompts, passphrases, log } = options;
  const home = options.home ?? options.system.os.homedir();
  const where = options.where ?? `${config.hostname}:${config.port}`;
  const username = config.user;
  const attempts: AuthAttempt[] = [];
  const files = new Map<string, Promise<Buffer | NodeJS.ErrnoException>>();
  let serverMethods: ServerMethods = null;
  let pending: AuthAttempt | undefined;
  let pendingReason: () => string = () => 'refused by the server';
  let done = false;

  const display = (path: string) => (path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path);

  function logAttempt(attempt: AuthAttempt): void {
    const reason = attempt.reason === undefined ? '' : ` (${attempt.reason})`;
    log.debug(`SSH login to ${username}@${where}: ${label(attempt, display)} ${attempt.outcome}${reason}`);
  }

  function record(attempt: AuthAttempt): void {
    attempts.push(attempt);
    logAttempt(attempt);
  }

  function offer(attempt: Omit<AuthAttempt, 'outcome'>, whyRefused?: () => string): void {
    pending = { ...attempt, outcome: 'offered' };
    pendingReason = whyRefused ?? (() => 'refused by the server');
    record(pending);
  }

  function serverAccepts(method: AuthenticationType): boolean {
    return serverMethods === null || serverMethods.includes(method);
  }

  function read(path: string): Promise<Buffer | NodeJS.ErrnoException> {
    let data = files.get(path);
    if (data === undefined) {
      data = options.system.files.readFile(path).catch((error: NodeJS.ErrnoException) => error);
      files.set(path, data);
    }
    return data;
  }

  /** The public half of an identity file without decrypting it, as OpenSSH finds it: in the file or beside it. */
  async function publicBlobOf(file: string): Promise<Buffer | undefined> {
    const data = await read(file);
    if (data instanceof Error) return undefined;
    const inline = opensshPublicBlob(data) ?? publicSshOf(parseKey(data));
    if (inline) return inline;
    const pub = await read(`${file}.pub`);
    return pub instanceof Error ? undefined : publicSshOf(parseKey(pub));
  }

  async function* candidates(): AsyncGenerator<AnyAuthMethod, void, undefined> {
    // OpenSSH starts with "none": it learns which methods the server takes, and some servers need nothing more.
    yield { type: 'none', username };
    const offeredKeys: Buffer[] = [];
    let keysSkipped = false;
    const keysRefusedByServer = () => {
      if (serverAccepts('publickey')) return false;
      if (!keysSkipped) {
        keysSkipped = true;
        record({ method: 'publickey', outcome: 'skipped', reason: notOffered('keys') });
      }
      return true;
    };

    if (!keysRefusedByServer()) {
      if (config.identityAgent === undefined) {
        record({
          method: 'agent',
          key: 'agent',
          outcome: 'skipped',
          reason: 'none configured: SSH_AUTH_SOCK is unset or IdentityAgent is none',
        });
      } else {
        // With IdentitiesOnly, OpenSSH uses the agent only for keys that match the identity files.
        const only = config.identitiesOnly
          ? (await Promise.all(config.identityFiles.map(publicBlobOf))).filter((blob) => blob !== undefined)
          : undefined;
        const agent = new RecordingAgent(config.identityAgent, only);
        offer({ method: 'agent', key: 'agent' }, () => agent.whyRefused(config.identityAgent ?? ''));
        yield { type: 'agent', username, agent };
        offeredKeys.push(...agent.offered);
      }
    }

    for (const file of config.identityFiles) {
      if (keysRefusedByServer()) break;
      const key = await loadKey(file, offeredKeys);
      if (key === undefined) continue;
      // OpenSSH would offer a certificate beside the key first; a server that insists on it refuses the key.
      if (!((await read(`${file}-cert.pub`)) instanceof Error)) {
        record({
          method: 'publickey',
          key: `${file}-cert.pub`,
          outcome: 'skipped',
          reason: CERTIFICATE_UNSUPPORTED,
          skipped: 'unsupported-key',
        });
      }
      offeredKeys.push(key.getPublicSSH());
      offer({ method: 'publickey', key: file });
      yield { type: 'publickey', username, key };
    }

    if (!options.allowPassword || !prompts.password) return;
    const askPassword = prompts.password.bind(prompts);
    const ask = async (prompt: string): Promise<string | undefined> => {
      try {
        return await askPassword({ user: username, host: config.hostname, prompt });
      } catch (error) {
        log.warn(`Asking for the password of ${username}@${config.hostname} failed: ${messageOf(error)}`);
        return undefined;
      }
    };

    if (!serverAccepts('keyboard-interactive')) {
      record({ method: 'keyboard-interactive', outcome: 'skipped', reason: notOffered('keyboard-interactive') });
    } else {
      let unanswered = false;
      offer({ method: 'keyboard-interactive' }, () => (unanswered ? 'no answer given' : 'refused by the server'));
      yield {
        type: 'keyboard-interactive',
        username,
        prompt: (
          _name: string,
          _instructions: string,
          _lang: string,
          asked: Prompt[],
          finish: KeyboardInteractiveCallback,
        ) => {
          void (async () => {
            const answers: string[] = [];
            for (const question of asked) {
              const answer = await ask(question.prompt);
              if (answer === undefined) {
                unanswered = true;
                finish([]);
                return;
              }
              answers.push(answer);
            }
            finish(answers);
          })();
        },
      };
    }

    if (!serverAccepts('password')) {
      record({ method: 'password', outcome: 'skipped', reason: notOffered('passwords') });
      return;
    }
    for (let tries = 1; tries <= PROMPT_TRIES; tries += 1) {
      const password = await ask(`Password for ${username}@${config.hostname}:`);
      if (password === undefined) {
        if (tries === 1) record({ method: 'password', outcome: 'skipped', reason: 'no password given' });
        return;
      }
      // One entry for all tries, so the failure reads "password (refused by the server, 3 times)".
      if (tries > 1) attempts.pop();
      offer({ method: 'password' }, () => `refused by the server${tries > 1 ? `, ${tries} times` : ''}`);
      yield { type: 'password', username, password };
    }
  }

  function notOffered(what: string): string {
    return `the server does not accept ${what}; it offers ${serverMethods?.join(', ') || 'nothing'}`;
  }

  /** Reads, checks and decrypts one identity file, or records why it cannot be used. */
  async function loadKey(file: string, alreadyOffered: readonly Buffer[]): Promise<ParsedKey | undefined> {
    const skip = (reason: string, skipped?: KeySkip) => {
      record({ method: 'publickey', key: file, outcome: 'skipped', reason, ...(skipped ? { skipped } : {}) });
      return undefined;
    };
    const data = await read(file);
    if (data instanceof Error) return skip(readFailure(data), data.code === 'ENOENT' ? 'file-missing' : undefined);
    const text = data.toString('utf8').trimStart();
    if (/^\S+-cert-v01@openssh\.com\s/.test(text)) return skip(CERTIFICATE_UNSUPPORTED, 'unsupported-key');
    const blob = opensshPublicBlob(data);
    const type = blob && sshString(blob, 0)?.value.toString('latin1');
    if (type?.startsWith('sk-')) {
      return skip(
        `a FIDO security key (${type}), which this app cannot use yet; the system ssh can`,
        'unsupported-key',
      );
    }
    if (blob && alreadyOffered.some((offered) => offered.equals(blob))) return skip('already offered by the agent');

    const plain = parseKey(data);
    if (!(plain instanceof Error)) {
      return plain.isPrivateKey() ? plain : skip('a public key, not a private key');
    }
    if (!/no passphrase given/.test(plain.message))
      return skip(`not a private key this app can read (${plain.message})`);

    const remembered = passphrases.get(file);
    if (remembered !== undefined) {
      const key = parseKey(data, remembered);
      if (!(key instanceof Error)) return key;
      // The key was re-encrypted since; the remembered passphrase is useless now.
      passphrases.delete(file);
    }
    for (let tries = 1; tries <= PROMPT_TRIES; tries += 1) {
      let passphrase: string | undefined;
      try {
        passphrase = await prompts.passphrase({ keyFile: file });
      } catch (error) {
        log.warn(`Asking for the passphrase of ${display(file)} failed: ${messageOf(error)}`);
        return skip('the passphrase could not be asked for');
      }
      if (passphrase === undefined) return skip('no passphrase given', 'no-passphrase');
      const key = parseKey(data, passphrase);
      if (!(key instanceof Error)) {
        passphrases.set(file, passphrase);
        return key;
      }
      log.info(`The passphrase for ${display(file)} did not decrypt it (try ${tries} of ${PROMPT_TRIES})`);
    }
    return skip(`wrong passphrase, ${PROMPT_TRIES} times`, 'wrong-passphrase');
  }

  const candidateList = candidates();

  const authHandler: AuthHandlerMiddleware = (methodsLeft, partialSuccess, next) => {
    // ssh2 passes null (not the typed array) on its first call, and accepts `false` for "no more methods".
    const give = next as (method: AnyAuthMethod | false) => void;
    if (pending) {
      pending.outcome = 'failed';
      pending.reason = partialSuccess ? 'accepted, but the server wants another method too' : pendingReason();
      logAttempt(pending);
      pending = undefined;
    }
    serverMethods = methodsLeft ?? serverMethods;
    candidateList.next().then(
      (step) => {
        done = step.done === true;
        try {
          give(step.done ? false : step.value);
        } catch (error) {
          // The connection may have gone while a person typed a passphrase; ssh2 must not throw into a promise.
          log.debug(`SSH login to ${username}@${where} ended while choosing a method: ${messageOf(error)}`);
        }
      },
      (error: unknown) => {
        log.error(`SSH authentication stopped: ${messageOf(error)}`);
        done = true;
        give(false);
      },
    );
  };

  function failure(serverSaid?: string): AppError {
    const target = `${username}@${where}`;
    const list = attempts
      .map((attempt) => `${label(attempt, display)} (${attempt.reason ?? 'no answer from the server'})`)
      .join(', ');
    const hungUp = serverSaid === undefined ? '' : ` The server then closed the connection: “${serverSaid}”.`;
    return appError(
      'auth-failed',
      `Could not log in to ${target}. Tried: ${list || 'nothing (no key, agent or password was available)'}.${hungUp}`,
      authHint(attempts, config, display),
    );
  }

  return { authHandler, attempts: () => attempts, exhausted: () => done, failure };
}

/** An agent that reports what happened (no agent, no keys, keys refused) instead of an opaque error. */
class RecordingAgent extends BaseAgent {
  readonly #inner: BaseAgent;
  readonly #only: readonly Buffer[] | undefined;
  #reachable: boolean | undefined;
  #held = 0;
  #signError: string | undefined;
  offered: Buffer[] = [];

  constructor(socket: string, only: readonly Buffer[] | undefined) {
    super();
    this.#inner = createAgent(socket);
    this.#only = only;
  }

  getIdentities(cb: IdentityCallback): void {
    this.#inner.getIdentities((error, keys) => {
      // An empty list makes ssh2 move on quietly; an error would surface as a client 'error' event. OpenSSH's
      // agent lists parsed keys; whatever parseKey cannot read is dropped.
      this.#reachable = !error && Array.isArray(keys);
      const parsed = (keys ?? [])
        .map((key) => parseKey(key as ParsedKey))
        .filter((key): key is ParsedKey => !(key instanceof Error));
      this.#held = parsed.length;
      const usable = this.#only
        ? parsed.filter((key) => this.#only?.some((blob) => blob.equals(key.getPublicSSH())))
        : parsed;
      this.offered = usable.map((key) => key.getPublicSSH());
      cb(null, usable);
    });
  }

  sign(pubKey: ParsedKey, data: Buffer, options: SigningRequestOptions | SignCallback, cb?: SignCallback): void {
    const done = typeof options === 'function' ? options : cb;
    const signOptions = typeof options === 'function' ? {} : options;
    this.#inner.sign(pubKey, data, signOptions, (error, signature) => {
      if (error) this.#signError = error.message;
      done?.(error, signature);
    });
  }

  whyRefused(socket: string): string {
    if (this.#reachable === false) return `no agent running at ${socket}`;
    if (this.#held === 0) return 'the agent holds no keys';
    if (this.offered.length === 0) return "IdentitiesOnly is set and the agent holds none of the identity files' keys";
    if (this.#signError !== undefined) return `the agent would not sign (${this.#signError})`;
    const count = this.offered.length;
    return count === 1 ? 'the server refused its key' : `the server refused all ${count} of its keys`;
  }
}

function label(attempt: AuthAttempt, display: (path: string) => string): string {
  if (attempt.method === 'agent') return 'the SSH agent';
  if (attempt.key !== undefined) return display(attempt.key);
  return attempt.method === 'publickey' ? 'public keys' : attempt.method;
}

function authHint(tried: readonly AuthAttempt[], config: ResolvedSshConfig, display: (path: string) => string): string {
  const refusedKey = tried.find((attempt) => attempt.method === 'publickey' && attempt.outcome === 'failed');
  if (refusedKey?.key !== undefined) {
    const pub = `${display(refusedKey.key)}.pub`;
    const port = config.port === 22 ? '' : ` -p ${config.port}`;
    return (
      `Add your public key (${pub}) to ~/.ssh/authorized_keys of ${config.user} on ${config.hostname}, for ` +
      `example with: ssh-copy-id -i ${pub}${port} ${config.user}@${config.hostname}; and check that the user ` +
      'name is right.'
    );
  }
  if (tried.some((attempt) => attempt.skipped === 'no-passphrase' || attempt.skipped === 'wrong-passphrase')) {
    return 'Enter the passphrase of your key when asked, or add the key to ssh-agent with ssh-add.';
  }
  if (tried.some((attempt) => attempt.method === 'password' && attempt.outcome === 'failed')) {
    return (
      `Check the password of ${config.user} on ${config.hostname}, or set up key authentication ` +
      '(ssh-keygen, then ssh-copy-id).'
    );
  }
  if (tried.some((attempt) => attempt.skipped === 'unsupported-key')) {
    return (
      'This app cannot use OpenSSH certificates or FIDO security keys yet: create a plain key with ' +
      'ssh-keygen -t ed25519 and add its public key to ~/.ssh/authorized_keys on the host.'
    );
  }
  const agent = tried.find((attempt) => attempt.method === 'agent');
  const anyKeyFile = tried.some((attempt) => attempt.method === 'publickey' && attempt.skipped !== 'file-missing');
  if (!anyKeyFile && agent?.outcome !== 'failed') {
    return (
      'Create a key with ssh-keygen -t ed25519 and add its public key to ~/.ssh/authorized_keys on the host, ' +
      'or start ssh-agent and add your key with ssh-add.'
    );
  }
  return (
    'Make sure the key you use is in ~/.ssh/authorized_keys of that user on the host and that the user name ' +
    'is right; if your key lives in an agent, check that the agent is running and holds it (ssh-add -l).'
  );
}

function readFailure(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'not readable (permission denied)';
    case 'EISDIR':
      return 'a directory, not a key file';
    default:
      return `could not be read (${error.code ?? error.message})`;
  }
}

function publicSshOf(key: ParsedKey | Error): Buffer | undefined {
  return key instanceof Error ? undefined : key.getPublicSSH();
}

/**
 * The public key blob stored unencrypted in an `openssh-key-v1` private key, so an encrypted key can be
 * matched against agent keys, and a FIDO key recognised, without asking for its passphrase.
 */
export function opensshPublicBlob(data: Buffer): Buffer | undefined {
  const match = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]+?)-----END OPENSSH PRIVATE KEY-----/.exec(
    data.toString('latin1'),
  );
  if (!match?.[1]) return undefined;
  const raw = Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0';
  if (raw.toString('latin1', 0, magic.length) !== magic) return undefined;
  // ciphername, kdfname, kdfoptions, then a key count and the first public key.
  let pos = magic.length;
  for (let field = 0; field < 3; field += 1) {
    const next = sshString(raw, pos);
    if (!next) return undefined;
    pos = next.end;
  }
  return sshString(raw, pos + 4)?.value;
}

function sshString(buffer: Buffer, pos: number): { value: Buffer; end: number } | undefined {
  if (pos + 4 > buffer.length) return undefined;
  const end = pos + 4 + buffer.readUInt32BE(pos);
  return end > buffer.length ? undefined : { value: buffer.subarray(pos + 4, end), end };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
