// "Connect first" with its button, for the Security sections that work through the profile's live connection
// (installing a key on the host, who gets in): the same connect the General page's button starts.
import { useState } from 'react';
import type { AppError } from '../../../electron/shared/errors';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';

export function ConnectFirst({ profileId, what }: { profileId: string; what: string }) {
  const [connecting, setConnecting] = useState(false);
  const [error, setError] = useState<AppError | undefined>(undefined);
  const connect = async () => {
    setConnecting(true);
    const result = await api.invoke('connection:connect', { profileId });
    setConnecting(false);
    setError(result.ok ? undefined : result.error);
  };
  return (
    <div className="notice" data-testid="connect-first">
      <p>Connect first: {what} works through this profile&apos;s live connection.</p>
      <div className="form-buttons">
        <button type="button" className="primary" disabled={connecting} onClick={() => void connect()}>
          {connecting ? 'Connecting…' : 'Connect'}
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
