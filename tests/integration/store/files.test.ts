import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readImportFile, StoreError, writeExportFile, type ScenarioStore } from '../../../scenarios/store/store';
import type { ResolvedAssumption } from '../../../scenarios/store/types';
import { actualSource, cagr, cleanupTmp, openTmp, revisionCount, tmpDir, totalChanges } from './fixtures';

afterEach(cleanupTmp);

function err(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected a StoreError');
}

/** Resolved assumptions without `from` (ids differ between databases). */
function substance(r: Record<string, ResolvedAssumption>) {
  return Object.fromEntries(Object.entries(r).map(([k, { from: _f, ...v }]) => [k, v]));
}

function chain(store: ScenarioStore) {
  const p = store.create({
    name: '钢铁加快',
    description: '父',
    tags: ['钢铁'],
    parent_id: 'baseline',
    assumptions: [cagr('steel', 0.12)],
  });
  const c = store.create({ name: '钢铁加快+出口', parent_id: p.id, assumptions: [cagr('exports', 0.15, { rationale: '订单' })] });
  return { p, c };
}

describe('export and import', () => {
  it('round-trips a scenario with its non-preset ancestors through a file, remapping ids', () => {
    const a = openTmp().store;
    const { p, c } = chain(a);
    const file = a.exportScenario(c.id);
    expect(file).toMatchObject({ format: 'xianning-plan-studio/scenario', format_version: 1, plan_id: 'test_plan' });
    expect(file.scenarios.map((s) => s.name)).toEqual(['钢铁加快', '钢铁加快+出口']);
    expect(file.scenarios[0]).toMatchObject({ parent_id: 'baseline', parent_preset_id: 'baseline', preset_id: null });
    expect(file.scenarios[1]!.parent_id).toBe(p.id);

    const dir = tmpDir();
    const f = path.join(dir, 'out.xnps.json');
    writeExportFile(f, file);
    expect(fs.readdirSync(dir)).toEqual(['out.xnps.json']); // no temporary file left

    const b = openTmp().store;
    const result = b.importFile(readImportFile(f), { author: '导入者' });
    expect(result.kind).toBe('scenario');
    expect(result.renamed).toEqual([]);
    expect(result.created.map((x) => [x.name, x.source_id])).toEqual([
      ['钢铁加快', p.id],
      ['钢铁加快+出口', c.id],
    ]);
    const [np, nc] = result.created.map((x) => b.get(x.id));
    expect(np!.id).not.toBe(p.id);
    expect(np!.parent_id).toBe('baseline'); // the local preset of the same preset_id
    expect(nc!.parent_id).toBe(np!.id);
    expect(np).toMatchObject({ description: '父', tags: ['钢铁'], seed: p.seed });
    expect(substance(b.resolve(nc!.id).assumptions)).toEqual(substance(a.resolve(c.id).assumptions));
    expect(b.history(nc!.id)[0]).toMatchObject({ op: 'import', author: '导入者' });
    a.close();
    b.close();
  });

  it('keeps both on a name clash: "(导入)", then "(导入 2)", and says so', () => {
    const a = openTmp().store;
    const { c } = chain(a);
    const file = a.exportScenario(c.id);
    const r1 = a.importFile(file);
    expect(r1.renamed).toEqual([
      { from: '钢铁加快', to: '钢铁加快 (导入)' },
      { from: '钢铁加快+出口', to: '钢铁加快+出口 (导入)' },
    ]);
    const r2 = a.importFile(JSON.stringify(file)); // JSON text is accepted too
    expect(r2.renamed.map((r) => r.to)).toEqual(['钢铁加快 (导入 2)', '钢铁加快+出口 (导入 2)']);
    // the imported child hangs under the imported parent, not the original
    const child = a.get(r2.created[1]!.id);
    expect(child.parent_id).toBe(r2.created[0]!.id);
    expect(a.list().filter((s) => s.name.startsWith('钢铁加快'))).toHaveLength(6);
    a.close();
  });

  it('round-trips a workspace: presets mapped or copied, actuals, milestones, settings', () => {
    const a = openTmp().store;
    const stretch = a.list().find((s) => s.preset_id === 'stretch')!;
    a.setAssumption(stretch.id, cagr('steel', 0.2)); // the stretch preset here differs from the plan's
    const kid = a.create({ name: '乐观+', parent_id: stretch.id, assumptions: [cagr('mfg', 0.09)] });
    const gone = a.create({ name: '旧父' });
    const orphan = a.create({ name: '留下的子', parent_id: gone.id });
    a.delete(gone.id);
    a.addActuals([
      { series: 'steel', period: '2024', value: 500, vintage: '2025-02-10', source: actualSource },
      { series: 'steel', period: '2024', value: 512, vintage: '2025-06-30', source: actualSource },
    ]);
    a.setMilestone('m01', { done: true, note: '完成' });
    a.setSetting('tolerance', 0.08);
    a.setSetting('user_name', 'A的用户');
    const ws = a.exportWorkspace();
    expect(ws.format).toBe('xianning-plan-studio/workspace');
    expect(ws.scenarios.find((s) => s.id === gone.id)).toMatchObject({ deleted: true });
    expect(ws.actuals).toHaveLength(2);

    const b = openTmp().store;
    b.setSetting('user_name', 'B的用户');
    const dir = tmpDir();
    writeExportFile(path.join(dir, 'ws.json'), ws);
    const r = b.importFile(readImportFile(path.join(dir, 'ws.json')));
    expect(r.kind).toBe('workspace');
    expect(r.mapped_presets.map((m) => m.preset_id).sort()).toEqual(['baseline', 'cautious']);
    const copy = r.created.find((x) => x.source_id === stretch.id)!;
    expect(copy.name).toBe('乐观情景 (导入)');
    expect(r.renamed).toContainEqual({ from: '乐观情景', to: '乐观情景 (导入)' });
    const newKid = r.created.find((x) => x.source_id === kid.id)!;
    expect(b.get(newKid.id).parent_id).toBe(copy.id);
    // the child resolves to the same values as at home
    expect(substance(b.resolve(newKid.id).assumptions)).toEqual(substance(a.resolve(kid.id).assumptions));
    // the trashed parent came along, in the trash, and its child still resolves through it
    const newGone = r.created.find((x) => x.source_id === gone.id)!;
    expect(b.get(newGone.id).deleted_at).not.toBeNull();
    expect(b.get(r.created.find((x) => x.source_id === orphan.id)!.id).parent_id).toBe(newGone.id);
    expect(r.actuals_added).toBe(2);
    expect(b.latestActuals()[0]!.value).toBe(512);
    expect(r.milestones_updated).toBe(1);
    expect(b.listMilestones()[0]).toMatchObject({ id: 'm01', done: true });
    expect(r.settings_added).toEqual(['tolerance']);
    expect(b.getSettings().user_name).toBe('B的用户'); // never taken from another laptop

    // importing the same workspace again: actuals are not doubled, milestones not older
    const again = b.importFile(ws);
    expect(again.actuals_added).toBe(0);
    expect(again.actuals_skipped).toBe(2);
    expect(again.milestones_updated).toBe(0);
    a.close();
    b.close();
  });

  it('checks the whole file first and names the bad item; nothing is written', () => {
    const a = openTmp().store;
    const { c } = chain(a);
    const good = a.exportScenario(c.id);
    const before = totalChanges(a);
    const revs = revisionCount(a);

    const unknownSeries = structuredClone(good);
    unknownSeries.scenarios[1]!.assumptions.push({ ...unknownSeries.scenarios[1]!.assumptions[0]!, series: 'nonexistent' });
    let e = err(() => a.importFile(unknownSeries));
    expect(e.code).toBe('invalid');
    expect(e.details?.field).toBe('scenarios[1].assumptions[1].series');
    expect(e.message_en).toContain('unknown series "nonexistent"');

    e = err(() => a.importFile({ ...good, plan_id: 'other_plan' }));
    expect(e.details?.field).toBe('plan_id');
    expect(e.message_zh).toContain('other_plan');

    const badRate = structuredClone(good) as unknown as { scenarios: { assumptions: { model: { rate: number } }[] }[] };
    badRate.scenarios[0]!.assumptions[0]!.model.rate = -2;
    e = err(() => a.importFile(badRate));
    expect(e.message_zh).toContain('scenarios[0].assumptions[0].model.rate: 增长率应大于-100%');
    expect(e.message_en).toContain('growth must be above -100%');

    const orphan = structuredClone(good);
    orphan.scenarios = [orphan.scenarios[1]!];
    e = err(() => a.importFile(orphan));
    expect(e.details?.field).toBe('scenarios[0].parent_id');

    const cycle = structuredClone(good);
    cycle.scenarios[0]!.parent_id = cycle.scenarios[1]!.id;
    cycle.scenarios[0]!.parent_preset_id = null;
    e = err(() => a.importFile(cycle));
    expect(e.message_en).toMatch(/cycle/);

    const emptyName = structuredClone(good);
    emptyName.scenarios[1]!.name = '  ';
    e = err(() => a.importFile(emptyName));
    expect(e.message_zh).toContain('情景名称不能为空');
    expect(e.details?.field).toBe('scenarios[1].name');

    e = err(() => a.importFile({ ...good, format: 'something/else' }));
    expect(e.message_en).toMatch(/Wrong file format/);
    e = err(() => a.importFile({ ...good, format_version: 7 }));
    expect(e.code).toBe('future_version');

    expect(totalChanges(a)).toBe(before);
    expect(revisionCount(a)).toBe(revs);
    a.close();
  });
});

describe('file helpers', () => {
  it('readImportFile: not JSON, wrong format, too large, missing', () => {
    const dir = tmpDir();
    const notJson = path.join(dir, 'a.json');
    fs.writeFileSync(notJson, '{"format": ');
    let e = err(() => readImportFile(notJson));
    expect(e.code).toBe('invalid');
    expect(e.message_en).toMatch(/not valid JSON/);
    expect(e.details?.path).toBe(notJson);

    const wrong = path.join(dir, 'b.json');
    fs.writeFileSync(wrong, JSON.stringify({ hello: 'world' }));
    e = err(() => readImportFile(wrong));
    expect(e.message_zh).toMatch(/文件格式不对/);

    const big = path.join(dir, 'big.json');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 50 * 1024 * 1024 + 1); // sparse: quick
    e = err(() => readImportFile(big));
    expect(e.message_en).toMatch(/too large/);
    expect(e.message_zh).toMatch(/50 MB/);

    expect(err(() => readImportFile(path.join(dir, 'missing.json'))).code).toBe('not_found');

    // a BOM is fine
    const bom = path.join(dir, 'bom.json');
    const a = openTmp().store;
    fs.writeFileSync(bom, '\ufeff' + JSON.stringify(a.exportScenario('baseline')));
    expect(readImportFile(bom).format).toBe('xianning-plan-studio/scenario');
    a.close();
  });

  it('writeExportFile replaces a file whole and leaves it untouched when writing fails', () => {
    const dir = tmpDir();
    const f = path.join(dir, 'x.json');
    writeExportFile(f, { v: 1 });
    writeExportFile(f, { v: 2, more: 'x'.repeat(10_000) });
    expect(JSON.parse(fs.readFileSync(f, 'utf8')).v).toBe(2);
    const before = fs.readFileSync(f);
    expect(err(() => writeExportFile(f, { bad: 1n })).code).toBe('invalid');
    expect(fs.readFileSync(f)).toEqual(before);
    expect(fs.readdirSync(dir)).toEqual(['x.json']);
    expect(err(() => writeExportFile(path.join(dir, 'no', 'such', 'dir.json'), {})).code).toBe('not_found');
  });
});
