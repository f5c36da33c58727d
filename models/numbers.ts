/**
 * Number spellings planners type or paste into a cell, read by one pure parser used by every
 * import (indicator table, year-to-date, actuals): full-width digits and punctuation (１２３．５),
 * thousands separators (1,234.5 / 1，234), the Unicode minus (U+2212) and the full-width minus,
 * accounting negatives ((120)), percentages ("15%", or a number shown with a % number format),
 * and units written in the cell (亿元 / 万元 / 万亿元 converted to the series' unit, 倍 read only
 * where the series counts multiples, 个 / 家 / 项 for counts, a bare 万 as ten thousand under a
 * count unit, a percentage only under a percent unit). Anything else is refused with the
 * reason, in Chinese and English. Pure: no Node, no DOM.
 */

export type NumberReading =
  | {
      ok: true;
      /** In the series' unit when one was given; a percentage as a fraction (15% -> 0.15). */
      value: number;
      /** The cell was a percentage ("15%", or a number with a % format). */
      percent: boolean;
      /** The unit written in the cell, if any ("亿元"). */
      cell_unit: string | null;
    }
  | { ok: false; reason_zh: string; reason_en: string };

export interface NumberOptions {
  /** The series' unit (万元, %, 家 ...): a unit in the cell is converted to it or refused. */
  unit?: string | null;
  /** The cell's number format shows a percent sign (Excel's 0% / 0.0%): the number is a fraction. */
  percent_format?: boolean;
}

const FULL_WIDTH_DIGIT = /[\uff10-\uff19]/g;
/** The minus signs seen in pasted text: U+2212 (minus), U+FF0D (full-width), U+2013 / U+2014 at the start, U+FE63. */
const MINUS = /[\u2212\uff0d\ufe63\u2012\u2013]/g;

/** Full-width digits and punctuation to ASCII, every minus to '-', spaces trimmed. */
export function normalizeNumberText(text: string): string {
  return text
    .replace(FULL_WIDTH_DIGIT, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\uff0e/g, '.')
    .replace(/[\uff0c\u060c]/g, ',')
    .replace(/\uff05/g, '%')
    .replace(/\uff0b/g, '+')
    .replace(/[\uff08]/g, '(')
    .replace(/[\uff09]/g, ')')
    .replace(MINUS, '-')
    .replace(/[\u00a0\u3000\u2009\u202f]/g, ' ')
    .trim();
}

/** Multiples of one base unit, as written in cells. */
const SCALE: Record<string, { base: string; factor: number }> = {
  元: { base: 'CNY', factor: 1 },
  万元: { base: 'CNY', factor: 1e4 },
  亿元: { base: 'CNY', factor: 1e8 },
  万亿元: { base: 'CNY', factor: 1e12 },
  万亿: { base: 'CNY', factor: 1e12 },
  亿: { base: 'CNY', factor: 1e8 },
  美元: { base: 'USD', factor: 1 },
  万美元: { base: 'USD', factor: 1e4 },
  亿美元: { base: 'USD', factor: 1e8 },
  吨: { base: 't', factor: 1 },
  万吨: { base: 't', factor: 1e4 },
  人: { base: 'person', factor: 1 },
  万人: { base: 'person', factor: 1e4 },
  千瓦: { base: 'kW', factor: 1 },
  万千瓦: { base: 'kW', factor: 1e4 },
  兆瓦: { base: 'kW', factor: 1e3 },
};

/** Count words: a count in the cell is accepted under any count unit (655家 under 个). */
const COUNT_WORDS = new Set(['个', '家', '项', '件', '座', '所', '户', '台', '套', '条', '处', '名']);

/** Units counted one by one, under which a bare 万 (1.2万) is ten thousand. */
const COUNT_UNITS = new Set([...COUNT_WORDS, '人']);

/** A unit of percent: a percentage typed in the cell ("15%") is read only under one. */
function isPercentUnit(unit: string): boolean {
  return unit === '%' || unit === '％';
}

const UNIT_RE =
  /(万亿元|亿美元|万美元|万千瓦|万亿|亿元|万元|美元|万吨|万人|千瓦|兆瓦|元|亿|吨|人|倍|个|家|项|件|座|所|户|台|套|条|处|名|万)$/;

const refuse = (reason_zh: string, reason_en: string): NumberReading => ({ ok: false, reason_zh, reason_en });

/** "1,234.5" / "1234" / ".5" / "1e3": the digits of one number, or null. */
function plainNumber(s: string): number | null {
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return Number(s.replace(/,/g, ''));
  if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  return null;
}

function quoted(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

/**
 * Reads one cell: a number, or a text in one of the spellings above. An empty cell is refused
 * as empty (callers decide whether a blank is allowed before asking).
 */
export function readNumber(input: unknown, options: NumberOptions = {}): NumberReading {
  const unit = options.unit?.trim() ?? '';
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return refuse('不是有限的数字', 'is not a finite number');
    return { ok: true, value: input, percent: options.percent_format === true, cell_unit: null };
  }
  if (typeof input !== 'string') return refuse('不是数字', 'is not a number');
  const raw = input;
  let s = normalizeNumberText(raw).replace(/\s+/g, ' ');
  if (s === '') return refuse('为空', 'is empty');
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1]!.trim();
  }
  if (s.startsWith('-') || s.startsWith('+')) {
    if (negative && s.startsWith('-'))
      return refuse(`“${quoted(raw)}”同时用了括号和负号`, `"${quoted(raw)}" has both brackets and a minus sign`);
    negative = negative || s.startsWith('-');
    s = s.slice(1).trim();
  }
  let percent = false;
  let cellUnit: string | null = null;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  } else {
    const m = UNIT_RE.exec(s);
    if (m) {
      cellUnit = m[1]!;
      s = s.slice(0, -cellUnit.length).trim();
    }
  }
  if (/^\d{1,3}( \d{3})+(\.\d+)?$/.test(s)) s = s.replace(/ /g, '');
  const n = plainNumber(s);
  if (n === null) {
    if (/\d/.test(s) && /[^\d.,]/.test(s)) {
      return refuse(
        `“${quoted(raw)}”不是一个数字（含有无法识别的文字或多个数字）`,
        `"${quoted(raw)}" is not one number (it holds words or several numbers)`,
      );
    }
    return refuse(`“${quoted(raw)}”不是数字`, `"${quoted(raw)}" is not a number`);
  }
  const signed = negative ? -n : n;
  if (percent) {
    if (unit !== '' && !isPercentUnit(unit)) {
      return refuse(
        `“${quoted(raw)}”是百分数，该指标的单位是“${unit}”`,
        `"${quoted(raw)}" is a percentage, but the indicator is in ${unit}`,
      );
    }
    return { ok: true, value: signed / 100, percent: true, cell_unit: '%' };
  }
  if (cellUnit === null) return { ok: true, value: signed, percent: false, cell_unit: null };
  return convertCellUnit(signed, cellUnit, unit, raw);
}

function convertCellUnit(value: number, cellUnit: string, unit: string, raw: string): NumberReading {
  const ok = (v: number): NumberReading => ({ ok: true, value: v, percent: false, cell_unit: cellUnit });
  if (cellUnit === '万') {
    // a bare 万 is ten thousand of what is counted; under 万人 or 亿元 it could be read two ways
    if (unit === '' || COUNT_UNITS.has(unit)) return ok(Number((value * 1e4).toPrecision(15)));
    return refuse(
      `“${quoted(raw)}”只写了“万”，该指标的单位是“${unit}”：请写明单位（如“${quoted(raw)}${unit.startsWith('万') ? unit.slice(1) || '' : unit}”）或填写以${unit}计的数值`,
      `"${quoted(raw)}" says only 万 (ten thousand), but the indicator is in ${unit}: write the unit out or enter the value in ${unit}`,
    );
  }
  if (unit === '' || unit === cellUnit) return ok(value);
  if (cellUnit === '倍') {
    return refuse(
      `“${quoted(raw)}”是倍数，该指标的单位是“${unit}”：请填写换算成${unit}的数值`,
      `"${quoted(raw)}" is a multiple, but the indicator is in ${unit}: enter the value in ${unit}`,
    );
  }
  if (COUNT_WORDS.has(cellUnit)) {
    if (COUNT_WORDS.has(unit)) return ok(value);
    return refuse(`“${quoted(raw)}”是个数，该指标的单位是“${unit}”`, `"${quoted(raw)}" is a count, but the indicator is in ${unit}`);
  }
  const a = SCALE[cellUnit];
  const b = SCALE[unit];
  if (a && b && a.base === b.base) return ok(Number(((value * a.factor) / b.factor).toPrecision(15)));
  return refuse(
    `单元格中的单位“${cellUnit}”无法换算为该指标的单位“${unit}”`,
    `the unit ${cellUnit} in the cell does not convert to the indicator's unit ${unit}`,
  );
}

/** A percentage shown as text: 0.15 -> "15%" (as a cell with a % format shows it). */
export function percentText(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(15))}%`;
}
