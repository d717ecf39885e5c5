// The doctor's checks of the Gateway's host (steps 10 and 11): how the Gateway runs there as the host's own OpenClaw
// CLI tells it over SSH (running or not, as a service or by hand, its port against the profile's, its bind), and the
// last lines of its log, through the signed-in Gateway or over SSH from the file it writes.
import type { Client } from 'ssh2';
import type { GatewayClient } from '../gateway/gateway-client';
import {
  defaultGatewayLogFiles,
  tailGatewayLog,
  tailGatewayLogFile,
  type GatewayLogTail,
} from '../gateway/gateway-log';
import { hostGatewayStatus, type HostGatewayStatus } from '../gateway/host-gateway-status';
import type { Clock } from '../system/clock';
import { AppFailure } from '../../app-failure';
import type { CheckOutcome, DoctorCheck } from './step-runner';

/** What a person reads at a glance; the Logs page has the rest. */
const LOG_LINES = 20;

export interface HostCheckDeps {
  /** An SSH profile's logged-in connection and the Gateway port it forwards to; a URL profile has none. */
  ssh?: {
    client: () => Client | undefined;
    remotePort: number;
    /** Whether the forward step reached something at the profile's remote port. */
    forwardOpened: () => boolean;
  };
  /** The Gateway client the sign-in step left signed in, if it signed in. */
  signedIn: () => GatewayClient | undefined;
  clock: Clock;
  /** A command on the host, the OpenClaw CLI's slow start included. */
  hostCommandMs: number;
}

export function hostChecks(deps: HostCheckDeps): DoctorCheck[] {
  const { ssh, clock, hostCommandMs: timeoutMs } = deps;
  /** The log file the host's CLI named, read when the Gateway's logs.tail cannot be. */
  let logFile: string | undefined;

  const readLog = async (): Promise<CheckOutcome> => {
    const tried: string[] = [];
    const gateway = deps.signedIn();
    if (gateway) {
      try {
        return shown(await tailGatewayLog(gateway, LOG_LINES), "through the Gateway's logs.tail");
      } catch (error) {
        if (!(error instanceof AppFailure)) throw error;
        tried.push(`the Gateway's logs.tail (${error.error.message})`);
      }
    } else tried.push("the Gateway's logs.tail (not signed in)");
    const client = ssh?.client();
    if (client) {
      const files = logFile ? [logFile] : await defaultGatewayLogFiles(client, { clock, timeoutMs });
      try {
        const tail = await tailGatewayLogFile(client, files, { clock, timeoutMs, lineCount: LOG_LINES });
        if (tail) return shown(tail, 'over SSH');
        tried.push(`${files.join(' and ')} on the host (no such file)`);
      } catch (error) {
        if (!(error instanceof AppFailure)) throw error;
        tried.push(`${files.join(' and ')} on the host (${error.error.message})`);
      }
    }
    return {
      status: 'warn',
      detail: `No Gateway log could be read. Tried ${tried.join('; ')}.`,
      fix: {
        text: 'On the Gateway host, "openclaw logs" shows the log; logging.file in its openclaw.json says where it is written.',
        command: 'openclaw logs --limit 20',
      },
    };
  };

  const log: DoctorCheck = {
    id: 'gateway-log',
    title: 'Gateway log',
    needs: [ssh ? 'authentication' : 'gateway-handshake'],
    run: readLog,
  };
  if (!ssh) return [log];
  const service: DoctorCheck = {
    id: 'gateway-service',
    title: 'Gateway service on the host',
    needs: ['authentication'],
    run: async () => {
      const status = await hostGatewayStatus(ssh.client() as Client, { clock, timeoutMs });
      if (!status) return NO_CLI;
      logFile = status.logFile;
      return gatewayServiceOutcome(status, ssh.remotePort, ssh.forwardOpened());
    },
  };
  return [service, log];
}

const NO_CLI: CheckOutcome = {
  status: 'warn',
  detail:
    'The openclaw command is not on the PATH of your login shell on the host, so the doctor could not ask it how ' +
    'the Gateway runs there.',
  fix: {
    text:
      'Run it on the host by hand (by its full path if it is installed elsewhere), or add its folder to PATH in your ' +
      'login profile there (~/.profile, or ~/.zprofile for zsh).',
    command: 'openclaw gateway status',
  },
};

/** What the host's CLI says, against the profile: not running and a port that differs fail, a wide bind warns. */
export function gatewayServiceOutcome(
  status: HostGatewayStatus,
  remotePort: number,
  answersAtRemotePort: boolean,
): CheckOutcome {
  const { gateway, service, port } = status;
  const cli = `The host's OpenClaw CLI${status.cli?.version ? ` ${status.cli.version}` : ''}`;
  const configured = gateway?.port ?? remotePort;
  const from = gateway?.portSource ? ` (from ${gateway.portSource})` : '';
  const serviceRuns = service?.runtime?.status === 'running';
  const runs = serviceRuns || port?.status === 'busy';
  const listener = port?.listeners?.[0];
  const how = serviceRuns
    ? `as the installed service${service?.label ? ` ${service.label}` : ''}`
    : `outside a service manager${listener?.pid === undefined ? '' : ` (pid ${listener.pid}${listener.commandLine ? `: ${listener.commandLine}` : ''})`}`;

  if (configured !== remotePort) {
    if (answersAtRemotePort) {
      return {
        status: 'warn',
        detail:
          `${cli} gives the Gateway port ${configured}${from}, but a Gateway answers at port ${remotePort}, the ` +
          `profile's: it was started with another port, and after a restart it will listen on ${configured}.`,
        fix: {
          text: `Make them agree: set gateway.port on the host to ${remotePort}, or the profile's remote port to ${configured}.`,
          action: 'edit-profile',
          command: `openclaw config set gateway.port ${remotePort}`,
        },
      };
    }
    return {
      status: 'fail',
      detail:
        `${cli} gives the Gateway port ${configured}${from}${runs ? `, where it runs ${how}` : ''}, but the profile ` +
        `forwards to port ${remotePort}.`,
      fix: { text: `Set the profile's remote port to ${configured}.`, action: 'edit-profile' },
    };
  }
  if (!runs) {
    if (port?.status === 'free') {
      return {
        status: 'fail',
        detail: `${cli} finds no Gateway running: nothing listens on port ${configured} on the host.`,
        fix: {
          text:
            'Start the Gateway on the host: "openclaw gateway start" starts the installed service ("openclaw gateway ' +
            'install" installs one); "openclaw gateway run" runs it in a terminal.',
          command: service?.loaded ? 'openclaw gateway start' : 'openclaw gateway run',
        },
      };
    }
    return {
      status: 'warn',
      detail:
        `${cli} could not tell whether the Gateway runs (service ${service?.runtime?.status ?? 'unknown'}, port ` +
        `${configured} ${port?.status ?? 'unknown'}).`,
      fix: { text: 'Ask it for more on the host.', command: 'openclaw gateway status --deep' },
    };
  }
  const running = `${cli} says the Gateway runs ${how}, on port ${configured}`;
  const bindHost = gateway?.bindHost;
  const loopback =
    gateway?.bindMode === undefined ||
    gateway.bindMode === 'loopback' ||
    (bindHost !== undefined && /^(127\.|::1$|localhost$)/u.test(bindHost));
  if (!loopback) {
    return {
      status: 'warn',
      detail:
        `${running}, bound to ${bindHost ?? gateway?.bindMode} (gateway.bind "${gateway?.bindMode}"), so it can be ` +
        'reached from beyond the host; the OpenClaw docs advise binding it to loopback when it is reached over SSH.',
      fix: {
        text: 'Bind it to loopback on the host, then restart it with "openclaw gateway restart".',
        command: 'openclaw config set gateway.bind loopback',
      },
    };
  }
  return { status: 'pass', detail: `${running}, bound to loopback (${bindHost ?? 'loopback'}).` };
}

function shown(tail: GatewayLogTail, how: string): CheckOutcome {
  if (tail.lines.length === 0) return { status: 'pass', detail: `${tail.file} has no lines yet (read ${how}).` };
  const count = tail.lines.length === 1 ? 'The last line' : `The last ${tail.lines.length} lines`;
  return { status: 'pass', detail: `${count} of ${tail.file} (read ${how}):\n${tail.lines.join('\n')}` };
}
