/**
 * The year-to-date template ('nowcast:template') opens in LibreOffice (what many offices use
 * instead of Excel): converted headless to CSV, it holds the bulletin's title, its headers and the
 * plan's indicators in the bulletin's words; that CSV, filled in, imports through the API.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('ytd-lo');
const call = fx.call;

describe('the year-to-date template in LibreOffice', () => {
  it('converts to CSV with the title, the headers and the indicators, and the filled CSV imports', { timeout: 180_000 }, async () => {
    const t = await call('nowcast:template', { year: 2026, month: 10 });
    const xlsx = path.join(fx.dir(), 'template.xlsx');
    fs.writeFileSync(xlsx, Buffer.from(t.content_base64, 'base64'));
    const profile = path.join(fx.dir(), 'lo-profile');
    // UTF-8 (76), comma-separated (44), double quotes (34)
    const r = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76',
        '--outdir',
        path.join(fx.dir(), 'csv'),
        xlsx,
      ],
      { encoding: 'utf8', timeout: 160_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const csvPath = path.join(fx.dir(), 'csv', 'template.csv');
    expect(fs.existsSync(csvPath), r.stdout).toBe(true);
    const lines = fs
      .readFileSync(csvPath, 'utf8')
      .replace(/^\ufeff/, '')
      .split(/\r?\n/)
      .filter((l) => l !== '');
    expect(lines[0]).toContain('2026年1-10月咸宁市主要经济指标');
    expect(lines[1]!.split(',').slice(0, 4)).toEqual(['指标名称', '计量单位', '1-10月累计', '同比增长(%)']);
    const names = lines.slice(2).map((l) => l.split(',')[0]);
    expect(names).toContain('规模以上工业增加值');
    expect(names).toContain('外贸进出口总额');

    // the planner fills in one row of what LibreOffice wrote and imports it
    const at = 2 + names.indexOf('外贸进出口总额');
    const cells = lines[at]!.split(',');
    cells[2] = '95.3';
    cells[3] = '12.1';
    lines[at] = cells.join(',');
    const filled = Buffer.from(lines.join('\r\n'), 'utf8').toString('base64');
    const dry = await call('nowcast:import', { content_base64: filled, kind: 'csv', dry_run: true });
    expect(dry.errors).toEqual([]);
    expect(dry.preview.map((p) => [p.series, p.period, p.value])).toEqual([['trade_total', '2026-10', 95.3]]);
    expect(dry.preview[0]!.growth).toBeCloseTo(0.121);
  });
});
