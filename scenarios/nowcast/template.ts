/**
 * The year-to-date import's template: a sheet laid out as the statistics bureau's monthly
 * bulletin prints it — a title row naming the period ("2026年1-10月咸宁市主要经济指标"), then
 * 指标名称 | 计量单位 | 1-10月累计 | 同比增长(%), one row per indicator of the plan that has
 * year-to-date figures (its own series: flows and year-end levels, not shares or indexes).
 * The importer reads exactly this layout back (tests/integration/nowcast/ytd-bulletin.test.ts).
 */
import type { Plan } from '../../models/schema';
import { ytdLabelZh } from '../../models/nowcast';

/** The series a template lists: measured directly (not derived), flows and stocks. */
function templateSeries(plan: Pick<Plan, 'series'>): Plan['series'] {
  return plan.series.filter((s) => !s.derived && (s.nature === 'flow' || s.nature === 'stock'));
}

/** The city a plan is of, from its title ("咸宁市…" -> 咸宁市); '' when it names none. */
function cityOf(plan: Pick<Plan, 'title_zh'>): string {
  return /^(.{1,10}?[市州县区])/.exec(plan.title_zh)?.[1] ?? '';
}

export async function buildYtdTemplate(plan: Pick<Plan, 'series' | 'title_zh'>, year: number, month: number): Promise<Uint8Array> {
  const mod = await import('exceljs');
  const Excel = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet(`${ytdLabelZh(month)}`);
  const period = ytdLabelZh(month);
  ws.addRow([`${year}年${period}${cityOf(plan)}主要经济指标`]);
  ws.mergeCells(1, 1, 1, 4);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow(['指标名称', '计量单位', `${period}累计`, '同比增长(%)']);
  ws.getRow(2).font = { bold: true };
  for (const s of templateSeries(plan)) ws.addRow([s.aliases_zh?.[0] ?? s.name_zh, s.unit, null, null]);
  ws.getColumn(1).width = 40;
  ws.getColumn(2).width = 12;
  ws.getColumn(3).width = 16;
  ws.getColumn(4).width = 14;
  const notes = wb.addWorksheet('说明');
  for (const line of [
    ['填写说明 / How to fill in'],
    [`“${period}累计”填1月至${month}月的累计值（年末存量指标填${month}月末数），单位与“计量单位”一致。`],
    ['“同比增长(%)”填累计增速的百分数（5.2 表示增长5.2%）；只有增速、没有累计值时，需已录入上年同期累计值或上年全年值。'],
    ['单季数据（二季度、三季度、四季度）不是累计数，请换算为1-6月、1-9月、1-12月累计后填写。'],
    ['Cumulative: January to the month (a year-end level: the level at the month end), in the unit shown.'],
    ['Growth in percent (5.2 = +5.2%). Single quarters are not year-to-date figures: give the cumulative from January.'],
  ])
    notes.addRow(line);
  notes.getColumn(1).width = 110;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
