// Tailscale: the tailnet as this Mac sees it (its state with the next step, this device, health warnings), every
// device with the Gateway found on it, and a profile made from a device in one click. Watched live while the page is
// open; a scan looks for Gateways on mount and on Refresh. "Add a machine manually…" opens the profile editor's sheet on
// the Tailscale route, where a device can be typed by name when the CLI is missing.
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { routeSummary, STATE_WORDS, stateTone } from '../../electron/shared/describe-connection';
import type { AppError } from '../../electron/shared/errors';
import type { Profile } from '../../electron/shared/profile';
import type {
  GatewayScanView,
  TailnetAccount,
  TailnetDeviceView,
  TailnetStatusView,
} from '../../electron/shared/tailnet';
import { api } from '../api';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { ProfileEditor } from '../components/ProfileEditor';
import { Progress } from '../components/Progress';
import { useConnectionStatus, useEvent } from '../components/use-event';

type Gateway = NonNullable<TailnetDeviceView['gateway']>;

export function TailscalePage({ onShowGeneral }: { onShowGeneral: () => void }) {
  const [status, setStatus] = useState<TailnetStatusView | undefined>(undefined);
  /** Gateways found by the last scan, by device ID: status events do not carry them. */
  const [marks, setMarks] = useState<ReadonlyMap<string, Gateway>>(new Map());
  const [scan, setScan] = useState<Omit<GatewayScanView, 'status'> | undefined>(undefined);
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<AppError | undefined>(undefined);
  const [addingManually, setAddingManually] = useState(false);
  /** The profile just made by hand in the editor's sheet. */
  const [added, setAdded] = useState<Profile | undefined>(undefined);
  /** Counts status events, so a scan's answer does not replace a newer status that came while it probed. */
  const events = useRef(0);

  useEvent('tailscale:status', (next) => {
    events.current += 1;
    setStatus(next);
    setError(undefined);
  });

  const rescan = useCallback(async () => {
    setScanning(true);
    const seen = events.current;
    const result = await api.invoke('tailscale:scan');
    setScanning(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(undefined);
    const { status: scanned, ...rest } = result.value;
    setScan(rest);
    setMarks(new Map(scanned.devices.flatMap((device) => (device.gateway ? [[device.id, device.gateway]] : []))));
    if (events.current === seen) setStatus(scanned);
  }, []);

  useEffect(() => {
    void api.invoke('tailscale:watch', { watching: true });
    void rescan();
    return () => void api.invoke('tailscale:watch', { watching: false });
  }, [rescan]);

  const devices = (status?.devices ?? []).map((device) => {
    const gateway = device.gateway ?? marks.get(device.id);
    return gateway ? { ...device, gateway } : device;
  });

  return (
    <section aria-labelledby="tailscale-title" className="tailscale" aria-busy={scanning}>
      <div className="section-head">
        <h2 id="tailscale-title">Tailscale</h2>
        <div className="head-buttons">
          <button type="button" onClick={() => setAddingManually(true)}>
            Add a machine manually…
          </button>
          <button type="button" disabled={scanning} onClick={() => void rescan()}>
            {scanning ? 'Looking for Gateways…' : 'Refresh'}
          </button>
        </div>
      </div>
      {addingManually ? (
        <ProfileEditor
          profile={undefined}
          initialKind="tailscale"
          tokenStored={false}
          onSaved={(profile) => {
            setAddingManually(false);
            setAdded(profile);
          }}
          // Fetch from host saved it already; it stays open to show how that went.
          onSavedInPlace={(profile) => setAdded(profile)}
          onCancel={() => setAddingManually(false)}
        />
      ) : null}
      {added ? <MadeProfile profile={added} onShowGeneral={onShowGeneral} /> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {!status && !error ? <Progress label="Reading your tailnet…" /> : null}
      {status ? (
        <>
          <TailnetState status={status} onRecheck={() => void rescan()} />
          <Tailnets
            status={status}
            onSwitched={(next) => {
              setStatus(next);
              setMarks(new Map());
              void rescan();
            }}
          />
          {status.state === 'running' ? (
            <Devices devices={devices} scan={scan} scanning={scanning} onShowGeneral={onShowGeneral} />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function TailnetState({ status, onRecheck }: { status: TailnetStatusView; onRecheck: () => void }) {
  const good = status.state === 'running';
  return (
    <div className="tailnet-state" data-state={status.state}>
      <p className="status-line" role="status">
        <span className={`status-dot tone-${good ? 'good' : status.state === 'starting' ? 'busy' : 'bad'}`} />
        {status.sentence}
      </p>
      {status.detail ? <p className="muted">{status.detail}</p> : null}
      {status.action ? <TailnetAction action={status.action} onRecheck={onRecheck} /> : null}
      {status.self || status.tailnet ? (
        <dl className="facts">
          {status.tailnet ? (
            <div className="fact">
              <dt>Tailnet</dt>
              <dd>
                {status.tailnet.name}
                {status.tailnet.magicDnsEnabled ? ` (MagicDNS: ${status.tailnet.magicDnsSuffix})` : ''}
              </dd>
            </div>
          ) : null}
          {status.self ? (
            <div className="fact">
              <dt>This Mac</dt>
              <dd>
                {status.self.name}
                {status.self.ips[0] ? ` (${status.self.ips[0]})` : ''}
                {status.self.keyWarning ? ` · ${keyWarningWords(status.self)}` : ''}
              </dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {status.health.length > 0 ? (
        <div className="warning" role="note" aria-label="Tailscale health warnings">
          <ul>
            {status.health.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function TailnetAction({
  action,
  onRecheck,
}: {
  action: NonNullable<TailnetStatusView['action']>;
  onRecheck: () => void;
}) {
  let how: ReactNode;
  switch (action.kind) {
    case 'log-in':
      how = action.url ? (
        <>
          <a className="button primary" href={action.url} target="_blank" rel="noreferrer">
            {action.label}
          </a>{' '}
          <span className="muted url">{action.url}</span>
        </>
      ) : (
        <>
          <strong>{action.label}</strong>: open the Tailscale app and log in, or run <code>tailscale login</code>.
        </>
      );
      break;
    case 'start':
      how = (
        <>
          <strong>{action.label}</strong>: use the Tailscale menu-bar icon, or run <code>tailscale up</code>.
        </>
      );
      break;
    case 'start-tailscale':
      how = (
        <>
          <strong>{action.label}</strong>: open Tailscale from your Applications folder.
        </>
      );
      break;
    case 'wait-for-admin':
      how = <strong>{action.label}.</strong>;
      break;
  }
  return (
    <div className="tailnet-action" data-action={action.kind}>
      <p>{how}</p>
      <button type="button" onClick={onRecheck}>
        Check again
      </button>
    </div>
  );
}

function Tailnets({
  status,
  onSwitched,
}: {
  status: TailnetStatusView;
  onSwitched: (status: TailnetStatusView) => void;
}) {
  const [accounts, setAccounts] = useState<TailnetAccount[]>([]);
  const [chosen, setChosen] = useState('');
  const [switching, setSwitching] = useState(false);
  const [error, setError] = useState<AppError | undefined>(undefined);
  const tailnetName = status.tailnet?.name;

  useEffect(() => {
    let mounted = true;
    void api.invoke('tailscale:tailnets').then((result) => {
      if (!mounted || !result.ok) return;
      setAccounts(result.value);
      setChosen(result.value.find((account) => account.current)?.id ?? result.value[0]?.id ?? '');
    });
    return () => {
      mounted = false;
    };
  }, [tailnetName]);

  if (accounts.length < 2) return null;
  const current = accounts.find((account) => account.current);

  async function switchTo(event: FormEvent) {
    event.preventDefault();
    setSwitching(true);
    setError(undefined);
    const result = await api.invoke('tailscale:switch', { id: chosen });
    setSwitching(false);
    if (result.ok) onSwitched(result.value);
    else setError(result.error);
  }

  return (
    <form className="tailnet-switcher" aria-label="Switch tailnet" onSubmit={(event) => void switchTo(event)}>
      <label htmlFor="tailnet-choice">Tailnet</label>
      <select id="tailnet-choice" value={chosen} onChange={(event) => setChosen(event.target.value)}>
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {accountLabel(account)}
          </option>
        ))}
      </select>
      <button type="submit" disabled={switching || chosen === '' || chosen === current?.id}>
        {switching ? 'Switching…' : 'Switch'}
      </button>
      {error ? <ErrorNotice error={error} /> : null}
    </form>
  );
}

/** "Example Corp (alice@corp.example)", or the one name when the tailnet is a personal one named after its account. */
function accountLabel(account: TailnetAccount): string {
  const name = account.tailnet === account.account ? account.tailnet : `${account.tailnet} (${account.account})`;
  return account.current ? `${name} — current` : name;
}

function keyWarningWords(device: TailnetDeviceView): string {
  if (device.keyWarning === 'expired') return 'Key expired';
  if (device.keyWarning === 'expiring-soon') {
    return device.keyExpiry ? `Key expires ${new Date(device.keyExpiry).toLocaleDateString()}` : 'Key expires soon';
  }
  return '';
}

function presenceWords(device: TailnetDeviceView): string {
  if (device.online) return 'Online';
  return device.lastSeen ? `Offline, last seen ${new Date(device.lastSeen).toLocaleString()}` : 'Offline';
}

function linkWords(device: TailnetDeviceView): string {
  switch (device.connection) {
    case 'direct':
      return 'Direct';
    case 'relayed':
      return device.relay ? `Relayed (${device.relay})` : 'Relayed';
    case 'peer-relay':
      return 'Peer relay';
    case 'idle':
      return 'Idle';
    case 'offline':
      return '';
  }
}

function Devices(props: {
  devices: TailnetDeviceView[];
  scan: Omit<GatewayScanView, 'status'> | undefined;
  scanning: boolean;
  onShowGeneral: () => void;
}) {
  const { devices, scan, scanning } = props;
  const [made, setMade] = useState<Profile | undefined>(undefined);
  const [error, setError] = useState<AppError | undefined>(undefined);
  const [sshFor, setSshFor] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState<string | undefined>(undefined);

  async function useDevice(device: TailnetDeviceView, via: 'url' | 'ssh', user?: string) {
    setPending(device.id);
    setError(undefined);
    const result = await api.invoke('tailscale:use-device', {
      deviceId: device.id,
      via,
      ...(user ? { user } : {}),
    });
    setPending(undefined);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setSshFor(undefined);
    setMade(result.value);
  }

  const unanswered = scan && !scan.complete ? scan.unanswered : [];
  const names = new Map(devices.map((device) => [device.id, device.name]));
  return (
    <>
      {made ? <MadeProfile profile={made} onShowGeneral={props.onShowGeneral} /> : null}
      {error ? <ErrorNotice error={error} /> : null}
      <h3>Devices</h3>
      {scanning ? <Progress label="Looking for OpenClaw Gateways on your devices…" /> : null}
      {unanswered.length > 0 ? (
        <p className="muted">
          No answer in time from {unanswered.map((id) => names.get(id) ?? id).join(', ')}: whether they run a Gateway is
          unknown. Refresh to ask again.
        </p>
      ) : null}
      {devices.length === 0 ? (
        <EmptyState message="No other devices on this tailnet. Sign in to Tailscale on the machine that runs the Gateway, then Refresh; or use “Add a machine manually…” above." />
      ) : (
        <table className="devices" aria-label="Devices">
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">OS</th>
              <th scope="col">Address</th>
              <th scope="col">Status</th>
              <th scope="col">Gateway</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {devices.map((device) => (
              <DeviceRow
                key={device.id}
                device={device}
                busy={pending === device.id}
                askingSsh={sshFor === device.id}
                onAskSsh={(asking) => setSshFor(asking ? device.id : undefined)}
                onUse={(via, user) => void useDevice(device, via, user)}
              />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function DeviceRow(props: {
  device: TailnetDeviceView;
  busy: boolean;
  askingSsh: boolean;
  onAskSsh: (asking: boolean) => void;
  onUse: (via: 'url' | 'ssh', user?: string) => void;
}) {
  const { device, busy } = props;
  const userRef = useRef<HTMLInputElement>(null);
  const link = linkWords(device);
  const keyWarning = keyWarningWords(device);
  return (
    <tr aria-label={device.name} data-device-id={device.id} className={device.online ? 'online' : 'offline'}>
      <td>
        <span className="device-name">{device.name}</span>
        {device.dnsName ? <span className="muted small">{device.dnsName}</span> : null}
        {device.owner ? <span className="muted small">Owner: {device.owner}</span> : null}
        {device.tags.length > 0 ? (
          <span className="tags">
            {device.tags.map((tag) => (
              <span key={tag} className="badge">
                {tag}
              </span>
            ))}
          </span>
        ) : null}
      </td>
      <td>{device.os}</td>
      <td className="mono">{device.ips[0] ?? ''}</td>
      <td>
        <span className={`status-dot tone-${device.online ? 'good' : 'off'}`} aria-hidden="true" />
        {presenceWords(device)}
        {link ? <span className="muted small">{link}</span> : null}
        {keyWarning ? <span className="key-warning small">{keyWarning}</span> : null}
      </td>
      <td>
        {device.gateway ? (
          <>
            <span className="badge gateway">Gateway</span>
            <span className="mono small">{device.gateway.url}</span>
          </>
        ) : null}
      </td>
      <td>
        <div className="device-buttons">
          {props.askingSsh ? (
            <form
              className="ssh-user"
              aria-label={`Use ${device.name} over SSH`}
              onSubmit={(event) => {
                event.preventDefault();
                props.onUse('ssh', userRef.current?.value.trim() || undefined);
              }}
            >
              <label htmlFor={`ssh-user-${device.id}`}>SSH user name (optional)</label>
              <input id={`ssh-user-${device.id}`} ref={userRef} type="text" autoCapitalize="off" spellCheck={false} />
              <div className="form-buttons">
                <button type="button" onClick={() => props.onAskSsh(false)}>
                  Cancel
                </button>
                <button type="submit" className="primary" disabled={busy}>
                  Make profile
                </button>
              </div>
            </form>
          ) : (
            <>
              {device.gateway ? (
                <button type="button" disabled={busy} onClick={() => props.onUse('url')}>
                  Use Gateway URL
                </button>
              ) : null}
              <button type="button" disabled={busy} onClick={() => props.onAskSsh(true)}>
                Use over SSH…
              </button>
            </>
          )}
        </div>
      </td>
    </tr>
  );
}

/** The profile just made from a device, with Connect and the live state of that connection. */
function MadeProfile({ profile, onShowGeneral }: { profile: Profile; onShowGeneral: () => void }) {
  const live = useConnectionStatus();
  const [error, setError] = useState<AppError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const mine = live.status?.profileId === profile.id ? live.status : undefined;

  async function connect() {
    setBusy(true);
    setError(undefined);
    const result = await api.invoke('connection:connect', { profileId: profile.id });
    setBusy(false);
    if (result.ok) live.accept(result.value);
    else setError(result.error);
  }

  return (
    <div className="made-profile" role="region" aria-label="New profile">
      <p>
        Saved the profile <strong>{profile.name}</strong>: {routeSummary(profile.route)}.
      </p>
      {mine ? (
        <p className="status-line" role="status">
          <span className={`status-dot tone-${stateTone(mine.state)}`} aria-hidden="true" />
          {STATE_WORDS[mine.state]}
          {mine.lastError ? ` — ${mine.lastError.message}` : ''}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="form-buttons">
        <button type="button" onClick={onShowGeneral}>
          Show in General
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void connect()}>
          Connect
        </button>
      </div>
    </div>
  );
}
