/** 情景汇总: targets as rows, scenarios as column groups (Excel's Scenario Summary shape), with the roll-up by status per scenario at the top. */
import type ExcelJS from 'exceljs';
import { okCount, okGroupWords } from '../../../models/status';
import { targetPhrase } from '../../../models/sentences';
import { isWholeCountTarget, wholeFigure, wholeGap } from '../../../models/counts';
import { verdictLine } from '../../../models/verdict';
import { effortCellText, effortHeadroomText, effortLabel, effortLeverNote, requiredEffort } from '../../../models/kinds/effort';
import { noRangeText } from '../../../models/probability';
import { dataAsOfText, generatedText } from '../data-as-of';
import { STATUS_ORDER } from '../terms';
import { type BriefingInput } from '../types';
import {
  sheetName,
  PROBABILITY_FORMAT,
  ASSUMED_LEGEND_ZH,
  ASSUMED_LEGEND_EN,
  GREY,
  setText,
  setNumber,
  numFmtFor,
  gapFmt,
  type Column,
  styleHeader,
  fitColumns,
  markAssumed,
  statusCell,
  sectionLabel,
  assumedNote,
  scenarioTitle,
} from './cells';

const GROUP_COLS = 5;

export function summarySheet(wb: ExcelJS.Workbook, input: BriefingInput): void {
  const { plan, language: lang, scenarios } = input;
  const zh = lang === 'zh-CN';
  const ws = wb.addWorksheet(sheetName('summary', lang), { properties: { tabColor: { argb: 'FF1F5FBF' } } });
  const fixed: Column[] = [
    { zh: '板块', en: 'section', min: 6, max: 14 },
    { zh: '指标名称', en: 'indicator', min: 18, max: 36 },
    { zh: '指标编号', en: 'target id', min: 10, max: 30 },
    { zh: '单位', en: 'unit', min: 5, max: 12 },
    { zh: '目标', en: 'target (plan wording)', min: 10, max: 24 },
    { zh: '目标值', en: 'target value', min: 8, max: 12 },
    { zh: '目标年份', en: 'target year', min: 8, max: 10, numFmt: '0' },
  ];
  const group: Column[] = [
    { zh: '目标年测算值', en: 'projected (target year)', width: 13 },
    { zh: '距目标差', en: 'gap (+ short)', width: 12 },
    { zh: '需年均增长', en: 'required growth', width: 11 },
    { zh: '状态', en: 'status', width: 13 },
    { zh: '达标概率', en: 'probability', width: 10 },
  ];
  const nFixed = fixed.length;
  const lastCol = nFixed + GROUP_COLS * scenarios.length;
  const groupStart = (k: number) => nFixed + 1 + k * GROUP_COLS;

  // rows 1-2: title and legend
  const title = ws.getCell(1, 1);
  title.value = zh ? `${plan.title_zh}——情景汇总` : `${plan.title_en} — scenario summary`;
  title.font = { bold: true, size: 14 };
  const meta = ws.getCell(1, nFixed + 1);
  meta.value = zh
    ? `生成时间：${generatedText(input)}；数据截至：${dataAsOfText(input)}；基期年：${scenarios[0].projection.base_year}年`
    : `Generated: ${generatedText(input)}; data: ${dataAsOfText(input)}; base year: ${scenarios[0].projection.base_year}`;
  meta.font = { size: 9, color: { argb: 'FF57606A' } };
  const legend = ws.getCell(2, 1);
  legend.value = zh
    ? `${ASSUMED_LEGEND_ZH}；距目标差为正表示尚差，“超出”表示已超过目标；达标概率来自蒙特卡洛模拟（未模拟则空白）。`
    : `${ASSUMED_LEGEND_EN}; a positive gap is a shortfall, "over" a surplus; probabilities come from a Monte Carlo simulation (blank when none was run).`;
  legend.font = { italic: true, color: { argb: GREY } };

  // row 3: scenario names over their column groups (also the roll-up's header)
  const rollTitle = ws.getCell(3, 2);
  rollTitle.value = zh ? '状态汇总（指标数 / 占比）' : 'Status roll-up (targets / share)';
  rollTitle.font = { bold: true };
  scenarios.forEach((s, k) => {
    const c0 = groupStart(k);
    ws.mergeCells(3, c0, 3, c0 + GROUP_COLS - 1);
    const cell = ws.getCell(3, c0);
    setText(cell, scenarioTitle(s));
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F5FBF' } };
    cell.alignment = { horizontal: 'center' };
  });

  // rows 4-9: the roll-up by status, then 达标或快于序时
  const total = plan.targets.length;
  STATUS_ORDER.forEach((st, i) => {
    const r = 4 + i;
    statusCell(ws.getCell(r, 2), st, lang);
    ws.getCell(r, 2).alignment = { horizontal: 'left' };
    scenarios.forEach((s, k) => {
      const n = s.projection.rollup[st] ?? 0;
      setNumber(ws.getCell(r, groupStart(k)), n, '0');
      setNumber(ws.getCell(r, groupStart(k) + 1), total > 0 ? n / total : null, '0.0%');
    });
  });
  const okRow = 4 + STATUS_ORDER.length;
  const okLabel = ws.getCell(okRow, 2);
  okLabel.value = okGroupWords(
    scenarios.some((s) => s.projection.targets.some((e) => e.final === true)),
    lang,
  );
  okLabel.font = { bold: true };
  scenarios.forEach((s, k) => {
    const r = s.projection.rollup;
    const n = okCount(r);
    setNumber(ws.getCell(okRow, groupStart(k)), n, '0');
    ws.getCell(okRow, groupStart(k)).font = { bold: true };
    setNumber(ws.getCell(okRow, groupStart(k) + 1), total > 0 ? n / total : null, '0.0%');
  });

  // header rows
  const hZh = okRow + 1;
  const hEn = okRow + 2;
  styleHeader(ws, hZh, hEn, fixed, lang, 1, zh ? '逐项指标' : 'Targets');
  scenarios.forEach((_s, k) => styleHeader(ws, hZh, hEn, group, lang, groupStart(k)));

  // one row per target
  const evals = scenarios.map((s) => new Map(s.projection.targets.map((e) => [e.id, e])));
  const sims = scenarios.map((s) => new Map((s.simulation?.targets ?? []).map((t) => [t.id, t])));
  let r = hEn + 1;
  for (const t of plan.targets) {
    const magnitude = Array.isArray(t.target) ? Math.max(...t.target) : t.target;
    const fmt = numFmtFor(t.unit, magnitude);
    setText(ws.getCell(r, 1), sectionLabel(plan, t.section, lang));
    setText(ws.getCell(r, 2), zh ? t.name_zh : t.name_en);
    setText(ws.getCell(r, 3), t.id);
    setText(ws.getCell(r, 4), t.unit);
    setText(ws.getCell(r, 5), targetPhrase(t, lang));
    if (!Array.isArray(t.target)) setNumber(ws.getCell(r, 6), t.target, fmt);
    setNumber(ws.getCell(r, 7), t.target_year, '0');
    scenarios.forEach((_s, k) => {
      const c0 = groupStart(k);
      const e = evals[k].get(t.id);
      if (!e) return;
      // a count against a whole target is stored whole, as every sentence and screen writes it
      // (models/counts.ts): 98.8项 short of 100 is 98 and 2, never 99 beside 差2项
      const whole = isWholeCountTarget(t);
      const vCell = ws.getCell(r, c0);
      setNumber(vCell, whole && e.projected !== null ? wholeFigure(t, e.projected) : e.projected, fmt);
      const gCell = ws.getCell(r, c0 + 1);
      const gapYear = e.gap_year != null && e.gap_year !== e.target_year ? e.gap_year : null;
      setNumber(gCell, whole && e.gap !== null ? wholeGap(e.gap) : e.gap, gapFmt(fmt, lang, gapYear));
      if (gapYear !== null) gCell.note = zh ? `${gapYear}年未达到目标，差距按该年计` : `missed in ${gapYear}; the gap is that year's`;
      // the required effort (models/kinds/effort.ts): 已达到 with the headroom in the note where the
      // latest actual already meets the target, else the rate; a share's rate is its numerator's
      const ef = requiredEffort(e);
      const rCell = ws.getCell(r, c0 + 2);
      if (ef.state === 'reached') setText(rCell, effortCellText(ef, lang));
      else setNumber(rCell, ef.state === 'needed' ? ef.rate : null, '0.0%');
      const lever = ef.lever === 'numerator' ? plan.series.find((x) => x.id === ef.leverSeries) : undefined;
      const rNote = [
        effortHeadroomText(ef, lang),
        lever ? `${effortLabel(ef, lang)}${zh ? '：' : ': '}${effortLeverNote(ef, zh ? lever.name_zh : lever.name_en, lang)}` : null,
      ].filter((x): x is string => !!x);
      if (rNote.length) rCell.note = rNote.join(zh ? '；' : '; ');
      const sCell = ws.getCell(r, c0 + 3);
      statusCell(sCell, e.status, lang);
      // the verdict line a leader reads on the screens, on the status it explains
      sCell.note = verdictLine(t, e, lang).text;
      const sim = sims[k].get(t.id);
      if (sim && sim.p_meet === null) setText(ws.getCell(r, c0 + 4), noRangeText(lang));
      else setNumber(ws.getCell(r, c0 + 4), sim?.p_meet ?? null, PROBABILITY_FORMAT);
      if (e.assumed) {
        markAssumed(vCell, assumedNote(lang));
        markAssumed(gCell);
      }
    });
    r++;
  }
  fitColumns(ws, fixed, hEn + 1);
  scenarios.forEach((_s, k) => group.forEach((c, i) => (ws.getColumn(groupStart(k) + i).width = c.width)));
  ws.getRow(hZh).height = 30;
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: hEn, topLeftCell: `C${hEn + 1}`, activeCell: `C${hEn + 1}` }];
  ws.getColumn(3).hidden = true; // the target id: a key for formulas and re-imports, not for reading
  ws.autoFilter = { from: { row: hEn, column: 1 }, to: { row: Math.max(hEn, r - 1), column: lastCol } };
  ws.pageSetup = {
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${hZh}:${hEn}`,
  };
}
