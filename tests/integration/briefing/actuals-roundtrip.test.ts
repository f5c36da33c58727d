import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { BriefingActual, BriefingInput } from '../../../scenarios/briefing/types';
import { enteredByText, noteText, sourceTitleText } from '../../../models/provenance';
import { localDateTime } from '../../../scenarios/briefing/data-as-of';
import { buildWorkbook, readActualsSheet } from '../../../scenarios/briefing/workbook';
import { formatYtdNote, parseYtdNote } from '../../../models/records';
import { INJECTION, presetInput, userActuals } from './fixtures';

/**
 * What the sheet gives back: the records as the pack shows them (the note's human part in the
 * pack's language with its 累计增速 kept, the source title in that language, who entered it in
 * words, the entry time as local text) — the machine parts of a note are not printed in a pack.
 */
function expected(actuals: BriefingActual[], lang: 'zh-CN' | 'en', offset: number) {
  return actuals
    .filter((a) => !a.deleted_at)
    .map((a) => {
      const growth = parseYtdNote(a.note).growth;
      const shown = noteText(a.note, lang);
      const out: Record<string, unknown> = {
        series: a.series,
        period: a.period,
        value: a.value,
        value_kind: a.value_kind,
        source: { title: sourceTitleText(a.source.title, lang), url: a.source.url, date: a.source.date, reliability: a.source.reliability },
        vintage: a.vintage,
        note: growth === undefined ? shown : formatYtdNote({ growth: Math.round(growth * 100 * 1e9) / 1e9 / 100 }, shown),
        entered_by: enteredByText(a.entered_by, lang),
      };
      if (a.entered_at) out.entered_at = localDateTime(a.entered_at, lang, offset);
      return out;
    });
}

async function edit(buf: Buffer, fn: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  fn(wb.getWorksheet('实际值')!);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('readActualsSheet', () => {
  it('reads back exactly the actuals written (Chinese text, URLs, nulls, bounds, formula-looking notes)', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const input = presetInput(lang);
      const buf = await buildWorkbook(input);
      const back = await readActualsSheet(buf);
      expect(back.errors).toEqual([]);
      expect(back.ok).toBe(true);
      expect(back.actuals).toEqual(expected(input.actuals, lang, input.utc_offset_minutes ?? 0));
      // the awkward ones are in there
      const notes = back.actuals.map((a) => a.note);
      expect(notes).toContain(INJECTION);
      expect(notes).toContain('-负号开头的备注\n第二行\t制表符');
      expect(back.actuals.map((a) => a.value_kind)).toEqual(expect.arrayContaining(['lower_bound', 'approx_below', 'estimate', 'actual']));
      expect(back.actuals.find((a) => a.series === 'gdp_nominal' && a.period === '2024')).toMatchObject({
        source: { url: null, date: null },
        vintage: null,
        entered_by: '',
      });
      expect(back.actuals.some((a) => a.note.includes('deleted'))).toBe(false);
      expect(back.actuals.find((a) => a.period === '2026-06')!.value).toBe(0.000123456789);
    }
  });

  it('round-trips plain Actual records without entered_at', async () => {
    const base = presetInput('zh-CN', { actuals: false });
    const plain: BriefingInput = {
      ...base,
      actuals: userActuals()
        .map(({ id: _id, entered_at: _at, deleted_at: _d, ...a }) => a)
        .slice(0, 4),
    };
    const back = await readActualsSheet(await buildWorkbook(plain));
    expect(back.ok).toBe(true);
    expect(back.actuals).toEqual(expected(plain.actuals, 'zh-CN', plain.utc_offset_minutes ?? 0));
    expect(back.actuals.every((a) => !('entered_at' in a))).toBe(true);
  });

  it('reports bad rows with their row number and keeps the good ones', async () => {
    const input = presetInput('zh-CN');
    const buf = await buildWorkbook(input);
    const edited = await edit(buf, (ws) => {
      ws.getCell(3, 4).value = 'abc'; // value
      ws.getCell(4, 11).value = '很可靠'; // reliability
      ws.getCell(5, 4).value = { formula: '1+1', result: 2 }; // a formula
      ws.getCell(6, 1).value = 'Not An Id'; // series id
      ws.getCell(7, 7).value = '大概'; // value kind
    });
    const back = await readActualsSheet(edited);
    expect(back.ok).toBe(false);
    expect(back.errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7]);
    expect(back.errors[0].message_zh).toContain('第3行“数值”');
    expect(back.errors[1].message_en).toContain('row 4 (source.reliability)');
    expect(back.errors[2].message_zh).toContain('公式');
    expect(back.actuals.length).toBe(input.actuals.filter((a) => !a.deleted_at).length - 5);
  });

  it('accepts codes, English words and numbers typed as text, and finds columns by header', async () => {
    const input = presetInput('zh-CN');
    const buf = await buildWorkbook(input);
    const edited = await edit(buf, (ws) => {
      ws.getCell(3, 4).value = '2,000';
      ws.getCell(3, 7).value = 'lower_bound';
      ws.getCell(3, 11).value = 'secondary';
      ws.spliceColumns(2, 1); // drop 序列名称: columns move left
    });
    const back = await readActualsSheet(edited);
    expect(back.errors).toEqual([]);
    expect(back.actuals[0]).toMatchObject({
      series: 'gdp_nominal',
      value: 2000,
      value_kind: 'lower_bound',
      source: { reliability: 'secondary' },
    });
  });

  it('says so when the sheet or the file is not there', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    const none = await readActualsSheet(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(none.ok).toBe(false);
    expect(none.errors[0].message_zh).toContain('实际值');
    const junk = await readActualsSheet(Buffer.from('not a zip file'));
    expect(junk.ok).toBe(false);
    expect(junk.errors[0].row).toBe(0);
  });
});
