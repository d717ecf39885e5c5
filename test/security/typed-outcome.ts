// What the security suite accepts as the outcome of hostile input: a value, or an AppError whose kind is one the app
// declares (so the window and the CLI know its sentence and fix). Anything else thrown is a crash a person would see
// as "Something went wrong", and fails the property with the error itself.
import { AppFailure } from '../../electron/main/app-failure';
import { ERROR_TABLES } from '../../electron/shared/error-kinds';
import type { AppError } from '../../electron/shared/errors';

export const DECLARED_KINDS: ReadonlySet<string> = new Set(
  Object.values(ERROR_TABLES).flatMap((table) => Object.keys(table)),
);

/** Whether `error` has the contract's AppError shape with a declared kind and a sentence. */
export function isTypedError(error: unknown): error is AppError {
  if (typeof error !== 'object' || error === null) return false;
  const { kind, message, hint } = error as Record<string, unknown>;
  return (
    typeof kind === 'string' &&
    DECLARED_KINDS.has(kind) &&
    typeof message === 'string' &&
    message !== '' &&
    (hint === undefined || typeof hint === 'string')
  );
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Runs `work`; returns its value or the AppError it threw as an AppFailure, and rethrows anything else. */
export async function typedOutcome<T>(work: () => T | Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof AppFailure && isTypedError(error.error)) return { ok: false, error: error.error };
    throw error;
  }
}

/** The synchronous twin of typedOutcome, for parsers that never wait. */
export function typedOutcomeSync<T>(work: () => T): Outcome<T> {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    if (error instanceof AppFailure && isTypedError(error.error)) return { ok: false, error: error.error };
    throw error;
  }
}
