/**
 * Backups with restore: through the API while the app runs, and through the CLI when the
 * database is damaged and cannot be opened (the damaged file is kept, never overwritten).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../api/handlers';
import { dispatch } from '../../../contract';

let dir: string;
let db: string;
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args, '--db', db], { encoding: 'utf8', timeout: 60_000 });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-backups-'));
  db = path.join(dir, 'studio.sqlite');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('backups and restore', () => {
  it('restores a listed backup through the API and refuses anything else', async () => {
    const api = createApi({ dbPath: db, host: 'web' });
    try {
      const made = await dispatch(api.handlers, 'scenarios:create', { name: '备份前的情景' }, { host: 'web' });
      expect(made.ok).toBe(true);
      const backup = await dispatch(api.handlers, 'backups:create', {}, { host: 'web' });
      expect(backup.ok).toBe(true);
      const name = (backup as { ok: true; value: { name: string } }).value.name;
      await dispatch(api.handlers, 'scenarios:create', { name: '备份后的情景' }, { host: 'web' });

      const outside = await dispatch(api.handlers, 'backups:restore', { name: '../../etc/passwd' }, { host: 'web' });
      expect(outside.ok).toBe(false);
      const unknown = await dispatch(api.handlers, 'backups:restore', { name: 'nope.sqlite' }, { host: 'web' });
      expect(unknown.ok).toBe(false);

      const restored = await dispatch(api.handlers, 'backups:restore', { name }, { host: 'web' });
      expect(restored.ok, JSON.stringify(restored)).toBe(true);
      const names = api.store.list({ state: 'live' }).map((s) => s.name);
      expect(names).toContain('备份前的情景');
      expect(names).not.toContain('备份后的情景');
    } finally {
      api.close();
    }
  });

  it('a damaged database is refused, names the latest backup, and the CLI restores it keeping the damaged file', () => {
    const listed = cli('backups', 'list', '--json');
    expect(listed.status, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).length).toBeGreaterThan(0);

    const garbage = Buffer.alloc(64 * 1024, 0x5a);
    fs.writeFileSync(db, garbage);
    for (const side of ['-wal', '-shm']) fs.rmSync(db + side, { force: true });
    const refused = cli('scenarios', 'list', '--json');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('损坏');
    expect(fs.readFileSync(db).equals(garbage)).toBe(true);

    const r = cli('backups', 'restore', '--latest', '--json');
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(fs.readFileSync(result.kept).equals(garbage)).toBe(true);
    const after = cli('scenarios', 'list', '--json');
    expect(after.status, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout).map((s: { name: string }) => s.name)).toContain('备份前的情景');
  });
});
