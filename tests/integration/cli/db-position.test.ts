/**
 * `--db` (and the other common options) may come before or after the command, as users type it:
 * `cli --db FILE targets` and `cli targets --db FILE` open the same database. Real process, real SQLite.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let db: string;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-cli-db-'));
  db = path.join(dir, 'first.sqlite');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cli --db position', () => {
  it('takes --db before the command and opens that file', () => {
    const r = cli('--db', db, 'scenarios', 'list', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(db)).toBe(true);
    const list = JSON.parse(r.stdout) as { name: string }[];
    expect(list.some((s) => s.name === '基准情景')).toBe(true);
  });

  it('takes --db=FILE and --json before the command, same result as after it', () => {
    const before = cli(`--db=${db}`, '--json', 'targets');
    const after = cli('targets', '--json', '--db', db);
    expect(before.code, before.stderr).toBe(0);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual(JSON.parse(after.stdout));
  });

  it('a scenario created through one position is seen through the other', () => {
    const other = path.join(dir, 'second.sqlite');
    const made = cli('--db', other, 'reforecast', '--scenario', '基准情景', '--name', '前置参数测试');
    expect(made.code, made.stderr).toBe(0);
    const list = cli('scenarios', 'list', '--json', '--db', other);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { name: string }[]).map((s) => s.name)).toContain('前置参数测试');
    // And not in the first database: --db really chose the file.
    const first = cli('--db', db, 'scenarios', 'list', '--json');
    expect((JSON.parse(first.stdout) as { name: string }[]).map((s) => s.name)).not.toContain('前置参数测试');
  });

  it('an option that belongs to a command is still refused before it', () => {
    const r = cli('--scenario', '基准情景', 'project', '--db', db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--scenario');
  });
});
