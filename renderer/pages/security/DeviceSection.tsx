// This Mac's device identity with the profile's Gateway: the device id (the same for every Gateway), whether the
// Gateway approved it (a device token is stored) or awaits approval, and "Forget device token…", confirmed first.
import { useState } from 'react';
import type { AppError } from '../../../electron/shared/errors';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { SecuritySectionProps } from '../SecurityPage';

export function DeviceSection({ overview, profile, reload }: SecuritySectionProps) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<AppError | undefined>(undefined);
  const { device } = overview;

  async function forget(): Promise<void> {
    setConfirming(false);
    const result = await api.invoke('security:forget-device-token', { profileId: profile.id });
    setError(result.ok ? undefined : result.error);
    reload();
  }

  return (
    <section aria-labelledby="device-title" className="security-section">
      <h3 id="device-title">Device identity</h3>
      <dl className="facts">
        <div className="fact">
          <dt>Device id</dt>
          <dd>
            <code className="fingerprint" data-testid="device-id">
              {device.deviceId}
            </code>
          </dd>
        </div>
        <div className="fact">
          <dt>With this Gateway</dt>
          <dd data-testid="device-pairing">
            {device.paired
              ? 'Paired: the Gateway approved this Mac and its device token is stored.'
              : device.pendingRequestId
                ? `Waiting for approval: on the host run “openclaw devices approve ${device.pendingRequestId}”.`
                : 'Not paired yet: the first connect asks the Gateway to approve this Mac.'}
          </dd>
        </div>
      </dl>
      {confirming ? (
        <div className="profile-buttons confirm" role="group" aria-label="Forget the device token?">
          <span>
            Forget the device token “{profile.name}”’s Gateway gave this Mac? The next connect signs in with the Gateway
            token and may need approval again.
          </span>
          <button type="button" className="danger" onClick={() => void forget()}>
            Forget
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : device.paired ? (
        <div className="profile-buttons">
          <button type="button" onClick={() => setConfirming(true)}>
            Forget device token…
          </button>
        </div>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
