/**
 * Bad input at the API boundary, through `dispatch` (what Electron IPC, the web host and the CLI
 * all call): every channel with arbitrary values (fast-check), valid requests with one field
 * replaced by something nasty (wrong types, huge strings and arrays, NUL, lone surrogates,
 * Infinity from 1e309, -0, "NaN", 10^5-level nesting, prototype keys), unknown channels, and the
 * hand-made corpus tests/fixtures/bad-inputs/api/requests.json.
 *
 * For each: dispatch never throws (a throw, or an 'internal' error, is a crash: an unhandled
 * exception inside); a refusal says what is wrong in both languages; a refused request writes
 * nothing (the store connection's change counter, and when it moved a full content hash);
 * Object.prototype is never polluted.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../api/handlers';
import { CHANNELS } from '../../contract';
import { dispatch } from '../../contract';
import { BAD_INPUTS, cleanupTmp, fingerprint, isBilingual, NASTY_STRINGS, SCALE, tmpDir, type Fingerprint } from './helpers';
import { openLedger } from '../../support/fault-ledger';

const ledger = openLedger('api-bad-input');
const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join(',');

let api: Api;
let samples: Partial<Record<string, Record<string, unknown>>>;
let deep: unknown;
let deepArray: unknown;

/** The store's fingerprint, recomputed only when the connection has changed rows since. */
let cached: { changes: number; fp: Fingerprint } | null = null;
const changes = () => (api.store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
function current(): { changes: number; fp: Fingerprint } {
  const n = changes();
  if (!cached || cached.changes !== n) cached = { changes: n, fp: fingerprint(api.store.db) };
  return cached;
}

/** Sends one request; records crashes, unclear errors, partial writes, pollution. */
async function attempt(channel: unknown, request: unknown, label: string): Promise<'ok' | 'refused' | 'crash'> {
  const before = current();
  const dbBefore = api.store.path;
  ledger.input();
  let env: Awaited<ReturnType<typeof dispatch>>;
  try {
    env = await dispatch(api.handlers, channel, request, { host: 'web' });
  } catch (e) {
    ledger.crash(`${label}: dispatch threw ${(e as Error)?.message ?? String(e)}`);
    return 'crash';
  }
  if (
    Object.getOwnPropertyNames(Object.prototype).sort().join(',') !== PROTO_KEYS ||
    ({} as Record<string, unknown>).polluted !== undefined
  ) {
    ledger.crash(`${label}: Object.prototype polluted`);
  }
  if (!env || typeof env !== 'object' || typeof env.ok !== 'boolean') {
    ledger.crash(`${label}: no envelope`);
    return 'crash';
  }
  const unchanged = (code: string) => {
    if (api.store.path === dbBefore && changes() !== before.changes) {
      const after = fingerprint(api.store.db);
      if (after.hash !== before.fp.hash) ledger.partial(`${label}: refused (${code}) but the database changed`);
    }
  };
  if (env.ok) {
    // an accepted request must still answer with something JSON can carry (the web host sends it)
    try {
      JSON.stringify(env);
    } catch (e) {
      ledger.crash(`${label}: reply cannot be sent as JSON (${(e as Error).message})`);
    }
    // the year-to-date import answers row errors inside an ok envelope: that is a refusal
    const rowErrors =
      channel === 'nowcast:import' ? (env.value as { errors?: { message_zh: string; message_en: string }[] }).errors : undefined;
    if (rowErrors && rowErrors.length > 0) {
      if (!rowErrors.every(isBilingual)) ledger.crash(`${label}: unclear row error ${JSON.stringify(rowErrors[0])}`);
      if ((env.value as { stored: number }).stored !== 0) ledger.partial(`${label}: rows stored despite errors`);
      unchanged('row errors');
      return 'refused';
    }
    return 'ok';
  }
  if (env.error.code === 'internal') ledger.crash(`${label}: internal error ${env.error.message_en}`);
  else if (!isBilingual(env.error)) ledger.crash(`${label}: unclear error ${JSON.stringify(env.error).slice(0, 200)}`);
  unchanged(env.error.code);
  return 'refused';
}

async function smallXlsx(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标');
  ws.addRow(['指标名称', '单位', '基期值', '目标值', '目标年', '责任单位']);
  ws.addRow(['地区生产总值', '亿元', 1800, 2200, 2026, '市发改委']);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

beforeAll(async () => {
  const dir = tmpDir();
  api = createApi({ dbPath: path.join(dir, 'studio.sqlite'), host: 'web' });
  const series = api.plan.series.find((s) => !s.derived)!.id;
  const s = api.store.create({ name: '甲', parent_id: 'baseline', assumptions: [{ series, model: { type: 'cagr', rate: 0.05 } }] });
  const t = api.store.create({ name: '回收站里', parent_id: 'baseline' });
  api.store.delete(t.id);
  const f = api.store.create({ name: '冻结', parent_id: 'baseline' });
  api.store.freeze(f.id, '报送版');
  const actual = { series, period: '2024', value: 1, source: { title: '测试', url: null, date: null, reliability: 'official' as const } };
  const [stored] = api.store.addActuals([actual]);
  const scenarioFile = api.store.exportScenario(s.id);
  const csv = Buffer.from(`指标,期间,累计值\n${series},2026年1-3月,500\n`).toString('base64');
  const xlsx = await smallXlsx();
  samples = {
    'app:info': {},
    'plan:get': {},
    'plan:catalog': {},
    'plan:importTable': { content_base64: xlsx },
    'plan:activate': { content: { id: 'x' } },
    'settings:get': {},
    'settings:set': { tolerance: 0.05, language: 'zh-CN', user_name: '规划员' },
    'scenarios:list': { state: 'all' },
    'scenarios:get': { id: s.id },
    'scenarios:resolve': { id: s.id },
    'scenarios:create': {
      name: '新情景',
      description: '说明',
      tags: ['标签'],
      parent_id: 'baseline',
      assumptions: [{ series, model: { type: 'cagr', rate: 0.06 } }],
    },
    'scenarios:update': { id: s.id, name: '改名', description: 'd', tags: ['t'], parent_id: 'baseline' },
    'scenarios:setAssumptions': { id: s.id, assumptions: [{ series, model: { type: 'cagr', rate: 0.07 } }] },
    'scenarios:resetToParent': { id: s.id, series },
    'scenarios:setGroupLoading': { id: s.id, group: 'green_decay', loading: 0.5 },
    'scenarios:clone': { id: s.id, name: '副本' },
    'scenarios:freeze': { id: s.id, label: '版本' },
    'scenarios:delete': { id: s.id },
    'scenarios:restore': { id: t.id },
    'scenarios:emptyTrash': { confirm: true },
    'scenarios:history': { id: s.id },
    'scenarios:getRevision': { id: s.id, rev: 1 },
    'scenarios:restoreRevision': { id: s.id, rev: 1 },
    'scenarios:undoState': { id: s.id },
    'scenarios:undo': { id: s.id },
    'scenarios:redo': { id: s.id },
    'scenarios:diff': { a: { id: 'baseline' }, b: { id: s.id, rev: 1 } },
    'scenarios:export': { id: s.id, workspace: false },
    'scenarios:import': { content: scenarioFile },
    'projection:run': { id: s.id, settings: { tolerance: 0.05 } },
    'projection:runFile': { content: scenarioFile, settings: { tolerance: 0.05 } },
    'nowcast:import': { content_base64: csv, kind: 'csv', dry_run: true },
    'nowcast:template': { year: 2026, month: 10 },
    'nowcast:list': { year: 2026 },
    'nowcast:estimate': { indicator: series, year: 2026 },
    'scenarios:reforecast': { id: s.id, name: '重新预测' },
    'actuals:list': { series },
    'actuals:add': { actuals: [actual] },
    'actuals:delete': { id: stored!.id },
    'actuals:enter': { actual },
    'actuals:conflicts': {},
    'actuals:choose': { series, period: '2024', record: `entered:${stored!.id}` },
    'milestones:list': {},
    'milestones:set': { id: api.plan.milestones[0]!.id, done: true, note: '完成' },
    'backups:list': {},
    'backups:create': {},
    'briefing:export': { ids: [s.id], format: 'xlsx', language: 'zh-CN' },
  };
  let d: unknown = { leaf: true };
  for (let i = 0; i < 100_000; i++) d = { a: d };
  deep = d;
  let a: unknown = [];
  for (let i = 0; i < 100_000; i++) a = [a];
  deepArray = a;
});

afterAll(() => {
  api?.close();
  cleanupTmp();
});

/** Values that should be refused wherever a field expects something else. */
function nastyValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...NASTY_STRINGS),
    fc.constantFrom(Infinity, -Infinity, NaN, -0, 0, -1, 1e308, 2 ** 53 + 1, 0.1, 1e-320),
    fc.constantFrom(null, undefined, true, false),
    fc.constant('x'.repeat(200_000)),
    fc.constant(Array.from({ length: 20_000 }, () => 'x')),
    fc.constant(deep),
    fc.constant(deepArray),
    fc.string({ unit: 'binary', maxLength: 50 }),
    fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', 'a', '<', '=', '"', '\\'), maxLength: 20 }),
    fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }),
    fc.object({ maxDepth: 2 }),
    fc.integer(),
    fc.double(),
  );
}

/** A request with one key replaced, added or given a prototype name (as an own property). */
function mutated(sample: Record<string, unknown>): fc.Arbitrary<{ req: Record<string, unknown>; what: string }> {
  const keys = Object.keys(sample);
  const key = fc.oneof(
    ...(keys.length ? [fc.constantFrom(...keys)] : []),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'),
    fc.string({ maxLength: 12 }),
  );
  return fc.tuple(key, nastyValue()).map(([k, v]) => {
    const req: Record<string, unknown> = { ...sample };
    Object.defineProperty(req, k, { value: v, enumerable: true, configurable: true, writable: true });
    return { req, what: `${k}=${show(v)}` };
  });
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…(${v.length})` : v);
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (v === deep) return '{10^5 levels}';
  if (v === deepArray) return '[10^5 levels]';
  if (Array.isArray(v)) return `[array ${v.length}]`;
  if (v && typeof v === 'object') return '{object}';
  return String(v);
}

/** Channels where an accepted request is slow (a file per call, exceljs, backtests, simulations), and
 * channels added since this list was written: fewer runs. */
const SLOW = new Set<string>([
  'backups:create',
  'plan:importTable',
  'nowcast:estimate',
  'scenarios:reforecast',
  'plan:activate',
  'briefing:export',
]);

describe('dispatch with bad input', () => {
  it('every channel, arbitrary requests (fast-check): never throws, clear errors, no partial writes', async () => {
    const mark = ledger.mark();
    for (const channel of CHANNELS) {
      await fc.assert(
        fc.asyncProperty(
          fc.anything({ maxDepth: 3, withNullPrototype: true, withBoxedValues: true, withSparseArray: true }),
          async (req) => {
            await attempt(channel, req, `${channel} anything`);
          },
        ),
        { numRuns: (SLOW.has(channel) || !samples[channel] ? 8 : 25) * SCALE },
      );
    }
    expect(ledger.since(mark)).toEqual([]);
  });

  it('every channel, a valid request with one field made nasty: never throws, clear errors, no partial writes', async () => {
    const mark = ledger.mark();
    let refused = 0;
    for (const channel of CHANNELS) {
      await fc.assert(
        fc.asyncProperty(mutated(samples[channel] ?? {}), async ({ req, what }) => {
          if ((await attempt(channel, req, `${channel} ${what}`)) === 'refused') refused++;
        }),
        { numRuns: (SLOW.has(channel) || !samples[channel] ? 10 : 45) * SCALE },
      );
    }
    expect(refused).toBeGreaterThan(500);
    expect(ledger.since(mark)).toEqual([]);
  });

  it('unknown and odd channels are refused as unknown_channel', async () => {
    const mark = ledger.mark();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'scenarios:list ', 'SCENARIOS:LIST', 'scenarios:list\u0000'),
          fc.anything({ maxDepth: 1 }),
        ),
        async (channel) => {
          if (typeof channel === 'string' && (CHANNELS as string[]).includes(channel)) return;
          ledger.input();
          const env = await dispatch(api.handlers, channel, {}, { host: 'web' });
          if (env.ok || env.error.code !== 'unknown_channel' || !isBilingual(env.error))
            ledger.crash(`channel ${String(channel)}: ${JSON.stringify(env).slice(0, 200)}`);
        },
      ),
      { numRuns: 200 * SCALE },
    );
    expect(ledger.since(mark)).toEqual([]);
  });

  it('the hand-made corpus (tests/fixtures/bad-inputs/api/requests.json)', async () => {
    const mark = ledger.mark();
    const corpus = JSON.parse(fs.readFileSync(path.join(BAD_INPUTS, 'api', 'requests.json'), 'utf8')) as [string, string][];
    const outcomes: Record<string, number> = {};
    const accepted: string[] = [];
    for (const [channel, text] of corpus) {
      const req = JSON.parse(text) as unknown;
      const r = await attempt(channel, req, `corpus ${channel} ${text.slice(0, 60)}`);
      outcomes[r] = (outcomes[r] ?? 0) + 1;
      if (r === 'ok') accepted.push(`${channel} ${text}`);
    }
    // every corpus entry is bad: none may be accepted
    expect(accepted, JSON.stringify(outcomes)).toEqual([]);
    // deep, huge and nasty values where the API takes any JSON
    for (const channel of ['scenarios:import', 'projection:runFile', 'plan:activate'] as const) {
      for (const content of [deep, deepArray, { format: deep }, { format: 'xianning-plan-studio/workspace', format_version: deep }]) {
        const r = await attempt(channel, { content }, `${channel} deep content`);
        if (r === 'ok') ledger.partial(`${channel} accepted 10^5-level content`);
      }
    }
    expect(ledger.since(mark)).toEqual([]);
  });

  it('settings:set writes only the keys given, all or none', async () => {
    const mark = ledger.mark();
    const set = (req: unknown) => dispatch(api.handlers, 'settings:set', req, { host: 'web' });
    const get = async () =>
      ((await dispatch(api.handlers, 'settings:get', {}, { host: 'web' })) as { value: Record<string, unknown> }).value;
    expect((await set({ tolerance: 0.1, language: 'en', user_name: '甲' })).ok).toBe(true);
    // one key: the others keep their stored values (the schema's defaults once overwrote them)
    expect((await set({ user_name: '乙' })).ok).toBe(true);
    expect(await get()).toMatchObject({ tolerance: 0.1, language: 'en', user_name: '乙' });
    // a refused key: nothing of the request is written
    for (const bad of [
      { tolerance: 0.2, user_name: '\ud800' },
      { language: 'zh-CN', user_name: 'a\u0000b' },
      { tolerance: 0.3, base_year: JSON.parse('1e309') as number },
    ]) {
      ledger.input();
      const r = await set(bad);
      if (r.ok) ledger.partial(`settings:set accepted ${JSON.stringify(bad)}`);
      const now = await get();
      if (now.tolerance !== 0.1 || now.language !== 'en' || now.user_name !== '乙')
        ledger.partial(`settings:set ${JSON.stringify(bad)} wrote part of itself: ${JSON.stringify(now)}`);
    }
    expect(ledger.since(mark)).toEqual([]);
  });

  it('text with HTML and formulas is stored and returned verbatim', async () => {
    const mark = ledger.mark();
    for (const name of ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', "=cmd|' /C calc'!A0", '@SUM(1+1)*cmd|"/C calc"!A0']) {
      const env = await dispatch(
        api.handlers,
        'scenarios:create',
        { name, description: `${name}\n${name}`, tags: [name.slice(0, 40)] },
        { host: 'web' },
      );
      expect(env.ok, JSON.stringify(env)).toBe(true);
      const id = (env as { value: { id: string } }).value.id;
      const got = (await dispatch(api.handlers, 'scenarios:get', { id }, { host: 'web' })) as {
        ok: true;
        value: { name: string; description: string; tags: string[] };
      };
      if (got.value.name !== name || got.value.description !== `${name}\n${name}` || got.value.tags[0] !== name.slice(0, 40))
        ledger.lost(`text changed on the way: ${name}`);
    }
    expect(ledger.since(mark)).toEqual([]);
  });
});
