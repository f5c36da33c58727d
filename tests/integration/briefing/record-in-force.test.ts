/**
 * Only the record in force in the pack and the report (issue 18, item 1): where several records
 * of one series and period are live (the plan's ≥920家 and a stored 610家 of an older vintage; a
 * stored 1950亿元 corrected by a later 1950.3亿元; two vintages of a 2026 figure), the workbook, the
 * PDF and the final report's annex show the one models/records.ts recordInForce picks, with a note
 * "2025年值已由…更新为…（来源…）" naming the earlier figure and the source of the later.
 */
import { periodFromText } from '../../../scenarios/briefing/records-shown';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumPdf } from '../../../api/chromium-pdf';
import type { Req } from '../../../contract';
import { recordInForce, recordsInForceWithReplaced } from '../../../models/records';
import { buildBriefingInput, presetScenarios } from '../../../scenarios/briefing/pack';
import { buildBriefingHtml } from '../../../scenarios/briefing/print-html';
import { replacedNote } from '../../../scenarios/briefing/records-shown';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('in-force', { renderPdf: chromiumPdf });
const call = fx.call;
let baseline: string;

const src = (title: string, date: string) => ({ title, url: null, date, reliability: 'official' as const });
const GDP_NOTE = '2025年值已由1,950亿元更新为1,950.3亿元（来源：2025年咸宁市国民经济和社会发展统计公报，2026年3月25日）';
const HTE_NOTE = '2025年值已由610家更新为≥920家（来源：网页 lonnews.com，2026年1月25日）';
const HTE26_NOTE = '2026年值已由950家更新为981家（来源：市科技局年报，2026年12月1日）';

beforeAll(async () => {
  const add = (a: Req<'actuals:add'>['actuals'][number]) => call('actuals:add', { actuals: [a] });
  // an older vintage than the plan's ≥920 (2026-01-25): the plan's stays in force
  await add({
    series: 'high_tech_enterprises',
    period: '2025',
    value: 610,
    source: src('市科技局半年报', '2025-07-10'),
    vintage: '2025-07-10',
    entered_by: '李四',
  });
  // a first figure, then its correction (both stored, both live); both newer than the plan's ≥2000 (2026-01)
  await add({
    series: 'gdp_nominal',
    period: '2025',
    value: 1950,
    source: src('市统计局快报', '2026-02-01'),
    vintage: '2026-02-01',
    entered_by: '张三',
  });
  await add({
    series: 'gdp_nominal',
    period: '2025',
    value: 1950.3,
    source: src('2025年咸宁市国民经济和社会发展统计公报', '2026-03-25'),
    vintage: '2026-03-25',
    entered_by: '张三',
  });
  // the target year's figure in two vintages
  await add({
    series: 'high_tech_enterprises',
    period: '2026',
    value: 950,
    source: src('市科技局快报', '2026-11-01'),
    vintage: '2026-11-01',
    entered_by: '李四',
  });
  await add({
    series: 'high_tech_enterprises',
    period: '2026',
    value: 981,
    source: src('市科技局年报', '2026-12-01'),
    vintage: '2026-12-01',
    entered_by: '李四',
  });
  baseline = (await call('scenarios:list', {})).find((s) => s.preset_id === 'baseline')!.id;
});

describe('only the record in force', () => {
  it('the rule gives the records it replaced, newest first, each store record once', () => {
    const r = (id: number | undefined, vintage: string | null, value: number) => ({ id, series: 's', period: '2025', value, vintage });
    const out = recordsInForceWithReplaced([
      r(1, '2025-01-01', 1),
      r(3, '2026-01-01', 3),
      r(2, '2025-06-01', 2),
      r(3, '2026-01-01', 3),
      r(undefined, null, 0),
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]!.record.value).toBe(3);
    expect(out[0]!.replaced.map((x) => x.value)).toEqual([2, 1, 0]);
    expect(recordInForce([r(1, '2025-01-01', 1), r(2, '2025-06-01', 2)]).map((x) => x.value)).toEqual([2]);
    // the same figure entered again is a re-entry, not an update: no note
    const plan = fx.api().plan;
    const same = recordsInForceWithReplaced([
      {
        id: 1,
        series: 'high_tech_enterprises',
        period: '2025',
        value: 920,
        value_kind: 'actual' as const,
        vintage: '2026-01-01',
        source: src('甲', '2026-01-01'),
        note: '',
        entered_by: '',
      },
      {
        id: 2,
        series: 'high_tech_enterprises',
        period: '2025',
        value: 920,
        value_kind: 'actual' as const,
        vintage: '2026-02-01',
        source: src('乙', '2026-02-01'),
        note: '',
        entered_by: '',
      },
    ]);
    expect(replacedNote(same[0]!, plan, 'zh-CN')).toBe('');
  });

  it('the workbook lists one row per series and period, the one in force, with the note', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const file = await call('briefing:export', { ids: [baseline], format: 'xlsx', language: lang });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.content_base64, 'base64') as unknown as ArrayBuffer);
      const ws = wb.getWorksheet(lang === 'zh-CN' ? '实际值' : 'Actuals')!;
      const header = ws.getRow(2).values as unknown[];
      const col = (zh: string, en: string) => header.findIndex((v) => v === (lang === 'zh-CN' ? zh : en));
      const [cSeries, cPeriod, cValue, cRev] = [
        col('序列编号', 'Series id'),
        col('期间', 'Period'),
        col('数值', 'Value'),
        col('更新说明', 'Revision'),
      ];
      expect(cRev).toBeGreaterThan(0);
      const rows: { series: string; period: string; value: unknown; rev: unknown }[] = [];
      ws.eachRow((row, r) => {
        if (r <= 2 || row.getCell(cSeries).value === null) return;
        rows.push({
          series: String(row.getCell(cSeries).value),
          // printed as the planners write it (2025年, 2023年6月末); the key it reads back to
          period: periodFromText(String(row.getCell(cPeriod).value)),
          value: row.getCell(cValue).value,
          rev: row.getCell(cRev).value,
        });
      });
      const keys = rows.map((x) => `${x.series}|${x.period}`);
      expect(new Set(keys).size, 'one row per series and period').toBe(keys.length);
      const of = (s: string, p: string) => rows.find((x) => x.series === s && x.period === p)!;
      expect(of('gdp_nominal', '2025').value).toBe(1950.3);
      expect(of('high_tech_enterprises', '2025').value).toBe(920);
      expect(of('high_tech_enterprises', '2026').value).toBe(981);
      if (lang === 'zh-CN') {
        expect(of('gdp_nominal', '2025').rev).toBe(GDP_NOTE);
        expect(of('high_tech_enterprises', '2025').rev).toBe(HTE_NOTE);
        expect(of('high_tech_enterprises', '2026').rev).toBe(HTE26_NOTE);
      } else {
        expect(of('high_tech_enterprises', '2025').rev).toBe(
          'The 2025 value was updated from 610 firms to at least 920 firms (source: 网页 lonnews.com, 25 January 2026)',
        );
        // the newest figure it replaced (1950 of 2026-02-01), not the plan's older ≥2000 (2026-01)
        expect(String(of('gdp_nominal', '2025').rev)).toMatch(
          /^The 2025 value was updated from 195 billion yuan to 195\.03 billion yuan \(source: /,
        );
      }
      // a row that replaced nothing has no note
      expect(of('high_tech_enterprises', '2023-06').rev).toBeNull();
      // the superseded figures are nowhere in the value column
      expect(rows.filter((x) => x.value === 610 || x.value === 1950 || x.value === 950)).toEqual([]);
      // the sheet still reads back (the note column is not an input)
      const { readActualsSheet } = await import('../../../scenarios/briefing/workbook');
      const back = await readActualsSheet(Buffer.from(file.content_base64, 'base64'));
      expect(back.errors).toEqual([]);
      expect(back.actuals.length).toBe(rows.length);
    }
  });

  it('the PDF shows the record in force with the note, and not the replaced figures', { timeout: 120_000 }, async () => {
    const file = await call('briefing:export', { ids: [baseline], format: 'pdf', language: 'zh-CN' });
    const pdf = path.join(fx.dir(), 'zh.pdf');
    fs.writeFileSync(pdf, Buffer.from(file.content_base64, 'base64'));
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    // the target page's latest-actual line is one paragraph: the note reads whole there
    expect(text).toContain(`最新实际值：2026年981家（来源：市科技局年报，2026年12月1日，官方发布）。${HTE26_NOTE}`);
    // the appendix's note column wraps inside a table (pdftotext interleaves the columns): its text
    // is checked in the HTML the PDF is printed from
    const input = buildBriefingInput({
      plan: fx.api().plan,
      scenarios: presetScenarios(fx.api().plan, 'zh-CN', ['baseline']),
      actuals: fx.api().store.latestActuals(),
      history: fx.api().store.listActuals(),
    });
    const html = buildBriefingHtml(input, { fontCss: '' });
    const appendix = html.slice(html.indexOf('id="appendix-actuals"'));
    for (const note of [GDP_NOTE, HTE_NOTE, HTE26_NOTE]) expect(appendix).toContain(`<div class="sub replaced">${note}</div>`);
    const rowsOf = (series: string, period: string) =>
      [...appendix.matchAll(/<tr>(.*?)<\/tr>/g)].filter((m) => m[1]!.includes(`>${period}<`) && m[1]!.includes(`>${series}<`));
    expect(rowsOf('高新技术企业', '2025年')).toHaveLength(1);
    expect(rowsOf('地区生产总值(现价)', '2025年')).toHaveLength(1);
    expect(text).not.toContain('市科技局半年报');
    expect(text).not.toContain('市统计局快报');
    expect(text).not.toContain('市科技局快报');
  });

  it('the final report cites the record in force and says what it replaced', async () => {
    const file = await call('briefing:export', { ids: [baseline], format: 'docx', language: 'zh-CN' });
    const zip = await JSZip.loadAsync(Buffer.from(file.content_base64, 'base64'));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain(HTE26_NOTE);
    expect(text).toContain('市科技局年报');
    expect(text).not.toContain('市科技局快报');
  });
});
