/**
 * The application menu as data: a pure function of the language, the platform and whether the
 * app is packaged. Non-role items call `send(actionId)`; menu.ts turns that into a `menu:action`
 * message to our window. Only types come from electron, so tests build the template in Node.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_SHORTCUTS } from '../common/menu-actions';
import type { MenuAction } from '../common/menu-actions';

export type MenuLanguage = 'zh-CN' | 'en';

export interface MenuOptions {
  language: MenuLanguage;
  platform: string;
  isPackaged: boolean;
  appName: string;
  send: (action: MenuAction) => void;
}

/** Labels: [zh-CN, en]. `&` marks the Windows/Linux access key (ignored on macOS). */
const MENU_LABELS = {
  file: ['文件(&F)', '&File'],
  edit: ['编辑(&E)', '&Edit'],
  view: ['视图(&V)', '&View'],
  help: ['帮助(&H)', '&Help'],
  'scenario.new': ['新建情景(&N)', '&New scenario'],
  'file.import': ['导入…(&I)', '&Import…'],
  'file.exportBriefing': ['导出汇报材料…(&E)', '&Export briefing…'],
  'db.backup': ['备份数据库(&B)', '&Back up database'],
  quit: ['退出(&X)', 'E&xit'],
  'edit.undo': ['撤销(&U)', '&Undo'],
  'edit.redo': ['重做(&R)', '&Redo'],
  cut: ['剪切(&T)', 'Cu&t'],
  copy: ['复制(&C)', '&Copy'],
  paste: ['粘贴(&P)', '&Paste'],
  selectAll: ['全选(&A)', 'Select &all'],
  'view.scoreboard': ['总览', 'Scoreboard'],
  'view.workbench': ['指标工作台', 'Indicator workbench'],
  'view.scenarios': ['情景管理', 'Scenarios'],
  'view.compare': ['情景对比', 'Compare scenarios'],
  'view.data': ['数据', 'Data'],
  'view.settings': ['设置', 'Settings'],
  togglefullscreen: ['全屏', 'Full screen'],
  resetZoom: ['实际大小', 'Actual size'],
  zoomIn: ['放大', 'Zoom in'],
  zoomOut: ['缩小', 'Zoom out'],
  reload: ['重新加载', 'Reload'],
  forceReload: ['强制重新加载', 'Force reload'],
  toggleDevTools: ['开发者工具', 'Developer tools'],
  'help.about': ['关于(&A)', '&About'],
  'help.docs': ['使用说明(&D)', 'User &guide'],
  'help.method': ['方法说明(&M)', '&Methodology'],
  hide: ['隐藏', 'Hide'],
  hideOthers: ['隐藏其他', 'Hide others'],
  unhide: ['全部显示', 'Show all'],
  services: ['服务', 'Services'],
  quitMac: ['退出', 'Quit'],
} as const;

export type MenuLabelKey = keyof typeof MENU_LABELS;

export function buildMenuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const i = opts.language === 'zh-CN' ? 0 : 1;
  const mac = opts.platform === 'darwin';
  const label = (key: MenuLabelKey): string => MENU_LABELS[key][i];
  const action = (id: MenuAction): MenuItemConstructorOptions => ({
    id,
    label: label(id),
    accelerator: MENU_SHORTCUTS[id],
    click: () => opts.send(id),
  });
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: opts.appName,
      submenu: [
        action('help.about'),
        sep,
        action('view.settings'),
        sep,
        { role: 'services', label: label('services') },
        sep,
        { role: 'hide', label: label('hide') },
        { role: 'hideOthers', label: label('hideOthers') },
        { role: 'unhide', label: label('unhide') },
        sep,
        { role: 'quit', label: label('quitMac') },
      ],
    });
  }
  template.push({
    label: label('file'),
    submenu: [
      action('scenario.new'),
      action('file.import'),
      action('file.exportBriefing'),
      sep,
      action('db.backup'),
      ...(mac ? [] : [sep, { role: 'quit', label: label('quit') } as MenuItemConstructorOptions]),
    ],
  });
  template.push({
    label: label('edit'),
    submenu: [
      action('edit.undo'),
      action('edit.redo'),
      sep,
      { role: 'cut', label: label('cut') },
      { role: 'copy', label: label('copy') },
      { role: 'paste', label: label('paste') },
      { role: 'selectAll', label: label('selectAll') },
    ],
  });
  const dev: MenuItemConstructorOptions[] = opts.isPackaged
    ? []
    : [
        sep,
        { role: 'reload', label: label('reload') },
        { role: 'forceReload', label: label('forceReload') },
        { role: 'toggleDevTools', label: label('toggleDevTools') },
      ];
  template.push({
    label: label('view'),
    submenu: [
      action('view.scoreboard'),
      action('view.workbench'),
      action('view.scenarios'),
      action('view.compare'),
      action('view.data'),
      ...(mac ? [] : [action('view.settings')]),
      sep,
      { role: 'togglefullscreen', label: label('togglefullscreen') },
      { role: 'resetZoom', label: label('resetZoom') },
      { role: 'zoomIn', label: label('zoomIn') },
      { role: 'zoomOut', label: label('zoomOut') },
      ...dev,
    ],
  });
  template.push({
    label: label('help'),
    role: 'help',
    submenu: [action('help.docs'), action('help.method'), ...(mac ? [] : [sep, action('help.about')])],
  });
  return template;
}
