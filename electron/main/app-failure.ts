// A thrown carrier for an expected AppError, so a handler deep in a service can stop with a user-facing
// error and the router returns it as a value instead of the generic "internal" one.
import type { AppError, AppErrorKind } from '../shared/errors';

export class AppFailure extends Error {
  readonly error: AppError;

  constructor(error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
    this.error = error;
  }
}

/** The AppError a caught value carries; an unexpected error becomes one of `kind` quoting its message. */
export function errorOf(error: unknown, kind: AppErrorKind): AppError {
  if (error instanceof AppFailure) return error.error;
  return { kind, message: error instanceof Error ? error.message : String(error) };
}
