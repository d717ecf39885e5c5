// What the window does for each fix action an error names: the button's label and what pressing it does. One entry
// per action, so an action the window cannot offer does not compile.
import type { FixAction } from '../../electron/shared/error-actions';

/** The sidebar sections a fix action can open (App.tsx's section ids). */
export type FixSection = 'logs' | 'diagnostics' | 'security' | 'tailscale';

/** What the view around the error can do; `fetchToken` exists only when the live profile reaches its host over SSH. */
export interface FixHandlers {
  connect(): void;
  retryNow(): void;
  editProfile(focus: 'token' | undefined): void;
  fetchToken?: () => void;
  /** Stops the earlier tunnel of this app that holds the profile's local port; only where a doctor step said so. */
  freeLocalPort?: () => void;
  toggleApproval(): void;
  openSection(section: FixSection): void;
  /** Sets the profile's keepalive from why its link dropped (where a view offers it: Diagnostics). */
  applyStabilitySettings?: () => void;
}

export interface WindowFixAction {
  label: string;
  /** What the button needs: a profile to edit, a host to fetch the token from, a tunnel to stop, or a view that
   * can apply settings. */
  needs?: 'profile' | 'fetch-token' | 'free-local-port' | 'stability-settings';
  run(handlers: FixHandlers): void;
}

export const WINDOW_FIX_ACTIONS: Record<FixAction, WindowFixAction> = {
  'retry-now': { label: 'Retry now', run: (h) => h.retryNow() },
  'edit-profile': { label: 'Edit profile', needs: 'profile', run: (h) => h.editProfile(undefined) },
  'enter-token': { label: 'Enter the Gateway token', needs: 'profile', run: (h) => h.editProfile('token') },
  'fetch-token': { label: 'Fetch from host', needs: 'fetch-token', run: (h) => h.fetchToken?.() },
  'approve-device': { label: 'How to approve this Mac', run: (h) => h.toggleApproval() },
  // Connecting again asks the unknown-key question once more, now that someone is there to answer it.
  'trust-host-key': { label: 'Connect again', run: (h) => h.connect() },
  'open-security': { label: 'Open Security', run: (h) => h.openSection('security') },
  'open-diagnostics': { label: 'Run Diagnostics', run: (h) => h.openSection('diagnostics') },
  'free-local-port': { label: 'Stop the earlier tunnel', needs: 'free-local-port', run: (h) => h.freeLocalPort?.() },
  'open-logs': { label: 'Open logs', run: (h) => h.openSection('logs') },
  'start-tailscale': { label: 'Start Tailscale', run: (h) => h.openSection('tailscale') },
  'log-in-tailscale': { label: 'Log in to Tailscale', run: (h) => h.openSection('tailscale') },
  'apply-stability-settings': {
    label: 'Apply steadier keepalive settings',
    needs: 'stability-settings',
    run: (h) => h.applyStabilitySettings?.(),
  },
};

/** Whether the view can offer the action's button: what it needs is there (`canEdit`: a profile to edit). */
export function fixOffered(fix: WindowFixAction, handlers: FixHandlers, canEdit: boolean): boolean {
  switch (fix.needs) {
    case 'profile':
      return canEdit;
    case 'fetch-token':
      return handlers.fetchToken !== undefined;
    case 'free-local-port':
      return handlers.freeLocalPort !== undefined;
    case 'stability-settings':
      return handlers.applyStabilitySettings !== undefined;
    case undefined:
      return true;
  }
}
