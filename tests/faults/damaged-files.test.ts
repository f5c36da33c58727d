/**
 * Damaged and foreign database files, generated with fast-check: truncated anywhere (to 0 bytes
 * too), a garbage header, garbage pages, the whole file overwritten; a database from a newer
 * version; a garbage -wal beside a sound file. Each damaged file is detected at open as
 * 'corrupt', with the latest backup offered (details.latestBackup and in both messages), and left
 * byte for byte as it was; a newer file is refused as 'future_version', unchanged. Through the
 * store, the API and the CLI (exit 1, no stack trace).
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../api/handlers';
import { LATEST_VERSION } from '../../scenarios/store/migrations';
import { openStore, StoreError } from '../../scenarios/store/store';
import { makePlan } from '../integration/store/fixtures';
import { cleanupTmp, fingerprint, hasStackTrace, isBilingual, runTsx, SCALE, tmpDir } from './helpers';
import { openLedger } from '../../support/fault-ledger';

const ledger = openLedger('damaged-files');
afterAll(cleanupTmp);

function storeError(fn: () => unknown): StoreError | null {
  try {
    const r = fn() as { close?: () => void } | undefined;
    r?.close?.();
  } catch (e) {
    if (e instanceof StoreError) return e;
    return new StoreError('io', `非 StoreError：${String(e)}`, `not a StoreError: ${String(e)}`);
  }
  return null;
}

/** A closed database of the test plan with data and two backups; returns its bytes and newest backup. */
async function base(dir: string) {
  const db = path.join(dir, 'studio.db');
  const s = openStore(db, { plan: makePlan() });
  for (let i = 0; i < 60; i++)
    s.create({
      name: `情景${i}`,
      description: '说明'.repeat(300),
      assumptions: [{ series: 'steel', model: { type: 'cagr', rate: i / 100 } }],
    });
  await s.backup('manual');
  const newest = await s.backup('manual');
  s.close();
  return { db, bytes: fs.readFileSync(db), newest: newest.file };
}

type Damage =
  | { kind: 'truncate'; length: number }
  | { kind: 'header'; offset: number; garbage: Uint8Array }
  | { kind: 'page'; page: number; fill: number | null; garbage: Uint8Array }
  | { kind: 'all'; fill: number };

function apply(bytes: Buffer, d: Damage): Buffer {
  const out = Buffer.from(bytes);
  switch (d.kind) {
    case 'truncate':
      return out.subarray(0, d.length);
    case 'header':
      Buffer.from(d.garbage).copy(out, d.offset);
      // make sure something changed
      if (out.equals(bytes)) out[d.offset] = out[d.offset]! ^ 0xff;
      return out;
    case 'page': {
      const start = d.page * 4096;
      if (d.fill !== null) out.fill(d.fill, start, start + 4096);
      else for (let i = 0; i < 4096; i++) out[start + i] = d.garbage[i % d.garbage.length]!;
      if (out.equals(bytes)) out.fill(0xa5, start, start + 4096);
      return out;
    }
    case 'all':
      return Buffer.alloc(bytes.length, d.fill);
  }
}

describe('damaged database files', () => {
  it('fast-check: truncated, garbage header, garbage pages, overwritten: corrupt, backup offered, file untouched', async () => {
    const mark = ledger.mark();
    const dir = tmpDir();
    const { bytes, newest } = await base(dir);
    const pages = bytes.length / 4096;
    const damage: fc.Arbitrary<Damage> = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), length: fc.integer({ min: 0, max: bytes.length - 1 }) }),
      fc.record({
        kind: fc.constant('header' as const),
        offset: fc.integer({ min: 0, max: 90 }),
        garbage: fc.uint8Array({ minLength: 4, maxLength: 10 }),
      }),
      fc.record({
        kind: fc.constant('page' as const),
        page: fc.integer({ min: 1, max: pages - 1 }),
        fill: fc.option(fc.integer({ min: 0, max: 255 }), { nil: null }),
        garbage: fc.uint8Array({ minLength: 16, maxLength: 64 }),
      }),
      fc.record({ kind: fc.constant('all' as const), fill: fc.integer({ min: 0, max: 255 }) }),
    );
    let n = 0;
    const undetected: string[] = [];
    fs.writeFileSync(path.join(dir, 'orig.db'), bytes);
    const original = fingerprint(path.join(dir, 'orig.db')).hash;
    await fc.assert(
      fc.asyncProperty(damage, async (d) => {
        const file = path.join(dir, `damaged-${n++}.db`);
        const damaged = apply(bytes, d);
        fs.writeFileSync(file, damaged);
        // the backups belong to studio.db: give this copy the same backups folder and name base
        const target = path.join(dir, 'studio.db');
        fs.rmSync(target, { force: true });
        fs.renameSync(file, target);
        ledger.fault();
        const e = storeError(() => openStore(target, { plan: makePlan() }));
        const label = `${d.kind} ${JSON.stringify({ ...d, garbage: undefined })}`;
        if (!e) {
          // SQLite found nothing wrong: only acceptable if what changed holds no data at all
          if (fingerprint(target).hash !== original) ledger.lost(`undetected damage changed the data: ${label}`);
          else undetected.push(label);
        } else if (
          d.kind === 'header' &&
          d.offset + d.garbage.length > 60 &&
          d.offset <= 63 &&
          ['future_version', 'invalid'].includes(e.code)
        ) {
          // bytes 60-63 are PRAGMA user_version: damage there reads as another version (refused untouched)
          ledger.note('damage to the header bytes of user_version is refused as a newer or foreign file (untouched)');
        } else {
          if (e.code !== 'corrupt') ledger.crash(`damage reported as ${e.code}, not corrupt: ${label}: ${e.message}`);
          if (e.details?.latestBackup !== newest || !e.message_zh.includes(newest) || !e.message_en.includes(newest))
            ledger.lost(`latest backup not offered for ${label}: ${String(e.details?.latestBackup)}`);
          if (!isBilingual(e)) ledger.crash(`unclear message for ${label}`);
        }
        if (!fs.readFileSync(target).equals(damaged)) ledger.partial(`the damaged file was modified: ${label}`);
        for (const extra of ['-wal', '-shm', '-journal']) fs.rmSync(target + extra, { force: true });
      }),
      { numRuns: 60 * SCALE },
    );
    if (undetected.length) ledger.note(`damage SQLite could not see and that changed no data: ${undetected.length}`);
    expect(ledger.since(mark)).toEqual([]);
  });

  it('through the API and the CLI: corrupt, latest backup named, exit 1, file untouched', async () => {
    const mark = ledger.mark();
    const dir = tmpDir();
    const db = path.join(dir, 'studio.sqlite');
    const api = createApi({ dbPath: db, host: 'cli' });
    for (let i = 0; i < 20; i++) api.store.create({ name: `情景${i}`, description: '说明'.repeat(300) });
    const newest = await api.store.backup('manual');
    api.close();
    const bytes = fs.readFileSync(db);
    bytes.write('garbage garbage garbage!', 0, 'latin1');
    fs.writeFileSync(db, bytes);
    ledger.fault(2);
    const e = storeError(() => createApi({ dbPath: db, host: 'web' }));
    expect(e?.code).toBe('corrupt');
    expect(e?.details?.latestBackup).toBe(newest.file);
    const cli = await runTsx(['cli/main.ts', 'scenarios', 'list', '--db', db], { timeoutMs: 60_000 });
    if (cli.code !== 1 || hasStackTrace(cli.stdout + cli.stderr))
      ledger.crash(`CLI on a damaged file: exit ${cli.code} ${cli.stderr.slice(-300)}`);
    expect(cli.stderr).toContain(newest.file);
    expect(cli.stderr).toMatch(/已损坏/);
    expect(cli.stderr).toMatch(/damaged/);
    if (!fs.readFileSync(db).equals(bytes)) ledger.partial('the damaged file was modified by the API or the CLI');
    expect(ledger.since(mark)).toEqual([]);
  });

  it('truncated to 0 bytes with backups: refused as corrupt (not silently started afresh)', async () => {
    const mark = ledger.mark();
    const dir = tmpDir();
    const { db, newest } = await base(dir);
    fs.writeFileSync(db, '');
    ledger.fault();
    const e = storeError(() => openStore(db, { plan: makePlan() }));
    expect(e?.code).toBe('corrupt');
    expect(e?.details?.latestBackup).toBe(newest);
    expect(fs.statSync(db).size).toBe(0);
    expect(ledger.since(mark)).toEqual([]);
  });

  it('a garbage -wal beside a sound file: opens with every committed save', async () => {
    const mark = ledger.mark();
    const dir = tmpDir();
    const { db } = await base(dir);
    const before = fingerprint(db);
    for (const fill of [0x00, 0x37, 0xff]) {
      fs.writeFileSync(`${db}-wal`, Buffer.alloc(64 * 1024, fill));
      fs.rmSync(`${db}-shm`, { force: true });
      ledger.fault();
      const s = openStore(db, { plan: makePlan() });
      const fp = fingerprint(s.db);
      s.close();
      if (fp.hash !== before.hash) ledger.lost(`a garbage -wal (0x${fill.toString(16)}) changed what the database holds`);
    }
    expect(ledger.since(mark)).toEqual([]);
  });
});

describe('a database from a newer version', () => {
  it('is refused with a message naming both versions, the file unchanged (store, API, CLI)', async () => {
    const mark = ledger.mark();
    for (const ahead of [1, 7, 1000]) {
      const dir = tmpDir();
      const db = path.join(dir, 'studio.sqlite');
      const api = createApi({ dbPath: db, host: 'cli' });
      api.store.create({ name: '未来的数据' });
      api.close();
      const raw = new Database(db);
      raw.pragma(`user_version = ${LATEST_VERSION + ahead}`);
      raw.close();
      const bytes = fs.readFileSync(db);
      ledger.fault();
      const e = storeError(() => createApi({ dbPath: db, host: 'web' }));
      expect(e?.code).toBe('future_version');
      expect(e?.message_zh).toContain(String(LATEST_VERSION + ahead));
      expect(e?.message_en).toMatch(/newer version/);
      if (ahead === 7) {
        const cli = await runTsx(['cli/main.ts', 'targets', '--db', db], { timeoutMs: 60_000 });
        if (cli.code !== 1 || hasStackTrace(cli.stdout + cli.stderr)) ledger.crash(`CLI on a newer file: exit ${cli.code}`);
        expect(cli.stderr).toMatch(/升级/);
        expect(cli.stderr).toMatch(/upgrade/);
      }
      if (!fs.readFileSync(db).equals(bytes)) ledger.partial(`a database from version +${ahead} was modified`);
      if (fs.existsSync(path.join(dir, 'backups'))) ledger.partial('a newer database got a backup folder (it was opened for writing)');
    }
    expect(ledger.since(mark)).toEqual([]);
  });
});
