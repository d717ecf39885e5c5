// Choose… beside a profile's identity file: the host's native open panel in ~/.ssh, the chosen path written as the
// field shows paths (`~/.ssh/id_ed25519`). A host without a panel (the browser host, the CLI) says so: its window
// offers no Choose… button, and the terminal takes the path as `--identity PATH`.
import path from 'node:path';
import { appError } from '../../shared/errors';
import { AppFailure } from '../app-failure';
import type { Action } from './app-core';

export const chooseIdentityFile: Action<'profiles:choose-identity-file'> = async ({ nativePanels, homeDir }) => {
  if (!nativePanels) {
    throw new AppFailure(
      appError(
        'no-native-panel',
        'This window runs in a browser, which cannot show the Mac’s open panel.',
        'Type the identity file’s path, such as ~/.ssh/id_ed25519.',
      ),
    );
  }
  const chosen = await nativePanels.chooseFile({
    title: 'Choose an SSH Identity File',
    defaultPath: path.join(homeDir, '.ssh'),
  });
  if (chosen === null) return { path: null };
  const relative = path.relative(homeDir, chosen);
  const underHome = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return { path: underHome ? `~/${relative}` : chosen };
};
