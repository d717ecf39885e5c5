// The one error shape every layer returns: a machine-readable kind, a sentence a person understands and,
// where there is one, the next step to take. Errors cross IPC and the WebSocket bridge as plain values.
// No schema library here: the renderer imports this file and should not carry a validator it never runs.
import type { FixAction } from './error-actions';
import type { AppErrorKind } from './error-kinds';

export type { AppErrorKind } from './error-kinds';

export interface AppError {
  kind: AppErrorKind;
  message: string;
  hint?: string;
  /** What fixes this one error when it is not its kind's usual action (`fixActionOf`). */
  action?: FixAction;
  /** For a refused input: each field's own sentence, by the field's path (`route.target`), so a form shows each one. */
  fields?: FieldProblem[];
}

export interface FieldProblem {
  /** Dotted path inside the request's argument, as the form names its fields: `name`, `route.remotePort`. */
  path: string;
  message: string;
}

/** The outcome of a request: either its value or an AppError, never a thrown exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function appError(kind: AppErrorKind, message: string, hint?: string): AppError {
  return hint === undefined ? { kind, message } : { kind, message, hint };
}

export function failure(error: AppError): { ok: false; error: AppError } {
  return { ok: false, error };
}

export function success<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}
