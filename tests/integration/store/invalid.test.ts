/**
 * Bad input is refused with StoreError 'invalid', named in Chinese and English, and nothing is
 * written: the revision count, the scenario row and SQLite's change counter stay the same.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError, type ScenarioStore } from '../../../scenarios/store/store';
import { cagr, cleanupTmp, openTmp, revisionCount, rowOf, totalChanges } from './fixtures';

afterEach(cleanupTmp);

function setup() {
  const { store } = openTmp();
  const a = store.create({ name: '甲', parent_id: 'baseline', assumptions: [cagr('steel', 0.1)] });
  const b = store.create({ name: '乙', parent_id: a.id });
  const c = store.create({ name: '丙', parent_id: b.id });
  return { store, a, b, c };
}

/** Runs `fn`, expects 'invalid' with both messages matching, and checks nothing was written. */
function refused(store: ScenarioStore, ids: string[], fn: () => unknown, zh: RegExp | string, en: RegExp | string): StoreError {
  const revs = revisionCount(store);
  const rows = ids.map((id) => rowOf(store, id));
  const scenarios = store.list({ state: 'all' }).length;
  const changes = totalChanges(store);
  let error: unknown = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(StoreError);
  const se = error as StoreError;
  expect(se.code).toBe('invalid');
  if (typeof zh === 'string') expect(se.message_zh).toContain(zh);
  else expect(se.message_zh).toMatch(zh);
  if (typeof en === 'string') expect(se.message_en).toContain(en);
  else expect(se.message_en).toMatch(en);
  expect(se.message).toBe(`${se.message_zh} / ${se.message_en}`);
  expect(revisionCount(store)).toBe(revs);
  expect(ids.map((id) => rowOf(store, id))).toEqual(rows);
  expect(store.list({ state: 'all' })).toHaveLength(scenarios);
  expect(totalChanges(store)).toBe(changes);
  return se;
}

describe('invalid input writes nothing', () => {
  it('names: empty, too long', () => {
    const { store, a } = setup();
    refused(store, [a.id], () => store.create({ name: '' }), '情景名称不能为空', 'Scenario name must not be empty');
    refused(store, [a.id], () => store.create({ name: '   ' }), '情景名称不能为空', 'Scenario name must not be empty');
    refused(store, [a.id], () => store.update(a.id, { name: '' }), '情景名称不能为空', 'Scenario name must not be empty');
    refused(
      store,
      [a.id],
      () => store.create({ name: '长'.repeat(101) }),
      '不能超过100个字符（现为101个）',
      'at most 100 characters (it has 101)',
    );
    refused(store, [a.id], () => store.update(a.id, { name: 'x'.repeat(101) }), '不能超过100个字符', 'at most 100 characters');
    refused(store, [a.id], () => store.clone(a.id, ''), '情景名称不能为空', 'must not be empty');
    refused(store, [a.id], () => store.create({ name: 42 as unknown as string }), '应为文本', 'must be text');
    store.close();
  });

  it('description over 4000 characters, more than 20 tags, bad tags', () => {
    const { store, a } = setup();
    refused(
      store,
      [a.id],
      () => store.create({ name: 'x', description: '字'.repeat(4001) }),
      '情景说明不能超过4000个字符',
      'Description must be at most 4000',
    );
    refused(store, [a.id], () => store.update(a.id, { description: 'd'.repeat(4001) }), '情景说明不能超过4000个字符', 'at most 4000');
    const tags = Array.from({ length: 21 }, (_, i) => `标签${i}`);
    refused(store, [a.id], () => store.create({ name: 'x', tags }), '标签不能超过20个', 'At most 20 tags');
    refused(store, [a.id], () => store.update(a.id, { tags }), '标签不能超过20个', 'At most 20 tags');
    refused(store, [a.id], () => store.update(a.id, { tags: ['ok', ''] }), 'tags[1] 不能为空', 'tags[1] must not be empty');
    store.close();
  });

  it('unknown series, derived series, unknown driver, series twice', () => {
    const { store, a } = setup();
    refused(
      store,
      [a.id],
      () => store.setAssumption(a.id, cagr('no_such_series', 0.1)),
      '未知指标序列“no_such_series”',
      'unknown series "no_such_series"',
    );
    refused(
      store,
      [a.id],
      () => store.create({ name: 'x', assumptions: [cagr('steel', 0.1), cagr('ghost', 0.1)] }),
      '假设 assumptions[1].series: 未知指标序列',
      'Assumption assumptions[1].series: unknown series "ghost"',
    );
    refused(store, [a.id], () => store.setAssumption(a.id, cagr('mfg_share', 0.1)), '由其他序列推算', 'is derived from others');
    refused(
      store,
      [a.id],
      () => store.setAssumption(a.id, { series: 'energy', model: { type: 'intensity_decay', driver: 'nope', rate: 0.03 } }),
      '未知驱动序列“nope”',
      'unknown driver series "nope"',
    );
    refused(store, [a.id], () => store.setAssumptions(a.id, [cagr('steel', 0.1), cagr('steel', 0.2)]), '重复', 'appears twice');
    refused(store, [a.id], () => store.resetToParent(a.id, 'ghost'), '未知指标序列', 'Unknown series "ghost"');
    store.close();
  });

  it('wrong parameter types and out-of-range parameters, named by path', () => {
    const { store, a } = setup();
    const list = [cagr('steel', 0.1), cagr('gdp', 0.05), cagr('exports', -1.5)];
    const e = refused(
      store,
      [a.id],
      () => store.setAssumptions(a.id, list),
      '假设 assumptions[2].model.rate: 增长率应大于-100%',
      'Assumption assumptions[2].model.rate: growth must be above -100%',
    );
    expect(e.details?.field).toBe('assumptions[2].model.rate');
    refused(
      store,
      [a.id],
      () => store.setAssumption(a.id, { series: 'steel', model: { type: 'cagr', rate: '7%' } } as never),
      /assumption\.model\.rate: 类型错误，应为数值/,
      /assumption\.model\.rate: Invalid input: expected number/,
    );
    refused(
      store,
      [a.id],
      () => store.setAssumption(a.id, { series: 'steel', model: { type: 'magic' } } as never),
      /assumption\.model\.type: 类型无效/,
      'assumption.model.type',
    );
    refused(
      store,
      [a.id],
      () => store.setAssumption(a.id, { series: 'steel', model: { type: 'logistic', ceiling: 100, rate: 0 } }),
      'model.rate: 应大于0',
      'model.rate: must be above 0',
    );
    refused(
      store,
      [a.id],
      () => store.setAssumption(a.id, { ...cagr('steel', 0.1), uncertainty: { low: 0.2, high: 0.1 } }),
      '下限不能大于上限',
      'low must not exceed high',
    );
    refused(
      store,
      [a.id],
      () => store.setAssumption(a.id, { ...cagr('steel', 0.1), rationale: '理'.repeat(4001) }),
      'rationale: 不能超过4000个字符',
      'rationale',
    );
    refused(store, [a.id], () => store.setAssumption(a.id, null as never), '类型错误', 'expected object');
    store.close();
  });

  it('parents: unknown, self, cycle (naming the loop)', () => {
    const { store, a, b, c } = setup();
    const ids = [a.id, b.id, c.id];
    refused(
      store,
      ids,
      () => store.create({ name: 'x', parent_id: 'sc_nothere' }),
      '父情景 sc_nothere 不存在',
      'Parent scenario sc_nothere does not exist',
    );
    refused(store, ids, () => store.update(a.id, { parent_id: 'sc_nothere' }), '不存在', 'does not exist');
    refused(store, ids, () => store.update(a.id, { parent_id: a.id }), '不能以自身为父情景', 'cannot be its own parent');
    refused(
      store,
      ids,
      () => store.update(a.id, { parent_id: c.id }),
      '父情景设置会形成循环：甲 → 丙 → 乙 → 甲',
      'cycle: 甲 → 丙 → 乙 → 甲',
    );
    refused(store, ids, () => store.update(b.id, { parent_id: c.id }), '循环', 'cycle');
    store.close();
  });

  it('freeze label, seed, confirm, author', () => {
    const { store, a } = setup();
    refused(store, [a.id], () => store.freeze(a.id, ' '), '冻结标签不能为空', 'Freeze label must not be empty');
    refused(store, [a.id], () => store.update(a.id, { seed: -1 }), '随机种子', 'Seed must be an integer');
    refused(
      store,
      [a.id],
      () => store.setAssumption(a.id, cagr('steel', 0.3), { author: 'x'.repeat(101) }),
      '作者不能超过100个字符',
      'Author must be at most 100',
    );
    refused(store, [a.id], () => store.emptyTrash({ confirm: 'yes' as unknown as true }), '必须确认', 'must be confirmed');
    store.close();
  });
});
