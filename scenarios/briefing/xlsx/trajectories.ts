/** 测算轨迹: long format, target × scenario × year, each value marked actual / projected / assumed. */
import type ExcelJS from 'exceljs';
import { kindOf } from '../../../models/kinds';
import { POINT_WORDS } from '../terms';
import { judgedPath, quantityLabel } from '../trajectory';
import { type BriefingInput } from '../types';
import { sheetName, setText, setNumber, numFmtFor, type Column, styleHeader, fitColumns, markAssumed, scenarioTitle } from './cells';

export function trajectoriesSheet(wb: ExcelJS.Workbook, input: BriefingInput): void {
  const { plan, language: lang, scenarios } = input;
  const zh = lang === 'zh-CN';
  const ws = wb.addWorksheet(sheetName('trajectories', lang));
  const cols: Column[] = [
    { zh: '指标编号', en: 'target id', min: 10, max: 32 },
    { zh: '指标名称', en: 'indicator', min: 16, max: 36 },
    { zh: '测算口径', en: 'quantity', min: 10, max: 24 },
    { zh: '年份', en: 'year', width: 8, numFmt: '0' },
    { zh: '情景', en: 'scenario', min: 10, max: 20 },
    { zh: '数值', en: 'value', width: 12 },
    { zh: '类型', en: 'actual / projected / assumed', min: 10, max: 18 },
    { zh: '单位', en: 'unit', min: 6, max: 12 },
  ];
  styleHeader(ws, 1, 2, cols, lang, 1, zh ? '各情景逐年测算值（长表）' : 'Projected values by scenario and year (long format)');
  let r = 3;
  for (const t of plan.targets) {
    const magnitude = Array.isArray(t.target) ? Math.max(...t.target) : t.target;
    const unit = kindOf(t.kind).percentJudged ? '%' : t.unit;
    const fmt = numFmtFor(unit, magnitude);
    for (const s of scenarios) {
      const e = s.projection.targets.find((x) => x.id === t.id) ?? null;
      for (const p of judgedPath(plan, t, s.projection, e)) {
        setText(ws.getCell(r, 1), t.id);
        setText(ws.getCell(r, 2), zh ? t.name_zh : t.name_en);
        setText(ws.getCell(r, 3), quantityLabel(t, lang));
        setNumber(ws.getCell(r, 4), p.year, '0');
        setText(ws.getCell(r, 5), scenarioTitle(s));
        const v = ws.getCell(r, 6);
        setNumber(v, p.value, fmt);
        const kind = p.kind === 'actual' && p.bound ? 'actual_bound' : p.kind;
        setText(ws.getCell(r, 7), POINT_WORDS[lang][kind]);
        setText(ws.getCell(r, 8), unit);
        if (p.kind === 'assumed') {
          markAssumed(v);
          markAssumed(ws.getCell(r, 7));
        }
        r++;
      }
    }
  }
  fitColumns(ws, cols, 3);
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 2, topLeftCell: 'C3', activeCell: 'C3' }];
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: Math.max(2, r - 1), column: cols.length } };
  ws.getColumn(1).hidden = true; // the target id
}
