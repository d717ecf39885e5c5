// The application menu a Mac app is expected to have: Settings… on ⌘, in the app menu, the Edit menu whose roles make
// ⌘C, ⌘V, ⌘A and undo work in the window's fields (Electron has none without it), and Close Window on ⌘W.
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function installAppMenu(appName: string, openSettings: () => void): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { label: 'Settings…', accelerator: 'CommandOrControl+,', click: openSettings },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    // ⌘W is the close role's default key; named here so the window closes with it whatever the role's default becomes.
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close', accelerator: 'CommandOrControl+W' }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
