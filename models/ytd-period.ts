/**
 * The period words of a statistics bulletin (统计月报), read as the year-to-date import needs
 * them. Pure: no node:, no DOM, no clock.
 *
 *   1-10月, 1—10月, 1~10月, 1至10月, 一至十月, 2026年1-10月累计, 2026-10, 2026.10  -> 1-10月累计
 *   10月末, 十月末, 10月底                                                        -> 10月末 (a level)
 *   一季度, 1季度, 上半年, 前三季度, 1-3季度, 全年                                   -> 1-3 / 1-6 / 1-9 / 1-12月累计
 *   二季度, 三季度, 四季度, 下半年, 10月 (one month alone)                          -> a single period,
 *     NOT a cumulative: 四季度 is October–December, never the year's total.
 *
 * `readPeriodWords` reads a cell or header that is only a period; `findPeriodInText` finds one
 * inside a title ("2026年1-10月咸宁市主要经济指标").
 */

export type PeriodWord =
  /** January to `month` (1-N月累计); for a stock, the level at the end of `month`. */
  | { kind: 'cumulative'; year: number | null; month: number }
  /** the level at the end of `month` (10月末). */
  | { kind: 'month_end'; year: number | null; month: number }
  /** one quarter alone (二季度 = April–June): not a year-to-date figure. */
  | { kind: 'quarter'; year: number | null; quarter: 2 | 3 | 4 }
  /** July–December (下半年): not a year-to-date figure. */
  | { kind: 'second_half'; year: number | null }
  /** one month alone ("10月" in a column beside "1-10月"): only with `singleMonth: 'single'`. */
  | { kind: 'single_month'; year: number | null; month: number };

const DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "十" 10, "十二" 12, "二" 2, "12" 12; null for anything else. */
export function readSmallNumber(s: string): number | null {
  if (/^\d{1,2}$/.test(s)) return Number(s);
  if (/^[〇零一二两三四五六七八九]$/.test(s)) return DIGIT[s] ?? null;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? (DIGIT[m[1]] ?? 0) : 1) * 10 + (m[2] ? (DIGIT[m[2]] ?? 0) : 0);
  return null;
}

/** "2026" or "二〇二六" -> 2026. */
function readYear(s: string | undefined): number | null {
  if (!s) return null;
  if (/^\d{4}$/.test(s)) return Number(s);
  if (/^[〇零一二三四五六七八九]{4}$/.test(s)) return Number([...s].map((c) => DIGIT[c]).join(''));
  return null;
}

const NUM = '(\\d{1,2}|[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])';
const YEAR = '(?:(\\d{4}|[〇零一二三四五六七八九]{4})年(?:度)?)?';

/** Spaces out, dashes and "to" words as "-", full-width digits as ASCII. */
function normalisePeriodText(raw: string): string {
  return raw
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .replace(/[—–~～〜至到－‒―﹣]/g, '-')
    .replace(/-+/g, '-');
}

export interface ReadPeriodOptions {
  /** what "10月" alone means: 'cumulative' (a 月份 column: 1-10月, the default) or 'single' (a header beside 1-10月累计). */
  singleMonth?: 'cumulative' | 'single';
}

/**
 * A text that is only a period (a cell, a header) -> its period word, or null. Trailing 累计,
 * 累计值, 止, 数 and brackets such as "(亿元)" or "（%）" are ignored.
 */
export function readPeriodWords(raw: string, options: ReadPeriodOptions = {}): PeriodWord | null {
  const s = normalisePeriodText(raw)
    .replace(/[（(][^）)]*[）)]$/, '')
    .replace(/(?:累计值|累计数|累计|止|合计)$/, '')
    .replace(/^(?:截至|截止|截止到)/, '');
  if (s === '') return null;
  const re = (body: string) => new RegExp(`^${YEAR}${body}$`);
  let m: RegExpExecArray | null;
  // 1-10月, 一-十月, 1-10月份
  if ((m = re(`(?:1|一)-${NUM}月份?`).exec(s))) return month('cumulative', m[1], m[2]);
  // 10月末, 10月底
  if ((m = re(`${NUM}月(?:末|底)`).exec(s))) return month('month_end', m[1], m[2]);
  // 2026年10月, 10月
  if ((m = re(`${NUM}月份?`).exec(s))) return month(options.singleMonth === 'single' ? 'single_month' : 'cumulative', m[1], m[2]);
  // 2026-10, 2026.10, 2026/10
  if ((m = /^(\d{4})[-./](\d{1,2})$/.exec(s))) return month('cumulative', m[1], m[2]);
  // 前三季度, 前两季度, 1-3季度, 一至三季度
  if ((m = re(`(?:前|(?:1|一)-)${NUM}(?:个)?季度?`).exec(s))) {
    const q = readSmallNumber(m[2]);
    if (q === null || q < 1 || q > 4) return null;
    return { kind: 'cumulative', year: readYear(m[1]), month: q * 3 };
  }
  // 一季度, 第二季度, Q3
  if ((m = re(`(?:第)?${NUM}季度`).exec(s)) || (m = /^(?:(\d{4})年?)?[Qq]([1-4])$/.exec(s))) {
    const q = readSmallNumber(m[2]);
    if (q === null || q < 1 || q > 4) return null;
    const year = readYear(m[1]);
    return q === 1 ? { kind: 'cumulative', year, month: 3 } : { kind: 'quarter', year, quarter: q as 2 | 3 | 4 };
  }
  if ((m = re('上半年').exec(s))) return { kind: 'cumulative', year: readYear(m[1]), month: 6 };
  if ((m = re('下半年').exec(s))) return { kind: 'second_half', year: readYear(m[1]) };
  if ((m = re('全年').exec(s))) return { kind: 'cumulative', year: readYear(m[1]), month: 12 };
  return null;

  function month(kind: 'cumulative' | 'month_end' | 'single_month', y: string | undefined, n: string): PeriodWord | null {
    const mo = readSmallNumber(n);
    if (mo === null || mo < 1 || mo > 12) return null;
    return { kind, year: readYear(y), month: mo };
  }
}

/**
 * The period of a title such as "2026年1-10月咸宁市主要经济指标" or "咸宁市2026年前三季度主要经济指标":
 * the first run of period words inside the text, with the year written before it (or anywhere
 * in the title). Null when the title names no period.
 */
export function findPeriodInText(raw: string): PeriodWord | null {
  const s = normalisePeriodText(raw);
  const yearM = /(\d{4})年/.exec(s);
  const year = yearM ? Number(yearM[1]) : null;
  const patterns = [
    `(?:1|一)-${NUM}月份?(?:末|底)?`,
    `前${NUM}(?:个)?季度`,
    `(?:1|一)-${NUM}季度`,
    `(?:第)?${NUM}季度`,
    '上半年',
    '下半年',
    '全年',
    `${NUM}月(?:末|底)`,
  ];
  let best: { at: number; word: PeriodWord } | null = null;
  for (const p of patterns) {
    const re = new RegExp(p, 'g');
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) {
      // "1-10月" inside "2021-2025年" is no period; a digit before the match means it is part of a number
      if (m.index > 0 && /\d/.test(s[m.index - 1]!) && !/年$/.test(s.slice(0, m.index))) continue;
      const word = readPeriodWords(m[0]);
      if (!word) continue;
      if (!best || m.index < best.at) best = { at: m.index, word };
      break;
    }
  }
  if (!best) return null;
  return best.word.year === null ? { ...best.word, year } : best.word;
}

/** Chinese label of a period word: "2026年1-10月", "10月末", "二季度", "下半年". */
export function periodWordZh(w: PeriodWord): string {
  const y = w.year !== null ? `${w.year}年` : '';
  const Q = ['', '一', '二', '三', '四'];
  switch (w.kind) {
    case 'cumulative':
      return `${y}${w.month === 1 ? '1月' : `1-${w.month}月`}`;
    case 'month_end':
      return `${y}${w.month}月末`;
    case 'quarter':
      return `${y}${Q[w.quarter]}季度`;
    case 'second_half':
      return `${y}下半年`;
    case 'single_month':
      return `${y}${w.month}月`;
  }
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** English label: "January–October 2026", "end of October", "Q2", "second half". */
export function periodWordEn(w: PeriodWord): string {
  const y = w.year !== null ? ` ${w.year}` : '';
  switch (w.kind) {
    case 'cumulative':
      return `${w.month === 1 ? 'January' : `January–${MONTHS_EN[w.month - 1]}`}${y}`;
    case 'month_end':
      return `end of ${MONTHS_EN[w.month - 1]}${y}`;
    case 'quarter':
      return `Q${w.quarter}${y}`;
    case 'second_half':
      return `second half${y}`;
    case 'single_month':
      return `${MONTHS_EN[w.month - 1]}${y}`;
  }
}

/**
 * Why a period word cannot be stored as a year-to-date figure (null when it can): a single
 * quarter or half is not a cumulative from January, and 四季度 is not the year's total.
 */
export function notYearToDate(w: PeriodWord): { zh: string; en: string; cumulative_zh: string; cumulative_en: string } | null {
  if (w.kind === 'quarter') {
    const end = w.quarter * 3;
    const cum = { kind: 'cumulative', year: w.year, month: end } as const;
    return {
      zh: `“${periodWordZh(w)}”是单季数据（${end - 2}-${end}月），不是1-N月累计${w.quarter === 4 ? '，也不是全年数' : ''}`,
      en: `"${periodWordEn(w)}" is a single quarter (months ${end - 2}–${end}), not a year-to-date figure${w.quarter === 4 ? ' nor the annual total' : ''}`,
      cumulative_zh: periodWordZh(cum),
      cumulative_en: periodWordEn(cum),
    };
  }
  if (w.kind === 'second_half') {
    const cum = { kind: 'cumulative', year: w.year, month: 12 } as const;
    return {
      zh: `“${periodWordZh(w)}”是7-12月数据，不是1-N月累计，也不是全年数`,
      en: `"${periodWordEn(w)}" covers July–December, not a year-to-date figure nor the annual total`,
      cumulative_zh: periodWordZh(cum),
      cumulative_en: periodWordEn(cum),
    };
  }
  if (w.kind === 'single_month') {
    const cum = { kind: 'cumulative', year: w.year, month: w.month } as const;
    return {
      zh: `“${periodWordZh(w)}”是当月数据，不是1-N月累计`,
      en: `"${periodWordEn(w)}" is one month alone, not a year-to-date figure`,
      cumulative_zh: periodWordZh(cum),
      cumulative_en: periodWordEn(cum),
    };
  }
  return null;
}
