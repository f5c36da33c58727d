/**
 * Shared helpers of the fault suite: temporary folders, a fingerprint of a database (row counts
 * and a content hash, to prove a refused input wrote nothing), child processes with a timeout,
 * and the checks of what counts as a crash or an unclear error.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = path.join(ROOT, 'tests', 'faults', 'fixtures');
export const BAD_INPUTS = path.join(ROOT, 'tests', 'fixtures', 'bad-inputs');
/** `FAULTS_SCALE=10 npm run test:faults` multiplies the generated (fast-check) cases by 10. */
export const SCALE = Math.max(1, Math.floor(Number(process.env.FAULTS_SCALE) || 1));

const made: string[] = [];
export function tmpDir(prefix = 'studio-faults-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}
export function cleanupTmp(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Fingerprint {
  scenarios: number;
  revisions: number;
  actuals: number;
  milestones: number;
  settings: number;
  hash: string;
}

const TABLES: [string, string][] = [
  ['scenarios', 'id'],
  ['revisions', 'scenario_id, rev'],
  ['actuals', 'id'],
  ['milestones', 'id'],
  ['settings', 'key'],
  ['meta', 'key'],
];

/** Row counts and a hash of every row of the store's tables (an open connection or a file). */
export function fingerprint(db: Database.Database | string): Fingerprint {
  const conn = typeof db === 'string' ? new Database(db, { readonly: true, fileMustExist: true }) : db;
  try {
    const h = createHash('sha256');
    const counts: Record<string, number> = {};
    for (const [table, order] of TABLES) {
      const rows = conn.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).raw().all();
      counts[table] = rows.length;
      h.update(table);
      for (const r of rows) h.update(JSON.stringify(r));
    }
    return {
      scenarios: counts.scenarios!,
      revisions: counts.revisions!,
      actuals: counts.actuals!,
      milestones: counts.milestones!,
      settings: counts.settings!,
      hash: h.digest('hex'),
    };
  } finally {
    if (typeof db === 'string') conn.close();
  }
}

export function integrity(db: Database.Database | string): string {
  const conn = typeof db === 'string' ? new Database(db, { readonly: true, fileMustExist: true }) : db;
  try {
    return conn.pragma('integrity_check', { simple: true }) as string;
  } finally {
    if (typeof db === 'string') conn.close();
  }
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

/** tsx's loader by absolute URL, so children may run in any folder. */
export const TSX_LOADER = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** Runs `node --import tsx <args>` (from the repository unless `cwd`), killed after `timeoutMs`. */
export function runTsx(
  args: string[],
  opts: { timeoutMs?: number; env?: Record<string, string>; cwd?: string; input?: string } = {},
): Promise<RunResult> {
  return runProcess(process.execPath, ['--import', TSX_LOADER, ...args], opts);
}

export function runProcess(
  cmd: string,
  args: string[],
  opts: { timeoutMs?: number; env?: Record<string, string>; cwd?: string; input?: string } = {},
): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, ...(opts.env ?? {}) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (c: string) => (stdout += c));
    child.stderr.on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 30_000);
    child.on('error', (e) => {
      stderr += `\nspawn error: ${e.message}`;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, ms: Date.now() - started });
    });
    child.stdin.on('error', () => undefined);
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

/** A JavaScript stack trace in output (`    at fn (file.ts:12:3)`): users must never see one. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+(:\d+:\d+\)?|\(node:[^)]*\)|<anonymous>\)?)$/m.test(text);
}

const CJK = /[\u3400-\u9fff]/;

/** An error body that says what is wrong in both languages. */
export function isBilingual(e: { message_zh?: unknown; message_en?: unknown } | null | undefined): boolean {
  if (!e) return false;
  const zh = typeof e.message_zh === 'string' ? e.message_zh : '';
  const en = typeof e.message_en === 'string' ? e.message_en : '';
  return CJK.test(zh) && /[A-Za-z]{3,}/.test(en) && zh.trim().length > 3 && en.trim().length > 3;
}

/** Strings for corpora and generators: HTML, formulas, control characters, surrogates, RTL. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\ud83d\ude00',
  '\u202e\u0041\u0042',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example","x")',
  '+1+1',
  '@SUM(A1)',
  '../../../etc/passwd',
  'C:\\Windows\\System32',
  '__proto__',
  'constructor',
  'prototype',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '9'.repeat(400),
  '长'.repeat(5000),
  '\r\n\t',
  '%00',
  '${7*7}',
  "'; DROP TABLE scenarios; --",
];
