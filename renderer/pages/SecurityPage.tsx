// Security: for the profile picked at the top, what guards the way in to its host and Gateway. A minimal frame for
// the access sections (the SSH key, who gets in); the trust sections and the page's look come with the rest of the page.
import { useEffect, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { useRequest } from '../components/use-request';
import { SshKeySection } from './security/SshKeySection';
import { WhoSection } from './security/WhoSection';

export function SecurityPage() {
  const listed = useRequest('profiles:list');
  const [profileId, setProfileId] = useState<string | undefined>(undefined);
  const profiles = listed?.ok ? listed.value.profiles : [];
  const primaryId = listed?.ok ? listed.value.primaryId : null;
  useEffect(() => {
    if (profileId === undefined && profiles.length > 0) setProfileId(primaryId ?? profiles[0]!.id);
  }, [profileId, profiles, primaryId]);

  if (!listed) return <p className="muted">Loading…</p>;
  if (!listed.ok) return <ErrorNotice error={listed.error} />;
  return (
    <section aria-labelledby="security-title">
      <h2 id="security-title">Security</h2>
      {profiles.length === 0 ? (
        <p className="muted">No profiles yet. Add one on the General page; its security shows here.</p>
      ) : (
        <>
          <label>
            Profile{' '}
            <select value={profileId ?? ''} onChange={(event) => setProfileId(event.target.value)}>
              {profiles.map((profile) => (
                <option key={profile.id} value={profile.id}>
                  {profile.name}
                </option>
              ))}
            </select>
          </label>
          {profileId === undefined ? null : (
            <>
              <SshKeySection key={`key-${profileId}`} profileId={profileId} />
              <WhoSection key={`who-${profileId}`} profileId={profileId} />
            </>
          )}
        </>
      )}
    </section>
  );
}
