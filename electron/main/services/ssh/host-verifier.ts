// Whether to trust the host key an SSH server offers, decided as ssh(1) would with the same config (known_hosts,
// StrictHostKeyChecking, HashKnownHosts, HostKeyAlias) plus keys vouched for elsewhere; asks a person and records
// the answer. A changed or revoked key is refused in every mode: there is no silent "accept anyway".
import { isAbsolute } from 'node:path';
import type { SshErrorKind } from '../../../shared/error-kinds/ssh-errors';
import { appError, type AppError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import type { Logger } from '../log/app-log';
import type { System } from '../system/system';
import { hostKeyFingerprint, hostKeyType } from './host-key';
import {
  appendKnownHostsEntry,
  checkHostKey,
  formatKnownHostsEntry,
  knownHostsFilesOf,
  knownHostsName,
  knownHostsWriteFailure,
  type HostKeyCheck,
} from './known-hosts';
import { shellQuote } from './remote';
import { PROMPT_UNANSWERED, type HostTrustRequest, type ResolvedSshConfig, type SshPrompts } from './types';

export interface HostVerifierOptions {
  config: ResolvedSshConfig;
  /** The server this connection reaches (a ProxyJump hop has its own verifier). */
  host: string;
  port: number;
  /** Keys vouched for by another source, such as the device's `sshHostKeys` in Tailscale: they count as known. */
  trustedKeys?: Buffer[];
  prompts: Pick<SshPrompts, 'trustHostKey'>;
  /** Reads known_hosts files and appends to them. */
  system: System;
  /** Default: appendKnownHostsEntry on the system's files. */
  appendEntry?: (file: string, line: string) => Promise<void>;
  /**
   * False: StrictHostKeyChecking accept-new asks like `ask` instead of recording a new key unasked, for a caller
   * that must never trust a key by itself (the doctor). Default true, as ssh(1).
   */
  acceptNewUnasked?: boolean;
  /** Hears what the known_hosts lookup found for the key offered first, before anything is decided or asked. */
  onVerdict?: (verdict: HostKeyVerdict) => void;
  log: Logger;
}

/** The key a server offered and what the known_hosts files say about it (no check: the lookup failed). */
export interface HostKeyVerdict {
  keyType: string;
  fingerprint: string;
  check: HostKeyCheck | undefined;
  trustedElsewhere: boolean;
}

export interface HostVerifier {
  /** ssh2's asynchronous form: the handshake waits for `verify` while a person decides. */
  hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => void;
  /** Why the key was refused, for the tunnel to report instead of ssh2's bare "Host denied". */
  outcome(): AppError | undefined;
}

export function createHostVerifier(options: HostVerifierOptions): HostVerifier {
  const { config, host, port, log } = options;
  const alias = config.hostKeyAlias;
  const name = knownHostsName(host, port, alias);
  const where = describeHost(host, port, alias);
  let refusal: AppError | undefined;
  let accepted: Buffer | undefined;

  async function decide(key: Buffer): Promise<void> {
    // ssh2 verifies again on every re-key; the server must keep the key it started with.
    if (accepted) {
      if (key.equals(accepted)) return;
      throw failure(
        'host-key-changed',
        `${where} presented a different host key (${hostKeyFingerprint(key)}) in the middle of the connection. ` +
          'Someone may be intercepting the connection (a man-in-the-middle attack), so it was closed.',
        "Connect again; if this happens again, ask the server's administrator whether its host key changed.",
      );
    }
    const keyType = hostKeyType(key);
    const fingerprint = hostKeyFingerprint(key);
    const trusted = options.trustedKeys?.some((trustedKey) => trustedKey.equals(key)) ?? false;
    let check: HostKeyCheck | undefined;
    try {
      check = await checkHostKey({
        files: knownHostsFilesOf(config),
        host,
        port,
        hostKeyAlias: alias,
        key,
        system: options.system,
      });
    } catch (error) {
      if (!trusted) throw error;
      log.warn(`${messageOf(error)} The key is trusted by another source, so it is accepted.`);
    }
    if (check?.status === 'revoked') {
      throw failure(
        'host-key-revoked',
        `The ${keyType} host key of ${where} (${fingerprint}) is marked @revoked in ${check.file} on line ` +
          `${check.line}: it must never be trusted again, usually because it leaked. The connection was refused.`,
        "Ask the server's administrator to install a new host key, then connect again to review and trust it.",
      );
    }
    options.onVerdict?.({ keyType, fingerprint, check, trustedElsewhere: trusted });
    // No verdict only happens for a trusted key whose known_hosts lookup failed (logged above).
    if (trusted || !check) {
      if (check?.status === 'changed') {
        log.warn(`${where}: ${check.file} line ${check.line} holds another ${check.storedType} key; it is stale.`);
      }
      log.info(`Host key of ${where} (${keyType} ${fingerprint}) is trusted by another source.`);
      return;
    }
    if (check.status === 'known') {
      log.debug(`Host key of ${where} (${keyType} ${fingerprint}) found in ${check.file} line ${check.line}.`);
      return;
    }
    if (check.status === 'changed') {
      throw failure(
        'host-key-changed',
        `The ${keyType} host key of ${where} has changed: ${check.file} line ${check.line} holds ` +
          `${check.storedFingerprint}, but the server offered ${fingerprint}. Someone may be intercepting the ` +
          'connection (a man-in-the-middle attack), so it was refused. It is also possible that the server was ' +
          'reinstalled or its key replaced.',
        `Ask the server's administrator for its key fingerprint. Only if it is ${fingerprint}, forget the old key ` +
          `(Forget this host key in Security, or: ssh-keygen -R ${shellQuote(name)} -f ${shellQuote(check.file)}) ` +
          'and connect again.',
      );
    }
    await trustUnknown(key, { host, port, keyType, fingerprint, otherKeyTypesKnown: check.otherTypesKnown });
  }

  async function trustUnknown(key: Buffer, request: Omit<HostTrustRequest, 'knownHostsFile'>): Promise<void> {
    const others = request.otherKeyTypesKnown;
    const otherNote = others ? ` Keys of another type (${others.join(', ')}) are on file for it.` : '';
    if (config.strictHostKeyChecking === 'yes') {
      throw failure(
        'host-key-unknown',
        `${where} is not in your known_hosts files, and StrictHostKeyChecking is "yes", which forbids adding new ` +
          `host keys. It offered the ${request.keyType} key ${request.fingerprint}.${otherNote}`,
        "Confirm that fingerprint with the server's administrator, then set StrictHostKeyChecking to ask for this " +
          'host (in ~/.ssh/config) and connect again to trust it.',
      );
    }
    // A relative path (including `UserKnownHostsFile none`) names no file ssh(1) would write.
    const knownHostsFile = config.userKnownHostsFiles.find((file) => isAbsolute(file));
    if (knownHostsFile === undefined) {
      throw failure(
        'host-key-unknown',
        `${where} is not in your known_hosts files, and no user known_hosts file is configured to record its ` +
          `${request.keyType} key (${request.fingerprint}) in, so it cannot be trusted.${otherNote}`,
        'Set UserKnownHostsFile in ~/.ssh/config to a file such as ~/.ssh/known_hosts and connect again.',
      );
    }
    // accept-new is for hosts never seen; one whose other keys are on file gets a person's decision instead.
    if (config.strictHostKeyChecking === 'accept-new' && !others && options.acceptNewUnasked !== false) {
      await record(key, knownHostsFile);
      log.info(`Added the ${request.keyType} key of ${where} (${request.fingerprint}) to ${knownHostsFile}.`);
      return;
    }
    let approved: boolean;
    try {
      approved = await options.prompts.trustHostKey({ ...request, knownHostsFile });
    } catch (error) {
      if (error instanceof AppFailure && error.error.kind === PROMPT_UNANSWERED) {
        throw failure(
          'host-key-unasked',
          `The ${request.keyType} key of ${where} (${request.fingerprint}) is not in your known_hosts files, and ` +
            `nobody could be asked whether to trust it: ${error.error.message}`,
          error.error.hint ?? 'Connect again where you can answer the question.',
        );
      }
      throw failure(
        'host-key-prompt-failed',
        `Could not ask whether to trust the ${request.keyType} key of ${where} (${messageOf(error)}), so the ` +
          'connection was closed.',
        'Connect again.',
      );
    }
    if (!approved) {
      throw failure(
        'host-key-refused',
        `You chose not to trust the ${request.keyType} key of ${where} (${request.fingerprint}), so the ` +
          'connection was closed.',
        "If that was a mistake, connect again and compare the fingerprint with the one the server's " +
          'administrator gives you before trusting it.',
      );
    }
    await record(key, knownHostsFile);
    log.info(`Trusted the ${request.keyType} key of ${where} (${request.fingerprint}); added it to ${knownHostsFile}.`);
  }

  async function record(key: Buffer, file: string): Promise<void> {
    const line = formatKnownHostsEntry({ host, port, hostKeyAlias: alias, key, hashed: config.hashKnownHosts });
    try {
      await (options.appendEntry
        ? options.appendEntry(file, line)
        : appendKnownHostsEntry(options.system.files, file, line));
    } catch (error) {
      throw error instanceof AppFailure ? error : knownHostsWriteFailure(file, error);
    }
  }

  return {
    hostVerifier(key, verify) {
      const settle = (ok: boolean) => {
        try {
          verify(ok);
        } catch (error) {
          // The connection may already be gone (a handshake timeout while the person decided).
          log.debug(`Host key verdict for ${where} arrived after the connection ended: ${messageOf(error)}`);
        }
      };
      void decide(key).then(
        () => {
          accepted = key;
          settle(true);
        },
        (error: unknown) => {
          refusal =
            error instanceof AppFailure
              ? error.error
              : appError(
                  'host-key-check-failed',
                  `The host key of ${where} could not be checked (${messageOf(error)}), so it was not trusted.`,
                  'Connect again; if it keeps failing, the Logs section has the details.',
                );
          log.warn(refusal.message);
          settle(false);
        },
      );
    },
    outcome: () => refusal,
  };
}

function failure(kind: SshErrorKind, message: string, hint: string): AppFailure {
  return new AppFailure(appError(kind, message, hint));
}

function describeHost(host: string, port: number, alias: string | undefined): string {
  const address = port === 22 ? host : host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return alias ? `${address} (host key alias ${alias})` : address;
}

function messageOf(error: unknown): string {
  return error instanceof AppFailure ? error.error.message : error instanceof Error ? error.message : String(error);
}
