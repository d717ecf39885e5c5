// The Security page: a profile picker, then that profile's sections stacked — the host key it trusts, this Mac's
// device identity, the Gateway token's age, its SSH key, who gets in, and the docs' checklist. Main computes every
// fact (`security:overview` for the trust sections); the page shows them and asks before anything is forgotten.
import { useEffect, useRef, useState } from 'react';
import type { Profile } from '../../electron/shared/profile';
import type { SecurityOverview } from '../../electron/shared/security';
import type { Result } from '../../electron/shared/errors';
import { api } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import type { FixSection } from '../components/fix-actions';
import { useConnectionStatus } from '../components/use-event';
import { useRequest } from '../components/use-request';
import { ChecklistSection } from './security/ChecklistSection';
import { DeviceSection } from './security/DeviceSection';
import { HostKeySection } from './security/HostKeySection';
import { SshKeySection } from './security/SshKeySection';
import { TokenSection } from './security/TokenSection';
import { WhoSection } from './security/WhoSection';

/** A request to open the page at one section (a changed host key's "Open Security" lands on the host key). */
export interface SecurityRequest {
  /** Changes with every request, so asking again scrolls again. */
  nonce: number;
  section: 'host-key';
}

export interface SecurityPageProps {
  request: SecurityRequest | undefined;
  onEditProfile: (profileId: string, focus: 'token' | undefined) => void;
  onOpenSection: (section: FixSection) => void;
  onShowGeneral: () => void;
}

/** What every section gets: the facts, the profile they are of, and a way to read them again after a change. */
export interface SecuritySectionProps {
  overview: SecurityOverview;
  profile: Profile;
  reload: () => void;
}

export function SecurityPage(props: SecurityPageProps) {
  const listing = useRequest('profiles:list');
  const live = useConnectionStatus();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [loaded, setLoaded] = useState<Result<SecurityOverview> | undefined>(undefined);
  const [reloads, setReloads] = useState(0);
  const profiles = listing?.ok ? listing.value.profiles : [];
  const profileId = chosen ?? live.status?.profileId ?? (listing?.ok ? listing.value.primaryId : null) ?? undefined;
  const profile = profiles.find((candidate) => candidate.id === profileId);
  // The facts change with the connection (a changed key presented, a pairing request, the Gateway's bind).
  const status = live.status;
  const statusKey = `${status?.state}|${status?.profileId}|${status?.lastError?.kind}|${status?.lastError?.requestId}`;

  useEffect(() => {
    if (profileId === undefined) return;
    let current = true;
    void api.invoke('security:overview', { profileId }).then((result) => {
      if (current) setLoaded(result);
    });
    return () => {
      current = false;
    };
  }, [profileId, statusKey, reloads]);

  const hostKeyRef = useRef<HTMLDivElement>(null);
  const requested = props.request?.nonce;
  const overviewReady = loaded?.ok === true;
  useEffect(() => {
    if (requested === undefined || !overviewReady) return;
    hostKeyRef.current?.scrollIntoView({ block: 'start' });
    hostKeyRef.current?.querySelector('h3')?.focus();
  }, [requested, overviewReady]);

  if (!listing) return <p className="muted">Loading…</p>;
  if (!listing.ok) return <ErrorNotice error={listing.error} />;
  const overview = loaded?.ok && loaded.value.profile.id === profileId ? loaded.value : undefined;
  const section = overview && profile ? { overview, profile, reload: () => setReloads((n) => n + 1) } : undefined;

  return (
    <section aria-labelledby="security-title" className="security">
      <h2 id="security-title">Security</h2>
      <p className="muted">
        What this Mac trusts for a profile, and what the OpenClaw docs recommend: check it after a warning, and forget
        what you no longer trust.
      </p>
      {profiles.length === 0 ? (
        <div className="notice">
          <p>There is no profile yet, so nothing is trusted.</p>
          <button type="button" onClick={props.onShowGeneral}>
            Add a profile on General
          </button>
        </div>
      ) : (
        <label className="security-picker">
          Profile{' '}
          <select value={profileId ?? ''} onChange={(event) => setChosen(event.target.value)}>
            {profiles.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {loaded && !loaded.ok ? <ErrorNotice error={loaded.error} /> : null}
      {profileId !== undefined && !section && !(loaded && !loaded.ok) ? <p className="muted">Loading…</p> : null}
      {section ? (
        <>
          <div ref={hostKeyRef}>
            <HostKeySection {...section} />
          </div>
          <DeviceSection {...section} />
          <TokenSection {...section} onEditProfile={props.onEditProfile} />
        </>
      ) : null}
      {/* The access sections read their own facts, so they show even while the trust facts load. */}
      {profileId === undefined ? null : (
        <>
          <SshKeySection key={`key-${profileId}`} profileId={profileId} />
          <WhoSection key={`who-${profileId}`} profileId={profileId} />
        </>
      )}
      {section ? (
        <ChecklistSection {...section} onEditProfile={props.onEditProfile} onOpenSection={props.onOpenSection} />
      ) : null}
    </section>
  );
}
