// The one way into Tailscale for the rest of the app (the `tailscale devices --json` command, the connection
// manager, the IPC router): the CLI is found once and found again after it fails, and through it the tailnet is
// read, searched for Gateways, switched and watched.
import type { TailscaleErrorKind } from '../../../shared/error-kinds/tailscale-errors';
import { success, type AppErrorKind, type Result } from '../../../shared/errors';
import type { System } from '../system/system';
import { locateTailscaleCli, readLoginShellPath, type CandidatePaths, type TailscaleCli } from './cli-locator';
import { createCliRunner, type RunCli } from './cli-runner';
import { createGatewayDiscovery, type DiscoveryOptions } from './discovery';
import { statusFromCli, type TailnetStatus } from './status';
import { pingArgs, pingDeadlineMs, pingFromCli, type PingOptions, type PingReport } from './ping';
import { listTailnets, switchTailnet, type TailnetProfile } from './switch';
import { createTailnetWatcher, type TailnetListener } from './tailnet-watcher';

export interface TailscaleServiceDeps {
  /** Runs the CLI, finds it on disk, and times polling, discovery and key expiry. */
  system: System;
  /** The user's home, for ~/Applications/Tailscale.app. */
  homeDir: string;
  /** The CLI path set in settings; read at each lookup, so a change there takes effect at once. */
  cliPath?: () => string | undefined;
  /** Runs the CLI; by default a runner with `env`. */
  run?: RunCli;
  /** The environment the CLI runs in when `run` is not given, and whose SHELL gives the login shell's PATH. */
  env: NodeJS.ProcessEnv;
  candidates?: CandidatePaths;
  /** The login shell's PATH; by default asked of `$SHELL -l`. */
  loginShellPath?: () => Promise<readonly string[]>;
  pollIntervalMs?: number;
  discovery?: Omit<DiscoveryOptions, 'clock'>;
}

export interface GatewayScan {
  /** The tailnet, with `gateway` set on each device where an OpenClaw Gateway answered. */
  status: TailnetStatus;
  /** Devices whose probes ran out of time: whether they run a Gateway is unknown until asked again. */
  unanswered: string[];
  complete: boolean;
}

export interface TailscaleService {
  locate(): Promise<Result<TailscaleCli>>;
  status(): Promise<Result<TailnetStatus>>;
  discoverGateways(): Promise<Result<GatewayScan>>;
  listTailnets(): Promise<Result<TailnetProfile[]>>;
  /** Switches to the tailnet with profile `id` and returns the tailnet as it is after the switch. */
  switchTailnet(id: string): Promise<Result<TailnetStatus>>;
  /** `tailscale ping` to a tailnet address, a bounded number of times. */
  ping(address: string, options: PingOptions): Promise<Result<PingReport>>;
  /** Subscribes to the tailnet: now, then on every change. Returns the unsubscribe function. */
  watch(listener: TailnetListener): () => void;
}

/** Errors that say the CLI itself is gone or broken, rather than something about the tailnet. */
const CLI_BROKEN: ReadonlySet<AppErrorKind> = new Set<TailscaleErrorKind>([
  'tailscale-not-installed',
  'tailscale-cli-unusable',
  'tailscale-cli-timeout',
  'tailscale-cli-crashed',
]);

export function createTailscaleService(deps: TailscaleServiceDeps): TailscaleService {
  const { system } = deps;
  const run = deps.run ?? createCliRunner({ processes: system.processes, env: deps.env });
  const shell = deps.env.SHELL || '/bin/zsh';
  const loginShellPath = deps.loginShellPath ?? (() => readLoginShellPath(run, shell));
  const discovery = createGatewayDiscovery({ ...deps.discovery, clock: system.clock });
  let located: { userPath: string | undefined; cli: TailscaleCli } | undefined;

  const locate = async (): Promise<Result<TailscaleCli>> => {
    const userPath = deps.cliPath?.();
    if (located && located.userPath === userPath) return success(located.cli);
    const found = await locateTailscaleCli({
      run,
      userPath,
      homeDir: deps.homeDir,
      loginShellPath,
      files: system.files,
      ...(deps.candidates ? { candidates: deps.candidates } : {}),
    });
    located = found.ok ? { userPath, cli: found.value } : undefined;
    return found;
  };

  /** Runs `use` with the CLI; when the CLI itself failed, the next call looks for one again (it may have moved). */
  const withCli = async <T>(use: (cli: string) => Promise<Result<T>>): Promise<Result<T>> => {
    const cli = await locate();
    if (!cli.ok) return cli;
    const result = await use(cli.value.path);
    if (!result.ok && CLI_BROKEN.has(result.error.kind)) located = undefined;
    return result;
  };

  const status = () =>
    withCli(async (cli) => statusFromCli(cli, await run(cli, ['status', '--json']), system.clock.now()));
  const watcher = createTailnetWatcher({
    read: status,
    clock: system.clock,
    ...(deps.pollIntervalMs === undefined ? {} : { intervalMs: deps.pollIntervalMs }),
  });

  return {
    locate,
    status,
    async discoverGateways() {
      const current = await status();
      if (!current.ok) return current;
      if (current.value.state !== 'running') return success({ status: current.value, unanswered: [], complete: true });
      const report = await discovery.discover(current.value.devices);
      const devices = current.value.devices.map((device) => {
        const gateway = report.gateways[device.id];
        return gateway ? { ...device, gateway } : device;
      });
      return success({
        status: { ...current.value, devices },
        unanswered: report.unanswered,
        complete: report.complete,
      });
    },
    listTailnets: () => withCli((cli) => listTailnets(cli, run)),
    async switchTailnet(id) {
      const switched = await withCli((cli) => switchTailnet(cli, run, id));
      if (!switched.ok) return switched;
      return watcher.refresh();
    },
    ping: (address, options) =>
      withCli(async (cli) => {
        const args = pingArgs(address, options);
        return pingFromCli(
          cli,
          args.slice(0, -1).join(' '),
          await run(cli, args, { timeoutMs: pingDeadlineMs(options) }),
        );
      }),
    watch: (listener) => watcher.watch(listener),
  };
}
