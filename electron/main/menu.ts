/**
 * Installs the application menu (built by menu-template.ts) and delivers its actions to our
 * window as `menu:action` messages, which the preload forwards to the renderer.
 */
import { app, BrowserWindow, Menu } from 'electron';
import type { MenuAction } from '../common/menu-actions';
import type { HostChannels } from '../common/studio-bridge';
import { buildMenuTemplate } from './menu-template';
import type { MenuLanguage } from './menu-template';
import { isAppUrl } from './trusted-url';

const MENU_ACTION_CHANNEL: HostChannels['menuAction'] = 'menu:action';

export interface MenuSetup {
  /** Our window, or null while there is none. */
  getWindow: () => BrowserWindow | null;
  devUrl: string | null;
}

/** (Re)builds and installs the menu in `language` (zh-CN unless the settings say en). */
export function installMenu(language: MenuLanguage, setup: MenuSetup): void {
  const send = (action: MenuAction): void => {
    const ours = setup.getWindow();
    if (!ours || ours.isDestroyed()) return;
    const focused = BrowserWindow.getFocusedWindow();
    // Only our own window, showing our own page, receives menu actions.
    const target = focused && focused.id === ours.id ? focused : ours;
    if (!isAppUrl(target.webContents.getURL(), setup.devUrl)) return;
    target.webContents.send(MENU_ACTION_CHANNEL, action);
  };
  const template = buildMenuTemplate({
    language,
    platform: process.platform,
    isPackaged: app.isPackaged,
    appName: app.getName(),
    send,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
