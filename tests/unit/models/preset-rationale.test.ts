/**
 * The presets' rationales agree with their numbers (issue 15.6): the baseline's GDP text said "年均增长4.5%"
 * for 2024–2026 while its path runs 2.6%, 2.6%, 4.5% (an assumed 2023 base of 1900 and a 2025 lower
 * bound of 2000). Every growth rate the projected path runs at is quoted in the text, and no other.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Plan } from '../../../models/schema';
import { projectPlan, resolvePresetAssumptions } from '../../../models/engine';

const file = fileURLToPath(new URL('../../../scenarios/plan/xianning-2024-2026.plan.json', import.meta.url));
const plan = Plan.parse(JSON.parse(fs.readFileSync(file, 'utf8')));

describe.each(plan.presets.map((p) => p.id))('preset %s: the GDP rationale quotes the path it runs', (id) => {
  it('each year-on-year rate of 2024–2026, rounded to 0.1%, is in the text', () => {
    const a = resolvePresetAssumptions(plan, id);
    const v = projectPlan({ plan, assumptions: a }).series.gdp_nominal.values;
    const rates = [2024, 2025, 2026].map((y) => (100 * (v[y] / v[y - 1] - 1)).toFixed(1).replace(/\.0$/, ''));
    expect(rates[0]).toBe('2.6');
    expect(rates[1]).toBe('2.6');
    const text = a.gdp_nominal.rationale;
    for (const r of new Set(rates)) expect(text).toContain(`${r}%`);
    // the text never claims one rate for the whole of 2024—2026
    expect(text).not.toMatch(/2024—2026年现价年均增长/);
  });
});
