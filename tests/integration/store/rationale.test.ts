/**
 * Rationale follows the assumption (issue 18, item 3): a child that lowers GDP growth from 4.5% to
 * 3.5% and keeps the baseline's 依据说明 has it marked stale by the store, the pack prints
 * 依据说明未更新 instead of the parent's text, and a new text clears the mark.
 */
import { describe, expect, it } from 'vitest';
import { useApiFixture } from '../api-fixture';

let html = '';
const fx = useApiFixture('rationale', {
  renderPdf: async (h) => {
    html = h;
    return new Uint8Array([0x25, 0x50, 0x44, 0x46]);
  },
});
const call = fx.call;

describe('rationale follows the assumption', () => {
  it('a kept rationale over changed values is stale, printed as 依据说明未更新, and a new text clears it', async () => {
    const baseline = (await call('scenarios:list', {})).find((s) => s.preset_id === 'baseline')!;
    const child = await call('scenarios:create', { name: '钢铁限产情景', parent_id: baseline.id });
    const inherited = (await call('scenarios:resolve', { id: child.id })).assumptions.gdp_nominal;
    expect(inherited.rationale).toContain('4.5%');
    expect(inherited.model.type).toBe('cagr');

    // what the workbench sends when a slider moves: the inherited assumption with a new rate
    const { from: _from, ...copy } = inherited;
    const moved = await call('scenarios:setAssumptions', {
      id: child.id,
      assumptions: [{ ...copy, model: { type: 'cagr', rate: 0.035 } }],
    });
    expect(moved.assumptions.find((a) => a.series === 'gdp_nominal')!.rationale_stale).toBe(true);
    // the parent is untouched
    expect((await call('scenarios:resolve', { id: baseline.id })).assumptions.gdp_nominal.rationale_stale).not.toBe(true);

    await call('briefing:export', { ids: [child.id], format: 'pdf', language: 'zh-CN' });
    const row = html.split('<tr>').find((r) => r.includes('地区生产总值(现价)') && r.includes('年均增速 3.5%'));
    expect(row).toBeDefined();
    expect(row).toContain('依据说明未更新');
    expect(row).not.toContain(inherited.rationale.slice(0, 20));

    const fixed = await call('scenarios:setAssumptions', {
      id: child.id,
      assumptions: [{ ...copy, model: { type: 'cagr', rate: 0.035 }, rationale: '钢铁限产：现价年均增长3.5%' }],
    });
    expect(fixed.assumptions.find((a) => a.series === 'gdp_nominal')!.rationale_stale).toBe(false);
  });
});
