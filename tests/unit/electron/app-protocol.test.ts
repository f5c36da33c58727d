import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAppFile, resolveAppFileOnDisk } from '../../../electron/main/app-protocol';

let tmp: string;
let root: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'app-protocol-'));
  root = path.join(tmp, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', '中文 名.css'), 'body{}');
  writeFileSync(path.join(tmp, 'secret.txt'), 'secret');
  try {
    symlinkSync(path.join(tmp, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  } catch {
    // symlinks may need privileges on Windows; the on-disk test below then checks nothing extra
  }
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('resolveAppFile', () => {
  it('maps app://studio paths into the renderer folder', () => {
    expect(resolveAppFile(root, 'app://studio/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://studio/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, 'app://studio/assets/index-abc.js?v=1#x')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, 'app://studio/assets/%E4%B8%AD%E6%96%87%20%E5%90%8D.css')).toBe(path.join(root, 'assets', '中文 名.css'));
  });

  it('serves index.html for the root and for client-side routes', () => {
    expect(resolveAppFile(root, 'app://studio/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://studio')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://studio/compare')).toBe(path.join(root, 'index.html'));
  });

  it.each([
    ['dot-dot', 'app://studio/../secret.txt'],
    ['dot-dot inside', 'app://studio/assets/../../secret.txt'],
    ['encoded slash ..%2f', 'app://studio/..%2fsecret.txt'],
    ['encoded slash ..%2F', 'app://studio/assets/..%2F..%2Fsecret.txt'],
    ['encoded dots', 'app://studio/%2e%2e/secret.txt'],
    ['encoded dots and slash', 'app://studio/%2e%2e%2fsecret.txt'],
    ['encoded backslash', 'app://studio/..%5csecret.txt'],
    ['encoded backslash upper', 'app://studio/assets%5C..%5C..%5Csecret.txt'],
    ['raw backslash', 'app://studio/..\\secret.txt'],
    ['double encoding', 'app://studio/%252e%252e/secret.txt'],
    ['NUL', 'app://studio/index.html%00.png'],
    ['absolute unix path', 'app://studio//etc/passwd'],
    ['absolute path, encoded', 'app://studio/%2fetc%2fpasswd'],
    ['drive letter', 'app://studio/C:/Windows/win.ini'],
    ['drive letter, encoded colon', 'app://studio/C%3A/Windows/win.ini'],
    ['alternate data stream', 'app://studio/index.html::$DATA'],
    ['UNC path', 'app://studio/\\\\server\\share\\x.txt'],
    ['trailing dot', 'app://studio/index.html.'],
    ['malformed encoding', 'app://studio/%E4%B8.js'],
    ['another host', 'app://other/index.html'],
    ['host with port', 'app://studio:1/index.html'],
    ['credentials', 'app://a:b@studio/index.html'],
    ['other scheme', 'file:///etc/passwd'],
    ['https', 'https://studio/index.html'],
    ['not a URL', 'index.html'],
  ])('rejects %s', (_why, url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('never returns a path outside the root', () => {
    const tries = ['..', '%2e.', '.%2e', '%2E%2E', '...', '..;', '..%00', '..%c0%af', '..%ef%bc%8f'];
    for (const t of tries) {
      for (const url of [`app://studio/${t}/secret.txt`, `app://studio/assets/${t}/${t}/secret.txt`]) {
        const out = resolveAppFile(root, url);
        if (out !== null) expect(path.relative(root, out).startsWith('..'), url).toBe(false);
      }
    }
  });
});

describe('resolveAppFileOnDisk', () => {
  it('finds existing files only', async () => {
    expect(await resolveAppFileOnDisk(root, 'app://studio/assets/index-abc.js')).toMatch(/index-abc\.js$/);
    expect(await resolveAppFileOnDisk(root, 'app://studio/assets/missing.js')).toBeNull();
    expect(await resolveAppFileOnDisk(root, 'app://studio/assets.x')).toBeNull();
  });

  it('refuses a symlink that points outside the root', async () => {
    expect(await resolveAppFileOnDisk(root, 'app://studio/assets/link.txt')).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('knows the built renderer file types', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
