/**
 * Provenance as a planner writes it. Records carry machine parts — a JSON head line in a note
 * (`{"ytd_growth":0.098}`, `{"nowcast":{…}}`), bilingual texts ("中文 来源说明 / source note: English",
 * "1-10月累计推算 / nowcast from January–October") and internal authors ("ytd import",
 * "scripts/build-plan-actuals.ts (…)") — that belong in the data, not in a briefing. These
 * functions give the words of one language for screens and exports; the stored record is unchanged.
 * Pure.
 *
 * @example noteText('{"ytd_growth":0.098}\n市统计局月报', 'zh-CN') // '市统计局月报'
 * @example noteText('下限值。 来源说明 / source note: lower bound', 'en') // 'lower bound'
 * @example enteredByText('ytd import', 'zh-CN') // '系统导入：1-N月统计数据'
 * @example enteredValue(1950.3) // '1,950.3'
 */
export type ProvenanceLanguage = 'zh-CN' | 'en';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const BILINGUAL_NOTE = /\s*来源说明\s*\/\s*source note:\s*/;

/** Drops a first line that is a JSON object (the machine part of a note). */
function withoutJsonHead(text: string): string {
  const nl = text.indexOf('\n');
  const head = (nl < 0 ? text : text.slice(0, nl)).trim();
  if (head.startsWith('{') && head.endsWith('}')) {
    try {
      JSON.parse(head);
      return nl < 0 ? '' : text.slice(nl + 1);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * One language's side of "中文 / English" (one separator, Chinese on the left, none on the right);
 * any other text as it is.
 */
export function languageSide(text: string, lang: ProvenanceLanguage): string {
  const parts = text.split(' / ');
  if (parts.length !== 2) return text;
  const [zh, en] = parts;
  if (!CJK.test(zh) || CJK.test(en)) return text;
  return (lang === 'zh-CN' ? zh : en).trim();
}

/** The human part of an actual's note, in one language. */
export function noteText(note: string | null | undefined, lang: ProvenanceLanguage): string {
  if (!note) return '';
  const text = withoutJsonHead(note).trim();
  const m = BILINGUAL_NOTE.exec(text);
  if (m) {
    const zh = text.slice(0, m.index).trim();
    const en = text.slice(m.index + m[0].length).trim();
    return lang === 'zh-CN' ? zh || en : en || zh;
  }
  return languageSide(text, lang);
}

/** A source title in one language ("1-10月累计推算 / nowcast from January–October" -> one side). */
export function sourceTitleText(title: string, lang: ProvenanceLanguage): string {
  return languageSide(title, lang);
}

/** Who entered a record, as a planner reads it: names stay, the system's own markers get words. */
export function enteredByText(enteredBy: string | null | undefined, lang: ProvenanceLanguage): string {
  const e = (enteredBy ?? '').trim();
  const zh = lang === 'zh-CN';
  if (e === '') return '';
  if (/^scripts\/build-plan-actuals/.test(e)) return zh ? '系统导入：公开数据整理' : 'system import: public figures';
  if (e === 'plan file') return zh ? '随规划文件提供' : 'shipped with the plan';
  if (e === 'ytd import') return zh ? '系统导入：1-N月统计数据' : 'system import: year-to-date statistics';
  if (/^ytd 1-12$/.test(e)) return zh ? '系统导入：1-12月统计数据' : 'system import: January–December statistics';
  if (e === 'nowcast') return zh ? '系统推算' : 'system estimate';
  if (e === 'Excel 导入') return zh ? '系统导入：指标表' : 'system import: indicator table';
  return e;
}

/** A value exactly as entered: every decimal it has, thousands grouped (1950.3 -> 1,950.3). */
export function enteredValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = String(value);
  if (/e/i.test(text)) return text;
  const [int, frac] = text.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${frac ? `.${frac}` : ''}`;
}
