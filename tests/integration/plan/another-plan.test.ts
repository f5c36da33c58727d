/**
 * The plan is data: another plan (built here from an Excel indicator table, as a planner would
 * for the next plan or another city) loads, becomes active with its own database, survives a
 * restart, and the bundled plan comes back with its scenarios intact. A malformed plan changes
 * nothing and its errors name the field.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('plan');
const call = fx.call;
const raw = fx.env;

/** The planner's table; row 4 has a target that is not a number unless `fixed`. */
async function indicatorTable(fixed = false): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标表');
  ws.addRow(['序号', '目标值', '指标', '计量单位', '2023年基数', '完成年限', '牵头单位']);
  ws.addRow([1, 5000, '地区生产总值', '亿元', 4200, 2028, '市发改委']);
  ws.addRow([2, '30%以上', '数字经济占比', '%', 22, 2028, '市经信局、市政数局']);
  ws.addRow([3, fixed ? 50 : 'abc', fixed ? '省级研发平台' : '坏的一行', '家', 1, 2028, '市科技局']);
  ws.addRow([4, 120, '高新技术企业', '家', 80, 2028, '市科技局']);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('another plan, from an Excel indicator table', () => {
  let imported: unknown;

  it('reads the table and guesses the column mapping (step 1)', async () => {
    const content = await indicatorTable();
    const r = await call('plan:importTable', { content_base64: content });
    expect(r.headers).toEqual(['序号', '目标值', '指标', '计量单位', '2023年基数', '完成年限', '牵头单位']);
    expect(r.row_count).toBe(4);
    expect(r.result).toBeNull();
    expect(r.mapping.name).toBe(2);
    expect(r.mapping.target).toBe(1);
  });

  it('refuses the table with a bad row, naming it, and builds no plan (step 2, all or nothing)', async () => {
    const r = await call('plan:importTable', {
      content_base64: await indicatorTable(),
      mapping: { name: 2, unit: 3, base_value: 4, target: 1, target_year: 5, responsible: 6 },
      plan_id: 'other_city_2026_2028',
      title_zh: '某市三年行动方案(2026—2028年)',
      base_year: 2025,
    });
    expect(r.result?.ok).toBe(false);
    expect(r.result?.plan).toBeNull();
    expect(r.result?.rejected.map((x) => [x.row, x.name])).toEqual([[4, '坏的一行']]);
    expect(r.result?.rejected[0]!.reasons_zh).toEqual(['第4行「目标值」列(B列):目标值“abc”不是数字']);
    expect(r.result?.rejected[0]!.reasons_en).toEqual(['row 4, target column (B, "目标值"): the target "abc" is not a number']);
    expect(r.result?.errors[0]!.message_zh).toContain('表中有 1 行有误，未生成规划');
    expect(r.result?.errors[0]!.message_en).toContain('1 row of the table has errors, so no plan was built');
  });

  it('builds a valid plan of every row from the corrected table (step 2)', async () => {
    const r = await call('plan:importTable', {
      content_base64: await indicatorTable(true),
      mapping: { name: 2, unit: 3, base_value: 4, target: 1, target_year: 5, responsible: 6 },
      plan_id: 'other_city_2026_2028',
      title_zh: '某市三年行动方案(2026—2028年)',
      base_year: 2025,
    });
    expect(r.result?.ok).toBe(true);
    expect(r.result?.plan?.targets.length).toBe(4);
    expect(r.result?.rejected).toEqual([]);
    imported = r.result?.plan;
  });

  it('activates the plan with its own database; the catalog and projections follow it', async () => {
    const info = await call('plan:activate', { content: imported });
    expect(info.plan_id).toBe('other_city_2026_2028');
    expect(info.db_path).toBe(path.join(fx.dir(), 'other_city_2026_2028.sqlite'));
    const catalog = await call('plan:catalog', {});
    expect(catalog.map((t) => t.name)).toEqual(['地区生产总值', '数字经济占比', '省级研发平台', '高新技术企业']);
    const digital = catalog.find((t) => t.name === '数字经济占比')!;
    expect(digital).toMatchObject({ target: 30, comparator: '>=', target_year: 2028 });
    const scenarios = await call('scenarios:list', {});
    expect(scenarios.length).toBeGreaterThan(0);
    const p = await call('projection:run', { id: scenarios[0].id });
    expect(p.targets.length).toBe(4);
  });

  it('stays active after a restart, and the bundled plan comes back with its scenarios', async () => {
    fx.close();
    fx.reopen();
    expect(fx.api().plan.id).toBe('other_city_2026_2028');
    const back = await call('plan:activate', { default: true });
    expect(back.plan_id).toBe('xianning_nqpf_2024_2026');
    expect(back.db_path).toBe(fx.dbPath());
    expect((await call('scenarios:list', {})).map((s) => s.name)).toContain('基准情景');
  });

  it('refuses a malformed plan, naming the field, and changes nothing', async () => {
    const bad = { ...(imported as Record<string, unknown>), targets: [{ id: 'Bad Id', kind: 'level' }] };
    const env = await raw('plan:activate', { content: bad });
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.error.message_zh).toMatch(/targets\[0\]/);
      expect(env.error.message_en).toMatch(/targets\[0\]/);
    }
    expect(fx.api().plan.id).toBe('xianning_nqpf_2024_2026');
    expect((await call('app:info', {})).plan_id).toBe('xianning_nqpf_2024_2026');
  });

  it('cli --plan FILE loads a plan file; a broken one is refused with the field named', () => {
    const good = path.join(fx.dir(), 'other.plan.json');
    fs.writeFileSync(good, JSON.stringify(imported));
    const ok = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', 'targets', '--json', '--plan', good, '--db', path.join(fx.dir(), 'cli.sqlite')],
      { encoding: 'utf8' },
    );
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).map((t: { name: string }) => t.name)).toContain('高新技术企业');

    const broken = path.join(fx.dir(), 'broken.plan.json');
    fs.writeFileSync(broken, JSON.stringify({ ...(imported as Record<string, unknown>), base_year: 'x' }));
    const bad = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', 'targets', '--plan', broken, '--db', path.join(fx.dir(), 'cli2.sqlite')],
      { encoding: 'utf8' },
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('base_year');
    expect(fs.existsSync(path.join(fx.dir(), 'cli2.sqlite'))).toBe(false);
  });
});
