// The transport-agnostic router: one handler per contract channel, every payload validated before a
// handler sees it, every outcome (unknown channel, bad payload, throw, hang) turned into a Result value.
// The Electron IPC adapter, the browser host's WebSocket bridge and the CLI (in-process) are transports over this.
import type { z } from 'zod';
import { isRequestChannel, requests, type RequestChannel } from '../shared/contract';
import { appError, failure, success, type FieldProblem, type Result } from '../shared/errors';
import type { Handlers } from './actions/action-table';
import { AppFailure } from './app-failure';
import { describeIssues } from './describe-issues';
import type { Logger } from './services/log/app-log';

export interface RouterOptions {
  /** How long a handler may take before the caller gets a `timeout` error. */
  timeoutMs?: number;
  /** Longer limits for channels that may wait for a person (a host key question while fetching from the host). */
  timeoutsMs?: Partial<Record<RequestChannel, number>>;
  log: Logger;
}

export interface Router {
  invoke(channel: unknown, args: unknown): Promise<Result<unknown>>;
}

const DEFAULT_TIMEOUT_MS = 60_000;

export function createRouter(handlers: Handlers, options: RouterOptions): Router {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { log } = options;

  async function invoke(channel: unknown, args: unknown): Promise<Result<unknown>> {
    if (!isRequestChannel(channel)) {
      return failure(
        appError(
          'unknown-channel',
          `The app has no request named ${describeName(channel)}.`,
          'The window and the app are out of step; reload the window or reinstall the app.',
        ),
      );
    }
    const spec = requests[channel];
    const parsedArgs = spec.args.safeParse(args);
    if (!parsedArgs.success) {
      const fields = fieldProblems(parsedArgs.error);
      return failure({
        ...appError(
          'invalid-payload',
          `The request ${channel} was rejected: ${fields.map((field) => (field.path === '' ? field.message : `${field.path}: ${field.message}`)).join('; ')}.`,
          'Correct the values named and try again; nothing was changed.',
        ),
        fields,
      });
    }
    const handler = handlers[channel] as (...a: unknown[]) => unknown;
    let timer: NodeJS.Timeout | undefined;
    const channelTimeoutMs = options.timeoutsMs?.[channel] ?? timeoutMs;
    try {
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RequestTimeout()), channelTimeoutMs);
      });
      const value = await Promise.race([Promise.resolve().then(() => handler(...parsedArgs.data)), timedOut]);
      const parsedResult = spec.result.safeParse(value);
      if (!parsedResult.success) {
        log.error(`Handler for ${channel} returned an invalid result: ${describeIssues(parsedResult.error)}`);
        return failure(internalError(channel));
      }
      return success(parsedResult.data);
    } catch (error) {
      if (error instanceof AppFailure) return failure(error.error);
      if (error instanceof RequestTimeout) {
        log.warn(`Request ${channel} took longer than ${channelTimeoutMs} ms`);
        return failure(
          appError(
            'timeout',
            `The app did not answer ${channel} within ${Math.round(channelTimeoutMs / 1000)} seconds.`,
            'Try again; if it keeps happening, open Diagnostics.',
          ),
        );
      }
      log.error(`Handler for ${channel} failed: ${error instanceof Error ? error.message : String(error)}`);
      return failure(internalError(channel));
    } finally {
      clearTimeout(timer);
    }
  }

  return { invoke };
}

class RequestTimeout extends Error {}

function internalError(channel: string) {
  return appError(
    'internal',
    `Something went wrong inside the app while handling ${channel}.`,
    'Open Logs for details and report it if it happens again.',
  );
}

function describeName(name: unknown): string {
  if (typeof name !== 'string') return `of type ${name === null ? 'null' : typeof name}`;
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

/**
 * Each problem with the field it belongs to. Every channel takes at most one argument object, so the argument's
 * index is dropped: the path reads as the form names the field (`route.target`).
 */
function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.slice(1).map(String).join('.'),
    message: issue.message,
  }));
}
