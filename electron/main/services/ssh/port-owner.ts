// Who holds a local TCP port, in words a person can act on: this app's own earlier tunnel, another ssh
// (a hand-made `ssh -L`), a local OpenClaw Gateway, or some other program. Uses lsof (macOS, most Linux)
// or ss (Linux) for the process, and a Gateway probe for what answers on the port.

export type ExecFileText = (
  file: string,
  args: string[],
  options: { timeout: number },
) => Promise<{ stdout: string; stderr: string }>;

export interface PortOwnerDeps {
  execFile: ExecFileText;
  ownPid: number;
  /** Whether an OpenClaw Gateway answers at the URL; passed in, since gateway/ sits above ssh/. */
  probeGateway: (url: string) => Promise<{ gateway: boolean }>;
}

export interface PortOwner {
  kind: 'this-app' | 'ssh' | 'gateway' | 'other' | 'unknown';
  pid?: number;
  command?: string;
  /** A phrase that completes "Port 18789 is already in use by …". */
  description: string;
}

const LOOKUP_TIMEOUT_MS = 3_000;
const OWN_COMMANDS = /^(OpenClaw Remote|openclaw-remote)/i;

export async function describePortOwner(port: number, deps: PortOwnerDeps): Promise<PortOwner> {
  const [listener, probe] = await Promise.all([
    findListener(port, deps.execFile),
    deps.probeGateway(`ws://127.0.0.1:${port}`),
  ]);
  const who = listener ? `${listener.command} (pid ${listener.pid})` : undefined;
  if (listener && (listener.pid === deps.ownPid || OWN_COMMANDS.test(listener.command))) {
    return { kind: 'this-app', ...listener, description: `an earlier tunnel of OpenClaw Remote, ${who}` };
  }
  if (listener?.command === 'ssh' || listener?.command === 'autossh') {
    const gateway = probe.gateway ? ', which forwards to an OpenClaw Gateway' : '';
    return { kind: 'ssh', ...listener, description: `another ssh tunnel, ${who}${gateway}` };
  }
  if (probe.gateway) {
    return {
      kind: 'gateway',
      ...listener,
      description: `an OpenClaw Gateway running on this Mac${who ? `, ${who}` : ''}`,
    };
  }
  if (listener) return { kind: 'other', ...listener, description: `another program, ${who}` };
  return { kind: 'unknown', description: 'another program (the system did not say which)' };
}

async function findListener(
  port: number,
  execFile: ExecFileText,
): Promise<{ pid: number; command: string } | undefined> {
  try {
    const { stdout } = await execFile('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc'], {
      timeout: LOOKUP_TIMEOUT_MS,
    });
    const pid = /^p(\d+)$/m.exec(stdout)?.[1];
    const command = /^c(.+)$/m.exec(stdout)?.[1];
    if (pid && command) return { pid: Number(pid), command };
  } catch {
    // lsof missing or found nothing (it exits 1 then): ask ss instead.
  }
  try {
    const { stdout } = await execFile('ss', ['-Hltnp', `sport = :${port}`], { timeout: LOOKUP_TIMEOUT_MS });
    const match = /users:\(\("([^"]+)",pid=(\d+)/.exec(stdout);
    if (match?.[1] && match[2]) return { pid: Number(match[2]), command: match[1] };
  } catch {
    // Neither tool could tell; the caller still has the Gateway probe.
  }
  return undefined;
}
