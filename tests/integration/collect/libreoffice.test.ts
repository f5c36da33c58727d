/**
 * LibreOffice (Debian's libreoffice-calc-nogui, what many offices use instead of Excel) opens
 * every generated collection workbook: each one converts to a PDF holding its unit's name.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../../api/handlers';
import type { Channel, Req, Res } from '../../../contract';
import { dispatch } from '../../../contract';

let dir: string;
let api: Api;

async function call<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
  const env = await dispatch(api.handlers, channel, req, { host: 'cli' });
  if (!env.ok) throw new Error(`${channel}: ${env.error.message_en}`);
  return env.value as Res<C>;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-collect-lo-'));
  api = createApi({ dbPath: path.join(dir, 'studio.sqlite'), host: 'cli' });
});
afterAll(() => {
  api.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('collection workbooks in LibreOffice', () => {
  it('every unit’s workbook converts to a PDF', { timeout: 240_000 }, async () => {
    const round = await call('collect:createRound', { name: '十一月征集', contact: '王五', return_date: '2026-11-30', ytd_month: 10 });
    const { files } = await call('collect:export', { round_id: round.id });
    expect(files.length).toBe(round.units.length);
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    const paths = files.map((f, i) => {
      const p = path.join(out, `unit-${i}.xlsx`);
      fs.writeFileSync(p, Buffer.from(f.content_base64, 'base64'));
      return p;
    });
    const profile = path.join(dir, 'lo-profile');
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', path.join(dir, 'pdf'), ...paths], {
      encoding: 'utf8',
      timeout: 220_000,
    });
    expect(r.status, r.stderr).toBe(0);
    for (const [i] of paths.entries()) {
      const pdf = path.join(dir, 'pdf', `unit-${i}.pdf`);
      expect(fs.existsSync(pdf), pdf).toBe(true);
      expect(fs.statSync(pdf).size).toBeGreaterThan(2000);
    }
  });
});
