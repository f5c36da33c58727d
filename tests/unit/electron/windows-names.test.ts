import { describe, expect, it } from 'vitest';
import { resolveAppFile } from '../../../electron/main/app-protocol';
import { sanitizeFileName } from '../../../electron/main/dialog-requests';
import { isWindowsDeviceName } from '../../../electron/main/windows-names';

const DEVICES = [
  'con',
  'CON',
  'Con',
  'prn',
  'aux',
  'nul',
  'NUL.txt',
  'nul.tar.gz',
  'con .txt',
  'com1',
  'COM9.js',
  'com¹',
  'lpt1',
  'LPT9.html',
  'lpt³.css',
  'conin$',
  'CONOUT$.log',
];
const NOT_DEVICES = ['console.js', 'null.js', 'contact.html', 'com10', 'lpt', 'auxiliary.css', 'index.html', 'connect', 'nul_', 'a.con'];

describe('isWindowsDeviceName', () => {
  it.each(DEVICES)('%s is a device', (name) => expect(isWindowsDeviceName(name)).toBe(true));
  it.each(NOT_DEVICES)('%s is not', (name) => expect(isWindowsDeviceName(name)).toBe(false));
});

describe('the app protocol and the file dialogs agree (one function)', () => {
  const root = '/srv/renderer';
  it.each(DEVICES)('app://studio refuses %s, as a file and as a folder', (name) => {
    const enc = encodeURIComponent(name);
    expect(resolveAppFile(root, `app://studio/${enc}`)).toBeNull();
    expect(resolveAppFile(root, `app://studio/assets/${enc}`)).toBeNull();
    expect(resolveAppFile(root, `app://studio/${enc}/index.js`)).toBeNull();
  });
  it.each(DEVICES)('the save dialog renames %s', (name) => {
    expect(sanitizeFileName(name)).toBe(`_${name.trim()}`);
  });
  it('ordinary names still resolve', () => {
    expect(resolveAppFile(root, 'app://studio/assets/console.js')).toBe('/srv/renderer/assets/console.js');
    expect(resolveAppFile(root, 'app://studio/null.js')).toBe('/srv/renderer/null.js');
  });
});
