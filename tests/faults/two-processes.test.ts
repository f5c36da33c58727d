/**
 * Two processes with the same database open (the desktop app and the CLI, or two windows),
 * writing alternately and then at once: both succeed, each sees the other's writes (no stale
 * cache), and nothing is lost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../scenarios/store/store';
import { makePlan } from '../integration/store/fixtures';
import { cleanupTmp, FIXTURES, integrity, ROOT, tmpDir } from './helpers';
import { openLedger } from '../../support/fault-ledger';

const ledger = openLedger('two-processes');
afterAll(cleanupTmp);

interface Peer {
  child: ChildProcess;
  ask(line: string): Promise<string>;
  stderr(): string;
}

function peer(db: string, tag: string): Promise<Peer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(FIXTURES, 'turn-child.ts'), db, tag], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const rl = readline.createInterface({ input: child.stdout! });
  const queue: ((l: string) => void)[] = [];
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  let ready: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  rl.on('line', (l) => {
    if (l === 'ready') return ready();
    queue.shift()?.(l);
  });
  child.on('exit', () => {
    ready();
    for (const q of queue.splice(0)) q('err exited');
  });
  const p: Peer = {
    child,
    stderr: () => err,
    ask: (line) =>
      new Promise((resolve) => {
        queue.push(resolve);
        child.stdin!.write(`${line}\n`);
      }),
  };
  return isReady.then(() => p);
}

describe('two processes on one database', () => {
  it('write alternately, then at once: both succeed, each sees the other, nothing lost', async () => {
    const mark = ledger.mark();
    const dir = tmpDir();
    const db = path.join(dir, 'studio.db');
    openStore(db, { plan: makePlan() }).close();
    const [a, b] = await Promise.all([peer(db, 'A'), peer(db, 'B')]);
    const created: { id: string; name: string }[] = [];
    const revs = new Map<string, number>();
    const actuals: number[] = [];

    // alternately: A creates, B changes A's scenario, B creates, A changes B's, both add actuals
    for (let i = 0; i < 15; i++) {
      for (const [me, other] of [
        [a, b],
        [b, a],
      ] as const) {
        const name = `${me === a ? 'A' : 'B'}-${i}`;
        const r1 = await me.ask(`create ${name}`);
        if (!r1.startsWith('ok ')) ledger.crash(`create ${name}: ${r1}`);
        const id = r1.split(' ')[1]!;
        created.push({ id, name });
        const r2 = await other.ask(`set ${id} ${(i + 1) / 100}`);
        if (!r2.startsWith('ok ')) ledger.crash(`set on the other's scenario ${name}: ${r2}`);
        else revs.set(id, Number(r2.split(' ')[2]));
        const r3 = await me.ask(`actual ${i}`);
        if (r3.startsWith('ok ')) actuals.push(Number(r3.split(' ')[1]));
        else ledger.crash(`actual: ${r3}`);
        ledger.fault(); // one switch of writer
      }
      // each sees the other's work at once
      const [ca, cb] = [await a.ask('count'), await b.ask('count')];
      if (ca !== cb) ledger.lost(`the two processes see different scenario counts: ${ca} / ${cb}`);
    }
    // then at once: 20 writes each, interleaved by the OS
    const burst = await Promise.all(
      [a, b].flatMap((p, k) =>
        Array.from({ length: 20 }, (_, i) => p.ask(`create burst-${k}-${i}`).then((r) => ({ r, name: `burst-${k}-${i}` }))),
      ),
    );
    for (const { r, name } of burst) {
      if (!r.startsWith('ok ')) ledger.crash(`concurrent create ${name}: ${r}`);
      else created.push({ id: r.split(' ')[1]!, name });
    }
    ledger.fault();
    await Promise.all([a.ask('quit'), b.ask('quit')]);

    expect(integrity(db)).toBe('ok');
    const store = openStore(db, { plan: makePlan() });
    try {
      for (const c of created) {
        try {
          if (store.get(c.id).name !== c.name) ledger.lost(`scenario ${c.id} has the wrong name`);
        } catch {
          ledger.lost(`scenario ${c.name} (${c.id}) missing`);
        }
      }
      for (const [id, rev] of revs) {
        const s = store.get(id);
        if (s.head_rev < rev || s.assumptions.find((x) => x.series === 'steel') === undefined)
          ledger.lost(`the other process's change to ${id} is missing`);
      }
      const ids = new Set(store.listActuals({}).map((x) => x.id));
      for (const id of actuals) if (!ids.has(id)) ledger.lost(`actual ${id} missing`);
      expect(store.db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      store.close();
    }
    expect(created.length).toBe(70);
    expect(a.stderr() + b.stderr()).toBe('');
    expect(ledger.since(mark)).toEqual([]);
  });
});
