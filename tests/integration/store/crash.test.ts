/**
 * Crash safety: a child process saves in a loop and is killed with SIGKILL at a random moment;
 * the database must then pass integrity_check and hold every save the child acknowledged.
 * Also two writer processes on one database at once (WAL + busy timeout).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../scenarios/store/store';
import { cleanupTmp, makePlan, tmpDir } from './fixtures';

afterEach(cleanupTmp);

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const writer = path.join(repo, 'tests/fixtures/store-writer.ts');

interface Writer {
  child: ChildProcess;
  lines: string[];
  ready: Promise<void>;
  exited: Promise<number | null>;
  stderr: () => string;
}

function startWriter(dbPath: string, tag: string, max?: number): Writer {
  const args = ['--import', 'tsx', writer, dbPath, tag];
  if (max !== undefined) args.push(String(max));
  const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let err = '';
  let buf = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      lines.push(line); // only complete lines count as acknowledged
      if (line.startsWith('ready ')) onReady();
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (c: string) => (err += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.on('exit', () => onReady());
  return { child, lines, ready, exited, stderr: () => err };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Checks the database: integrity ok and every acknowledged save present. */
function verify(dbPath: string, lines: string[]): void {
  const store = openStore(dbPath, { plan: makePlan() });
  try {
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    const actualIds = new Set(store.listActuals({ includeDeleted: true }).map((a) => a.id));
    for (const line of lines) {
      const [kind, id, x, y] = line.split(' ');
      if (kind === 'ready') expect(store.get(id!).id).toBe(id);
      else if (kind === 'create') expect(store.get(id!).name).toBe(x);
      else if (kind === 'set') {
        const rev = store.getRevision(id!, Number(x));
        expect(rev.revision.op).toBe('set_assumption');
        expect(rev.assumptions.find((a) => a.series === 'steel')!.model).toEqual({ type: 'cagr', rate: Number(y) });
        expect(store.get(id!).head_rev).toBeGreaterThanOrEqual(Number(x));
      } else if (kind === 'actual') expect(actualIds.has(Number(id))).toBe(true);
    }
    // every scenario row has a head revision
    const orphans = store.db
      .prepare(
        'SELECT count(*) AS n FROM scenarios s WHERE NOT EXISTS (SELECT 1 FROM revisions r WHERE r.scenario_id = s.id AND r.rev = s.head_rev)',
      )
      .get() as { n: number };
    expect(orphans.n).toBe(0);
  } finally {
    store.close();
  }
}

describe('crash safety', () => {
  it('SIGKILL at random moments never loses an acknowledged save nor damages the file', { timeout: 180_000 }, async () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'studio.db');
    openStore(dbPath, { plan: makePlan() }).close();

    const rounds = 6;
    let acked = 0;
    const log: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const w = startWriter(dbPath, `r${round}`);
      await w.ready;
      expect(w.lines[0], w.stderr()).toMatch(/^ready /);
      const delay = 50 + Math.floor(Math.random() * 351);
      await sleep(delay);
      w.child.kill('SIGKILL');
      await w.exited;
      const saves = w.lines.length - 1;
      acked += saves;
      log.push(`round ${round}: killed after ${delay} ms, ${saves} acknowledged saves`);
      verify(dbPath, w.lines);
    }
    console.log(log.join('\n'));
    expect(acked).toBeGreaterThan(rounds); // the writer did get work done between kills
  });

  it('two processes write to one database at the same time', { timeout: 120_000 }, async () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'studio.db');
    openStore(dbPath, { plan: makePlan() }).close();
    const a = startWriter(dbPath, 'a', 60);
    const b = startWriter(dbPath, 'b', 60);
    const [ca, cb] = await Promise.all([a.exited, b.exited]);
    expect(ca, a.stderr()).toBe(0);
    expect(cb, b.stderr()).toBe(0);
    expect(a.lines.at(-1)).toBe('done');
    expect(b.lines.at(-1)).toBe('done');
    verify(
      dbPath,
      [...a.lines, ...b.lines].filter((l) => l !== 'done'),
    );
    const store = openStore(dbPath, { plan: makePlan() });
    expect(store.list().filter((s) => /^[ab]-/.test(s.name))).toHaveLength(2 + 2 * 15);
    store.close();
  });
});
