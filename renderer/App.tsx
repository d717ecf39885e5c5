// The Settings window frame: a sidebar of sections and the selected section's page.
import { useState, type ReactNode } from 'react';
import { AboutPage } from './pages/AboutPage';
import { LogsPage } from './pages/LogsPage';

type SectionId = 'general' | 'tailscale' | 'security' | 'diagnostics' | 'logs' | 'about';

function upcoming(title: string, what: string): ReactNode {
  return (
    <section>
      <h2>{title}</h2>
      <p className="muted">{what}</p>
    </section>
  );
}

const SECTIONS: { id: SectionId; label: string; page: () => ReactNode }[] = [
  {
    id: 'general',
    label: 'General',
    page: () =>
      upcoming('General', 'Remote over SSH: the Gateway host, its SSH target and the tunnel ports will be set here.'),
  },
  {
    id: 'tailscale',
    label: 'Tailscale',
    page: () => upcoming('Tailscale', 'Your tailnet’s devices and the Gateways running on them will be listed here.'),
  },
  {
    id: 'security',
    label: 'Security',
    page: () => upcoming('Security', 'Trusted host keys, the device identity and stored secrets will be managed here.'),
  },
  {
    id: 'diagnostics',
    label: 'Diagnostics',
    page: () => upcoming('Diagnostics', 'A step-by-step check of every link to the Gateway will run here.'),
  },
  { id: 'logs', label: 'Logs', page: () => <LogsPage /> },
  { id: 'about', label: 'About', page: () => <AboutPage /> },
];

export function App() {
  const [selected, setSelected] = useState<SectionId>('general');
  const current = SECTIONS.find((section) => section.id === selected) ?? SECTIONS[0]!;
  return (
    <div className="window">
      <nav className="sidebar" aria-label="Settings sections">
        {SECTIONS.map((section) => (
          <button
            key={section.id}
            type="button"
            className={section.id === selected ? 'nav-item selected' : 'nav-item'}
            aria-current={section.id === selected ? 'page' : undefined}
            onClick={() => setSelected(section.id)}
          >
            {section.label}
          </button>
        ))}
      </nav>
      <main className="content">{current.page()}</main>
    </div>
  );
}
