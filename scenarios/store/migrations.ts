/**
 * Schema migrations of the scenario database, in order. `PRAGMA user_version` holds the version
 * of the file: migration N takes a file from version N-1 to N, and runs in one transaction
 * together with the version bump, so a failure leaves the file at N-1.
 *
 * To add one: append `{version: N+1, name, up}` (never edit or reorder a released one), write
 * its test in tests/integration/store/migrations.test.ts (a file at N, with data, upgraded), and
 * describe it in docs/storage.md. The store backs the file up (reason 'pre-upgrade') before
 * running any migration, and refuses files whose version is above the last one here.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  /** the version the file has after this migration. */
  version: number;
  name: string;
  up(db: Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema: scenarios, revisions, actuals, milestones, settings',
    up(db) {
      db.exec(`
        CREATE TABLE meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;

        -- One row per scenario: the columns lists need, denormalised from the head revision.
        -- The assumptions live in the head revision's document (revisions.doc_json).
        CREATE TABLE scenarios (
          id           TEXT PRIMARY KEY,
          name         TEXT NOT NULL,
          description  TEXT NOT NULL DEFAULT '',
          tags_json    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags_json)),
          parent_id    TEXT REFERENCES scenarios(id), -- NO ACTION: checkable at commit (defer_foreign_keys)
          preset_id    TEXT,
          seed         INTEGER NOT NULL,
          frozen       INTEGER NOT NULL DEFAULT 0 CHECK (frozen IN (0, 1)),
          frozen_label TEXT,
          deleted_at   TEXT,
          created_at   TEXT NOT NULL,
          updated_at   TEXT NOT NULL,
          head_rev     INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX scenarios_parent ON scenarios(parent_id);
        CREATE UNIQUE INDEX scenarios_preset ON scenarios(preset_id) WHERE preset_id IS NOT NULL;

        -- Append-only history: every mutation adds one row holding the full document.
        CREATE TABLE revisions (
          scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
          rev         INTEGER NOT NULL,
          parent_rev  INTEGER,
          op          TEXT NOT NULL,
          author      TEXT NOT NULL DEFAULT '',
          created_at  TEXT NOT NULL,
          doc_json    TEXT NOT NULL CHECK (json_valid(doc_json)),
          PRIMARY KEY (scenario_id, rev)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX revisions_children ON revisions(scenario_id, parent_rev);

        -- Actuals entered or imported by planners; every vintage kept, deletion is soft.
        CREATE TABLE actuals (
          id          INTEGER PRIMARY KEY AUTOINCREMENT,
          series      TEXT NOT NULL,
          period      TEXT NOT NULL,
          vintage     TEXT,
          value       REAL NOT NULL,
          value_kind  TEXT NOT NULL,
          source_json TEXT NOT NULL CHECK (json_valid(source_json)),
          note        TEXT NOT NULL DEFAULT '',
          entered_by  TEXT NOT NULL DEFAULT '',
          entered_at  TEXT NOT NULL,
          deleted_at  TEXT,
          deleted_by  TEXT
        ) STRICT;
        CREATE INDEX actuals_series_period ON actuals(series, period);

        CREATE TABLE milestones (
          id         TEXT PRIMARY KEY,
          done       INTEGER NOT NULL CHECK (done IN (0, 1)),
          note       TEXT NOT NULL DEFAULT '',
          updated_at TEXT NOT NULL,
          author     TEXT NOT NULL DEFAULT ''
        ) STRICT;

        CREATE TABLE settings (
          key        TEXT PRIMARY KEY,
          value_json TEXT NOT NULL CHECK (json_valid(value_json)),
          updated_at TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    name: 'collection from the units (分单位填报): reporting units, rounds, requests, imports, conflicts',
    up(db) {
      db.exec(`
        -- 报送单位 per input series, chosen by the planner (absent = the plan's default).
        CREATE TABLE collect_reporters (
          series     TEXT PRIMARY KEY,
          unit       TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          author     TEXT NOT NULL DEFAULT ''
        ) STRICT;

        -- A collection round: who is asked, the contact and the return date.
        CREATE TABLE collect_rounds (
          id          TEXT PRIMARY KEY,
          name        TEXT NOT NULL,
          contact     TEXT NOT NULL DEFAULT '',
          phone       TEXT NOT NULL DEFAULT '',
          return_date TEXT NOT NULL,
          ytd_month   INTEGER NOT NULL,
          units_json  TEXT NOT NULL CHECK (json_valid(units_json)),
          before_json TEXT NOT NULL CHECK (json_valid(before_json)),
          created_at  TEXT NOT NULL,
          author      TEXT NOT NULL DEFAULT ''
        ) STRICT;

        -- One workbook sent: its layout (rows asked) and the checksum stamped into it.
        CREATE TABLE collect_requests (
          id          TEXT PRIMARY KEY,
          round_id    TEXT NOT NULL REFERENCES collect_rounds(id) ON DELETE CASCADE,
          unit        TEXT NOT NULL,
          layout_json TEXT NOT NULL CHECK (json_valid(layout_json)),
          checksum    TEXT NOT NULL,
          UNIQUE (round_id, unit)
        ) STRICT;

        -- Every returned file tried, stored or refused, with its report.
        CREATE TABLE collect_imports (
          id          INTEGER PRIMARY KEY AUTOINCREMENT,
          round_id    TEXT REFERENCES collect_rounds(id) ON DELETE CASCADE,
          request_id  TEXT,
          unit        TEXT NOT NULL DEFAULT '',
          file_name   TEXT NOT NULL,
          filled_by   TEXT NOT NULL DEFAULT '',
          filled_at   TEXT NOT NULL DEFAULT '',
          outcome     TEXT NOT NULL CHECK (outcome IN ('stored', 'refused')),
          report_json TEXT NOT NULL CHECK (json_valid(report_json)),
          imported_at TEXT NOT NULL,
          author      TEXT NOT NULL DEFAULT ''
        ) STRICT;

        -- A returned figure that contradicts a stored record, kept until the planner decides.
        CREATE TABLE collect_conflicts (
          id          INTEGER PRIMARY KEY AUTOINCREMENT,
          import_id   INTEGER NOT NULL REFERENCES collect_imports(id) ON DELETE CASCADE,
          series      TEXT NOT NULL,
          period      TEXT NOT NULL,
          actual_json TEXT NOT NULL CHECK (json_valid(actual_json)),
          stored_id   INTEGER NOT NULL,
          stored_value REAL NOT NULL,
          resolution  TEXT CHECK (resolution IN ('take', 'keep')),
          resolved_at TEXT,
          resolved_by TEXT
        ) STRICT;
        CREATE INDEX collect_conflicts_import ON collect_conflicts(import_id);
      `);
    },
  },
  {
    version: 3,
    name: 'conflicting actuals: the record the planner chose to be in force per series and period',
    up(db) {
      db.exec(`
        -- The planner's choice among conflicting actuals of one series and period (models/actual-conflicts.ts):
        -- chosen_id the entered record in force, NULL for the plan file's; set_aside_json the ids
        -- of the entered records this choice set aside (soft-deleted), restored when another is chosen.
        CREATE TABLE actual_choices (
          series         TEXT NOT NULL,
          period         TEXT NOT NULL,
          chosen_id      INTEGER,
          set_aside_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(set_aside_json)),
          chosen_by      TEXT NOT NULL DEFAULT '',
          chosen_at      TEXT NOT NULL,
          PRIMARY KEY (series, period)
        ) STRICT, WITHOUT ROWID;
      `);
    },
  },
];

export const LATEST_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function getUserVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Checks the list is 1, 2, 3 ... with no gaps (a programming error otherwise). */
function checkMigrations(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration #${i} has version ${m.version}, expected ${i + 1}`);
  });
}

/**
 * Runs the migrations above the file's version, up to `to` (default: the last), each in its own
 * IMMEDIATE transaction with the version bump. The version is re-read inside the transaction,
 * so two processes opening the same old file do not both migrate it. Returns [from, to].
 */
export function runMigrations(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
  to: number = migrations.length ? migrations[migrations.length - 1]!.version : 0,
): [number, number] {
  checkMigrations(migrations);
  const from = getUserVersion(db);
  for (const m of migrations) {
    if (m.version > to) break;
    const step = db.transaction(() => {
      const current = getUserVersion(db);
      if (current >= m.version) return; // done meanwhile by another process
      if (current !== m.version - 1) throw new Error(`cannot run migration ${m.version} on a file at version ${current}`);
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    });
    step.immediate();
  }
  return [from, getUserVersion(db)];
}
