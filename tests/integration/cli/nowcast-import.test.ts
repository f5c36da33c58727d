/**
 * `nowcast import` as a user runs it (a real process, a real SQLite file): a sheet laid out as the
 * bulletin prints it is checked with --dry-run (what would be stored, by Chinese name; nothing
 * written), a single quarter given with --period is refused with the reason and each message
 * names its row once, and the import then stores the rows.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulletinXlsx } from '../../fixtures/ytd/bulletin';

let dir: string;
let db: string;
let file: string;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args, '--db', db], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-cli-ytd-'));
  db = path.join(dir, 'studio.sqlite');
  file = path.join(dir, '2026年1-10月主要经济指标.xlsx');
  fs.writeFileSync(file, await bulletinXlsx(undefined, '2026年1-10月主要经济指标'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cli nowcast import', () => {
  it('--dry-run lists what would be stored and writes nothing; --period 三季度 is refused; the import stores', { timeout: 120_000 }, () => {
    const dry = cli('nowcast', 'import', file, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('期间 / period: 2026年1-10月');
    expect(dry.stdout).toContain('将导入 4 条（未写入）');
    expect(dry.stdout).toContain('第3行 规上工业增加值(现价) 2026年1-10月 612.4亿元 增长7.2%');
    const ytdStored = () => {
      const out = JSON.parse(cli('call', 'actuals:list', '{}').stdout) as { value?: { period: string }[] } | { period: string }[];
      const list = Array.isArray(out) ? out : (out.value ?? []);
      return list.filter((a) => /^\d{4}-\d{2}$/.test(a.period));
    };
    expect(ytdStored()).toEqual([]);

    const q = cli('nowcast', 'import', file, '--period', '2026年三季度');
    expect(q.code).not.toBe(0);
    expect(q.stderr).toMatch(/三季度.*1-9月/);

    const done = cli('nowcast', 'import', file);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('已导入 4 条');
    expect(ytdStored()).toHaveLength(4);
  });

  it('a refused row is named once, by its row and column', { timeout: 60_000 }, async () => {
    const bad = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(bad, await bulletinXlsx([['进出口总额', '万元', 953000, 12.1]], '2026年1-11月主要经济指标', '1-11月累计'));
    const r = cli('nowcast', 'import', bad);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('第3行 B列“计量单位”');
    expect(r.stderr).not.toMatch(/第3行 \w+：第3行/);
    expect(r.stderr).not.toContain('trade_total');
  });
});
