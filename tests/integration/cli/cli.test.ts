/**
 * The CLI as a user runs it: a real process (tsx), a real SQLite file in a temp folder.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let db: string;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args, '--db', db], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-cli-'));
  db = path.join(dir, 'studio.sqlite');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cli', () => {
  it('targets --json prints the catalog with the documented fields', () => {
    const r = cli('targets', '--json');
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(list.length).toBeGreaterThanOrEqual(60);
    for (const t of list) {
      for (const key of [
        'id',
        'name',
        'name_en',
        'section',
        'unit',
        'kind',
        'comparator',
        'target',
        'target_year',
        'base_year',
        'responsible',
      ]) {
        expect(t, `${String(t.id)} lacks ${key}`).toHaveProperty(key);
      }
      expect(['>=', '>', '<=', '<', '=', '~', 'range']).toContain(t.comparator);
      expect(Array.isArray(t.responsible)).toBe(true);
      expect(t.base_year).toBe(2023);
    }
    const steel = list.find((t) => String(t.name).includes('精品钢'));
    expect(steel).toMatchObject({ kind: 'level', target: 700, unit: '亿元', target_year: 2026 });
    const energy = list.find((t) => t.kind === 'reduction' && String(t.name).includes('能耗') && String(t.section) === 'preamble');
    expect(energy).toMatchObject({ target: 10 });
    const range = list.find((t) => t.kind === 'range');
    expect(range?.target).toEqual([1, 2]);
  });

  it('project --scenario NAME --json prints every indicator with values, gap, growth and status', () => {
    const r = cli('project', '--scenario', '基准情景', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ scenario: '基准情景', base_year: 2023, target_year: 2026 });
    expect(out.indicators.length).toBeGreaterThanOrEqual(60);
    for (const i of out.indicators) {
      expect(['achieved_early', 'ahead', 'on_track', 'lagging', 'no_data']).toContain(i.status);
      expect(typeof i.assumed).toBe('boolean');
      expect(i).toHaveProperty('required_growth');
      expect(i).toHaveProperty('assumed_growth');
      for (const v of Object.values(i.values as Record<string, number>)) expect(Number.isFinite(v)).toBe(true);
    }
    const steel = out.indicators.find((i: { name: string }) => i.name.includes('精品钢'));
    expect(Object.keys(steel.values)).toContain('2026');
    expect(steel.projected).toBeCloseTo(steel.values['2026'], 6);
    expect(steel.gap_year).toBe(2026);
    // an annual flow judged every year: the gap is the year it misses in
    const reno = out.indicators.find((i: { id: string }) => i.id === 'tech_renovation_projects');
    const missed = Object.entries(reno.values as Record<string, number>).filter(([y, v]) => Number(y) > 2023 && v < 100);
    expect(missed.length).toBeGreaterThan(0);
    const [worstYear, worstValue] = missed.reduce((a, b) => (b[1] < a[1] ? b : a));
    expect(reno.gap_year).toBe(Number(worstYear));
    expect(reno.gap).toBeCloseTo(100 - worstValue, 9);
    // the verdict line of the screens, in both languages; projects counted whole (差2项 for 1.2 short)
    expect(reno.verdict_zh).toBe(
      `滞后：2026年预计${Math.floor(reno.projected)}项，${worstYear}年距目标差${Math.ceil(100 - worstValue - 1e-9)}项`,
    );
    expect(reno.verdict_en).toMatch(/^lagging/);
    expect(steel.verdict_zh).toMatch(/^滞后：2026年预计635\.2亿元，距目标差64\.8亿元/);
  });

  it('project without --json prints each indicator with the figures and the verdict line the screens show', () => {
    const r = cli('project', '--scenario', '基准情景');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(cli('project', '--scenario', '基准情景', '--json').stdout);
    const reno = json.indicators.find((i: { id: string }) => i.id === 'tech_renovation_projects');
    const line = r.stdout.split('\n').find((l) => l.startsWith('每年实施重点技术改造项目'))!;
    expect(line).toContain(`预计 ${Math.floor(reno.projected)}项`);
    expect(line).toContain('目标 每年100项以上');
    expect(line).toContain(reno.verdict_zh);
    // never a fraction of a project, in the figure or the gap
    expect(line).not.toMatch(/\d\.\d项/);
  });

  it('scenarios list, export, import (keeping both on a name clash) and diff', () => {
    const list = JSON.parse(cli('scenarios', 'list', '--json').stdout) as { name: string }[];
    expect(list.map((s) => s.name)).toEqual(expect.arrayContaining(['基准情景', '乐观情景', '保守情景']));

    const created = cli(
      'call',
      'scenarios:create',
      JSON.stringify({
        name: '钢铁提速',
        parent_id: 'stretch',
        assumptions: [{ series: 'gdp_nominal', model: { type: 'cagr', rate: 0.08 }, rationale: '测试：假设名义GDP增长8%' }],
      }),
    );
    expect(created.code, created.stderr).toBe(0);

    const file = path.join(dir, 'steel.xnps.json');
    const exp = cli('scenarios', 'export', '钢铁提速', '--out', file);
    expect(exp.code, exp.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).format).toBe('xianning-plan-studio/scenario');

    const imp = cli('scenarios', 'import', file, '--json');
    expect(imp.code, imp.stderr).toBe(0);
    const result = JSON.parse(imp.stdout);
    expect(result.renamed).toEqual([{ from: '钢铁提速', to: expect.stringContaining('钢铁提速') }]);
    expect(result.renamed[0].to).not.toBe('钢铁提速');
    const after = JSON.parse(cli('scenarios', 'list', '--json').stdout) as { name: string }[];
    expect(after.length).toBe(list.length + 2);
    expect(after.filter((s) => s.name.startsWith('钢铁提速')).length).toBe(2);

    const diff = cli('scenarios', 'diff', '基准情景', '钢铁提速', '--json');
    expect(diff.code, diff.stderr).toBe(0);
    const d = JSON.parse(diff.stdout);
    expect(d.assumptions.map((x: { series: string }) => x.series)).toContain('gdp_nominal');
    expect(d.effects.some((e: { changed: boolean }) => e.changed)).toBe(true);
  });

  it('project accepts a scenario file path', () => {
    const file = path.join(dir, 'steel.xnps.json');
    const r = cli('project', '--scenario', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const viaFile = JSON.parse(r.stdout);
    const viaName = JSON.parse(cli('project', '--scenario', '钢铁提速', '--json').stdout);
    const viaStretch = JSON.parse(cli('project', '--scenario', '乐观情景', '--json').stdout);
    expect(viaFile.indicators.map((i: { projected: number }) => i.projected)).not.toEqual(
      viaStretch.indicators.map((i: { projected: number }) => i.projected),
    );
    expect(viaFile.indicators.map((i: { projected: number }) => i.projected)).toEqual(
      viaName.indicators.map((i: { projected: number }) => i.projected),
    );
  });

  it('explains bad arguments and unknown names in both languages', () => {
    const unknown = cli('project', '--scenario', '不存在的情景');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('找不到情景');
    expect(unknown.stderr).toContain('No scenario named');

    const flag = cli('targets', '--bogus');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--bogus');

    const cmd = cli('frobnicate');
    expect(cmd.code).toBe(2);

    const notJson = path.join(dir, 'bad.json');
    fs.writeFileSync(notJson, '{ not json');
    const imp = cli('scenarios', 'import', notJson);
    expect(imp.code).toBe(1);
    expect(imp.stderr).toMatch(/JSON/);
    const list = JSON.parse(cli('scenarios', 'list', '--json').stdout) as unknown[];
    expect(list.length).toBe(5);
  });

  it('export --scenario A --scenario B writes the briefing workbook and PDF comparing them', async () => {
    const xlsx = path.join(dir, 'pack.xlsx');
    const pdf = path.join(dir, 'pack.pdf');
    const r = cli('export', '--scenario', '基准情景', '--scenario', '乐观情景', '--xlsx', xlsx, '--pdf', pdf, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).map((w: { format: string }) => w.format)).toEqual(['xlsx', 'pdf']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const summary = wb.worksheets[0];
    const text = JSON.stringify(summary.getSheetValues());
    expect(text).toContain('基准情景');
    expect(text).toContain('乐观情景');
    const pdfText = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(pdfText).toContain('汇报材料');
    expect(pdfText).toContain('金盛兰精品钢');
    const bad = cli('export', '--scenario', '基准情景');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--xlsx');
  }, 120_000);
});
