/**
 * The application menu's action ids, shared by the Electron menu (electron/main/menu.ts), the
 * preload (which forwards only these ids) and the renderer (which maps the same ids to the same
 * actions and, in the web host where there is no native menu, to the same keyboard shortcuts).
 *
 * Pure: no imports, no Node, no DOM.
 *
 * Note for the renderer: the menu's Undo/Redo send 'edit.undo' / 'edit.redo' (scenario history)
 * instead of the native text roles, so when a text field has focus the handler should perform
 * the field's own undo (document.execCommand('undo') / ('redo')) instead of the scenario's.
 */

export const MENU_ACTIONS = [
  'scenario.new',
  'file.import',
  'file.exportBriefing',
  'db.backup',
  'edit.undo',
  'edit.redo',
  'view.scoreboard',
  'view.workbench',
  'view.scenarios',
  'view.compare',
  'view.data',
  'view.settings',
  'help.about',
  'help.docs',
  'help.method',
] as const;

export type MenuAction = (typeof MENU_ACTIONS)[number];

export function isMenuAction(value: unknown): value is MenuAction {
  return typeof value === 'string' && (MENU_ACTIONS as readonly string[]).includes(value);
}

/**
 * Keyboard shortcuts in Electron accelerator syntax (`CmdOrCtrl` = Cmd on macOS, Ctrl elsewhere).
 * The menu uses them as accelerators; the renderer uses `matchesShortcut` for the same keys when
 * there is no native menu (web host).
 */
export const MENU_SHORTCUTS: Readonly<Partial<Record<MenuAction, string>>> = {
  'scenario.new': 'CmdOrCtrl+N',
  'file.import': 'CmdOrCtrl+O',
  'file.exportBriefing': 'CmdOrCtrl+E',
  'edit.undo': 'CmdOrCtrl+Z',
  'edit.redo': 'CmdOrCtrl+Y',
  'view.scoreboard': 'CmdOrCtrl+1',
  'view.workbench': 'CmdOrCtrl+2',
  'view.scenarios': 'CmdOrCtrl+3',
  'view.compare': 'CmdOrCtrl+4',
  'view.data': 'CmdOrCtrl+5',
  'view.settings': 'CmdOrCtrl+,',
  'help.docs': 'F1',
  'help.method': 'Shift+F1',
};

/**
 * Alternatives for the shortcuts a browser keeps for itself (Ctrl+1…Ctrl+5 switch tabs, Ctrl+N
 * opens a window, so in the web host they never reach the page): Alt+Shift+1…6 for the screens
 * and Alt+Shift+N for a new scenario. They work in the desktop app too; the key help and the
 * README list them.
 */
export const WEB_ALTERNATIVES: Readonly<Partial<Record<MenuAction, string>>> = {
  'scenario.new': 'Alt+Shift+N',
  'view.scoreboard': 'Alt+Shift+1',
  'view.workbench': 'Alt+Shift+2',
  'view.scenarios': 'Alt+Shift+3',
  'view.compare': 'Alt+Shift+4',
  'view.data': 'Alt+Shift+5',
  'view.settings': 'Alt+Shift+6',
};

/** The parts of a KeyboardEvent that shortcut matching needs (so this stays DOM-free). */
export interface ShortcutKey {
  key: string;
  /** the physical key (KeyboardEvent.code: 'Digit1', 'KeyN'): with Shift held, key is '!' for 1 */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * Whether a key event matches an accelerator such as `CmdOrCtrl+Shift+E`. Modifiers must match
 * exactly (Ctrl+Shift+Z does not match Ctrl+Z). `isMac` decides what CmdOrCtrl means.
 */
export function matchesShortcut(accelerator: string, ev: ShortcutKey, isMac: boolean): boolean {
  const parts = accelerator.split('+');
  // "CmdOrCtrl++" would mean the plus key; no shortcut here uses it.
  const key = parts.pop();
  if (!key) return false;
  let ctrl = false;
  let meta = false;
  let shift = false;
  let alt = false;
  for (const p of parts) {
    switch (p.toLowerCase()) {
      case 'cmdorctrl':
      case 'commandorcontrol':
        if (isMac) meta = true;
        else ctrl = true;
        break;
      case 'ctrl':
      case 'control':
        ctrl = true;
        break;
      case 'cmd':
      case 'command':
      case 'super':
      case 'meta':
        meta = true;
        break;
      case 'shift':
        shift = true;
        break;
      case 'alt':
      case 'option':
        alt = true;
        break;
      default:
        return false;
    }
  }
  if (ev.ctrlKey !== ctrl || ev.metaKey !== meta || ev.shiftKey !== shift || ev.altKey !== alt) return false;
  if (ev.key.toLowerCase() === key.toLowerCase()) return true;
  // a digit or letter by its physical key, whatever Shift or Alt makes it type ('!', 'Ń')
  if (ev.code && /^[0-9]$/.test(key)) return ev.code === `Digit${key}`;
  if (ev.code && /^[a-z]$/i.test(key)) return ev.code === `Key${key.toUpperCase()}`;
  return false;
}

/** The menu action a key event triggers, if any. */
export function shortcutAction(ev: ShortcutKey, isMac: boolean): MenuAction | null {
  for (const action of MENU_ACTIONS) {
    const accel = MENU_SHORTCUTS[action];
    if (accel && matchesShortcut(accel, ev, isMac)) return action;
    const alt = WEB_ALTERNATIVES[action];
    if (alt && matchesShortcut(alt, ev, isMac)) return action;
  }
  return null;
}
