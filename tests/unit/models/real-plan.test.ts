/**
 * The real plan file (written by another engineer), when it exists: each preset projects every
 * series and evaluates every target without NaN or Infinity.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Plan } from '../../../models/schema';
import { projectPlan, resolvePresetAssumptions } from '../../../models/engine';
import { allFinite } from './fixtures';

const file = fileURLToPath(new URL('../../../scenarios/plan/xianning-2024-2026.plan.json', import.meta.url));
const exists = fs.existsSync(file);

describe.skipIf(!exists)('the real plan file', () => {
  const plan = exists ? Plan.parse(JSON.parse(fs.readFileSync(file, 'utf8'))) : (null as unknown as Plan);
  const presets = exists ? plan.presets.map((p) => p.id) : [];

  it.each(presets.length ? presets : ['baseline'])('preset %s: every target evaluated, no NaN or Infinity', (id) => {
    const assumptions = resolvePresetAssumptions(plan, id);
    const r = projectPlan({ plan, assumptions });
    expect(r.targets).toHaveLength(plan.targets.length);
    expect(r.targets.map((t) => t.id)).toEqual(plan.targets.map((t) => t.id));
    expect(Object.keys(r.series)).toHaveLength(plan.series.length);
    expect(allFinite(r)).toBe(true);
    const total = Object.values(r.rollup).reduce((a, b) => a + b, 0);
    expect(total).toBe(plan.targets.length);
  });

  it('a child preset stores only differences: its parent fills the rest', () => {
    const child = plan.presets.find((p) => p.parent !== null);
    if (!child) return;
    const merged = resolvePresetAssumptions(plan, child.id);
    const parent = resolvePresetAssumptions(plan, child.parent as string);
    expect(Object.keys(merged).length).toBeGreaterThanOrEqual(Object.keys(parent).length);
    for (const a of child.assumptions) expect(merged[a.series].from).toBe(child.id);
  });
});
