// The doctor's step runner: steps in order, a thrown AppFailure as a failed step with its fix, the steps that need a
// failed (or blocking) one skipped with the root reason, and every text redacted before it is reported.
import { describe, expect, it } from 'vitest';
import type { DoctorStep, DoctorStepId } from '../../electron/shared/doctor';
import { appError } from '../../electron/shared/errors';
import { AppFailure } from '../../electron/main/app-failure';
import { createReportRedaction } from '../../electron/main/services/doctor/report-redaction';
import { runChecks, type CheckOutcome, type DoctorCheck } from '../../electron/main/services/doctor/step-runner';

function check(id: DoctorStepId, title: string, needs: DoctorStepId[], run: () => CheckOutcome): DoctorCheck {
  return { id, title, needs, run: () => run() };
}

const pass = (detail: string) => (): CheckOutcome => ({ status: 'pass', detail });

describe('the doctor step runner', () => {
  it('runs steps in order, reports each as it finishes, and skips what a failed step blocks with its reason', async () => {
    const ran: string[] = [];
    const reported: DoctorStep[] = [];
    const steps = await runChecks(
      [
        check('profile', 'Profile', [], () => (ran.push('profile'), { status: 'pass', detail: 'fine' })),
        check('name-resolution', 'Name resolution', ['profile'], pass('resolves')),
        check('tcp', 'TCP reachability', ['name-resolution'], () => {
          ran.push('tcp');
          throw new AppFailure(appError('host-unreachable', 'Could not reach box:22: refused.', 'Check sshd.'));
        }),
        check('host-key', 'SSH host key', ['tcp'], () => (ran.push('host-key'), { status: 'pass', detail: 'x' })),
        check('authentication', 'SSH login', ['host-key'], pass('x')),
        check('local-port', 'Local port', ['profile'], () => (ran.push('local-port'), { status: 'pass', detail: 'y' })),
      ],
      { redact: (text) => text, onStep: (step) => reported.push(step) },
    );
    expect(ran).toEqual(['profile', 'tcp', 'local-port']);
    expect(reported).toEqual(steps);
    expect(steps.map((step) => [step.id, step.status])).toEqual([
      ['profile', 'pass'],
      ['name-resolution', 'pass'],
      ['tcp', 'fail'],
      ['host-key', 'skip'],
      ['authentication', 'skip'],
      ['local-port', 'pass'],
    ]);
    expect(steps[2]).toMatchObject({
      detail: 'Could not reach box:22: refused.',
      fix: { text: 'Check sshd.' },
    });
    // A skip two steps down names the step at the root, not the skipped one in between.
    expect(steps[3]?.detail).toBe('Skipped: TCP reachability failed.');
    expect(steps[4]?.detail).toBe('Skipped: TCP reachability failed.');
  });

  it('a warning that blocks (an untrusted host key) skips its dependents; one that does not lets them run', async () => {
    const steps = await runChecks(
      [
        check('profile', 'Profile', [], () => ({ status: 'warn', detail: 'No token is stored.' })),
        check('host-key', 'SSH host key', ['profile'], () => ({
          status: 'warn',
          detail: 'A new key.',
          blocksDependents: true,
        })),
        check('authentication', 'SSH login', ['host-key'], pass('logged in')),
        check('local-port', 'Local port', ['profile'], pass('free')),
      ],
      { redact: (text) => text },
    );
    expect(steps.map((step) => step.status)).toEqual(['warn', 'warn', 'skip', 'pass']);
    expect(steps[2]?.detail).toBe('Skipped: SSH host key needs attention first.');
  });

  it('a step that throws something else fails with what it said', async () => {
    const [step] = await runChecks(
      [
        check('profile', 'Profile', [], () => {
          throw new Error('boom');
        }),
      ],
      { redact: (text) => text },
    );
    expect(step).toMatchObject({ status: 'fail', detail: expect.stringContaining('boom') });
  });
});

describe('the report redaction', () => {
  it('replaces every planted secret in details and fixes, longest first', async () => {
    const redaction = createReportRedaction();
    const token = 'gw-token-5f1c0e9a';
    redaction.add(token);
    redaction.add(`${token}-device`);
    redaction.add('abc'); // too short to be a secret: ordinary words stay
    redaction.add(undefined);
    const steps = await runChecks(
      [
        check('gateway-handshake', 'Gateway sign-in', [], () => ({
          status: 'fail',
          detail: `The Gateway said ${token} and ${token}-device are wrong (abc).`,
          fix: { text: `Do not paste ${token} anywhere.`, action: 'fetch-token' },
        })),
      ],
      { redact: (text) => redaction.redact(text) },
    );
    const json = JSON.stringify(steps);
    expect(json).not.toContain('5f1c0e9a');
    expect(steps[0]?.detail).toBe('The Gateway said [redacted] and [redacted] are wrong (abc).');
    expect(steps[0]?.fix).toEqual({ text: 'Do not paste [redacted] anywhere.', action: 'fetch-token' });
  });
});
