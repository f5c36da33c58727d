/**
 * Every import is all or nothing (issue 16 item 4), through the real API on a fresh SQLite file:
 * a file with one bad row among good ones stores nothing (the database's every row compared
 * before and after), and the same file corrected stores every row. One test per import: the
 * annual actuals (数据 → 导入), the 1-N月 figures (统计月报), a collection return (数据征集), a
 * workspace file (情景管理 → 导入) and the indicator table (另一份规划, which never writes and
 * builds no plan). The actuals import names the line and the column of every error, an
 * implausible value included, on the dry run as on the real one.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dispatch, type Channel, type Req } from '../../../contract';
import { COLLECT_COLUMNS } from '../../../models/collect';
import { fingerprint } from '../../faults/helpers';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('all-or-nothing');
const call = fx.call;
const db = () => fingerprint(fx.api().store.db);

async function refusal<C extends Channel>(channel: C, req: Req<C>) {
  const env = await dispatch(fx.api().handlers, channel, req, { host: 'cli' });
  if (env.ok) throw new Error(`${channel}: expected a refusal, got ${JSON.stringify(env.value).slice(0, 300)}`);
  return env.error;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const MAPPING = {
  series: 0,
  period: 1,
  value: 2,
  value_kind: -1,
  source_title: 3,
  source_url: -1,
  source_date: -1,
  reliability: -1,
  vintage: -1,
  note: -1,
};
const actualsReq = (lines: string[], extra: { dry_run?: boolean; confirm?: boolean } = {}) => ({
  content_base64: b64(['指标,期间,数值,来源', ...lines].join('\r\n')),
  file_name: '补录.csv',
  data_from_line: 2,
  mapping: MAPPING,
  source_title: '市统计局',
  reliability: 'official' as const,
  ...extra,
});

describe('actuals:import (数据 → 导入)', () => {
  const good = ['金盛兰精品钢产值,2024,560,月报', '高新技术企业,2024,850,名单'];

  it('one bad row of each kind: nothing stored, each named by line and column, on the dry run and the real run', async () => {
    const before = db();
    const lines = [
      ...good,
      '不存在的指标,2024,12,月报', // 4: unknown indicator (A)
      '高新技术企业,2024年13月,12,月报', // 5: bad period (B)
      '高新技术企业,2031,700,月报', // 6: a year after the plan (B)
      '行政村5G通达率,2024,130,月报', // 7: 130%, bounded 0–100 (C)
      '金盛兰精品钢产值,2024,570,月报', // 8: the same indicator and period as line 2 (A, B)
      '金盛兰精品钢产值,2025,−590,月报', // 9: negative (C)
    ];
    for (const dry_run of [true, false]) {
      const r = await call('actuals:import', actualsReq(lines, { dry_run }));
      expect(r.stored).toBe(0);
      expect(r.valid).toBe(2);
      expect(r.rejected_count).toBe(6);
      expect(r.rejected.map((x) => [x.line, x.reasons.map((q) => [q.code, q.column])])).toEqual([
        [4, [['unknown_series', 'A']]],
        [5, [['bad_period', 'B']]],
        [6, [['implausible', 'B']]],
        [7, [['implausible', 'C']]],
        [8, [['duplicate', 'A']]],
        [9, [['implausible', 'C']]],
      ]);
      const implausible = r.rejected.flatMap((x) => x.reasons).filter((q) => q.code === 'implausible');
      expect(implausible.map((q) => (q.code === 'implausible' ? q.message_zh : ''))).toEqual([
        '高新技术企业（第6行 B列“期间”）：年份 2031 不在规划期内，允许 2009–2026 年',
        '行政村5G通达率（第7行 C列“数值”）：130% 超出允许范围，允许 0–100%',
        '金盛兰精品钢产值（第9行 C列“数值”）：-590亿元 不能为负数，允许 不小于 0亿元',
      ]);
      expect(r.rejected[4]!.reasons[0]).toEqual({ code: 'duplicate', other: 2, column: 'A', period_column: 'B' });
    }
    expect(db()).toEqual(before);
  });

  it('a mapping without a required column is refused, naming it', async () => {
    const before = db();
    const e = await refusal('actuals:import', { ...actualsReq(good), mapping: { ...MAPPING, period: -1 } });
    expect(e.code).toBe('invalid');
    expect(e.message_zh).toBe('列对应关系缺少必需的列：期间，未导入任何数据');
    expect(e.message_en).toBe('The column mapping lacks required columns: period; nothing was imported');
    expect(db()).toEqual(before);
  });

  it('the corrected file stores every row', async () => {
    const before = db().actuals;
    const r = await call('actuals:import', actualsReq(good));
    expect(r).toMatchObject({ stored: 2, rejected_count: 0 });
    expect(db().actuals).toBe(before + 2);
  });
});

describe('nowcast:import (统计月报 1-N月)', () => {
  const sheet = (rows: string[]) => b64(['指标,年份,月份,累计值,来源,发布日期', ...rows].join('\r\n'));
  const good = ['金盛兰精品钢产值,2026,3,132,市统计局月报,2026-04-20', '金盛兰精品钢产值,2026,6,288,市统计局月报,2026-07-20'];

  it('one bad row: nothing stored, the row and column named', async () => {
    const before = db();
    for (const dry_run of [true, false]) {
      const r = await call('nowcast:import', {
        kind: 'csv',
        dry_run,
        content_base64: sheet([...good, '不存在的指标,2026,9,400,市统计局月报,2026-10-20']),
      });
      expect(r.stored).toBe(0);
      expect(r.errors.map((x) => x.row)).toEqual([4]);
      expect(r.errors[0]!.message_zh).toContain('第4行');
      expect(r.preview).toEqual([]);
    }
    expect(db()).toEqual(before);
  });

  it('an implausible row (a year after the plan) is refused whole', async () => {
    const before = db();
    const e = await refusal('nowcast:import', {
      kind: 'csv',
      content_base64: sheet([...good, '高新技术企业,2031,9,700,市统计局月报,2031-10-20']),
    });
    expect(e.code).toBe('implausible');
    expect(e.message_zh).toContain('高新技术企业');
    expect(e.message_zh).toContain('2031');
    expect(db()).toEqual(before);
  });

  it('the corrected sheet stores every row', async () => {
    const r = await call('nowcast:import', { kind: 'csv', content_base64: sheet(good) });
    expect(r.errors).toEqual([]);
    expect(r.stored).toBeGreaterThanOrEqual(2);
  });
});

describe('collect:import (数据征集)', () => {
  const HEADER_ROW = 6;
  const col = (key: string) => COLLECT_COLUMNS.findIndex((c) => c.key === key) + 1;
  let round = '';

  /** The unit's return: the round's workbook with the GDP figures filled in. */
  async function filled(figures: Record<string, string | number>): Promise<string> {
    if (!round) {
      const r = await call('collect:createRound', {
        name: '2026年11月征集',
        contact: '王五',
        phone: '0715-8000000',
        return_date: '2026-11-30',
        ytd_month: 10,
        units: ['市统计局'],
      });
      round = r.id;
    }
    const out = await call('collect:export', { round_id: round });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.files[0]!.content_base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('填报')!;
    ws.getCell(3, 7).value = '钱七';
    ws.getCell(4, 7).value = '2026-11-20';
    ws.eachRow((row, r) => {
      if (r <= HEADER_ROW) return;
      const key = `${String(row.getCell(col('series')).value)}@${String(row.getCell(col('period')).value)}`;
      if (key in figures) {
        row.getCell(col('value')).value = figures[key]!;
        row.getCell(col('source')).value = '统计台账';
        row.getCell(col('release_date')).value = '2026-11-15';
      }
    });
    return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  }

  it('a return with one implausible figure stores nothing from that file, naming the cell', async () => {
    const content = await filled({ 'gdp_nominal@2024': 1500, 'gdp_nominal@2025': -1600 });
    const before = db();
    const { reports } = await call('collect:import', { files: [{ name: '市统计局.xlsx', content_base64: content }] });
    expect(reports[0]!.outcome).toBe('refused');
    expect(reports[0]!.stored).toEqual([]);
    expect(reports[0]!.refused).toHaveLength(1);
    expect(reports[0]!.refused[0]!.message_zh).toContain('地区生产总值');
    expect(reports[0]!.refused[0]!.message_zh).toMatch(/填报!J\d+/);
    expect(db().actuals).toBe(before.actuals);
  });

  it('the corrected return stores every figure', async () => {
    const content = await filled({ 'gdp_nominal@2024': 1500, 'gdp_nominal@2025': 1600 });
    const before = db().actuals;
    const { reports } = await call('collect:import', { files: [{ name: '市统计局.xlsx', content_base64: content }] });
    expect(reports[0]!.outcome).toBe('stored');
    expect(reports[0]!.refused).toEqual([]);
    expect(db().actuals).toBe(before + 2);
  });
});

describe('scenarios:import (a workspace file)', () => {
  it('a workspace with one implausible actual among good ones restores nothing', async () => {
    const { content } = await call('scenarios:export', { workspace: true });
    const file = content as { actuals: { series: string; period: string; value: number }[] };
    expect(file.actuals.length).toBeGreaterThan(1);
    const bad = structuredClone(file);
    bad.actuals[bad.actuals.length - 1] = {
      ...bad.actuals[bad.actuals.length - 1]!,
      series: 'village_5g_coverage',
      period: '2024',
      value: 130,
    };
    const before = db();
    const e = await refusal('scenarios:import', { content: bad });
    expect(e.code).toBe('implausible');
    expect(e.message_zh).toContain('行政村5G通达率');
    expect(e.message_zh).toContain(`第${bad.actuals.length}条实际值`);
    expect(db()).toEqual(before);
  });

  it('a workspace with one actual of an unknown indicator restores nothing, naming it', async () => {
    const { content } = await call('scenarios:export', { workspace: true });
    const bad = structuredClone(content) as { actuals: { series: string }[] };
    bad.actuals[0]!.series = 'no_such_series';
    const before = db();
    const e = await refusal('scenarios:import', { content: bad });
    expect(e.code).toBe('invalid');
    expect(e.message_zh).toContain('actuals[0]');
    expect(e.message_zh).toContain('no_such_series');
    expect(db()).toEqual(before);
  });

  it('a workspace with one malformed scenario restores nothing', async () => {
    const { content } = await call('scenarios:export', { workspace: true });
    const bad = structuredClone(content) as { scenarios: { assumptions: unknown }[] };
    bad.scenarios[bad.scenarios.length - 1]!.assumptions = 'x';
    const before = db();
    const e = await refusal('scenarios:import', { content: bad });
    expect(e.code).not.toBe('internal');
    expect(db()).toEqual(before);
  });
});

describe('plan:importTable (另一份规划)', () => {
  it('a table with one bad row builds no plan and writes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('指标表');
    ws.addRow(['指标名称', '单位', '基期值', '目标值', '目标年']);
    ws.addRow(['地区生产总值', '亿元', 4200, 5000, 2028]);
    ws.addRow(['行政村5G通达率', '%', 90, '130%', 2028]);
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const before = db();
    const step1 = await call('plan:importTable', { content_base64: content });
    const r = await call('plan:importTable', { content_base64: content, mapping: step1.mapping, base_year: 2025 });
    expect(r.result).toMatchObject({ ok: false, plan: null });
    expect(r.result!.rejected.map((x) => [x.row, x.name])).toEqual([[3, '行政村5G通达率']]);
    expect(r.result!.rejected[0]!.reasons_zh.join('')).toContain('第3行「目标值」列');
    expect(db()).toEqual(before);
    expect((await call('app:info', {})).plan_id).toBe('xianning_nqpf_2024_2026');
  });
});
