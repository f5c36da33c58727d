/**
 * SIGKILL at random moments: during saves, during a large workspace import, during a schema
 * migration (a slow one injected through the store's `migrations` option) and during an export.
 * After every kill: `PRAGMA integrity_check` = ok, every acknowledged write present, nothing
 * half-done (an import is all or nothing; a migration leaves the old version intact or the new
 * one complete; an export file is the old one or the whole new one; no listed backup is damaged).
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../scenarios/store/migrations';
import { openStore } from '../../scenarios/store/store';
import { probeDatabase } from '../../scenarios/store/backup';
import { actualSource, makePlan } from '../integration/store/fixtures';
import { cleanupTmp, fingerprint, FIXTURES, integrity, ROOT, sleep, tmpDir } from './helpers';
import { openLedger } from '../../support/fault-ledger';

const ledger = openLedger('store-kill');
afterAll(cleanupTmp);

const LATEST = MIGRATIONS.length;

interface Child {
  child: ChildProcess;
  lines: string[];
  waitFor(prefix: string, timeoutMs?: number): Promise<string | null>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

function start(script: string, args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { prefix: string; resolve: (l: string | null) => void }[] = [];
  let buf = '';
  let err = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      lines.push(line); // only complete lines count as acknowledged
      for (const w of waiters.filter((x) => line.startsWith(x.prefix))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (c: string) => (err += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      for (const w of waiters.splice(0)) w.resolve(null);
      resolve({ code, signal });
    }),
  );
  return {
    child,
    lines,
    exited,
    stderr: () => err,
    waitFor(prefix, timeoutMs = 60_000) {
      const hit = lines.find((l) => l.startsWith(prefix));
      if (hit) return Promise.resolve(hit);
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(null);
      return new Promise((resolve) => {
        const w = { prefix, resolve };
        waiters.push(w);
        setTimeout(() => {
          if (waiters.includes(w)) {
            waiters.splice(waiters.indexOf(w), 1);
            resolve(null);
          }
        }, timeoutMs);
      });
    },
  };
}

async function kill(c: Child): Promise<void> {
  c.child.kill('SIGKILL');
  await c.exited;
}

const rand = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));

describe('SIGKILL during saves', () => {
  it('never loses an acknowledged save nor damages the file (6 kills)', { timeout: 400_000 }, async () => {
    const mark = ledger.mark();
    const dir = tmpDir();
    const dbPath = path.join(dir, 'studio.db');
    openStore(dbPath, { plan: makePlan() }).close();
    const writer = path.join(ROOT, 'tests/fixtures/store-writer.ts');
    let acked = 0;
    for (let round = 0; round < 6; round++) {
      const w = start(writer, [dbPath, `k${round}`]);
      expect(await w.waitFor('ready'), w.stderr()).toBeTruthy();
      await sleep(rand(30, 400));
      await kill(w);
      ledger.fault();
      acked += w.lines.length - 1;
      const check = integrity(dbPath);
      if (check !== 'ok') ledger.partial(`saves round ${round}: integrity_check ${check}`);
      const store = openStore(dbPath, { plan: makePlan() });
      try {
        const actualIds = new Set(store.listActuals({ includeDeleted: true }).map((a) => a.id));
        for (const line of w.lines) {
          const [kind, id, x] = line.split(' ');
          try {
            if (kind === 'ready' || kind === 'create') store.get(id!);
            else if (kind === 'set') {
              if (store.get(id!).head_rev < Number(x)) throw new Error(`head below ${x}`);
              store.getRevision(id!, Number(x));
            } else if (kind === 'actual' && !actualIds.has(Number(id))) throw new Error('actual missing');
          } catch (e) {
            ledger.lost(`saves round ${round}: acknowledged "${line}" not found (${(e as Error).message})`);
          }
        }
        const orphans = store.db
          .prepare(
            'SELECT count(*) AS n FROM scenarios s WHERE NOT EXISTS (SELECT 1 FROM revisions r WHERE r.scenario_id = s.id AND r.rev = s.head_rev)',
          )
          .get() as { n: number };
        if (orphans.n > 0) ledger.partial(`saves round ${round}: ${orphans.n} scenarios without their head revision`);
      } finally {
        store.close();
      }
    }
    expect(acked).toBeGreaterThan(6);
    expect(ledger.since(mark)).toEqual([]);
  });
});

/** A workspace file of the test plan: `n` scenarios over the baseline preset and `m` actuals. */
function bigWorkspace(n: number, m: number): unknown {
  return {
    format: 'xianning-plan-studio/workspace',
    format_version: 1,
    plan_id: 'test_plan',
    exported_at: '2026-01-01T00:00:00.000Z',
    exported_by: null,
    scenarios: Array.from({ length: n }, (_, i) => ({
      id: `s${i}`,
      name: `imp-${i}`,
      description: '导入说明'.repeat(60),
      tags: ['导入'],
      parent_id: null,
      parent_preset_id: 'baseline',
      preset_id: null,
      assumptions: [{ series: 'steel', model: { type: 'cagr', rate: (i % 100) / 1000 } }],
    })),
    actuals: Array.from({ length: m }, (_, i) => ({
      series: 'gdp',
      period: '2024',
      value: 1000 + i,
      source: actualSource,
      vintage: '2025-03-01',
      note: `imp-${i}`,
    })),
    milestones: [],
    settings: {},
  };
}

describe('SIGKILL during a large workspace import', () => {
  it('an import is all or nothing, and an acknowledged one is all there (5 kills)', { timeout: 400_000 }, async () => {
    const mark = ledger.mark();
    const dir = tmpDir();
    const file = path.join(dir, 'big.xnps.json');
    const N = 3000;
    const M = 20000;
    fs.writeFileSync(file, JSON.stringify(bigWorkspace(N, M)));
    const template = path.join(dir, 'template.db');
    const s = openStore(template, { plan: makePlan() });
    s.create({ name: '已有情景' });
    s.close();
    const before = fingerprint(template);

    // one import left to finish: how long it takes here, and that it completes
    const timed = path.join(dir, 'timed.db');
    fs.copyFileSync(template, timed);
    const t0 = Date.now();
    const full = start(path.join(FIXTURES, 'import-child.ts'), [timed, file]);
    expect(await full.waitFor('importing', 120_000), full.stderr()).toBeTruthy();
    const t1 = Date.now();
    expect(await full.waitFor('imported', 120_000), full.stderr()).toBe(`imported ${N} ${M}`);
    const importMs = Date.now() - t1;
    await full.exited;
    ledger.note(`workspace import of ${N} scenarios and ${M} actuals: ${importMs} ms here (child start ${t1 - t0} ms)`);

    for (let round = 0; round < 5; round++) {
      const db = path.join(dir, `r${round}.db`);
      fs.copyFileSync(template, db);
      const c = start(path.join(FIXTURES, 'import-child.ts'), [db, file]);
      expect(await c.waitFor('importing', 120_000), c.stderr()).toBeTruthy();
      // mostly inside the transaction; the last round just after it may have committed
      await sleep(round === 4 ? importMs + 50 : rand(0, Math.max(10, Math.floor(importMs * 0.9))));
      const acked = c.lines.some((l) => l.startsWith('imported'));
      await kill(c);
      ledger.fault();
      const check = integrity(db);
      if (check !== 'ok') ledger.partial(`import round ${round}: integrity_check ${check}`);
      const conn = new Database(db);
      const imported = (conn.prepare("SELECT count(*) AS n FROM scenarios WHERE name LIKE 'imp-%'").get() as { n: number }).n;
      const actuals = (conn.prepare("SELECT count(*) AS n FROM actuals WHERE note LIKE 'imp-%'").get() as { n: number }).n;
      conn.close();
      if (!((imported === 0 && actuals === 0) || (imported === N && actuals === M)))
        ledger.partial(`import round ${round}: ${imported} of ${N} scenarios and ${actuals} of ${M} actuals`);
      if (acked && imported !== N) ledger.lost(`import round ${round}: acknowledged import missing`);
      if (imported === 0) {
        const fp = fingerprint(db);
        if (fp.hash !== before.hash) ledger.partial(`import round ${round}: killed import changed the database`);
      }
    }
    expect(ledger.since(mark)).toEqual([]);
  });
});

describe('SIGKILL during a migration', () => {
  it('leaves the old version intact or the new one complete, never half; backups sound (6 runs)', { timeout: 400_000 }, async () => {
    const mark = ledger.mark();
    const dir = tmpDir();
    const template = path.join(dir, 'template.db');
    const s = openStore(template, { plan: makePlan() });
    for (let i = 0; i < 300; i++)
      s.create({
        name: `旧${i}`,
        description: '旧数据'.repeat(300),
        assumptions: [{ series: 'steel', model: { type: 'cagr', rate: i / 1000 } }],
      });
    s.addActuals(
      Array.from({ length: 3000 }, (_, i) => ({
        series: 'gdp',
        period: '2024',
        value: i,
        vintage: '2025-03-01',
        source: actualSource,
        note: `old-${i}`,
      })),
    );
    s.close();
    const before = fingerprint(template);
    const rows = before.scenarios;

    let completed = 0;
    let intact = 0;
    for (let round = 0; round < 6; round++) {
      const rdir = path.join(dir, `r${round}`);
      fs.mkdirSync(rdir);
      const db = path.join(rdir, 'studio.db');
      fs.copyFileSync(template, db);
      const c = start(path.join(FIXTURES, 'migrate-child.ts'), [db, '3']);
      if (round < 3) {
        // inside the migration's transaction
        expect(await c.waitFor('migrating', 60_000), c.stderr()).toBeTruthy();
        await sleep(rand(0, 900));
      } else if (round < 5) {
        // anywhere from opening on: the pre-upgrade backup (VACUUM INTO), the migration, after
        expect(await c.waitFor('opening', 60_000), c.stderr()).toBeTruthy();
        await sleep(rand(0, 1500));
      } else {
        expect(await c.waitFor('migrated', 120_000), c.stderr()).toBe(`migrated ${LATEST + 1}`);
      }
      const finished = c.lines.some((l) => l.startsWith('migrated'));
      if (round < 5) {
        await kill(c);
        ledger.fault();
      } else await c.exited;

      const check = integrity(db);
      if (check !== 'ok') ledger.partial(`migration round ${round}: integrity_check ${check}`);
      const conn = new Database(db);
      const version = conn.pragma('user_version', { simple: true }) as number;
      const cols = (conn.prepare('PRAGMA table_info(scenarios)').all() as { name: string }[]).map((c2) => c2.name);
      const notes = conn.prepare("SELECT 1 FROM sqlite_master WHERE name = 'slow_notes'").get();
      if (version === LATEST) {
        intact++;
        if (cols.includes('colour') || notes) ledger.partial(`migration round ${round}: old version with part of the new schema`);
        conn.close();
        if (fingerprint(db).hash !== before.hash) ledger.partial(`migration round ${round}: old version but data changed`);
        if (finished) ledger.lost(`migration round ${round}: acknowledged migration not in the file`);
        // the program as shipped opens it normally, with everything
        const again = openStore(db, { plan: makePlan() });
        if (again.list({ state: 'all' }).length !== rows) ledger.lost(`migration round ${round}: scenarios missing after reopen`);
        again.close();
      } else if (version === LATEST + 1) {
        completed++;
        const coloured = (conn.prepare("SELECT count(*) AS n FROM scenarios WHERE colour = 'c-' || id").get() as { n: number }).n;
        const noted = (conn.prepare('SELECT count(*) AS n FROM slow_notes').get() as { n: number }).n;
        if (coloured !== rows || noted !== rows)
          ledger.partial(`migration round ${round}: new version incomplete (${coloured}/${noted} of ${rows})`);
        const count = (conn.prepare('SELECT count(*) AS n FROM scenarios').get() as { n: number }).n;
        const acts = (conn.prepare('SELECT count(*) AS n FROM actuals').get() as { n: number }).n;
        if (count !== rows || acts !== before.actuals) ledger.lost(`migration round ${round}: data lost in the upgrade`);
        conn.close();
      } else {
        conn.close();
        ledger.partial(`migration round ${round}: unexpected user_version ${version}`);
      }
      // every backup the program would list (and offer) is a sound copy of the old version
      const backupDir = path.join(rdir, 'backups');
      const listed = fs.existsSync(backupDir) ? fs.readdirSync(backupDir).filter((f) => f.endsWith('.sqlite')) : [];
      for (const f of listed) {
        try {
          const probe = probeDatabase(path.join(backupDir, f));
          if (probe.version !== LATEST) ledger.partial(`migration round ${round}: backup ${f} at version ${probe.version}`);
          else if (fingerprint(path.join(backupDir, f)).hash !== before.hash)
            ledger.lost(`migration round ${round}: backup ${f} differs from the old file`);
        } catch (e) {
          ledger.partial(`migration round ${round}: listed backup ${f} is damaged (${(e as Error).message})`);
        }
      }
      if (version === LATEST + 1 && listed.length === 0) ledger.lost(`migration round ${round}: upgraded without a pre-upgrade backup`);
    }
    ledger.note(`migration kills: ${intact} left the old version intact, ${completed} the new one complete`);
    expect(completed).toBeGreaterThanOrEqual(1);
    expect(ledger.since(mark)).toEqual([]);
  });
});

describe('SIGKILL during an export', () => {
  it('the export file is the previous one or the whole new one, never half (4 kills)', { timeout: 400_000 }, async () => {
    const mark = ledger.mark();
    const dir = tmpDir();
    const dbPath = path.join(dir, 'studio.db');
    const s = openStore(dbPath, { plan: makePlan() });
    for (let i = 0; i < 400; i++) s.create({ name: `导出${i}`, description: '说明'.repeat(1500) });
    s.close();
    const out = path.join(dir, 'out', 'workspace.xnps.json');
    fs.mkdirSync(path.dirname(out));
    fs.writeFileSync(out, '{"previous": true}\n');
    const script = path.join(dir, 'export-loop.ts');
    fs.writeFileSync(
      script,
      `import { openStore } from ${JSON.stringify(path.join(ROOT, 'scenarios/store/store.ts'))};
import { makePlan } from ${JSON.stringify(path.join(ROOT, 'support/small-plan.ts'))};
const store = openStore(process.argv[2]!, { plan: makePlan() });
process.stdout.write('ready\\n');
for (let i = 0; ; i++) { store.writeExportFile(process.argv[3]!, store.exportWorkspace()); process.stdout.write('written ' + i + '\\n'); }
`,
    );
    for (let round = 0; round < 4; round++) {
      const c = start(script, [dbPath, out]);
      expect(await c.waitFor('ready', 60_000), c.stderr()).toBeTruthy();
      await sleep(rand(20, 700));
      await kill(c);
      ledger.fault();
      const text = fs.readFileSync(out, 'utf8');
      try {
        const json = JSON.parse(text) as { previous?: boolean; scenarios?: unknown[] };
        if (!json.previous && json.scenarios?.length !== 403) ledger.partial(`export round ${round}: export file incomplete`);
      } catch {
        ledger.partial(`export round ${round}: the export file is half written (${text.length} bytes)`);
      }
    }
    const leftovers = fs.readdirSync(path.dirname(out)).filter((f) => f.endsWith('.tmp'));
    ledger.note(`export kills leave the killed process's hidden temporary file (${leftovers.length} here), never a half export file`);
    expect(ledger.since(mark)).toEqual([]);
  });
});
