/**
 * The public-figures table (公开数据表, data/xianning-public-figures.csv): parsing and row keys.
 * The mapping of each row to a plan series or a reference lives in scripts/build-plan-actuals.ts.
 */
import { parse } from 'csv-parse/sync';

const PUBLIC_FIGURE_COLUMNS = [
  'indicator_zh',
  'indicator_en',
  'period',
  'value',
  'unit',
  'value_kind',
  'related_plan_target',
  'source_url',
  'source_note',
  'reliability',
] as const;

export type PublicFigureValueKind = 'actual' | 'target' | 'lower_bound' | 'approx_below';
export type PublicFigureReliability = 'official' | 'secondary' | 'mirror' | 'low';

export interface PublicFigureRow {
  /** 1-based line of the row in the file (the header is line 1). */
  line: number;
  indicator_zh: string;
  indicator_en: string;
  period: string;
  value: number;
  unit: string;
  value_kind: PublicFigureValueKind;
  related_plan_target: string;
  source_url: string;
  source_note: string;
  reliability: PublicFigureReliability;
}

/**
 * RFC 4180 CSV (csv-parse, the one CSV parser of the project): quoted fields may hold commas,
 * quotes ("") and line breaks; a BOM is dropped; blank lines are skipped.
 */
export function parseCsv(text: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    throw new Error(`CSV: 无法解析（${e instanceof Error ? e.message : String(e)}）/ unterminated quoted field or bad quoting`, {
      cause: e,
    });
  }
}

const KINDS = new Set(['actual', 'target', 'lower_bound', 'approx_below']);
const RELIABILITIES = new Set(['official', 'secondary', 'mirror', 'low']);

/** Parses the public-figures CSV; throws with the line number on a malformed row. */
export function parsePublicFigures(text: string): PublicFigureRow[] {
  const [header, ...body] = parseCsv(text);
  if (!header || header.join(',') !== PUBLIC_FIGURE_COLUMNS.join(',')) {
    throw new Error(`公开数据表表头不符 / unexpected header: ${header?.join(',')}`);
  }
  return body.map((cells, k) => {
    const line = k + 2;
    if (cells.length !== PUBLIC_FIGURE_COLUMNS.length) {
      throw new Error(
        `第 ${line} 行应有 ${PUBLIC_FIGURE_COLUMNS.length} 列,实有 ${cells.length} 列 / line ${line}: expected ${PUBLIC_FIGURE_COLUMNS.length} fields, got ${cells.length}`,
      );
    }
    const rec = Object.fromEntries(PUBLIC_FIGURE_COLUMNS.map((c, j) => [c, cells[j]!.trim()])) as Record<
      (typeof PUBLIC_FIGURE_COLUMNS)[number],
      string
    >;
    const value = Number(rec.value);
    if (rec.value === '' || !Number.isFinite(value))
      throw new Error(`第 ${line} 行数值无效 / line ${line}: value "${rec.value}" is not a number`);
    if (!KINDS.has(rec.value_kind)) throw new Error(`第 ${line} 行 value_kind 无效 / line ${line}: unknown value_kind "${rec.value_kind}"`);
    if (!RELIABILITIES.has(rec.reliability))
      throw new Error(`第 ${line} 行 reliability 无效 / line ${line}: unknown reliability "${rec.reliability}"`);
    return {
      line,
      ...rec,
      value,
      value_kind: rec.value_kind as PublicFigureValueKind,
      reliability: rec.reliability as PublicFigureReliability,
    };
  });
}

/** The key that names a row in the mapping table: indicator and period ("高新技术企业|2025"). */
export function rowKey(row: Pick<PublicFigureRow, 'indicator_zh' | 'period'>): string {
  return `${row.indicator_zh}|${row.period}`;
}
