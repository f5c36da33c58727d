/** The columns of the 实际值 sheet, shared by the writer (actuals.ts) and the reader (read-actuals.ts). */
import { RELIABILITY_HEADING } from '../terms';

/** The columns of the 实际值 sheet: the Chinese header, the English (field) header. */
export const ACTUAL_COLUMNS = [
  { key: 'series', zh: '序列编号', en: 'series', label_en: 'Series id' },
  { key: 'series_name', zh: '指标名称', en: 'series name', label_en: 'Indicator' },
  { key: 'period', zh: '期间', en: 'period', label_en: 'Period' },
  { key: 'value', zh: '数值', en: 'value', label_en: 'Value' },
  { key: 'unit', zh: '单位', en: 'unit', label_en: 'Unit' },
  { key: 'ytd_growth', zh: '累计增速(%)', en: 'ytd_growth', label_en: 'YTD growth (%)' },
  { key: 'value_kind', zh: '数值性质', en: 'value_kind', label_en: 'Kind of value' },
  { key: 'source_title', zh: '来源', en: 'source.title', label_en: 'Source' },
  { key: 'source_url', zh: '来源链接', en: 'source.url', label_en: 'Source link' },
  { key: 'source_date', zh: '发布日期', en: 'source.date', label_en: 'Release date' },
  { key: 'reliability', zh: RELIABILITY_HEADING['zh-CN'], en: 'source.reliability', label_en: RELIABILITY_HEADING.en },
  { key: 'vintage', zh: '版本日期', en: 'vintage', label_en: 'Vintage' },
  { key: 'note', zh: '备注', en: 'note', label_en: 'Note' },
  { key: 'entered_by', zh: '录入人', en: 'entered_by', label_en: 'Entered by' },
  { key: 'entered_at', zh: '录入时间', en: 'entered_at', label_en: 'Entered at' },
  // written, never read back: where this record replaced an earlier figure (records-shown.ts)
  { key: 'revision', zh: '更新说明', en: 'revision', label_en: 'Revision' },
] as const;
/** Header words of older packs, still read back. */
export const OLD_HEADERS: Record<string, string> = { 序列名称: 'series_name', 来源名称: 'source_title', 来源日期: 'source_date' };
export type ActualKey = (typeof ACTUAL_COLUMNS)[number]['key'];
