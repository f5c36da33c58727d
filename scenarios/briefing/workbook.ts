/**
 * The briefing workbook (汇报材料 Excel): four sheets, headers in Chinese with an English second
 * header row, numbers stored as numbers with number formats, frozen header rows, autofilters.
 *
 *   情景汇总  targets as rows, scenarios as column groups (Excel's Scenario Summary shape), with a
 *             roll-up by status per scenario at the top; assumed values in italic grey with a note
 *   测算轨迹  long format: target × scenario × year, each value marked actual / projected / assumed
 *   情景假设  every assumption in force per scenario: model, parameters, base value, rationale, source
 *   实际值    the actuals with their provenance; `readActualsSheet` reads it back unchanged
 *
 * No cell is ever a formula: text is stored as a string (text that starts with = + - @ also gets
 * the text number format, so editing it in Excel keeps it text).
 *
 * This file builds the workbook; each sheet is a module of xlsx/ (summary.ts, trajectories.ts,
 * assumptions.ts, actuals.ts), with what they share (cells.ts: names, formats, styles, cell
 * writers) and the reader of the 实际值 sheet (read-actuals.ts, over actual-columns.ts).
 */
import ExcelJS from 'exceljs';
import { checkInput, type BriefingInput } from './types';
import { actualsSheet } from './xlsx/actuals';
import { assumptionsSheet } from './xlsx/assumptions';
import { summarySheet } from './xlsx/summary';
import { trajectoriesSheet } from './xlsx/trajectories';

export { ASSUMED_LEGEND_ZH, SHEET_NAMES, SHEET_NAMES_EN, looksLikeFormula } from './xlsx/cells';
export { readActualsSheet } from './xlsx/read-actuals';

/** Builds the briefing workbook (.xlsx) in memory. */
export async function buildWorkbook(input: BriefingInput): Promise<Buffer> {
  checkInput(input);
  const wb = new ExcelJS.Workbook();
  wb.creator = input.author || (input.language === 'zh-CN' ? '规划情景工作室' : 'Plan scenario studio');
  wb.title = input.language === 'zh-CN' ? `${input.plan.title_zh} 汇报材料` : `${input.plan.title_en} briefing pack`;
  const when = new Date(input.generated_at);
  if (!Number.isNaN(when.getTime())) {
    wb.created = when;
    wb.modified = when;
  }
  summarySheet(wb, input);
  trajectoriesSheet(wb, input);
  assumptionsSheet(wb, input);
  actualsSheet(wb, input);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
