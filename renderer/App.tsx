// The Settings window frame: a sidebar of sections and the selected section's page, with what is window-wide on top
// of it: problems opening the settings, and the questions main asks while connecting. The sidebar stays put; the
// page beside it scrolls on its own.
import { useState, type ReactNode } from 'react';
import { PairingSheet } from './components/PairingSheet';
import { ProblemsNotice } from './components/ProblemsNotice';
import { PromptDialog } from './components/PromptDialog';
import type { FixSection } from './components/fix-actions';
import { SectionIcon } from './components/SectionIcon';
import { AboutPage } from './pages/AboutPage';
import { DiagnosticsPage, type DiagnosticsRunRequest } from './pages/DiagnosticsPage';
import { GeneralPage, type EditRequest } from './pages/GeneralPage';
import { LogsPage } from './pages/LogsPage';
import { SecurityPage, type SecurityRequest } from './pages/SecurityPage';
import { TailscalePage } from './pages/TailscalePage';
import { useEvent } from './components/use-event';
import { RUN_DIAGNOSTICS_HASH } from '../electron/shared/channels';

type SectionId = 'general' | 'tailscale' | 'security' | 'diagnostics' | 'logs' | 'about';

interface Navigation {
  go: (section: SectionId) => void;
  /** A fix action's section; Diagnostics opened so also runs the checks, since that is what was asked for. */
  fix: (section: FixSection) => void;
  /** General with the profile's editor open (from a fix on another page). */
  edit: (profileId: string, focus: 'token' | undefined) => void;
  diagnosticsRun: DiagnosticsRunRequest | undefined;
  editRequest: EditRequest | undefined;
  /** Security opened by a fix (a changed host key): it lands on the host key. */
  securityRequest: SecurityRequest | undefined;
}

const SECTIONS: { id: SectionId; label: string; page: (nav: Navigation) => ReactNode }[] = [
  {
    id: 'general',
    label: 'General',
    page: (nav) => <GeneralPage onOpenSection={nav.fix} editRequest={nav.editRequest} />,
  },
  { id: 'tailscale', label: 'Tailscale', page: (nav) => <TailscalePage onShowGeneral={() => nav.go('general')} /> },
  {
    id: 'security',
    label: 'Security',
    page: (nav) => (
      <SecurityPage
        request={nav.securityRequest}
        onEditProfile={nav.edit}
        onOpenSection={nav.fix}
        onShowGeneral={() => nav.go('general')}
      />
    ),
  },
  {
    id: 'diagnostics',
    label: 'Diagnostics',
    page: (nav) => (
      <DiagnosticsPage
        runRequest={nav.diagnosticsRun}
        onOpenSection={nav.fix}
        onEditProfile={nav.edit}
        onShowGeneral={() => nav.go('general')}
      />
    ),
  },
  { id: 'logs', label: 'Logs', page: () => <LogsPage /> },
  { id: 'about', label: 'About', page: () => <AboutPage /> },
];

/** A window the menu bar's Run Diagnostics… opened starts on Diagnostics, running it. */
const startsWithDiagnostics = new URLSearchParams(window.location.hash.slice(1)).has(RUN_DIAGNOSTICS_HASH);

export function App() {
  const [selected, setSelected] = useState<SectionId>(startsWithDiagnostics ? 'diagnostics' : 'general');
  const [diagnosticsRun, setDiagnosticsRun] = useState<DiagnosticsRunRequest | undefined>(
    startsWithDiagnostics ? { nonce: 1 } : undefined,
  );
  const [editRequest, setEditRequest] = useState<EditRequest | undefined>(undefined);
  const [securityRequest, setSecurityRequest] = useState<SecurityRequest | undefined>(undefined);
  const current = SECTIONS.find((section) => section.id === selected) ?? SECTIONS[0]!;
  // A request is for the page it opened; moving on by hand ends it, so coming back later does not repeat it.
  const nav: Navigation = {
    go: (section) => {
      setDiagnosticsRun(undefined);
      setEditRequest(undefined);
      setSecurityRequest(undefined);
      setSelected(section);
    },
    fix: (section) => {
      setEditRequest(undefined);
      setDiagnosticsRun(section === 'diagnostics' ? (last) => ({ nonce: (last?.nonce ?? 0) + 1 }) : undefined);
      setSecurityRequest(
        section === 'security' ? (last) => ({ section: 'host-key', nonce: (last?.nonce ?? 0) + 1 }) : undefined,
      );
      setSelected(section);
    },
    edit: (profileId, focus) => {
      setDiagnosticsRun(undefined);
      setEditRequest((last) => ({ profileId, ...(focus ? { focus } : {}), nonce: (last?.nonce ?? 0) + 1 }));
      setSelected('general');
    },
    diagnosticsRun,
    editRequest,
    securityRequest,
  };
  useEvent('window:run-diagnostics', () => nav.fix('diagnostics'));
  return (
    <div className="window">
      <nav className="sidebar" aria-label="Settings sections">
        {SECTIONS.map((section) => (
          <button
            key={section.id}
            type="button"
            className={section.id === selected ? 'nav-item selected' : 'nav-item'}
            aria-current={section.id === selected ? 'page' : undefined}
            onClick={() => nav.go(section.id)}
          >
            <SectionIcon section={section.id} />
            <span>{section.label}</span>
          </button>
        ))}
      </nav>
      <main className="content">
        <ProblemsNotice />
        {current.page(nav)}
      </main>
      <PromptDialog />
      <PairingSheet />
    </div>
  );
}
