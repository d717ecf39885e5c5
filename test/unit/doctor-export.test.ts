// The doctor's report as a file: whatever a step's text holds, no secret the app keeps survives into the JSON or the
// Markdown (a token of another profile quoted in a Gateway log line, one holding a quote that JSON would escape), and
// the JSON has the shape scripts rely on.
import { describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../electron/shared/doctor';
import { exportReport } from '../../electron/main/services/doctor/report-export';
import { createMemorySecretStore } from '../../electron/main/services/secrets/secret-store';
import { ManualClock } from '../fixtures/manual-clock';

const TOKEN = 'planted-token-4f1c9a7e';
const QUOTED = 'pass"phrase\\with-escapes';
const DEVICE_TOKEN = 'device-token-b81d3e02';

function report(): DoctorReport {
  return {
    ok: false,
    profile: 'Studio Mac',
    steps: [
      { id: 'profile', title: 'Profile', status: 'pass', detail: 'A Gateway token is stored.' },
      {
        id: 'gateway-log',
        title: 'Gateway log',
        status: 'pass',
        detail:
          `12:00:01 info auth ok token=${TOKEN}\n12:00:02 warn device ${DEVICE_TOKEN} rotated ` +
          '```\n12:00:03 info ready',
      },
      {
        id: 'gateway-handshake',
        title: 'Gateway sign-in',
        status: 'fail',
        detail: `The Gateway rejected the token (passphrase ${QUOTED}).`,
        fix: {
          text: `Paste ${TOKEN} again`,
          action: 'fetch-token',
          command: `openclaw devices approve --token ${TOKEN}`,
        },
      },
    ],
  };
}

async function exported(format: 'json' | 'markdown') {
  const secrets = createMemorySecretStore();
  await secrets.set('profile:a:token', TOKEN);
  await secrets.set('profile:a:passphrase', QUOTED);
  await secrets.set('gateway:a:device-token', DEVICE_TOKEN);
  return exportReport(report(), format, {
    secrets,
    clock: new ManualClock(Date.UTC(2026, 11, 2, 9, 30)),
    appVersion: '1.2.3',
  });
}

describe('exporting a doctor report', () => {
  it('JSON: every key present, fix null when absent, no secret anywhere', async () => {
    const { fileName, text } = await exported('json');
    expect(fileName).toBe('openclaw-remote-diagnostics-studio-mac-2026-12-02.json');
    for (const secret of [TOKEN, DEVICE_TOKEN, QUOTED, JSON.stringify(QUOTED).slice(1, -1)]) {
      expect(text).not.toContain(secret);
    }
    const parsed = JSON.parse(text) as { ok: boolean; profile: string; steps: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['ok', 'profile', 'steps']);
    expect(parsed.steps.map((step) => Object.keys(step))).toEqual(
      parsed.steps.map(() => ['id', 'title', 'status', 'detail', 'fix']),
    );
    expect(parsed.steps[0]?.['fix']).toBeNull();
    expect(parsed.steps[2]?.['fix']).toMatchObject({
      action: 'fetch-token',
      command: expect.stringContaining('[redacted]'),
    });
  });

  it('Markdown: the steps numbered with their status, log lines kept verbatim in a fence, no secret anywhere', async () => {
    const { fileName, text } = await exported('markdown');
    expect(fileName).toBe('openclaw-remote-diagnostics-studio-mac-2026-12-02.md');
    for (const secret of [TOKEN, DEVICE_TOKEN, QUOTED]) expect(text).not.toContain(secret);
    expect(text).toContain('# OpenClaw Remote diagnostics: Studio Mac');
    expect(text).toContain('Ran 2026-12-02T09:30:00.000Z with OpenClaw Remote 1.2.3. 1 step failed.');
    expect(text).toContain('## 3. Gateway sign-in: Failed');
    // The log lines hold three backticks, so the fence around them is longer and they cannot end it.
    expect(text).toMatch(/\n````\n12:00:01 info auth ok token=\[redacted\]\n[^]*\n````\n/u);
    expect(text).toContain('**What to do:** Paste [redacted] again');
  });
});
