// Naming who holds a busy port from what lsof or ss print, and from whether a Gateway answers there.
import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../electron/main/services/gateway/probe';
import { describePortOwner, type ExecFileText } from '../../electron/main/services/ssh/port-owner';

const notGateway: ProbeResult = { gateway: false, reason: 'not-websocket', detail: 'HTTP 404' };

function fakeExec(outputs: Record<string, string | Error>): ExecFileText {
  return (file) => {
    const output = outputs[file] ?? new Error(`${file}: not found`);
    return output instanceof Error ? Promise.reject(output) : Promise.resolve({ stdout: output, stderr: '' });
  };
}

describe('port owner', () => {
  it('recognises another ssh from lsof', async () => {
    const owner = await describePortOwner(18789, {
      execFile: fakeExec({ lsof: 'p4242\ncssh\nf3\n' }),
      ownPid: 1,
      probeGateway: () => Promise.resolve({ gateway: true }),
    });
    expect(owner).toMatchObject({ kind: 'ssh', pid: 4242 });
    expect(owner.description).toBe('another ssh tunnel, ssh (pid 4242), which forwards to an OpenClaw Gateway');
  });

  it('falls back to ss when lsof is missing', async () => {
    const owner = await describePortOwner(18789, {
      execFile: fakeExec({ ss: 'LISTEN 0 511 127.0.0.1:18789 0.0.0.0:* users:(("node",pid=777,fd=21))\n' }),
      ownPid: 1,
      probeGateway: () => Promise.resolve(notGateway),
    });
    expect(owner).toEqual({ kind: 'other', pid: 777, command: 'node', description: 'another program, node (pid 777)' });
  });

  it('says when it is this app’s own earlier tunnel', async () => {
    const owner = await describePortOwner(18789, {
      execFile: fakeExec({ lsof: 'p99\ncOpenClaw Remote\n' }),
      ownPid: 99,
      probeGateway: () => Promise.resolve(notGateway),
    });
    expect(owner.kind).toBe('this-app');
  });

  it('identifies a local Gateway by its answer even when the process is unknown', async () => {
    const owner = await describePortOwner(18789, {
      execFile: fakeExec({}),
      ownPid: 1,
      probeGateway: () => Promise.resolve({ gateway: true }),
    });
    expect(owner).toEqual({ kind: 'gateway', description: 'an OpenClaw Gateway running on this Mac' });
  });

  it('admits when nothing can tell', async () => {
    const owner = await describePortOwner(18789, {
      execFile: fakeExec({ lsof: '', ss: '' }),
      ownPid: 1,
      probeGateway: () => Promise.resolve(notGateway),
    });
    expect(owner.kind).toBe('unknown');
  });
});
