/**
 * The plan in the database: the plan id recorded on first open (a database of another plan is
 * refused) and the plan's presets (基准 / 乐观 / 保守 ...) seeded as scenarios when missing, parents
 * first, with seeds that are the same on every laptop.
 */
import type { Preset } from '../../models/schema';
import type { StoreContext } from './context';
import { StoreError } from './errors';
import { SCENARIO_COLUMNS as ROW_COLUMNS, type MetaRow, type ScenarioRow as Row } from './rows';
import { clone, type ScenarioRepository } from './scenarios';
import type { ScenarioDoc } from './types';
import { DOC_SCHEMA_VERSION } from './validate';

/** 31-bit FNV-1a: stable seeds for presets, the same on every laptop. */
function stableSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h & 0x7fffffff;
}

/** Records the plan id (refusing a database of another plan) and seeds missing presets. */
export function ensurePlan(ctx: StoreContext, scenarios: ScenarioRepository): void {
  const planRow = ctx.stmt<[], Pick<MetaRow, 'value'>>("SELECT value FROM meta WHERE key = 'plan_id'").get();
  if (planRow && planRow.value !== ctx.plan.id)
    throw new StoreError(
      'invalid',
      `该数据库属于规划“${planRow.value}”，而当前规划为“${ctx.plan.id}”`,
      `This database belongs to plan "${planRow.value}", but the plan loaded is "${ctx.plan.id}"`,
      { path: ctx.path },
    );
  const have = new Set(
    ctx
      .stmt<[], Pick<Row, 'preset_id'>>('SELECT preset_id FROM scenarios WHERE preset_id IS NOT NULL')
      .all()
      .map((r) => r.preset_id),
  );
  const missing = ctx.plan.presets.filter((p) => !have.has(p.id));
  if (planRow && missing.length === 0) return;
  ctx.write(() => {
    const at = ctx.iso();
    if (!ctx.stmt<[], unknown>("SELECT 1 FROM meta WHERE key = 'plan_id'").get()) {
      ctx.stmt<[string]>("INSERT INTO meta (key, value) VALUES ('plan_id', ?)").run(ctx.plan.id);
      ctx.stmt<[string]>("INSERT OR IGNORE INTO meta (key, value) VALUES ('created_at', ?)").run(at);
    }
    // parents before children
    const ordered: Preset[] = [];
    const visit = (p: Preset, depth: number) => {
      if (ordered.includes(p) || depth > 50) return;
      const parent = p.parent ? ctx.plan.presets.find((q) => q.id === p.parent) : undefined;
      if (parent) visit(parent, depth + 1);
      ordered.push(p);
    };
    ctx.plan.presets.forEach((p) => visit(p, 0));
    for (const p of ordered) {
      if (ctx.stmt<[string], unknown>('SELECT 1 FROM scenarios WHERE preset_id = ?').get(p.id)) continue; // another process did it
      const parentRow = p.parent
        ? ctx.stmt<[string], Row>(`SELECT ${ROW_COLUMNS} FROM scenarios WHERE preset_id = ?`).get(p.parent)
        : undefined;
      const isRoot = p === scenarios.rootPreset;
      const id = /^[a-z][a-z0-9_]*$/.test(p.id) && !scenarios.getRow(p.id) ? p.id : scenarios.newId();
      const doc: ScenarioDoc = {
        schema_version: DOC_SCHEMA_VERSION,
        name: p.name_zh,
        description: p.description_zh || p.description_en,
        tags: [],
        parent_id: parentRow?.id ?? null,
        preset_id: p.id,
        seed: stableSeed(`${ctx.plan.id}:${p.id}`),
        frozen: false,
        frozen_label: null,
        frozen_chain: null,
        deleted_at: null,
        // the root preset IS the plan defaults: it stores no overrides of its own.
        assumptions: isRoot ? [] : clone(p.assumptions),
      };
      scenarios.insertScenario(id, doc, 'seed', 'plan', at);
    }
  });
}
