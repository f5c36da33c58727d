import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const PLAN_FILE = path.join(REPO, 'scenarios/plan/xianning-2024-2026.plan.json');
export const SEED_COPY = path.join(REPO, 'scenarios/plan/data/plan-text.zh.txt');
export const CSV_COPY = path.join(REPO, 'scenarios/plan/data/xianning-public-figures.csv');

/** The shared originals, beside the repository (../shared) as on developer machines and in CI. */
export function sharedFile(rel: string): string | null {
  for (const base of [path.join(REPO, '../shared'), '/work/shared']) {
    const p = path.join(base, rel);
    if (existsSync(p)) return p;
  }
  return null;
}

export const seedText = (): string => readFileSync(SEED_COPY, 'utf8');
export const planJson = (): unknown => JSON.parse(readFileSync(PLAN_FILE, 'utf8'));
