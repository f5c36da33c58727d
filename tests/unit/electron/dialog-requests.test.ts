import { describe, expect, it } from 'vitest';
import {
  checkOpenedFileSize,
  checkOpenFileRequest,
  checkSaveFileRequest,
  extensionOf,
  filtersFor,
  MAX_FILE_BYTES,
  sanitizeFileName,
} from '../../../electron/main/dialog-requests';

describe('sanitizeFileName', () => {
  it.each([
    ['咸宁情景汇报-2025.xlsx', '咸宁情景汇报-2025.xlsx'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Windows\\evil.exe', 'evil.exe'],
    ['a<b>c:d"e|f?g*h.json', 'a_b_c_d_e_f_g_h.json'],
    ['bad\u0000name\n.txt', 'bad_name_.txt'],
    ['.hidden', 'hidden'],
    ['trailing. . ', 'trailing'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['', 'export'],
    ['...', 'export'],
  ])('%j -> %j', (input, out) => expect(sanitizeFileName(input)).toBe(out));

  it('caps long names and keeps the extension', () => {
    const out = sanitizeFileName(`${'情'.repeat(500)}.xlsx`);
    expect(out.length).toBeLessThanOrEqual(200);
    expect(out.endsWith('.xlsx')).toBe(true);
  });
});

describe('checkSaveFileRequest', () => {
  it('accepts text and bytes', () => {
    const text = checkSaveFileRequest({ defaultName: '情景.json', content: '{"a":"中"}' });
    expect(text).toEqual({
      ok: true,
      value: { defaultName: '情景.json', extension: 'json', data: '{"a":"中"}', bytes: Buffer.byteLength('{"a":"中"}') },
    });
    const bytes = checkSaveFileRequest({ defaultName: 'a.xlsx', content: new Uint8Array([1, 2, 3]) });
    expect(bytes.ok && bytes.value.bytes).toBe(3);
  });

  it('counts UTF-8 bytes, surrogate pairs included', () => {
    const r = checkSaveFileRequest({ defaultName: 'a.txt', content: 'a中😀' });
    expect(r.ok && r.value.bytes).toBe(Buffer.byteLength('a中😀', 'utf8'));
  });

  it('refuses more than 50 MB', () => {
    const r = checkSaveFileRequest({ defaultName: 'a.bin', content: new Uint8Array(MAX_FILE_BYTES + 1) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.code).toBe('too_large');
    const ok = checkSaveFileRequest({ defaultName: 'a.bin', content: new Uint8Array(MAX_FILE_BYTES) });
    expect(ok.ok).toBe(true);
    const text = checkSaveFileRequest({ defaultName: 'a.txt', content: '中'.repeat(MAX_FILE_BYTES / 3 + 1) });
    expect(text.ok).toBe(false);
  });

  it.each([
    ['null', null],
    ['a string', 'x'],
    ['no name', { content: 'x' }],
    ['empty name', { defaultName: '', content: 'x' }],
    ['number content', { defaultName: 'a.txt', content: 5 }],
    ['object content', { defaultName: 'a.txt', content: { length: 1 } }],
    ['array content', { defaultName: 'a.txt', content: [1, 2] }],
    ['unknown field', { defaultName: 'a.txt', content: 'x', path: '/etc/passwd' }],
  ])('refuses %s', (_why, req) => expect(checkSaveFileRequest(req).ok).toBe(false));
});

describe('checkOpenFileRequest', () => {
  it('normalises extensions', () => {
    expect(checkOpenFileRequest({ extensions: ['JSON', 'xlsx', 'json'] })).toEqual({ ok: true, value: { extensions: ['json', 'xlsx'] } });
  });
  it.each([
    ['no extensions', { extensions: [] }],
    ['too many', { extensions: Array.from({ length: 11 }, (_, i) => `e${i}`) }],
    ['dot', { extensions: ['.json'] }],
    ['wildcard', { extensions: ['*'] }],
    ['path', { extensions: ['../x'] }],
    ['not a list', { extensions: 'json' }],
    ['unknown field', { extensions: ['json'], defaultPath: '/etc' }],
    ['null', null],
  ])('refuses %s', (_why, req) => expect(checkOpenFileRequest(req).ok).toBe(false));
});

describe('helpers', () => {
  it('checks opened file sizes', () => {
    expect(checkOpenedFileSize(MAX_FILE_BYTES).ok).toBe(true);
    expect(checkOpenedFileSize(MAX_FILE_BYTES + 1).ok).toBe(false);
    expect(MAX_FILE_BYTES).toBe(50 * 1024 * 1024);
  });
  it('extracts plain extensions', () => {
    expect(extensionOf('a.XLSX')).toBe('xlsx');
    expect(extensionOf('noext')).toBeNull();
    expect(extensionOf('.hidden')).toBeNull();
    expect(extensionOf('a.x y')).toBeNull();
  });
  it('builds bilingual filters', () => {
    expect(filtersFor(['xlsx'], 'zh-CN')).toEqual([{ name: 'Excel 工作簿', extensions: ['xlsx'] }]);
    expect(filtersFor(['json', 'xlsx'], 'en')[0]).toEqual({ name: 'Supported files', extensions: ['json', 'xlsx'] });
  });
});
