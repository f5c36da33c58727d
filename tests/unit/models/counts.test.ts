import { describe, expect, it } from 'vitest';
import { isWholeCountTarget, wholeDifference, wholeFigure, wholeGap } from '../../../models/counts';

describe('whole counts (models/counts.ts): figure and difference add up to the target', () => {
  it('knows a whole count from a rate written in a count unit', () => {
    expect(isWholeCountTarget({ kind: 'level', unit: '家', target: 30 })).toBe(true);
    expect(isWholeCountTarget({ kind: 'level', unit: '件', target: 1.8 })).toBe(false);
    expect(isWholeCountTarget({ kind: 'level', unit: '亿元', target: 700 })).toBe(false);
    expect(isWholeCountTarget({ kind: 'share', unit: '%', target: 28 })).toBe(false);
  });

  it('cuts a figure toward the miss: floor against 以上, ceiling against a cap, outward from a range', () => {
    expect(wholeFigure({ comparator: '>=', target: 100 }, 99.6)).toBe(99);
    expect(wholeFigure({ comparator: '>=', target: 100 }, 104.6)).toBe(104);
    expect(wholeFigure({ comparator: '>=', target: 100 }, 99.9999999999)).toBe(100);
    expect(wholeFigure({ comparator: '<=', target: 100 }, 100.04)).toBe(101);
    expect(wholeFigure({ target: [1, 2] }, 0.6)).toBe(0);
    expect(wholeFigure({ target: [1, 2] }, 2.2)).toBe(3);
    expect(wholeFigure({ target: [1, 2] }, 1.4)).toBe(1);
    expect(wholeFigure({}, 5.5)).toBe(6);
  });

  it('rounds a shortfall up (at least one) and a surplus down', () => {
    expect(wholeDifference(1.2, true)).toBe(2);
    expect(wholeDifference(0.1, true)).toBe(1);
    expect(wholeDifference(2.0000000001, true)).toBe(2);
    expect(wholeDifference(0.6, false)).toBe(0);
    expect(wholeDifference(3.7, false)).toBe(3);
  });

  it('signs a whole gap: short rounds up, over down, under one over is level', () => {
    expect(wholeGap(1.2)).toBe(2);
    expect(wholeGap(-6.86)).toBe(-6);
    expect(Object.is(wholeGap(-0.4), 0)).toBe(true);
    expect(wholeGap(0)).toBe(0);
  });

  it('never writes a figure and a gap that disagree with the target', () => {
    for (const v of [0.3, 5880.8, 98.8, 99.6, 29.9, 3953.5]) {
      const t = Math.ceil(v) + 3;
      expect(wholeFigure({ comparator: '>=', target: t }, v) + wholeDifference(t - v, true)).toBe(t);
    }
  });
});
