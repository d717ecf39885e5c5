// The app log is bounded and never stores a registered secret.
import { describe, expect, it, vi } from 'vitest';
import { createAppLog, REDACTED } from '../../electron/main/services/log/app-log';
import { ManualClock } from '../fixtures/manual-clock';

const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));

describe('app log', () => {
  it('keeps only the newest entries up to its capacity, in order', () => {
    const log = createAppLog({ capacity: 3, clock });
    const logger = log.logger('test');
    for (let i = 0; i < 5; i += 1) logger.info(`line ${i}`);
    expect(log.recent(10).map((entry) => entry.message)).toEqual(['line 2', 'line 3', 'line 4']);
    expect(log.recent(2).map((entry) => entry.seq)).toEqual([3, 4]);
  });

  it('redacts registered secrets from entries, mirrors and events', () => {
    const mirror = vi.fn();
    const onEntry = vi.fn();
    const log = createAppLog({ capacity: 10, clock, mirror, onEntry });
    log.addSecret('tok-123456');
    log.logger('gateway').warn('connecting with token tok-123456 (again: tok-123456)');
    const [entry] = log.recent(1);
    expect(entry?.message).toBe(`connecting with token ${REDACTED} (again: ${REDACTED})`);
    expect(mirror.mock.calls[0]?.[0]).not.toContain('tok-123456');
    expect(JSON.stringify(onEntry.mock.calls)).not.toContain('tok-123456');
  });

  it('ignores secrets too short to be real, so ordinary words survive', () => {
    const log = createAppLog({ capacity: 10, clock });
    log.addSecret('a');
    log.logger('x').info('a cat');
    expect(log.recent(1)[0]?.message).toBe('a cat');
  });
});
