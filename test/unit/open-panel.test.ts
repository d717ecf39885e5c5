// Choose… for an identity file (with Electron mocked): the native open panel opens over the Settings window in ~/.ssh
// with hidden files shown, and the chosen path comes back as the field writes it (`~/…` under home); cancelling
// changes nothing; a host without the panel (the browser host, the CLI) refuses with a sentence and the next step.
import { describe, expect, it, vi } from 'vitest';
import type { AppCore } from '../../electron/main/actions/app-core';

const electron = vi.hoisted(() => ({
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePaths: ['/Users/me/.ssh/id_ed25519'] })),
}));
vi.mock('electron', () => ({ BrowserWindow: class {}, dialog: { showOpenDialog: electron.showOpenDialog } }));

const { nativePanels } = await import('../../electron/main/adapters/open-panel');
const { chooseIdentityFile } = await import('../../electron/main/actions/identity-file-action');
const { AppFailure } = await import('../../electron/main/app-failure');

const window = { id: 1 };
const coreWith = (panels: AppCore['nativePanels']) =>
  ({ homeDir: '/Users/me', ...(panels ? { nativePanels: panels } : {}) }) as AppCore;

describe('choosing an identity file', () => {
  it('opens the native panel over the window in ~/.ssh with hidden files, and returns a ~ path', async () => {
    const core = coreWith(nativePanels(() => window as never));
    expect(await chooseIdentityFile(core)).toEqual({ path: '~/.ssh/id_ed25519' });
    expect(electron.showOpenDialog).toHaveBeenCalledWith(
      window,
      expect.objectContaining({
        defaultPath: '/Users/me/.ssh',
        properties: expect.arrayContaining(['openFile', 'showHiddenFiles']),
      }),
    );
  });

  it('keeps a path outside home as it is, and returns null when cancelled', async () => {
    const core = coreWith(nativePanels(() => undefined));
    electron.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/etc/ssh/deploy_key'] });
    expect(await chooseIdentityFile(core)).toEqual({ path: '/etc/ssh/deploy_key' });
    electron.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await chooseIdentityFile(core)).toEqual({ path: null });
  });

  it('a host without the panel says so, with what to do instead', async () => {
    const refusal = await Promise.resolve(chooseIdentityFile(coreWith(undefined))).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppFailure);
    expect((refusal as InstanceType<typeof AppFailure>).error).toMatchObject({
      kind: 'no-native-panel',
      hint: expect.stringContaining('~/.ssh/id_ed25519'),
    });
  });
});
