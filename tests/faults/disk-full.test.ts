/**
 * A full disk during a save, an export, a backup and an API call: a small tmpfs (2 MB) is mounted
 * as the data folder (root only; otherwise a file-size limit, `ulimit -f`, in the child stands in
 * for it, and the ledger says which). Each must fail with StoreError 'disk_full' and a message in
 * both languages; the database must stay intact with every acknowledged save; no half export
 * file, no temporary file and no partial backup may be left behind.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../api/handlers';
import { openStore } from '../../scenarios/store/store';
import { makePlan } from '../integration/store/fixtures';
import { cleanupTmp, FIXTURES, hasStackTrace, integrity, runProcess, runTsx, tmpDir } from './helpers';
import { openLedger } from '../../support/fault-ledger';

const ledger = openLedger('disk-full');

let dir: string;
let mnt: string;
let method: 'tmpfs' | 'ulimit' = 'tmpfs';

beforeAll(() => {
  dir = tmpDir();
  mnt = path.join(dir, 'mnt');
  fs.mkdirSync(mnt);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt], { stdio: 'pipe' });
  } catch (e) {
    method = 'ulimit';
    ledger.note(
      `mount -t tmpfs failed (${(e as Error).message.split('\n')[0]}): a file-size limit (ulimit -f) in the child stands in for the full disk`,
    );
  }
  if (method === 'tmpfs') ledger.note('full disk: a 2 MB tmpfs mounted as the data folder');
});

afterAll(() => {
  if (method === 'tmpfs') {
    try {
      execFileSync('umount', [mnt], { stdio: 'pipe' });
    } catch {
      execFileSync('umount', ['-l', mnt], { stdio: 'pipe' });
    }
  }
  cleanupTmp();
});

function grow(): void {
  if (method === 'tmpfs') execFileSync('mount', ['-o', 'remount,size=16m', mnt], { stdio: 'pipe' });
}

interface Outcome {
  code?: string;
  zh?: string;
  en?: string;
  ok?: boolean;
  threw?: boolean;
}

const fullMessage = (o: Outcome | undefined) =>
  !!o && o.code === 'disk_full' && /磁盘空间已满/.test(o.zh ?? '') && /disk is full/i.test(o.en ?? '');

describe('a full disk', () => {
  it('during saves, an export, a backup and an API save: disk_full, database intact, nothing half-written', async () => {
    const mark = ledger.mark();
    const db = path.join(mnt, 'studio.db');
    const out = path.join(mnt, 'exports', 'workspace.xnps.json');
    fs.mkdirSync(path.dirname(out));
    const cliDb = path.join(mnt, 'cli.sqlite'); // a database of the real plan for the CLI, made while there is room
    createApi({ dbPath: cliDb, host: 'cli' }).close();
    const args = [path.join(FIXTURES, 'disk-child.ts'), db, out];
    const r =
      method === 'tmpfs'
        ? await runTsx(args, { timeoutMs: 120_000 })
        : await runProcess(
            'bash',
            ['-c', `ulimit -f 4096; exec "${process.execPath}" --import tsx ${args.map((a) => JSON.stringify(a)).join(' ')}`],
            {
              timeoutMs: 120_000,
            },
          );
    if (r.code !== 0 || hasStackTrace(r.stderr)) ledger.crash(`disk child exited ${r.code} ${r.signal ?? ''}: ${r.stderr.slice(-500)}`);
    const acked = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('ack '))
      .map((l) => l.slice(4));
    const reportLine = r.stdout.split('\n').find((l) => l.startsWith('report '));
    expect(reportLine, r.stderr).toBeTruthy();
    const report = JSON.parse(reportLine!.slice(7)) as Record<string, Outcome & { attempt?: number }>;
    ledger.fault(4); // save, export, backup, API save on a full disk
    expect(acked.length).toBeGreaterThan(3);

    if (method === 'tmpfs') {
      expect(fullMessage(report.save), JSON.stringify(report.save)).toBe(true);
      expect(fullMessage(report.export), JSON.stringify(report.export)).toBe(true);
      expect(fullMessage(report.backup), JSON.stringify(report.backup)).toBe(true);
      // A new connection may checkpoint and reuse the WAL's own blocks, so the API save can find
      // room on a full disk: then it must be durable (checked below), else refused as disk_full.
      if (!report.api?.ok) expect(report.api?.code, JSON.stringify(report.api)).toBe('disk_full');
    } else {
      // a file-size limit shows as EFBIG, which SQLite reports as a plain I/O error
      for (const o of [report.save, report.backup, report.api]) expect(['disk_full', 'io'], JSON.stringify(o)).toContain(o?.code);
    }
    expect(report.integrity).toBe('ok');

    // nothing half-written: no export file, no temporary file, no partial or listed backup
    const exported = fs.readdirSync(path.dirname(out));
    if (report.export?.ok) {
      if (exported.length !== 1 || !JSON.parse(fs.readFileSync(out, 'utf8')).scenarios)
        ledger.partial('export folder after a successful export');
    } else if (exported.length > 0) ledger.partial(`export folder holds ${exported.join(', ')} after a failed export`);
    const backups = fs.existsSync(path.join(mnt, 'backups')) ? fs.readdirSync(path.join(mnt, 'backups')) : [];
    if (backups.length > 0) ledger.partial(`backup folder holds ${backups.join(', ')} after a failed backup`);

    // the CLI on the full disk: exit 1 with both languages, no stack trace
    if (method === 'tmpfs') {
      const cli = await runTsx(
        ['cli/main.ts', 'call', 'scenarios:create', JSON.stringify({ name: '命令行', description: '长'.repeat(3000) }), '--db', cliDb],
        {
          timeoutMs: 60_000,
        },
      );
      ledger.fault();
      if (cli.code !== 1 || hasStackTrace(cli.stdout + cli.stderr))
        ledger.crash(`CLI on a full disk: exit ${cli.code}\n${cli.stderr.slice(-400)}`);
      expect(cli.stdout + cli.stderr, cli.stderr).toMatch(/disk_full|磁盘空间已满/);
    }

    // with room again: every acknowledged save is there, the failed ones are not
    grow();
    const cliApi = createApi({ dbPath: cliDb, host: 'cli' });
    if (cliApi.store.list({ state: 'all' }).some((x) => x.name === '命令行'))
      ledger.partial('a CLI save refused for a full disk is in the database');
    cliApi.close();
    expect(integrity(db)).toBe('ok');
    const store = openStore(db, { plan: makePlan() });
    try {
      for (const id of acked) {
        try {
          store.get(id);
        } catch {
          ledger.lost(`acknowledged save ${id} missing after the disk filled up`);
        }
      }
      const names = new Set(store.list({ state: 'all' }).map((s) => s.name));
      const attempt = report.save?.attempt ?? -1;
      if (names.has(`满${attempt}`)) ledger.partial(`the failed save 满${attempt} is in the database`);
      if (report.api?.ok) {
        if (!names.has('经接口保存')) ledger.lost('an API save acknowledged on a full disk is missing');
      } else if (names.has('经接口保存')) ledger.partial('an API save refused for a full disk is in the database');
      expect(store.db.pragma('foreign_key_check')).toEqual([]);
      // and the store works again: a save and an export now succeed
      store.create({ name: '恢复后保存' });
      store.writeExportFile(out, store.exportWorkspace());
      expect(JSON.parse(fs.readFileSync(out, 'utf8')).scenarios.length).toBeGreaterThan(acked.length);
    } finally {
      store.close();
    }
    expect(ledger.since(mark)).toEqual([]);
  });

  it('an export over an existing file on a full disk keeps the old file byte for byte', () => {
    const mark = ledger.mark();
    const work = tmpDir();
    const store = openStore(path.join(work, 'studio.db'), { plan: makePlan() });
    for (let i = 0; i < 60; i++) store.create({ name: `大${i}`, description: '长'.repeat(3900) });
    grow(); // the first test may have left the disk full
    const target = path.join(mnt, 'exports', 'keep.xnps.json');
    fs.writeFileSync(target, '{"previous": "export"}\n');
    const bytes = fs.readFileSync(target);
    // fill what is left of the disk
    const filler = path.join(mnt, 'filler.bin');
    try {
      fs.writeFileSync(filler, Buffer.alloc(64 * 1024 * 1024));
    } catch {
      /* full: exactly what we want */
    }
    let code = '';
    try {
      store.writeExportFile(target, store.exportWorkspace());
    } catch (e) {
      code = (e as { code: string }).code;
    }
    ledger.fault();
    store.close();
    fs.rmSync(filler, { force: true });
    if (method === 'ulimit') {
      ledger.notRun('export over an existing file on a full disk', 'needs the tmpfs (mount failed)');
      return;
    }
    expect(code).toBe('disk_full');
    if (!fs.readFileSync(target).equals(bytes)) ledger.partial('the previous export file changed');
    const left = fs.readdirSync(path.dirname(target)).filter((f) => f.endsWith('.tmp'));
    if (left.length) ledger.partial(`temporary export files left: ${left.join(', ')}`);
    expect(ledger.since(mark)).toEqual([]);
  });
});
