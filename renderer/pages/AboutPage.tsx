// About: the app's version, the runtime it runs in and how it encrypts SSH, from `app:info`, and the version of the
// Gateway the live connection signed in to (from `connection:status`).
import type { SshCrypto } from '../../electron/shared/app-info';
import { ErrorNotice } from '../components/ErrorNotice';
import { useConnectionStatus } from '../components/use-event';
import { useRequest } from '../components/use-request';

/** How About names each way ssh2 encrypts (electron/shared/app-info.ts). */
const SSH_CRYPTO: Record<SshCrypto, string> = {
  native: 'Native (OpenSSL binding)',
  javascript: 'JavaScript (the runtime’s own ciphers)',
};

export function AboutPage() {
  const info = useRequest('app:info');
  const live = useConnectionStatus();
  if (!info) return <p className="muted">Loading…</p>;
  if (!info.ok) return <ErrorNotice error={info.error} />;
  const { name, version, host, versions, platform, arch, dataDir, sshCrypto, secretsLocation } = info.value;
  const rows: [string, string | undefined][] = [
    ['Version', version],
    ['Running in', host === 'electron' ? 'Desktop app' : 'Browser (npm run web)'],
    ['Electron', versions.electron],
    ['Chrome', versions.chrome],
    ['Node', versions.node],
    ['SSH encryption', sshCrypto && SSH_CRYPTO[sshCrypto]],
    ['Platform', `${platform} (${arch})`],
    ['Data folder', dataDir],
    ['Secrets', secretsLocation],
    ['OpenClaw Gateway', live.status?.gatewayVersion ?? 'Not connected'],
  ];
  return (
    <section aria-labelledby="about-title">
      <h2 id="about-title">{name}</h2>
      <p className="muted">Connects this Mac to an OpenClaw Gateway on another host and keeps that link healthy.</p>
      <dl className="facts">
        {rows
          .filter((row): row is [string, string] => row[1] !== undefined)
          .map(([label, value]) => (
            <div key={label} className="fact">
              <dt>{label}</dt>
              <dd data-testid={`about-${label.toLowerCase().replace(/\s+/g, '-')}`}>{value}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
