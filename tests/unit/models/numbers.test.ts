import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeNumberText, percentText, readNumber } from '../../../models/numbers';

const value = (input: unknown, unit?: string, percent_format?: boolean) => {
  const r = readNumber(input, { unit, percent_format });
  if (!r.ok) throw new Error(`${r.reason_zh} / ${r.reason_en}`);
  return r.value;
};
const reason = (input: unknown, unit?: string) => {
  const r = readNumber(input, { unit });
  if (r.ok) throw new Error(`read ${r.value}`);
  return `${r.reason_zh} / ${r.reason_en}`;
};

describe('readNumber: the spellings issue 16 found read wrong', () => {
  it('reads a number with a % format as a fraction, and "15%" as one', () => {
    const r = readNumber(0.15, { percent_format: true });
    expect(r).toEqual({ ok: true, value: 0.15, percent: true, cell_unit: null });
    expect(value('15%')).toBeCloseTo(0.15, 12);
    expect(value('１５％')).toBeCloseTo(0.15, 12);
  });
  it('converts 1.2亿元 under 万元 to 12000, and 1.5万亿元 under 亿元 to 15000', () => {
    expect(value('1.2亿元', '万元')).toBe(12000);
    expect(value('1.5万亿元', '亿元')).toBe(15000);
    expect(value('590亿元', '亿元')).toBe(590);
  });
  it('keeps the sign of −3.5 (U+2212), －3.5 (full width) and (120)', () => {
    expect(value('\u22123.5')).toBe(-3.5);
    expect(value('\uff0d3.5')).toBe(-3.5);
    expect(value('(120)')).toBe(-120);
    expect(value('（1,234.5）')).toBe(-1234.5);
  });
  it('refuses 2.5倍 under a unit that is not 倍, with the reason, and reads it under 倍', () => {
    expect(reason('2.5倍', '亿元')).toMatch(/倍数.*亿元.*multiple/);
    expect(value('2.5倍', '倍')).toBe(2.5);
  });
  it('accepts 个/家/项 for counts and refuses them for money', () => {
    expect(value('655家', '家')).toBe(655);
    expect(value('12项', '个')).toBe(12);
    expect(reason('655家', '亿元')).toMatch(/个数/);
  });
  it('reads full-width digits, thousands separators and spaces', () => {
    expect(value('１２３．５')).toBe(123.5);
    expect(value('1,234.5')).toBe(1234.5);
    expect(value('1，234')).toBe(1234);
    expect(value('  7  ')).toBe(7);
  });
  it('refuses anything else with the reason', () => {
    expect(reason('abc')).toMatch(/不是数字/);
    expect(reason('1.2.3')).toMatch(/不是/);
    expect(reason('10 to 20')).toMatch(/不是一个数字/);
    expect(reason('12,34')).toMatch(/不是/);
    expect(reason('')).toMatch(/为空/);
    expect(reason('1.2亿元', '%')).toMatch(/无法换算/);
    expect(reason(Number.NaN)).toMatch(/有限/);
  });
});

describe('readNumber: properties (format a number in each spelling, read it back)', () => {
  const decimals = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((n) => n / 100);
  const grouped = (n: number, sep: string) => {
    const [int, frac] = Math.abs(n).toFixed(2).split('.');
    return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, sep)}.${frac}`;
  };
  const fullWidth = (s: string) => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace('.', '．');
  const spellings: Array<[string, (n: number) => string]> = [
    ['plain', (n) => String(n)],
    ['thousands', (n) => `${n < 0 ? '-' : ''}${grouped(n, ',')}`],
    ['full-width comma', (n) => `${n < 0 ? '-' : ''}${grouped(n, '，')}`],
    ['unicode minus', (n) => `${n < 0 ? '\u2212' : ''}${Math.abs(n)}`],
    ['full-width', (n) => `${n < 0 ? '－' : ''}${fullWidth(String(Math.abs(n)))}`],
    ['accounting', (n) => (n < 0 ? `(${grouped(n, ',')})` : grouped(n, ','))],
    ['spaces', (n) => `  ${n}\u3000`],
  ];
  for (const [name, spell] of spellings) {
    it(`reads back the ${name} spelling`, () => {
      fc.assert(fc.property(decimals, (n) => Math.abs(value(spell(n)) - n) < 1e-9));
    });
  }
  it('reads back a percentage, as text and as a % format', () => {
    fc.assert(fc.property(decimals, (n) => Math.abs(value(percentText(n / 100)) - n / 100) < 1e-12 && value(n, undefined, true) === n));
  });
  it('reads back 亿元 in 万元 and 万亿元 in 亿元', () => {
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
    fc.assert(fc.property(decimals, (n) => close(value(`${n}亿元`, '万元'), n * 1e4) && close(value(`${n}万亿元`, '亿元'), n * 1e4)));
  });
  it('never throws, and refuses text with letters', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = readNumber(s);
        return !/[a-df-zA-DF-Z]/.test(normalizeNumberText(s)) || !r.ok;
      }),
    );
  });
  it('reads a bare 万 as ten thousand under a count unit, in every sign spelling', () => {
    const minus = ['-', '\u2212', '－'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999 }),
        fc.constantFrom('个', '家', '人', '名', ''),
        fc.constantFrom(...minus),
        fc.boolean(),
        (k, unit, sign, neg) => {
          const n = k / 10;
          const text = `${neg ? sign : ''}${n}万`;
          return Math.abs(value(text, unit) - (neg ? -1 : 1) * n * 1e4) < 1e-6;
        },
      ),
    );
  });
  it('converts money between 元, 万元, 亿元 and 万亿元 both ways', () => {
    const factor: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8, 万亿元: 1e12 };
    const units = Object.keys(factor);
    fc.assert(
      fc.property(decimals, fc.constantFrom(...units), fc.constantFrom(...units), (n, cell, unit) => {
        const want = (n * factor[cell]!) / factor[unit]!;
        return Math.abs(value(`${n}${cell}`, unit) - want) <= 1e-9 * Math.max(1, Math.abs(want));
      }),
    );
  });
});

describe('readNumber: refusals with the reason (issue 16 item 3)', () => {
  it('refuses a bare 万 where it reads two ways (万人, 亿元), naming the unit', () => {
    expect(reason('1.2万', '万人')).toMatch(/只写了“万”.*万人.*1\.2万人/);
    expect(reason('1.2万', '亿元')).toMatch(/1\.2万亿元/);
    expect(value('1.2万', '个')).toBe(12000);
  });
  it('refuses a percentage under a unit that is not a percent', () => {
    expect(reason('15%', '亿元')).toMatch(/百分数.*亿元.*percentage/);
    expect(value('15%', '%')).toBeCloseTo(0.15, 12);
  });
  it('reads the issue’s spellings in the series’ unit', () => {
    expect(value('590亿元', '亿元')).toBe(590);
    expect(value('590亿元', '万元')).toBe(5_900_000);
    expect(value('１２３', '个')).toBe(123);
    expect(value('1.5万亿元', '亿元')).toBe(15000);
    expect(value('\u22123.5', '%')).toBe(-3.5);
    expect(value('(120)', '人')).toBe(-120);
  });
});
