// The Settings window frame: a sidebar of sections and the selected section's page, with what is window-wide on top
// of it: problems opening the settings, and the questions main asks while connecting.
import { useState, type ReactNode } from 'react';
import { ProblemsNotice } from './components/ProblemsNotice';
import { PromptDialog } from './components/PromptDialog';
import { AboutPage } from './pages/AboutPage';
import { GeneralPage } from './pages/GeneralPage';
import { LogsPage } from './pages/LogsPage';
import { TailscalePage } from './pages/TailscalePage';

type SectionId = 'general' | 'tailscale' | 'security' | 'diagnostics' | 'logs' | 'about';

function upcoming(title: string, what: string): ReactNode {
  return (
    <section>
      <h2>{title}</h2>
      <p className="muted">{what}</p>
    </section>
  );
}

interface Navigation {
  go: (section: SectionId) => void;
}

const SECTIONS: { id: SectionId; label: string; page: (nav: Navigation) => ReactNode }[] = [
  { id: 'general', label: 'General', page: (nav) => <GeneralPage onOpenSection={(section) => nav.go(section)} /> },
  { id: 'tailscale', label: 'Tailscale', page: (nav) => <TailscalePage onShowGeneral={() => nav.go('general')} /> },
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
      <main className="content">
        <ProblemsNotice />
        {current.page({ go: setSelected })}
      </main>
      <PromptDialog />
    </div>
  );
}
