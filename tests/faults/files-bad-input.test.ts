/**
 * Bad scenario, workspace and plan files: the hand-made corpus (tests/fixtures/bad-inputs/files
 * and plans: truncated JSON, wrong format, future format_version, cycles, unknown series, NUL and
 * control characters, UTF-16, binary, prototype keys ...), fast-check mutations of a valid file,
 * 10^4 scenarios (the limit: imported in one transaction) and 10^4 + 1 (refused), 10^5-level
 * nesting, a file over the size limit. Through the store's reader, the API (scenarios:import,
 * projection:runFile, plan:activate) and the CLI (scenarios import, --plan). Each is refused with
 * a message in both languages, nothing is written, nothing crashes.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../api/handlers';
import { dispatch } from '../../contract';
import { MAX_FILE_SCENARIOS, MAX_IMPORT_BYTES } from '../../scenarios/store/files';
import { readImportFile, StoreError } from '../../scenarios/store/store';
import { BAD_INPUTS, cleanupTmp, fingerprint, hasStackTrace, isBilingual, NASTY_STRINGS, runTsx, SCALE, tmpDir } from './helpers';
import { openLedger } from '../../support/fault-ledger';

const ledger = openLedger('files-bad-input');

let dir: string;
let api: Api;
let validFile: Record<string, unknown>;

beforeAll(() => {
  dir = tmpDir();
  api = createApi({ dbPath: path.join(dir, 'studio.sqlite'), host: 'cli' });
  const s = api.store.create({
    name: '导出情景',
    description: '说明',
    tags: ['t'],
    parent_id: 'baseline',
    assumptions: [{ series: 'gdp_nominal', model: { type: 'cagr', rate: 0.06 } }],
  });
  const child = api.store.create({
    name: '子情景',
    parent_id: s.id,
    assumptions: [{ series: 'gdp_nominal', model: { type: 'cagr', rate: 0.07 } }],
  });
  validFile = api.store.exportScenario(child.id) as unknown as Record<string, unknown>;
});
afterAll(() => {
  api?.close();
  cleanupTmp();
});

const corpus = (sub: string) =>
  fs
    .readdirSync(path.join(BAD_INPUTS, sub))
    .sort()
    .map((f) => path.join(BAD_INPUTS, sub, f));

/** Sends file content through the API; records problems; returns whether it was accepted. */
async function throughApi(
  channel: 'scenarios:import' | 'projection:runFile' | 'plan:activate',
  content: unknown,
  label: string,
): Promise<boolean> {
  const before = fingerprint(api.store.db);
  const dbBefore = api.store.path;
  ledger.input();
  let env;
  try {
    env = await dispatch(api.handlers, channel, { content }, { host: 'cli' });
  } catch (e) {
    ledger.crash(`${label} via ${channel}: threw ${(e as Error).message}`);
    return false;
  }
  if (env.ok) return true;
  if (env.error.code === 'internal' || !isBilingual(env.error))
    ledger.crash(`${label} via ${channel}: unclear error ${JSON.stringify(env.error).slice(0, 200)}`);
  if (api.store.path === dbBefore && fingerprint(api.store.db).hash !== before.hash)
    ledger.partial(`${label} via ${channel}: refused but the database changed`);
  return false;
}

/** The text of a corpus file as the renderer would send it: parsed when it is JSON. */
function contentOf(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text.replace(/^\ufeff/, ''));
  } catch {
    return text; // the import channel also takes JSON text
  }
}

describe('scenario and workspace files', () => {
  it('the corpus: refused by the reader, the API and the store, with clear messages; nothing written', async () => {
    const mark = ledger.mark();
    for (const file of corpus('files')) {
      const name = path.basename(file);
      ledger.input();
      try {
        readImportFile(file);
        // the reader checks the shape only; what it lets through the import must refuse (below)
      } catch (e) {
        if (!(e instanceof StoreError) || !isBilingual(e)) ledger.crash(`${name}: reader threw ${String(e)}`);
      }
      const content = contentOf(file);
      if (await throughApi('scenarios:import', content, name)) ledger.partial(`${name}: imported although bad`);
      if (await throughApi('projection:runFile', content, name)) {
        // projecting does not write; some files are bad only for importing (duplicates, workspace parts)
        ledger.note('projection:runFile projects some files that importing refuses (it writes nothing)');
      }
    }
    expect(ledger.since(mark)).toEqual([]);
  });

  it('the corpus through the CLI: exit 1 with both languages, no stack trace, nothing imported', async () => {
    const mark = ledger.mark();
    const before = fingerprint(api.store.db);
    api.close();
    // a CLI process starts in about 1-2 s here: one file of each kind (the API test above sends all)
    const pick = [
      'truncated.xnps.json',
      'binary.bin',
      'utf16.json',
      'cycle.xnps.json',
      'future-version.xnps.json',
      'nul-name.xnps.json',
      'workspace-bad-actual.xnps.json',
      'empty.json',
    ];
    const files = corpus('files').filter((f) => pick.includes(path.basename(f)));
    expect(files.length).toBe(pick.length);
    const results: { name: string; r: Awaited<ReturnType<typeof runTsx>> }[] = [];
    for (let i = 0; i < files.length; i += 2) {
      const batch = files.slice(i, i + 2);
      results.push(
        ...(await Promise.all(
          batch.map(async (f) => ({
            name: path.basename(f),
            r: await runTsx(['cli/main.ts', 'scenarios', 'import', f, '--db', path.join(dir, 'studio.sqlite')], { timeoutMs: 60_000 }),
          })),
        )),
      );
    }
    for (const { name, r } of results) {
      ledger.input();
      const out = r.stdout + r.stderr;
      if (r.timedOut) ledger.crash(`cli import ${name}: hung`);
      else if (r.code !== 1 || hasStackTrace(out)) ledger.crash(`cli import ${name}: exit ${r.code} ${out.slice(-300)}`);
      else if (!/错误/.test(r.stderr) || !/Error/.test(r.stderr))
        ledger.crash(`cli import ${name}: not bilingual: ${r.stderr.slice(0, 200)}`);
    }
    api = createApi({ dbPath: path.join(dir, 'studio.sqlite'), host: 'cli' });
    if (fingerprint(api.store.db).hash !== before.hash) ledger.partial('a refused CLI import changed the database');
    expect(ledger.since(mark)).toEqual([]);
  });

  it('fast-check mutations of a valid scenario file: accepted whole or refused clearly, never half', async () => {
    const mark = ledger.mark();
    const nasty = fc.oneof(
      fc.constantFrom(...NASTY_STRINGS),
      fc.constantFrom(null, true, -1, 0, -0, 1e308, Infinity, NaN, 2.5, [], {}),
      fc.json({ maxDepth: 2 }).map((t) => JSON.parse(t) as unknown),
    );
    /** Every path into the file: ['scenarios', 0, 'assumptions', 0, 'model', 'rate'] ... */
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, p: (string | number)[]) => {
      paths.push(p);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
    };
    walk(validFile, []);
    const mutation = fc.record({
      path: fc.constantFrom(...paths.filter((p) => p.length > 0)),
      op: fc.constantFrom('replace', 'delete', 'add-key', 'proto'),
      value: nasty,
      key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'prototype')),
    });
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (muts) => {
        const file = structuredClone(validFile) as Record<string, unknown>;
        for (const m of muts) {
          let parent: Record<string | number, unknown> | undefined = file;
          for (const k of m.path.slice(0, -1)) parent = parent?.[k] as Record<string | number, unknown> | undefined;
          const last = m.path[m.path.length - 1]!;
          if (!parent || typeof parent !== 'object') continue;
          if (m.op === 'replace') parent[last] = m.value;
          else if (m.op === 'delete') delete parent[last];
          else
            Object.defineProperty(parent, m.op === 'proto' ? '__proto__' : m.key, {
              value: m.value,
              enumerable: true,
              configurable: true,
              writable: true,
            });
        }
        const before = fingerprint(api.store.db);
        const ok = await throughApi('scenarios:import', file, `mutated ${JSON.stringify(muts).slice(0, 150)}`);
        const after = fingerprint(api.store.db);
        if (ok) {
          accepted++;
          // a whole import: the file's scenarios (2), each with one revision
          if (after.scenarios - before.scenarios !== 2 || after.revisions - before.revisions !== 2)
            ledger.partial(`accepted import wrote ${after.scenarios - before.scenarios} scenarios`);
        } else refused++;
        await throughApi('projection:runFile', file, 'mutated');
      }),
      { numRuns: 150 * SCALE },
    );
    ledger.note(`mutated scenario files: ${accepted} accepted whole, ${refused} refused`);
    expect(refused).toBeGreaterThan(30);
    expect(ledger.since(mark)).toEqual([]);
  });

  it('10^4 scenarios import in one go; more than the per-file limit are refused; a 51-deep chain, 10^5 levels and 51 MB are refused', async () => {
    const mark = ledger.mark();
    const make = (n: number) => ({
      ...validFile,
      format: 'xianning-plan-studio/workspace',
      scenarios: Array.from({ length: n }, (_, i) => ({
        id: `s${i}`,
        name: `批量${i}`,
        parent_id: i > 0 && i % 40 !== 0 ? `s${i - 1}` : null, // chains of 40 (at most 50 levels)
        parent_preset_id: i % 40 === 0 ? 'baseline' : null,
        assumptions: [{ series: 'gdp_nominal', model: { type: 'cagr', rate: (i % 50) / 1000 } }],
      })),
    });
    const before = fingerprint(api.store.db);
    const started = Date.now();
    expect(await throughApi('scenarios:import', make(10_000), '10^4 scenarios')).toBe(true);
    ledger.note(`10^4 scenarios imported in ${Date.now() - started} ms`);
    const after = fingerprint(api.store.db);
    expect(after.scenarios - before.scenarios).toBe(10_000);
    // export and import hold the same per-file limit (scenarios/store/files.ts)
    expect(await throughApi('scenarios:import', make(MAX_FILE_SCENARIOS + 1), 'one scenario over the per-file limit')).toBe(false);
    const chain51 = {
      ...validFile,
      scenarios: Array.from({ length: 51 }, (_, i) => ({
        id: `d${i}`,
        name: `链${i}`,
        parent_id: i ? `d${i - 1}` : null,
        assumptions: [],
      })),
    };
    if (await throughApi('scenarios:import', chain51, 'a 51-deep chain')) ledger.letIn('a 51-deep parent chain was imported');
    let deep: unknown = validFile;
    for (let i = 0; i < 100_000; i++) deep = { scenarios: deep };
    expect(await throughApi('scenarios:import', { ...validFile, extra: deep }, '10^5 levels')).toBe(false);
    const deepFile = path.join(dir, 'deep.xnps.json');
    fs.writeFileSync(deepFile, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    ledger.input(2);
    expect(() => readImportFile(deepFile)).toThrow(/64/);
    const big = path.join(dir, 'big.xnps.json');
    fs.writeFileSync(big, Buffer.alloc(MAX_IMPORT_BYTES + 1024, 0x20));
    expect(() => readImportFile(big)).toThrow(/50 MB/);
    expect(ledger.since(mark)).toEqual([]);
  });
});

describe('plan files', () => {
  it('the corpus: refused by plan:activate, createApi({planFile}) and the CLI --plan, clearly; the active plan unchanged', async () => {
    const mark = ledger.mark();
    const files = corpus('plans');
    for (const file of files) {
      const name = path.basename(file);
      const content = contentOf(file);
      if (await throughApi('plan:activate', content, name)) ledger.partial(`${name}: a bad plan was activated`);
      ledger.input();
      try {
        createApi({ dbPath: path.join(dir, 'other.sqlite'), planFile: file, host: 'cli' }).close();
        ledger.partial(`${name}: opened as a plan file`);
      } catch (e) {
        if (!isBilingual(e as { message_zh?: string; message_en?: string })) ledger.crash(`${name}: createApi threw ${String(e)}`);
      }
    }
    expect(api.plan.id).toBe('xianning_nqpf_2024_2026');
    const results = await Promise.all(
      ['truncated.plan.json', 'derived-cycle.plan.json', 'not-json.txt', 'huge-year.plan.json']
        .map((n) => path.join(BAD_INPUTS, 'plans', n))
        .map(async (f) => ({
          name: path.basename(f),
          r: await runTsx(['cli/main.ts', 'targets', '--plan', f, '--db', path.join(dir, 'cli.sqlite')], { timeoutMs: 60_000 }),
        })),
    );
    for (const { name, r } of results) {
      ledger.input();
      if (r.timedOut || r.code !== 1 || hasStackTrace(r.stdout + r.stderr))
        ledger.crash(`cli --plan ${name}: exit ${r.code} ${r.stderr.slice(-200)}`);
    }
    // a truncated 10^5-level plan (the error locator recursed on it) and a plan over 20 MB
    const deepPlan = path.join(dir, 'deep.plan.json');
    fs.writeFileSync(deepPlan, '{"a":'.repeat(100_000));
    const bigPlan = path.join(dir, 'big.plan.json');
    fs.writeFileSync(bigPlan, Buffer.alloc(21 * 1024 * 1024, 0x20));
    for (const f of [deepPlan, bigPlan]) {
      ledger.input();
      try {
        createApi({ dbPath: path.join(dir, 'other.sqlite'), planFile: f, host: 'cli' }).close();
        ledger.partial(`${path.basename(f)} opened`);
      } catch (e) {
        if (!isBilingual(e as { message_zh?: string; message_en?: string }))
          ledger.crash(`${path.basename(f)}: ${String(e).slice(0, 200)}`);
      }
    }
    expect(ledger.since(mark)).toEqual([]);
  });
});
