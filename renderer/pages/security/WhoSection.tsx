// "Watch who gets in" on the Security page: who uses the profile's Gateway now (its connected clients), the devices
// paired with it, and the host's last SSH logins, each with time and origin, read through the live connection and
// read again when it comes up or on Refresh. A part the host or Gateway will not show says why in one sentence.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { AppError } from '../../../electron/shared/errors';
import type { WhoGetsIn } from '../../../electron/shared/security-access';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useConnectionStatus } from '../../components/use-event';
import { ConnectFirst } from './ConnectFirst';

export function WhoSection({ profileId }: { profileId: string }) {
  const { status } = useConnectionStatus();
  const live = status?.profileId === profileId && (status.state === 'connected' || status.state === 'degraded');
  const [who, setWho] = useState<WhoGetsIn | undefined>(undefined);
  const [error, setError] = useState<AppError | undefined>(undefined);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    const result = await api.invoke('security:who', { profileId });
    setLoading(false);
    if (result.ok) {
      setWho(result.value);
      setError(undefined);
    } else setError(result.error);
  }, [profileId]);
  useEffect(() => {
    if (live) void load();
  }, [live, load]);

  return (
    <section aria-labelledby="who-title">
      <div className="section-head">
        <h3 id="who-title">Who gets in</h3>
        {live ? (
          <button type="button" disabled={loading} onClick={() => void load()}>
            {loading ? 'Refreshing…' : 'Refresh'}
          </button>
        ) : null}
      </div>
      {!live ? (
        <ConnectFirst profileId={profileId} what="seeing who uses the Gateway and logs in to the host" />
      ) : error ? (
        <ErrorNotice error={error} />
      ) : !who ? (
        <p className="muted">Asking the Gateway and the host…</p>
      ) : (
        <>
          <Part title="Connected to the Gateway now" part={who.clients} empty="No client is connected.">
            {(client) => line(client.name, client.origin, client.mode, `seen ${time(client.lastSeenMs)}`)}
          </Part>
          <Part title="Devices paired with the Gateway" part={who.devices} empty="No device is paired.">
            {(device) =>
              line(
                device.name,
                device.origin,
                device.pending ? 'waiting for approval' : device.connected ? 'connected' : undefined,
                (device.lastSeenMs ?? device.approvedMs)
                  ? `seen ${time(device.lastSeenMs ?? device.approvedMs)}`
                  : undefined,
              )
            }
          </Part>
          <Part title="Last SSH logins on the host" part={who.logins} empty="The host has no SSH logins on record.">
            {(login) => line(`${login.user} on ${login.line}`, login.origin, login.when)}
          </Part>
        </>
      )}
    </section>
  );
}

function Part<T>({
  title,
  part,
  empty,
  children,
}: {
  title: string;
  part: { items: T[] } | { unavailable: string };
  empty: string;
  children: (item: T) => ReactNode;
}) {
  const id = `who-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <div>
      <h4 id={id}>{title}</h4>
      {'unavailable' in part ? (
        <p className="muted" data-testid={`${id}-unavailable`}>
          {part.unavailable}
        </p>
      ) : part.items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul aria-labelledby={id}>
          {part.items.map((item, index) => (
            <li key={index}>{children(item)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function line(...parts: (string | undefined)[]): string {
  return parts.filter(Boolean).join(' · ');
}

function time(ms: number | undefined): string {
  return ms === undefined ? '' : new Date(ms).toLocaleString();
}
