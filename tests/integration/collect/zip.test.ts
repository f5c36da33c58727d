/**
 * 下载全部填报表 / `collect export --zip`: every unit's workbook in one zip. Read back with JSZip
 * and with Info-ZIP's `unzip` (what a Linux desktop or a script uses), the Chinese names intact
 * and flagged UTF-8 (general-purpose bit 11, what Windows Explorer reads), each entry a workbook
 * exceljs loads with its unit's stamp; and LibreOffice opens every extracted workbook.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Res } from '../../../contract';
import { dispatch } from '../../../contract';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('collect-zip');
const call = fx.call;

/** Each central-directory entry of a zip: its name bytes as UTF-8 and its general-purpose flags. */
function centralEntries(buf: Buffer): { name: string; flags: number }[] {
  const out: { name: string; flags: number }[] = [];
  let i = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(i).toBeGreaterThan(0);
  const count = buf.readUInt16LE(i + 10);
  i = buf.readUInt32LE(i + 16);
  for (let n = 0; n < count; n++) {
    expect(buf.readUInt32LE(i)).toBe(0x02014b50);
    const flags = buf.readUInt16LE(i + 8);
    const nameLen = buf.readUInt16LE(i + 28);
    const extraLen = buf.readUInt16LE(i + 30);
    const commentLen = buf.readUInt16LE(i + 32);
    out.push({ name: buf.subarray(i + 46, i + 46 + nameLen).toString('utf8'), flags });
    i += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const hasUnzip = spawnSync('unzip', ['-v'], { encoding: 'utf8' }).status === 0;

describe('all the workbooks of a round in one zip', () => {
  let round: Res<'collect:createRound'>;
  let zipBytes: Buffer;

  it('holds one workbook per unit, named in Chinese with the UTF-8 flag set', async () => {
    round = await call('collect:createRound', { name: '十一月征集', contact: '王五', return_date: '2026-11-30', ytd_month: 10 });
    const z = await call('collect:exportZip', { round_id: round.id });
    expect(z.file_name).toBe('数据征集-十一月征集.zip');
    expect(z.units).toEqual(round.units);
    zipBytes = Buffer.from(z.content_base64, 'base64');
    const expected = round.units.map((u) => `数据征集-十一月征集-${u}.xlsx`);

    const entries = centralEntries(zipBytes);
    expect(entries.map((e) => e.name)).toEqual(expected);
    for (const e of entries) expect(e.flags & 0x0800, `${e.name}: language-encoding flag`).toBe(0x0800);

    const zip = await JSZip.loadAsync(zipBytes);
    expect(Object.keys(zip.files)).toEqual(expected);
    const single = await call('collect:export', { round_id: round.id });
    for (const [i, unit] of round.units.entries()) {
      const bytes = await zip.file(expected[i]!)!.async('nodebuffer');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      const stamp = Object.fromEntries(
        wb
          .getWorksheet('_stamp')!
          .getSheetValues()
          .filter(Boolean)
          .map((r) => [(r as unknown[])[1], (r as unknown[])[2]]),
      );
      expect(stamp).toMatchObject({ unit, round_id: round.id, plan_id: fx.api().plan.id });
      // the same workbook the one-by-one export gives (same sheets and rows)
      const one = new ExcelJS.Workbook();
      await one.xlsx.load(Buffer.from(single.files[i]!.content_base64, 'base64') as unknown as ArrayBuffer);
      expect(wb.getWorksheet('填报')!.rowCount).toBe(one.getWorksheet('填报')!.rowCount);
    }
    // a subset of units, and an unknown round refused in both languages
    const sub = await call('collect:exportZip', { round_id: round.id, units: [round.units[0]!] });
    expect(sub.units).toEqual([round.units[0]]);
    const bad = await dispatch(fx.api().handlers, 'collect:exportZip', { round_id: 'nope' }, { host: 'cli' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message_zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it.runIf(hasUnzip)('lists and extracts with Info-ZIP unzip under the Chinese names', () => {
    const file = path.join(fx.dir(), 'all.zip');
    fs.writeFileSync(file, zipBytes);
    const list = spawnSync('unzip', ['-l', file], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
    expect(list.status, list.stderr).toBe(0);
    for (const u of round.units) expect(list.stdout).toContain(`数据征集-十一月征集-${u}.xlsx`);
    const test = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(test.status, test.stdout).toBe(0);
    expect(test.stdout).toContain('No errors detected');
  });

  it('LibreOffice opens every workbook extracted from the zip', { timeout: 240_000 }, async () => {
    const zip = await JSZip.loadAsync(zipBytes);
    const out = path.join(fx.dir(), 'extracted');
    fs.mkdirSync(out);
    const paths: string[] = [];
    for (const name of Object.keys(zip.files)) {
      const p = path.join(out, name);
      fs.writeFileSync(p, await zip.file(name)!.async('nodebuffer'));
      paths.push(p);
    }
    const profile = path.join(fx.dir(), 'lo-profile');
    const pdfDir = path.join(fx.dir(), 'pdf');
    const r = spawnSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', pdfDir, ...paths],
      {
        encoding: 'utf8',
        timeout: 220_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    for (const p of paths) {
      const pdf = path.join(pdfDir, path.basename(p).replace(/\.xlsx$/, '.pdf'));
      expect(fs.existsSync(pdf), pdf).toBe(true);
      expect(fs.statSync(pdf).size).toBeGreaterThan(2000);
    }
  });

  it('the CLI writes the zip with collect export --zip FILE', () => {
    fx.close();
    const file = path.join(fx.dir(), '输出', '征集.zip');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', 'collect', 'export', '--zip', file, '--db', fx.dbPath(), '--json'],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    fx.reopen();
    expect(r.status, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout) as { zip: { file: string; units: string[] } };
    expect(printed.zip.units).toEqual(round.units);
    const entries = centralEntries(fs.readFileSync(file));
    expect(entries.map((e) => e.name)).toEqual(round.units.map((u) => `数据征集-十一月征集-${u}.xlsx`));
    const none = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'collect', 'export', '--db', fx.dbPath()], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--zip FILE');
  });
});
