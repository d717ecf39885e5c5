// The native open panel, for choosing an SSH identity file: opened over the Settings window (a sheet on macOS) in
// ~/.ssh, showing the hidden files that folder is full of.
import { BrowserWindow, dialog, type OpenDialogOptions } from 'electron';
import type { NativePanels } from '../actions/app-core';

export function nativePanels(parent: () => BrowserWindow | undefined): NativePanels {
  return {
    async chooseFile({ title, defaultPath }) {
      const options: OpenDialogOptions = {
        title,
        defaultPath,
        buttonLabel: 'Choose',
        properties: ['openFile', 'showHiddenFiles'],
      };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
