// One page of the Gateway's log as main hands it on: each record's level, readable text, every secret the app knows
// redacted (even one the line's length limit would cut in two), and whether the page replaces or extends what is shown.
// The Gateway's `logs.tail` is stood in for: no real Gateway writes this app's token into its log on purpose.
import { describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../electron/main/services/gateway/gateway-client';
import { readGatewayLogPage } from '../../electron/main/services/gateway/gateway-log';
import type { LogsTail, LogsTailParams } from '../../electron/main/services/gateway/method-results';
import { createReportRedaction } from '../../electron/main/services/doctor/report-redaction';
import { GATEWAY_LOG_MAX_WINDOW_BYTES } from '../../electron/shared/gateway-log';

const SECRET = 'tok-5f0c2a9be17d4c39';

function record(level: string, message: string): string {
  return JSON.stringify({
    '0': '{"subsystem":"gateway/ws"}',
    '1': message,
    _meta: { logLevelName: level },
    time: '2026-12-02T00:31:44.144+00:00',
    message,
  });
}

function gatewayAnswering(tail: Partial<LogsTail>): { client: GatewayClient; asked: LogsTailParams[] } {
  const asked: LogsTailParams[] = [];
  const client = {
    logsTail: (params: LogsTailParams) => {
      asked.push(params);
      return Promise.resolve({ file: '/tmp/openclaw/openclaw.log', cursor: 900, size: 900, lines: [], ...tail });
    },
  } as unknown as GatewayClient;
  return { client, asked };
}

function redactor() {
  const redaction = createReportRedaction();
  redaction.add(SECRET);
  return (text: string) => redaction.redact(text);
}

describe('a page of the Gateway log', () => {
  it('gives each record its level and readable text; a line that is no record has none', async () => {
    const { client } = gatewayAnswering({
      lines: [record('WARN', 'unauthorized conn=1'), JSON.stringify({ level: 'Error', message: 'x' }), 'at foo()'],
    });
    const page = await readGatewayLogPage(client, { windowBytes: 1000, limit: 10 }, (text) => text);
    expect(page.lines).toEqual([
      { level: 'warn', text: '00:31:44 WARN gateway/ws: unauthorized conn=1' },
      { level: 'error', text: 'x' },
      { text: 'at foo()' },
    ]);
  });

  it('redacts every secret it is given, also one the length limit would cut in two', async () => {
    const cutAt = 400 - '00:31:44 INFO gateway/ws: '.length - 5;
    const { client } = gatewayAnswering({
      lines: [record('INFO', `token=${SECRET} seen`), record('INFO', `${'x'.repeat(cutAt)}${SECRET}`)],
    });
    const page = await readGatewayLogPage(client, { windowBytes: 1000, limit: 10 }, redactor());
    expect(JSON.stringify(page)).not.toContain(SECRET);
    expect(JSON.stringify(page)).not.toContain(SECRET.slice(0, 5));
    expect(page.lines[0]?.text).toContain('token=[redacted] seen');
  });

  it('replaces what is shown after a first read or a reset, extends it after a read from the cursor', async () => {
    const first = gatewayAnswering({ truncated: true });
    const newest = await readGatewayLogPage(first.client, { windowBytes: 64 * 1024, limit: 10 }, (text) => text);
    expect(newest).toMatchObject({ reset: true, olderAvailable: true, cursor: 900 });
    expect(first.asked).toEqual([{ limit: 10, maxBytes: 64 * 1024 }]);

    const since = gatewayAnswering({ cursor: 950 });
    const more = await readGatewayLogPage(since.client, { cursor: 900, windowBytes: 1000, limit: 10 }, (t) => t);
    expect(more).toMatchObject({ reset: false, cursor: 950 });
    expect(since.asked).toEqual([{ cursor: 900, limit: 10, maxBytes: 1000 }]);

    const rotated = gatewayAnswering({ reset: true });
    const over = await readGatewayLogPage(rotated.client, { cursor: 900, windowBytes: 1000, limit: 10 }, (t) => t);
    expect(over.reset).toBe(true);

    // The widest window one read allows cannot reach further back.
    const widest = gatewayAnswering({ truncated: true });
    const all = await readGatewayLogPage(
      widest.client,
      { windowBytes: GATEWAY_LOG_MAX_WINDOW_BYTES, limit: 10 },
      (text) => text,
    );
    expect(all.olderAvailable).toBe(false);
  });
});
