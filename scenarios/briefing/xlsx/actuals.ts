/** 实际值: the record in force of each series and period with its provenance; read-actuals.ts reads it back. */
import type ExcelJS from 'exceljs';
import { enteredByText, noteText, sourceTitleText } from '../../../models/provenance';
import { parseYtdNote } from '../../../models/records';
import { localDateTime } from '../data-as-of';
import { periodText, replacedNote, shownActuals } from '../records-shown';
import { RELIABILITY_WORDS, VALUE_KIND_WORDS, seriesName, seriesUnit } from '../terms';
import { type BriefingInput } from '../types';
import { sheetName, type Cell, setText, setNumber, type Column, styleHeader, fitColumns } from './cells';
import { ACTUAL_COLUMNS, type ActualKey } from './actual-columns';

export function actualsSheet(wb: ExcelJS.Workbook, input: BriefingInput): void {
  const { plan, language: lang } = input;
  const ws = wb.addWorksheet(sheetName('actuals', lang));
  const widths: Partial<Record<ActualKey, Partial<Column>>> = {
    series: { min: 10, max: 28 },
    ytd_growth: { width: 10 },
    series_name: { min: 12, max: 28 },
    period: { width: 10, numFmt: '@' },
    value: { width: 12 },
    unit: { min: 5, max: 12 },
    value_kind: { min: 8, max: 14 },
    source_title: { min: 14, max: 36 },
    source_url: { min: 14, max: 40 },
    source_date: { width: 11, numFmt: '@' },
    reliability: { width: 10 },
    vintage: { width: 11, numFmt: '@' },
    note: { width: 50, wrap: true },
    entered_by: { min: 10, max: 28 },
    entered_at: { min: 10, max: 22, numFmt: '@' },
    revision: { width: 40, wrap: true },
  };
  const cols: Column[] = ACTUAL_COLUMNS.map((c) => ({ zh: c.zh, en: c.en, label_en: c.label_en, ...widths[c.key] }));
  styleHeader(
    ws,
    1,
    2,
    cols,
    lang,
    1,
    lang === 'zh-CN'
      ? '实际值及来源（序列编号列隐藏，供重新导入）'
      : 'Actuals and their sources (the hidden first column is the key for re-import)',
  );
  let r = 3;
  // only the record in force of each series and period (the one rule, models/records.ts)
  for (const shown of shownActuals(input)) {
    const a = shown.record;
    const growth = ytdNoteGrowth(a.note);
    const unit = seriesUnit(plan, a.series);
    const row: Record<ActualKey, (cell: Cell) => void> = {
      series: (c) => setText(c, a.series),
      series_name: (c) => setText(c, seriesName(plan, a.series, lang)),
      // as the planners write it (2023年6月末 for a stock's month); read back to the key by periodFromText
      period: (c) => {
        c.value = periodText(
          a.period,
          lang,
          plan.series.find((x) => x.id === a.series),
        );
        c.numFmt = '@';
      },
      value: (c) => setNumber(c, a.value),
      unit: (c) => setText(c, unit),
      ytd_growth: (c) => setNumber(c, growth === null ? null : growth * 100),
      value_kind: (c) => setText(c, VALUE_KIND_WORDS[lang][a.value_kind ?? 'actual']),
      source_title: (c) => setText(c, sourceTitleText(a.source.title, lang)),
      source_url: (c) => setText(c, a.source.url),
      source_date: (c) => {
        setText(c, a.source.date);
        c.numFmt = '@';
      },
      reliability: (c) => setText(c, RELIABILITY_WORDS[lang][a.source.reliability]),
      vintage: (c) => {
        setText(c, a.vintage);
        c.numFmt = '@';
      },
      note: (c) => setText(c, noteText(a.note, lang)),
      entered_by: (c) => setText(c, enteredByText(a.entered_by, lang)),
      entered_at: (c) => setText(c, a.entered_at ? localDateTime(a.entered_at, lang, input.utc_offset_minutes ?? 0) : null),
      revision: (c) => setText(c, replacedNote(shown, plan, lang) || null),
    };
    ACTUAL_COLUMNS.forEach((col, i) => row[col.key](ws.getCell(r, i + 1)));
    if (a.value_kind === 'lower_bound' || a.value_kind === 'approx_below' || a.value_kind === 'estimate') {
      ws.getCell(r, 4).note =
        lang === 'zh-CN'
          ? `该值为${VALUE_KIND_WORDS[lang][a.value_kind]}，非确切实际值。`
          : `This value is a ${VALUE_KIND_WORDS[lang][a.value_kind]}, not an exact actual.`;
    }
    r++;
  }
  fitColumns(ws, cols, 3);
  // the series id is the key a re-import needs, not something a reader of the pack should see
  ws.getColumn(1).hidden = true;
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 2, topLeftCell: 'C3', activeCell: 'C3' }];
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: Math.max(2, r - 1), column: cols.length } };
}

/** The 累计增速 of a year-to-date record (a fraction), or null. */
function ytdNoteGrowth(note: string | null | undefined): number | null {
  const g = parseYtdNote(note).growth;
  return g === undefined ? null : g;
}
