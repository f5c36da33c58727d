/**
 * The CLI under bad arguments: the hand-made corpus (tests/fixtures/bad-inputs/cli/args.json)
 * and fast-check argument lists (commands, flags, values, arbitrary strings). Every run must end
 * with exit code 0, 1 or 2, never print a stack trace, never hang (a timeout per run), and when
 * it fails say why in Chinese and English. Each run gets its own database in a temporary folder
 * (`--db` is appended, and STUDIO_DATA_DIR / HOME point there), and paths in generated arguments
 * are kept inside that folder.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../api/handlers';
import { BAD_INPUTS, cleanupTmp, hasStackTrace, NASTY_STRINGS, ROOT, runTsx, SCALE, tmpDir, type RunResult } from './helpers';
import { openLedger } from '../../support/fault-ledger';

const ledger = openLedger('cli-args');
const TIMEOUT_MS = 45_000;
let work: string;
let db: string;

beforeAll(() => {
  work = tmpDir();
  db = path.join(work, 'studio.sqlite');
  createApi({ dbPath: db, host: 'cli' }).close(); // made once: each run opens it as the desktop app would
});
afterAll(cleanupTmp);

const CJK = /[\u3400-\u9fff]/;

async function cli(args: string[], label: string): Promise<RunResult> {
  const r = await runTsx([path.join(ROOT, 'cli', 'main.ts'), ...args, '--db', db], {
    timeoutMs: TIMEOUT_MS,
    cwd: work,
    env: { STUDIO_DATA_DIR: work, HOME: work },
  });
  ledger.input();
  const out = `${r.stdout}\n${r.stderr}`;
  if (r.timedOut) ledger.crash(`${label}: no answer in ${TIMEOUT_MS / 1000} s`);
  else if (r.code === null || ![0, 1, 2].includes(r.code)) ledger.crash(`${label}: exit ${r.code ?? r.signal}\n${r.stderr.slice(-300)}`);
  else if (hasStackTrace(out)) ledger.crash(`${label}: stack trace in the output\n${out.slice(-400)}`);
  else if (r.code !== 0 && !(CJK.test(r.stderr + r.stdout) && /[A-Za-z]{4,}/.test(r.stderr + r.stdout)))
    ledger.crash(`${label}: exit ${r.code} without a message in both languages: ${out.slice(0, 200)}`);
  return r;
}

/** Runs jobs two at a time (the machine has two cores). */
async function pool<T>(items: T[], fn: (t: T) => Promise<void>, width = 2): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** Keeps generated paths inside the work folder: no absolute paths, no way up. */
function contained(arg: string): string {
  let a = arg.replace(/\0/g, '');
  if (path.isAbsolute(a) || a.includes('..')) a = `./in-work/${a.replace(/\.\./g, '_').replace(/^\/+/, '')}`;
  return a;
}

describe('the CLI with bad arguments', () => {
  it('the corpus: exit 0/1/2, no stack trace, no hang, errors in both languages', { timeout: 400_000 }, async () => {
    const mark = ledger.mark();
    const corpus = JSON.parse(fs.readFileSync(path.join(BAD_INPUTS, 'cli', 'args.json'), 'utf8')) as string[][];
    const codes: Record<string, number> = {};
    await pool(corpus, async (args) => {
      const r = await cli(args, `cli ${JSON.stringify(args).slice(0, 100)}`);
      codes[String(r.code)] = (codes[String(r.code)] ?? 0) + 1;
    });
    ledger.note(`CLI corpus exit codes: ${JSON.stringify(codes)}`);
    // nothing outside the work folder was written by an export
    expect(fs.existsSync(path.join(ROOT, 'sub'))).toBe(false);
    expect(ledger.since(mark)).toEqual([]);
  });

  it('fast-check argument lists: exit 0/1/2, no stack trace, no hang', { timeout: 400_000 }, async () => {
    const mark = ledger.mark();
    const word = fc.oneof(
      fc.constantFrom('targets', 'project', 'scenarios', 'list', 'export', 'import', 'diff', 'call', 'nowcast', 'reforecast', 'help'),
      fc.constantFrom(
        '--json',
        '--db',
        '--plan',
        '--scenario',
        '--out',
        '--workspace',
        '--indicator',
        '--year',
        '--name',
        '--help',
        '--port',
        '--',
        '-',
        '--=',
        '--db=',
        '--year=1e309',
      ),
      fc.constantFrom(
        '基准情景',
        'baseline',
        'gdp_nominal',
        'scenarios:list',
        'settings:get',
        '{}',
        '[]',
        '{"name":1}',
        '1e309',
        'NaN',
        '-0',
        '-1',
      ),
      fc.constantFrom(...NASTY_STRINGS.filter((s) => !s.includes('\0') && s.length < 1000)),
      fc.string({ maxLength: 16 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(word.map(contained), { maxLength: 6 }), { minLength: 2, maxLength: 2 }), async ([a, b]) => {
        await pool([a!, b!], async (args) => {
          await cli(args, `fuzz ${JSON.stringify(args).slice(0, 100)}`);
        });
      }),
      { numRuns: 14 * SCALE },
    );
    expect(ledger.since(mark)).toEqual([]);
  });
});
