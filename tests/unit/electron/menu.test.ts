import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  isMenuAction,
  MENU_ACTIONS,
  MENU_SHORTCUTS,
  WEB_ALTERNATIVES,
  matchesShortcut,
  shortcutAction,
} from '../../../electron/common/menu-actions';
import type { MenuAction } from '../../../electron/common/menu-actions';
import { buildMenuTemplate } from '../../../electron/main/menu-template';
import type { MenuOptions } from '../../../electron/main/menu-template';

function build(over: Partial<MenuOptions> = {}) {
  const sent: MenuAction[] = [];
  const template = buildMenuTemplate({
    language: 'zh-CN',
    platform: 'win32',
    isPackaged: true,
    appName: '咸宁新质生产力规划情景工作室',
    send: (a) => sent.push(a),
    ...over,
  });
  return { template, sent };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

const click = (item: MenuItemConstructorOptions) => (item.click as unknown as () => void)();

describe('application menu', () => {
  it('has 方法说明 / Methodology in the help menu, sending help.method (Shift+F1)', () => {
    for (const [language, label] of [
      ['zh-CN', '方法说明(&M)'],
      ['en', '&Methodology'],
    ] as const) {
      const { template, sent } = build({ language });
      const help = template[template.length - 1];
      const item = flatten(Array.isArray(help.submenu) ? help.submenu : []).find((i) => i.id === 'help.method');
      expect(item?.label).toBe(label);
      expect(item?.accelerator).toBe('Shift+F1');
      click(item as MenuItemConstructorOptions);
      expect(sent).toEqual(['help.method']);
    }
    expect(shortcutAction({ key: 'F1', ctrlKey: false, metaKey: false, shiftKey: true, altKey: false }, false)).toBe('help.method');
    expect(shortcutAction({ key: 'F1', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false }, false)).toBe('help.docs');
  });

  it('is in Chinese by default, with the expected top-level menus', () => {
    const { template } = build();
    expect(template.map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    const labels = flatten(template).map((i) => i.label);
    for (const l of [
      '新建情景(&N)',
      '导入…(&I)',
      '导出汇报材料…(&E)',
      '备份数据库(&B)',
      '退出(&X)',
      '撤销(&U)',
      '重做(&R)',
      '总览',
      '指标工作台',
      '情景管理',
      '情景对比',
      '数据',
      '设置',
      '全屏',
      '关于(&A)',
      '使用说明(&D)',
    ]) {
      expect(labels).toContain(l);
    }
  });

  it('is in English when the language is en', () => {
    const { template } = build({ language: 'en' });
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const labels = flatten(template).map((i) => i.label);
    expect(labels).toContain('&New scenario');
    expect(labels).toContain('Scoreboard');
    expect(labels.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('every action item sends a known id, and every id is in the menu once', () => {
    for (const platform of ['win32', 'linux', 'darwin']) {
      const { template, sent } = build({ platform });
      const actions = flatten(template).filter((i) => i.click);
      for (const item of actions) {
        expect(isMenuAction(item.id), String(item.id)).toBe(true);
        click(item);
      }
      expect([...sent].sort()).toEqual([...MENU_ACTIONS].sort());
      expect(new Set(sent).size).toBe(sent.length);
    }
  });

  it('uses the shared shortcuts as accelerators', () => {
    const items = flatten(build().template);
    const accel = (id: string) => items.find((i) => i.id === id)?.accelerator;
    expect(accel('scenario.new')).toBe('CmdOrCtrl+N');
    expect(accel('file.import')).toBe('CmdOrCtrl+O');
    expect(accel('file.exportBriefing')).toBe('CmdOrCtrl+E');
    expect(accel('edit.undo')).toBe('CmdOrCtrl+Z');
    expect(accel('edit.redo')).toBe('CmdOrCtrl+Y');
    expect(['view.scoreboard', 'view.workbench', 'view.scenarios', 'view.compare', 'view.data'].map(accel)).toEqual([
      'CmdOrCtrl+1',
      'CmdOrCtrl+2',
      'CmdOrCtrl+3',
      'CmdOrCtrl+4',
      'CmdOrCtrl+5',
    ]);
    expect(accel('view.settings')).toBe('CmdOrCtrl+,');
    for (const item of items) if (item.id && item.click) expect(item.accelerator).toBe(MENU_SHORTCUTS[item.id as MenuAction]);
  });

  it('keeps text editing roles and full screen / zoom roles', () => {
    const roles = flatten(build().template)
      .map((i) => i.role)
      .filter(Boolean);
    for (const r of ['cut', 'copy', 'paste', 'selectAll', 'togglefullscreen', 'resetZoom', 'zoomIn', 'zoomOut', 'quit']) {
      expect(roles).toContain(r);
    }
  });

  it('offers reload and developer tools only when not packaged', () => {
    const roles = (isPackaged: boolean) => flatten(build({ isPackaged }).template).map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(true)).not.toContain('forceReload');
    expect(roles(false)).toContain('toggleDevTools');
    expect(roles(false)).toContain('reload');
  });

  it('has a macOS application menu on darwin', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template[0].label).toBe('咸宁新质生产力规划情景工作室');
    expect(flatten([template[0]]).map((i) => i.role)).toContain('quit');
    expect(flatten(template.slice(1)).map((i) => i.role)).not.toContain('quit');
  });
});

describe('shortcuts shared with the renderer', () => {
  const key = (
    k: string,
    mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean; code: string }> = {},
  ) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  });

  it('matches CmdOrCtrl per platform and modifiers exactly', () => {
    expect(matchesShortcut('CmdOrCtrl+N', key('n', { ctrlKey: true }), false)).toBe(true);
    expect(matchesShortcut('CmdOrCtrl+N', key('N', { ctrlKey: true }), false)).toBe(true);
    expect(matchesShortcut('CmdOrCtrl+N', key('n', { metaKey: true }), true)).toBe(true);
    expect(matchesShortcut('CmdOrCtrl+N', key('n', { ctrlKey: true }), true)).toBe(false);
    expect(matchesShortcut('CmdOrCtrl+Z', key('z', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(matchesShortcut('CmdOrCtrl+,', key(',', { ctrlKey: true }), false)).toBe(true);
    expect(matchesShortcut('F1', key('F1'), false)).toBe(true);
    expect(matchesShortcut('Bogus+N', key('n'), false)).toBe(false);
  });

  it('maps key events to action ids', () => {
    expect(shortcutAction(key('3', { ctrlKey: true }), false)).toBe('view.scenarios');
    expect(shortcutAction(key('e', { ctrlKey: true }), false)).toBe('file.exportBriefing');
    expect(shortcutAction(key('y', { ctrlKey: true }), false)).toBe('edit.redo');
    expect(shortcutAction(key('x', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutAction(key('n'), false)).toBeNull();
  });

  it('has alternatives the browser does not keep for the screens and a new scenario (web host)', () => {
    // with Shift held the digit key types '!', '@'...: the physical key decides
    expect(shortcutAction(key('!', { altKey: true, shiftKey: true, code: 'Digit1' }), false)).toBe('view.scoreboard');
    expect(shortcutAction(key('%', { altKey: true, shiftKey: true, code: 'Digit5' }), false)).toBe('view.data');
    expect(shortcutAction(key('^', { altKey: true, shiftKey: true, code: 'Digit6' }), false)).toBe('view.settings');
    expect(shortcutAction(key('N', { altKey: true, shiftKey: true, code: 'KeyN' }), false)).toBe('scenario.new');
    expect(shortcutAction(key('N', { altKey: true, shiftKey: true, code: 'KeyN' }), true)).toBe('scenario.new');
    // not without Shift, not with Ctrl
    expect(shortcutAction(key('1', { altKey: true, code: 'Digit1' }), false)).toBeNull();
    expect(shortcutAction(key('!', { altKey: true, shiftKey: true, ctrlKey: true, code: 'Digit1' }), false)).toBeNull();
    // every browser-owned shortcut has one, and none clashes with a menu shortcut
    for (const a of ['scenario.new', 'view.scoreboard', 'view.workbench', 'view.scenarios', 'view.compare', 'view.data'] as const)
      expect(WEB_ALTERNATIVES[a]).toBeTruthy();
    for (const v of Object.values(WEB_ALTERNATIVES)) expect(Object.values(MENU_SHORTCUTS)).not.toContain(v);
  });

  it('has unique shortcuts for known actions only', () => {
    const values = Object.values(MENU_SHORTCUTS);
    expect(new Set(values).size).toBe(values.length);
    for (const id of Object.keys(MENU_SHORTCUTS)) expect(isMenuAction(id)).toBe(true);
  });
});
