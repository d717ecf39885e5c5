// `status` waits out a Gateway that says it is on its way (up to --timeout), and reports any other failure at its
// second attempt in a row instead of waiting through more backoff.
import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../electron/shared/connection-status';
import { failedAttempt } from '../../electron/main/host/cli/status-verdict';

function retrying(kind: string, attempt: number): ConnectionStatus {
  return {
    state: 'reconnecting',
    profileId: 'home',
    lastError: { kind, message: 'not yet' },
    retry: { attempt, at: 0 },
  };
}

describe('status verdict', () => {
  it('keeps waiting however many attempts a starting, restarting or busy Gateway takes', () => {
    for (const kind of ['gateway-starting', 'gateway-restarting', 'gateway-rate-limited']) {
      expect(failedAttempt(retrying(kind, 1)), kind).toBe(false);
      expect(failedAttempt(retrying(kind, 7)), kind).toBe(false);
    }
  });

  it('reports another failure at its second attempt in a row, not its first', () => {
    expect(failedAttempt(retrying('ssh-connection-refused', 1))).toBe(false);
    expect(failedAttempt(retrying('ssh-connection-refused', 2))).toBe(true);
  });

  it('is no verdict while connecting or connected', () => {
    expect(failedAttempt({ state: 'connecting', profileId: 'home' })).toBe(false);
    expect(failedAttempt({ state: 'connected', profileId: 'home' })).toBe(false);
  });
});
