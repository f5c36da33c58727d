import { describe, expect, it } from 'vitest';
import { formatProbability } from '../../../models/probability';

describe('one probability format', () => {
  it('writes <1%, >99%, else a whole percent', () => {
    expect(formatProbability(0)).toBe('<1%');
    expect(formatProbability(0.004)).toBe('<1%');
    expect(formatProbability(0.01)).toBe('1%');
    expect(formatProbability(0.187)).toBe('19%');
    expect(formatProbability(0.99)).toBe('99%');
    expect(formatProbability(0.995)).toBe('>99%');
    expect(formatProbability(1)).toBe('>99%');
  });
});
