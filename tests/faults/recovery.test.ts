/**
 * Recovery faults of issue 19 item 5, counted in the fault summary:
 *   - the database file deleted beside its backups (alone, with its -wal and -shm, and with a
 *     killed backup's leftover beside them): reported with the newest backup, never replaced by a
 *     new empty database (that would read as all work lost);
 *   - backups killed half way (SIGKILL of a child backing up in a loop): the leftovers are
 *     cleaned at the next start, and every backup listed is a whole, sound database;
 *   - Windows device names in app:// paths (fast-check: every device, any case, extensions,
 *     spaces, superscript digits, in any segment): never mapped to a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../api/handlers';
import { resolveAppFile } from '../../electron/main/app-protocol';
import { defaultBackupDir, listBackupsIn, probeDatabase } from '../../scenarios/store/backup';
import { StoreError } from '../../scenarios/store/store';
import { cleanupTmp, isBilingual, runTsx, tmpDir } from './helpers';
import { openLedger } from '../../support/fault-ledger';

const ledger = openLedger('recovery');
afterAll(cleanupTmp);
const scale = Number(process.env.FAULTS_SCALE ?? 1) || 1;

/** A database with work and one manual backup, closed. */
async function withBackup(): Promise<{ dir: string; db: string; backup: string }> {
  const dir = tmpDir();
  const db = path.join(dir, 'studio.sqlite');
  const api = createApi({ dbPath: db, host: 'cli' });
  api.store.create({ name: '备份里的情景' });
  const b = await api.store.backup('manual');
  api.store.create({ name: '备份后的情景' });
  api.close();
  return { dir, db, backup: b.file };
}

describe('a database deleted beside its backups', () => {
  for (const variant of ['the file alone', 'with its -wal and -shm', 'with a killed backup left beside it'] as const) {
    it(`${variant}: reported with the newest backup, nothing created in its place`, async () => {
      const mark = ledger.mark();
      const { dir, db, backup } = await withBackup();
      if (variant === 'with a killed backup left beside it') {
        const dead = 2 ** 22 + 4242; // above Linux's pid_max default: no such process
        fs.writeFileSync(path.join(path.dirname(backup), `studio-20250601-100000-000-manual.sqlite.${dead}.partial`), 'half a backup');
      }
      for (const f of variant === 'the file alone' ? [db] : [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
      ledger.fault();
      const before = fs.readdirSync(dir).sort();
      let err: unknown = null;
      try {
        createApi({ dbPath: db, host: 'cli' }).close();
      } catch (e) {
        err = e;
      }
      if (fs.existsSync(db)) ledger.lost(`${variant}: a new empty database was created over the missing one`);
      if (!(err instanceof StoreError)) ledger.crash(`${variant}: ${err ? `threw ${(err as Error).message}` : 'opened without a word'}`);
      else {
        if (!isBilingual(err) || !err.message_zh.includes(backup) || !err.message_en.includes(backup))
          ledger.crash(`${variant}: the refusal does not offer the newest backup in both languages`);
        expect(err.details?.latestBackup).toBe(backup);
      }
      expect(fs.readdirSync(dir).sort()).toEqual(before);
      expect(probeDatabase(backup).tables).toBeGreaterThan(0);
      expect(ledger.since(mark)).toEqual([]);
    });
  }
});

const BACKUP_CHILD = path.resolve(__dirname, '../fixtures/backup-child.ts');

describe('backups killed half way', () => {
  it('leftovers are cleaned at the next start; every listed backup is whole', async () => {
    const mark = ledger.mark();
    const dir = tmpDir();
    const db = path.join(dir, 'studio.sqlite');
    createApi({ dbPath: db, host: 'cli' }).close();
    const kills = 4 * scale;
    for (let k = 0; k < kills; k++) {
      const r = await runTsx([BACKUP_CHILD, db], { timeoutMs: 2_500 + 400 * k });
      ledger.fault();
      if (!r.timedOut) ledger.crash(`backup child ended before it was killed (exit ${r.code}): ${r.stderr.slice(-300)}`);
      else if (!r.stdout.includes('ready')) ledger.note(`kill ${k + 1} came before the first backup`);
    }
    const backupDir = defaultBackupDir(db);
    const partials = () => (fs.existsSync(backupDir) ? fs.readdirSync(backupDir).filter((f) => /\.partial(-journal)?$/.test(f)) : []);
    const cut = partials().length;
    const api = createApi({ dbPath: db, host: 'cli' });
    api.close();
    const left = partials();
    if (left.length) ledger.partial(`leftovers of killed backups stayed: ${left.join(', ')}`);
    const listed = fs.existsSync(backupDir) ? listBackupsIn(backupDir, db) : [];
    ledger.note(
      `${kills} backup children killed; ${cut} leftover files of cut backups before the restart; ${listed.length} whole backups listed afterwards`,
    );
    for (const b of listed) {
      try {
        probeDatabase(b.file);
      } catch (e) {
        ledger.partial(`a listed backup is damaged: ${b.file}: ${(e as Error).message}`);
      }
    }
    expect(ledger.since(mark)).toEqual([]);
  }, 120_000);
});

describe('Windows device names in app:// paths', () => {
  it('are never mapped to a file, in any segment, case, extension or spacing', () => {
    const mark = ledger.mark();
    const root = tmpDir();
    const device = fc.constantFrom(
      'con',
      'prn',
      'aux',
      'nul',
      'conin$',
      'conout$',
      ...Array.from({ length: 10 }, (_, i) => `com${i}`),
      ...Array.from({ length: 10 }, (_, i) => `lpt${i}`),
      'com¹',
      'lpt³',
    );
    const cased = fc
      .tuple(device, fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }))
      .map(([d, up]) => [...d].map((ch, i) => (up[i % up.length] ? ch.toUpperCase() : ch)).join(''));
    const name = fc
      .tuple(cased, fc.constantFrom('', ' ', '  '), fc.constantFrom('', '.txt', '.js', '.tar.gz', '.html'))
      .map(([d, sp, ext]) => (ext ? `${d}${sp}${ext}` : d));
    const where = fc.tuple(
      fc.array(fc.constantFrom('assets', 'fonts', 'x'), { maxLength: 2 }),
      name,
      fc.array(fc.constantFrom('index.html', 'a.js'), { maxLength: 1 }),
    );
    fc.assert(
      fc.property(where, ([before, dev, after]) => {
        const segs = [...before, encodeURIComponent(dev).replace(/%24/g, '$'), ...after];
        ledger.input();
        const hit = resolveAppFile(root, `app://studio/${segs.join('/')}`);
        if (hit !== null) ledger.letIn(`app://studio/${segs.join('/')} mapped to ${hit}`);
        return hit === null;
      }),
      { numRuns: 400 * scale },
    );
    expect(ledger.since(mark)).toEqual([]);
  });
});
