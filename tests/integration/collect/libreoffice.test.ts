/**
 * LibreOffice (Debian's libreoffice-calc-nogui, what many offices use instead of Excel) opens
 * every generated collection workbook: each one converts to a PDF holding its unit's name.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('collect-lo');
const call = fx.call;

describe('collection workbooks in LibreOffice', () => {
  it('every unit’s workbook converts to a PDF', { timeout: 240_000 }, async () => {
    const round = await call('collect:createRound', { name: '十一月征集', contact: '王五', return_date: '2026-11-30', ytd_month: 10 });
    const { files } = await call('collect:export', { round_id: round.id });
    expect(files.length).toBe(round.units.length);
    const out = path.join(fx.dir(), 'out');
    fs.mkdirSync(out);
    const paths = files.map((f, i) => {
      const p = path.join(out, `unit-${i}.xlsx`);
      fs.writeFileSync(p, Buffer.from(f.content_base64, 'base64'));
      return p;
    });
    const profile = path.join(fx.dir(), 'lo-profile');
    const r = spawnSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', path.join(fx.dir(), 'pdf'), ...paths],
      {
        encoding: 'utf8',
        timeout: 220_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    for (const [i] of paths.entries()) {
      const pdf = path.join(fx.dir(), 'pdf', `unit-${i}.pdf`);
      expect(fs.existsSync(pdf), pdf).toBe(true);
      expect(fs.statSync(pdf).size).toBeGreaterThan(2000);
    }
  });
});
