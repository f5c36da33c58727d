/**
 * 口径 per target stored in the real SQLite settings (issue 15.6) and listed in the final evaluation
 * report's 口径说明 (issue 18): set through the API, read back after the database is reopened, judged
 * by the projection, and the DOCX's document.xml names every 口径 still to confirm.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../contract';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('koujing');
const call = fx.call;

describe('口径 per target, stored and reported', () => {
  it('refuses a 口径 whose base year is not before its end year, naming the target and the years, and stores nothing', async () => {
    const before = (await call('settings:get', {})).target_bases;
    const env = await dispatch(
      fx.api().handlers,
      'settings:set',
      { target_bases: { co2_intensity_reduction: { base_year: 2026, end_year: 2025, note: '', confirmed: false } } },
      { host: 'cli' },
    );
    expect(env.ok).toBe(false);
    if (env.ok) return;
    expect(env.error.code).toBe('implausible');
    expect(env.error.message_zh).toContain('（口径基期）：2026年不可用，允许 2013–2024 年');
    expect(env.error.message_en).toContain('(basis base year): 2026 is not allowed, use 2013–2024 (before the end year 2025)');
    expect(env.error.message_zh).not.toContain('口径终期');
    expect((await call('settings:get', {})).target_bases).toEqual(before);
  });

  it('is stored in SQLite, survives a reopen, and moves the evaluation', async () => {
    await call('settings:set', {
      target_bases: {
        co2_intensity_reduction: { base_year: null, end_year: null, note: '', confirmed: true },
        little_giants: { base_year: 2024, end_year: null, note: '按2024年底数', confirmed: false },
      },
    });
    fx.close();
    fx.reopen();
    const s = await call('settings:get', {});
    expect(s.target_bases.little_giants).toEqual({ base_year: 2024, end_year: null, note: '按2024年底数', confirmed: false });
    const baseline = (await call('scenarios:list', {})).find((x) => x.preset_id === 'baseline')!.id;
    const r = await call('projection:run', { id: baseline });
    expect(r.targets.find((t) => t.id === 'little_giants')!.base_year).toBe(2024);
    // a bad 口径 is refused, nothing written
    await expect(call('settings:set', { target_bases: { little_giants: { base_year: 1800 } } } as never)).rejects.toThrow();
  });

  it('the DOCX 口径说明 lists every 口径 still to confirm', async () => {
    const baseline = (await call('scenarios:list', {})).find((x) => x.preset_id === 'baseline')!.id;
    const file = await call('briefing:export', { ids: [baseline], format: 'docx', language: 'zh-CN' });
    const docx = path.join(fx.dir(), 'r.docx');
    fs.writeFileSync(docx, Buffer.from(file.content_base64, 'base64'));
    const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('五、口径说明');
    expect(text).toContain('以下3项指标的口径尚待核实');
    expect(text).toContain('单位工业增加值能耗累计降幅：现按基期2023年，终期2026年计算。');
    expect(text).toContain('单位工业增加值用水量累计降幅：现按基期2023年，终期2026年计算。');
    expect(text).toContain('国家级专精特新“小巨人”企业：现按基期2024年，终期2026年计算。规划默认口径为基期2023年，终期2026年。');
    // confirmed: not listed as to confirm
    expect(text).not.toContain('单位地区生产总值二氧化碳排放下降：现按');
    expect(text).toMatch(/其中\d+项依赖假设数据/);
  });
});
