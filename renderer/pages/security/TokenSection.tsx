// The Gateway token's age: whether one is stored (never the token), how long ago it was saved ("age unknown" for one
// saved before the app recorded it), the monthly-rotation reminder past 30 days, and the ways to replace it.
import type { SecuritySectionProps } from '../SecurityPage';
import { FetchTokenOutcome, reachesHostOverSsh, useFetchToken } from '../../components/FetchFromHost';

export function TokenSection(
  props: SecuritySectionProps & { onEditProfile: (profileId: string, focus: 'token') => void },
) {
  const { overview, profile, reload } = props;
  const { token } = overview;
  const fetchToken = useFetchToken(reload);
  const age =
    token.ageDays === undefined
      ? 'age unknown (saved before the app recorded when)'
      : token.ageDays === 0
        ? 'saved today'
        : `saved ${token.ageDays} day${token.ageDays === 1 ? '' : 's'} ago`;
  return (
    <section aria-labelledby="token-title" className="security-section">
      <h3 id="token-title">Gateway token</h3>
      <p data-testid="token-age">{token.stored ? `Stored, ${age}.` : 'No Gateway token is stored for this profile.'}</p>
      {token.reminder ? (
        <p className="warning-text" role="note">
          {token.reminder}
        </p>
      ) : null}
      <div className="profile-buttons">
        <button type="button" onClick={() => props.onEditProfile(profile.id, 'token')}>
          {token.stored ? 'Replace token…' : 'Enter the token…'}
        </button>
        {reachesHostOverSsh(profile.route) ? (
          <button
            type="button"
            disabled={fetchToken.state.phase === 'fetching'}
            onClick={() => void fetchToken.fetchToken(profile.id)}
          >
            Fetch from host
          </button>
        ) : null}
      </div>
      <FetchTokenOutcome state={fetchToken.state} />
    </section>
  );
}
