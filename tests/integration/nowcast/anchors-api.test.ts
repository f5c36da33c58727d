/**
 * A published month-end level through the real API (handlers + SQLite): an October level of
 * 清洁能源装机容量 entered as a record of 2026-10 lifts the 2026 projection to it, with basis
 * 按10月末存量 and its record; the simulation's draws stay at or above it; an annual figure entered
 * later replaces both.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('anchors');
const call = fx.call;
let baseline: string;

const src = (title: string, date: string) => ({ title, url: null, date, reliability: 'official' as const });

beforeAll(async () => {
  baseline = (await call('scenarios:list', {})).find((s) => s.preset_id === 'baseline')!.id;
});

describe('month-end levels through the API', () => {
  it('before: the baseline projects 2026 below 2,510兆瓦', async () => {
    const p = await call('projection:run', { id: baseline });
    expect(p.series.clean_energy_capacity.values[2026]).toBeLessThan(2510);
  });

  it('an October level lifts 2026 to it, with its basis and record, in the projection and the simulation', async () => {
    await call('actuals:add', {
      actuals: [
        {
          series: 'clean_energy_capacity',
          period: '2026-10',
          value: 2510,
          value_kind: 'actual',
          source: src('市能源局月报', '2026-11-12'),
          vintage: '2026-11-12',
          note: '',
          entered_by: '规划科',
        },
      ],
    });
    const p = await call('projection:run', { id: baseline });
    const s = p.series.clean_energy_capacity;
    expect(s.values[2026]).toBe(2510);
    expect(s.month_end?.[2026]?.month).toBe(10);
    expect(s.month_end?.[2026]?.record?.source.title).toBe('市能源局月报');
    const ev = p.targets.find((t) => t.series === 'clean_energy_capacity')!;
    expect(ev.basis).toBe('month_end');
    expect(ev.basis_month).toBe(10);
    expect(ev.projected).toBe(2510);

    const sim = await call('simulation:run', { id: baseline, draws: 2000, seed: 11 });
    const pc = sim.series.clean_energy_capacity[2026];
    expect(pc.p5).toBeGreaterThanOrEqual(2510);
    expect(pc.p50).toBeGreaterThanOrEqual(2510);
  });

  it("the final report names the basis and the level's source in the completion table", async () => {
    const file = await call('briefing:export', { ids: [baseline], format: 'docx', language: 'zh-CN' });
    const docx = path.join(fx.dir(), 'report.docx');
    fs.writeFileSync(docx, Buffer.from(file.content_base64, 'base64'));
    const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const cellText = (c: string) => [...c.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => cellText(c[0])),
    );
    const row = rows.find((r) => r[1] === '清洁能源装机容量');
    expect(row).toBeDefined();
    expect(row![3]).toContain('2,510');
    expect(row![4]).toBe('按10月末存量');
    expect(row![9]).toContain('市能源局月报');
  });

  it('an annual figure of 2026 replaces the level', async () => {
    await call('actuals:add', {
      actuals: [
        {
          series: 'clean_energy_capacity',
          period: '2026',
          value: 2480,
          value_kind: 'actual',
          source: src('市能源局年报', '2026-12-20'),
          vintage: '2026-12-20',
          note: '',
          entered_by: '规划科',
        },
      ],
    });
    const p = await call('projection:run', { id: baseline });
    expect(p.series.clean_energy_capacity.values[2026]).toBe(2480);
    expect(p.series.clean_energy_capacity.month_end).toBeUndefined();
    expect(p.targets.find((t) => t.series === 'clean_energy_capacity')!.basis).toBe('actual');
  });
});
