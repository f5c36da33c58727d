/**
 * The fault suite's tally: each test file records what it did (faults injected, bad inputs
 * tried) and what went wrong (crashes, hangs, partial writes, data lost, bad inputs let in) into
 * one JSON file,
 * test-output/faults/<name>.json, rewritten on every record so a file that dies half way still
 * leaves its counts. scripts/test-faults.ts sums them into the summary line.
 *
 * Problems are recorded, not thrown, so the counts are real; each test then calls
 * `ledger.expectClean()` (or checks `problems()`), which fails it when any was recorded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LEDGER_DIR = path.join(ROOT, 'test-output', 'faults');

export interface LedgerData {
  file: string;
  faults_injected: number;
  bad_inputs: number;
  crashes: number;
  /** requests or operations that got no answer within their bound. */
  hangs: number;
  partial_writes: number;
  data_lost: number;
  /** bad inputs that were accepted (stored, served or answered as if valid). */
  let_in: number;
  /** checks that could not run here, with the reason (never counted as passed). */
  not_run: { what: string; why: string }[];
  /** how a fault was injected, when there was a choice (tmpfs or ulimit, netns or not ...). */
  notes: string[];
  problems: string[];
}

export interface Ledger {
  readonly data: LedgerData;
  fault(n?: number): void;
  input(n?: number): void;
  crash(what: string): void;
  hang(what: string): void;
  partial(what: string): void;
  lost(what: string): void;
  letIn(what: string): void;
  notRun(what: string, why: string): void;
  note(text: string): void;
  problems(): string[];
  /** the problems (crash, hang, partial write, loss, let in) recorded since `mark`. */
  since(mark: number): string[];
  mark(): number;
}

export type ProblemKind = 'crashes' | 'hangs' | 'partial_writes' | 'data_lost' | 'let_in';
export const PROBLEM_KINDS: readonly ProblemKind[] = ['crashes', 'hangs', 'partial_writes', 'data_lost', 'let_in'];

export function openLedger(name: string): Ledger {
  fs.mkdirSync(LEDGER_DIR, { recursive: true });
  const file = path.join(LEDGER_DIR, `${name}.json`);
  const data: LedgerData = {
    file: name,
    faults_injected: 0,
    bad_inputs: 0,
    crashes: 0,
    hangs: 0,
    partial_writes: 0,
    data_lost: 0,
    let_in: 0,
    not_run: [],
    notes: [],
    problems: [],
  };
  const save = () => fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  save();
  const problem = (kind: ProblemKind, what: string) => {
    data[kind]++;
    data.problems.push(`${kind}: ${what}`);
    save();
  };
  return {
    data,
    fault(n = 1) {
      data.faults_injected += n;
      save();
    },
    input(n = 1) {
      data.bad_inputs += n;
      save();
    },
    crash: (what) => problem('crashes', what),
    hang: (what) => problem('hangs', what),
    partial: (what) => problem('partial_writes', what),
    lost: (what) => problem('data_lost', what),
    letIn: (what) => problem('let_in', what),
    notRun(what, why) {
      data.not_run.push({ what, why });
      save();
    },
    note(text) {
      if (!data.notes.includes(text)) data.notes.push(text);
      save();
    },
    problems: () => [...data.problems],
    mark: () => data.problems.length,
    since: (mark) => data.problems.slice(mark),
  };
}

/** Reads every ledger file (for the summary script). */
export function readLedgers(dir = LEDGER_DIR): LedgerData[] {
  if (!fs.existsSync(dir)) return [];
  return (
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json') && f !== 'vitest.json')
      .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as LedgerData)
      .filter((d) => typeof d.faults_injected === 'number')
      // a ledger written before a class existed counts 0 of it
      .map((d) => ({ ...d, hangs: d.hangs ?? 0, let_in: d.let_in ?? 0 }))
  );
}
