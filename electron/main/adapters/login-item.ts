// Launch at Login: macOS's login item for this app, read and set through Electron (the menu bar's checkbox).
import { app } from 'electron';

export const loginItem = {
  get: (): boolean => app.getLoginItemSettings().openAtLogin,
  set: (enabled: boolean): void => app.setLoginItemSettings({ openAtLogin: enabled }),
};
