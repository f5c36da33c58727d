/** 情景假设: every assumption in force per scenario: model, parameters, base value, rationale, source. */
import type ExcelJS from 'exceljs';
import { type Plan } from '../../../models/schema';
import type { ResolvedAssumption } from '../../../models/types';
import { staleRationaleText } from '../../../models/rationale';
import { localDateTime } from '../data-as-of';
import { MODEL_WORDS, modelParameters, seriesName, seriesUnit, uncertaintyText } from '../terms';
import { type BriefingInput, type BriefingLanguage, type BriefingScenario } from '../types';
import { sheetName, setText, setNumber, numFmtFor, type Column, styleHeader, fitColumns, markAssumed, scenarioTitle } from './cells';

/** "基准情景" for a scenario id in the pack, "方案预设：baseline" for 'plan:baseline', else the id. */
function fromLabel(from: string, scenarios: BriefingScenario[], plan: Plan, lang: BriefingLanguage): string {
  const s = scenarios.find((x) => x.id === from);
  if (s) return s.name;
  const m = /^plan:(.+)$/.exec(from);
  const presetId = m ? m[1] : from;
  const p = plan.presets.find((x) => x.id === presetId);
  if (p) return lang === 'zh-CN' ? `${m ? '方案预设：' : ''}${p.name_zh}` : `${m ? 'plan preset: ' : ''}${p.name_en}`;
  return from;
}

function orderedAssumptions(plan: Plan, assumptions: Record<string, ResolvedAssumption>): ResolvedAssumption[] {
  const order = new Map(plan.series.map((s, i) => [s.id, i]));
  return Object.values(assumptions)
    .filter((a): a is ResolvedAssumption => !!a)
    .sort((a, b) => (order.get(a.series) ?? 1e9) - (order.get(b.series) ?? 1e9) || a.series.localeCompare(b.series));
}

export function assumptionsSheet(wb: ExcelJS.Workbook, input: BriefingInput): void {
  const { plan, language: lang, scenarios } = input;
  const zh = lang === 'zh-CN';
  const ws = wb.addWorksheet(sheetName('assumptions', lang));
  const cols: Column[] = [
    { zh: '情景', en: 'scenario', min: 10, max: 18 },
    { zh: '序列编号', en: 'series id', min: 10, max: 28 },
    { zh: '序列名称', en: 'series', min: 14, max: 30 },
    { zh: '单位', en: 'unit', min: 5, max: 12 },
    { zh: '模型', en: 'model', min: 8, max: 16 },
    { zh: '参数', en: 'parameters', width: 36, wrap: true },
    { zh: '不确定性', en: 'uncertainty', min: 10, max: 28 },
    { zh: '基期值', en: 'base value', width: 12 },
    { zh: '基期值性质', en: 'base value is', width: 11 },
    { zh: '理由', en: 'rationale', width: 60, wrap: true },
    { zh: '来源', en: 'source', width: 36, wrap: true },
    { zh: '设定于', en: 'set in', min: 10, max: 20 },
    { zh: '作者', en: 'author', min: 8, max: 20 },
    { zh: '更新时间', en: 'updated at', min: 10, max: 22 },
  ];
  styleHeader(ws, 1, 2, cols, lang, 1, zh ? '各情景采用的假设及依据' : 'Assumptions in force and their rationale');
  let r = 3;
  for (const s of scenarios) {
    for (const a of orderedAssumptions(plan, s.assumptions)) {
      const unit = seriesUnit(plan, a.series);
      setText(ws.getCell(r, 1), scenarioTitle(s));
      setText(ws.getCell(r, 2), a.series);
      setText(ws.getCell(r, 3), seriesName(plan, a.series, lang));
      setText(ws.getCell(r, 4), unit);
      setText(ws.getCell(r, 5), MODEL_WORDS[lang][a.model.type] ?? a.model.type);
      setText(ws.getCell(r, 6), modelParameters(a.model, unit, plan, lang));
      setText(ws.getCell(r, 7), uncertaintyText(a, lang));
      if (a.base_value !== null && a.base_value !== undefined) {
        const v = ws.getCell(r, 8);
        setNumber(v, a.base_value, numFmtFor(unit, a.base_value));
        markAssumed(v, zh ? '假设：基期值无公开来源。' : 'Assumed: the base value has no public source.');
        const f = ws.getCell(r, 9);
        f.value = zh ? '假设' : 'assumed';
        markAssumed(f);
      }
      setText(ws.getCell(r, 10), a.rationale_stale ? staleRationaleText(lang) : a.rationale);
      if (a.rationale_stale) ws.getCell(r, 10).font = { bold: true, color: { argb: 'FFA3191F' } };
      setText(ws.getCell(r, 11), a.source);
      setText(ws.getCell(r, 12), fromLabel(a.from, scenarios, plan, lang));
      setText(ws.getCell(r, 13), a.author);
      setText(ws.getCell(r, 14), a.updated_at ? localDateTime(a.updated_at, lang, input.utc_offset_minutes ?? 0) : null);
      r++;
    }
  }
  fitColumns(ws, cols, 3);
  ws.views = [{ state: 'frozen', xSplit: 3, ySplit: 2, topLeftCell: 'D3', activeCell: 'D3' }];
  ws.getColumn(2).hidden = true; // the series id
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: Math.max(2, r - 1), column: cols.length } };
}
