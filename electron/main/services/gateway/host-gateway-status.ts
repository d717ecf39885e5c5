// The Gateway as the host's own OpenClaw CLI sees it: `openclaw gateway status --json` run over SSH in the host user's
// login shell (where their PATH counts), read for what it runs as, its port and bind, who listens there and its log
// file. The CLI's answer is read leniently: each field is optional, since other CLI versions may lack it.
import type { Client } from 'ssh2';
import { z } from 'zod';
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { commandLineOf, inLoginShell, runRemoteCommand } from '../ssh/remote';
import type { Clock } from '../system/clock';

/**
 * The command a person runs on the host to see the same. `--no-probe` leaves out the CLI's own sign-in to the
 * Gateway, which the app checks itself and which would only make the command slower.
 */
const GATEWAY_STATUS_COMMAND = ['openclaw', 'gateway', 'status', '--json', '--no-probe'] as const;

/** A POSIX shell's exit status for a command it could not find. */
const COMMAND_NOT_FOUND = 127;
/** The status JSON is a few kilobytes; login scripts may print a greeting before it. */
const MAX_OUTPUT_BYTES = 512 * 1024;

const text = z.string().optional();
export const hostGatewayStatusSchema = z.looseObject({
  cli: z.looseObject({ version: text }).optional(),
  /** Where the Gateway writes its log, as the CLI resolves it (logging.file, or the dated default). */
  logFile: text,
  service: z
    .looseObject({
      label: text,
      /** Installed with the service manager (launchd, systemd) and loaded there. */
      loaded: z.boolean().optional(),
      runtime: z.looseObject({ status: text }).optional(),
    })
    .optional(),
  gateway: z
    .looseObject({
      /** gateway.bind: loopback, lan, tailnet, auto or custom. */
      bindMode: text,
      bindHost: text,
      port: z.number().optional(),
      /** Where the port came from (config, env). */
      portSource: text,
    })
    .optional(),
  /** Who listens on the Gateway's port on the host. */
  port: z
    .looseObject({
      /** busy or free. */
      status: text,
      listeners: z.array(z.looseObject({ pid: z.number().optional(), commandLine: text, address: text })).optional(),
    })
    .optional(),
});
export type HostGatewayStatus = z.infer<typeof hostGatewayStatusSchema>;

export interface HostGatewayStatusOptions {
  clock: Clock;
  /** The CLI takes seconds to start on a small host. */
  timeoutMs: number;
}

/** The host CLI's view of the Gateway, or undefined when `openclaw` is not on the host user's login PATH. */
export async function hostGatewayStatus(
  client: Client,
  options: HostGatewayStatusOptions,
): Promise<HostGatewayStatus | undefined> {
  const result = await runRemoteCommand(client, inLoginShell(commandLineOf(GATEWAY_STATUS_COMMAND)), {
    ...options,
    maxOutputBytes: MAX_OUTPUT_BYTES,
  });
  if (result.code === COMMAND_NOT_FOUND) return undefined;
  const command = commandLineOf(GATEWAY_STATUS_COMMAND);
  if (result.code !== 0) {
    const said = result.stderr.trim().split('\n').at(-1)?.slice(0, 300);
    throw new AppFailure(
      appError(
        'remote-command-failed',
        `"${command}" on the host ended with ${result.code === null ? `signal ${result.signal}` : `exit status ${result.code}`}` +
          `${said ? `: ${said}` : ''}.`,
        'Run "openclaw gateway status" on the host to see what it says.',
      ),
    );
  }
  const parsed = hostGatewayStatusSchema.safeParse(jsonAfterGreeting(result.stdout));
  if (!parsed.success) {
    throw new AppFailure(
      appError(
        'remote-command-failed',
        `"${command}" on the host printed no status the app understands.`,
        'Run "openclaw gateway status" on the host to see what it says.',
      ),
    );
  }
  return parsed.data;
}

/** The JSON object the CLI printed, past whatever the login scripts printed first; undefined when there is none. */
function jsonAfterGreeting(stdout: string): unknown {
  const start = stdout.search(/^\{/mu);
  if (start < 0) return undefined;
  try {
    return JSON.parse(stdout.slice(start)) as unknown;
  } catch {
    return undefined;
  }
}
