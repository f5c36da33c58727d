/**
 * The period words of a statistics bulletin (models/ytd-period.ts): cumulative periods, month
 * ends, and the single quarters that must never be read as a cumulative (四季度 is not the year).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPeriodInText, notYearToDate, readPeriodWords, readSmallNumber } from '../../../models/ytd-period';

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const DASHES = ['-', '—', '–', '~', '～', '至', '到', '－'];

describe('readPeriodWords', () => {
  const cases: [string, ReturnType<typeof readPeriodWords>][] = [
    ['1-10月', { kind: 'cumulative', year: null, month: 10 }],
    ['1—10月', { kind: 'cumulative', year: null, month: 10 }],
    ['一至十月', { kind: 'cumulative', year: null, month: 10 }],
    ['1-10月累计', { kind: 'cumulative', year: null, month: 10 }],
    ['2026年1-10月', { kind: 'cumulative', year: 2026, month: 10 }],
    ['２０２６年１－１０月', { kind: 'cumulative', year: 2026, month: 10 }],
    ['10月末', { kind: 'month_end', year: null, month: 10 }],
    ['十月末', { kind: 'month_end', year: null, month: 10 }],
    ['10月底', { kind: 'month_end', year: null, month: 10 }],
    ['一季度', { kind: 'cumulative', year: null, month: 3 }],
    ['2026年上半年', { kind: 'cumulative', year: 2026, month: 6 }],
    ['前三季度', { kind: 'cumulative', year: null, month: 9 }],
    ['1-3季度', { kind: 'cumulative', year: null, month: 9 }],
    ['全年', { kind: 'cumulative', year: null, month: 12 }],
    ['二季度', { kind: 'quarter', year: null, quarter: 2 }],
    ['第三季度', { kind: 'quarter', year: null, quarter: 3 }],
    ['2026年四季度', { kind: 'quarter', year: 2026, quarter: 4 }],
    ['下半年', { kind: 'second_half', year: null }],
    ['1-13月', null],
    ['五季度', null],
    ['明年', null],
  ];
  for (const [text, want] of cases) it(text, () => expect(readPeriodWords(text)).toEqual(want));

  it('"10月" alone is a cumulative in a 月份 column, a single month as a header beside 1-10月', () => {
    expect(readPeriodWords('10月')).toEqual({ kind: 'cumulative', year: null, month: 10 });
    expect(readPeriodWords('10月', { singleMonth: 'single' })).toEqual({ kind: 'single_month', year: null, month: 10 });
  });

  it('any 1-N月 written with any dash, Arabic or Chinese numerals, with or without a year and 累计, is January to N', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(...DASHES),
        fc.boolean(),
        fc.option(fc.integer({ min: 1990, max: 2100 }), { nil: null }),
        fc.constantFrom('', '累计', '累计值'),
        (n, dash, chinese, year, tail) => {
          const text = `${year !== null ? `${year}年` : ''}${chinese ? `一${dash}${CN[n]}` : `1${dash}${n}`}月${tail}`;
          expect(readPeriodWords(text)).toEqual({ kind: 'cumulative', year, month: n });
        },
      ),
    );
  });

  it('a single quarter 二/三/四季度 is never a cumulative, and the reason names the cumulative to give instead', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.boolean(), fc.boolean(), (q, chinese, di) => {
        const w = readPeriodWords(`${di ? '第' : ''}${chinese ? CN[q] : q}季度`);
        expect(w).toEqual({ kind: 'quarter', year: null, quarter: q });
        const why = notYearToDate(w!);
        expect(why?.zh).toContain('单季');
        expect(why?.cumulative_zh).toBe(`1-${q * 3}月`);
      }),
    );
    expect(notYearToDate(readPeriodWords('四季度')!)?.zh).toContain('也不是全年数');
  });

  it('Chinese numbers up to 12', () => {
    for (let n = 1; n <= 12; n++) expect(readSmallNumber(CN[n]!)).toBe(n);
    expect(readSmallNumber('十三')).toBe(13);
    expect(readSmallNumber('x')).toBeNull();
  });
});

describe('findPeriodInText: the period of a bulletin title', () => {
  it('reads the title as printed', () => {
    expect(findPeriodInText('2026年1-10月咸宁市主要经济指标')).toEqual({ kind: 'cumulative', year: 2026, month: 10 });
    expect(findPeriodInText('咸宁市2026年前三季度主要经济指标')).toEqual({ kind: 'cumulative', year: 2026, month: 9 });
    expect(findPeriodInText('2026年二季度咸宁市主要经济指标')).toEqual({ kind: 'quarter', year: 2026, quarter: 2 });
    expect(findPeriodInText('咸宁市主要经济指标（2026年10月末）')).toEqual({ kind: 'month_end', year: 2026, month: 10 });
    expect(findPeriodInText('咸宁市主要经济指标')).toBeNull();
    expect(findPeriodInText('2021-2025年规划')).toBeNull();
  });

  it('any title with a 1-N月 period after its year gives that year and month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(...DASHES),
        fc.constantFrom('咸宁市主要经济指标', '全市规模以上工业生产情况', ''),
        fc.constantFrom('', '咸宁市'),
        (year, n, dash, after, before) => {
          expect(findPeriodInText(`${before}${year}年1${dash}${n}月${after}`)).toEqual({ kind: 'cumulative', year, month: n });
        },
      ),
    );
  });
});
