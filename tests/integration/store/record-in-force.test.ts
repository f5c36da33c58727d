/**
 * The record in force (issue 14): the store's latestActuals, the nowcast and the renderer share one
 * pure rule, models/records.ts recordInForce. Checked here against the window query the store ran
 * before (ROW_NUMBER() OVER (PARTITION BY series, period ORDER BY vintage IS NULL, vintage DESC,
 * id DESC)) on real SQLite files, and for every ordering of the records handed to the pure function.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { recordInForce } from '../../../models/records';
import { actualSource, cleanupTmp, openTmp } from './fixtures';

afterEach(cleanupTmp);

const WINDOW_SQL = `SELECT id FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY series, period ORDER BY vintage IS NULL, vintage DESC, id DESC) AS rn
    FROM actuals WHERE deleted_at IS NULL
  ) WHERE rn = 1 ORDER BY series, period`;

const entry = fc.record({
  series: fc.constantFrom('steel', 'gdp'),
  period: fc.constantFrom('2024', '2025', '2026-09'),
  vintage: fc.constantFrom(null, '2025-01-15', '2025-06', '2025-06-30'),
  value: fc.integer({ min: 0, max: 1000 }),
  deleted: fc.boolean(),
});

describe('recordInForce', () => {
  it('chooses what the store’s former window query chose, and the store applies it', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 14 }), fc.integer(), (entries, seed) => {
        const { store, dbPath } = openTmp();
        try {
          for (const e of entries) {
            const [added] = store.addActuals([
              { series: e.series, period: e.period, value: e.value, vintage: e.vintage, source: actualSource },
            ]);
            if (e.deleted) store.deleteActual(added!.id);
          }
          const db = new Database(dbPath, { readonly: true });
          const expected = (db.prepare(WINDOW_SQL).all() as { id: number }[]).map((r) => r.id);
          db.close();
          expect(store.latestActuals().map((a) => a.id)).toEqual(expected);

          // the pure rule gives the same records whatever the order it is handed them in
          const all = store.listActuals({ includeDeleted: true });
          const shuffled = [...all].sort((a, b) => ((a.id * 7919 + seed) % 101) - ((b.id * 7919 + seed) % 101));
          const ids = recordInForce(shuffled)
            .map((a) => a.id)
            .sort((a, b) => a - b);
          expect(ids).toEqual([...expected].sort((a, b) => a - b));
        } finally {
          store.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('states its tie-break: among equal vintages the higher id, else the later in the list; no vintage is the oldest', () => {
    const r = (id: number | undefined, vintage: string | null, value: number) => ({
      series: 's',
      period: '2025',
      value,
      vintage,
      ...(id === undefined ? {} : { id }),
    });
    expect(recordInForce([r(2, '2025-06-30', 1), r(1, '2025-06-30', 2)]).map((a) => a.value)).toEqual([1]);
    expect(recordInForce([r(undefined, null, 1), r(undefined, null, 2)]).map((a) => a.value)).toEqual([2]);
    expect(recordInForce([r(5, '2025-01-15', 1), r(9, null, 2)]).map((a) => a.value)).toEqual([1]);
    expect(recordInForce([{ ...r(1, null, 1), deleted_at: '2026-01-01' }])).toEqual([]);
  });
});
