/**
 * The read-only view (issue 19 item 5) in Chromium through the web host: the data folder is made
 * unwritable before the host opens the database (chmod, and `chattr +i` since tests run as root,
 * where mode bits stop nothing). The app starts, shows the saved work, says in a banner that it is
 * read-only and why (naming the folder), disables the editing controls (the workbench's
 * assumptions, creating, cloning and deleting scenarios, adding and importing data, the settings
 * form, backups), and a write that gets through anyway is refused with read_only.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../api/handlers';
import { settle, startStudio, type Studio } from '../harness';

const isRoot = process.getuid?.() === 0;
let s: Studio;
let locked: string | null = null;

function unlock(): void {
  if (!locked) return;
  try {
    if (isRoot) execFileSync('chattr', ['-i', locked], { stdio: 'pipe' });
  } finally {
    fs.chmodSync(locked, 0o755);
    locked = null;
  }
}

beforeAll(async () => {
  s = await startStudio({
    acceptDownloads: true,
    prepare: (dbPath) => {
      const api = createApi({ dbPath, host: 'web' });
      const base = api.store.resolve('baseline').assumptions.fine_steel_output!;
      const { from: _from, ...asm } = base;
      api.store.create({ name: '只读检查情景', parent_id: 'baseline', assumptions: [{ ...asm, rationale: '上一轮保存的依据' }] });
      api.close();
      const dir = path.dirname(dbPath);
      fs.chmodSync(dir, 0o555);
      locked = dir;
      if (isRoot) execFileSync('chattr', ['+i', dir], { stdio: 'pipe' });
    },
  });
  await s.open();
}, 120_000);
afterAll(async () => {
  unlock();
  await s?.close();
});

describe('a database in a read-only folder', () => {
  it('opens as a read-only view: a banner names the folder, the saved work shows', async () => {
    expect(s.api.store.readOnly?.path).toBe(s.dir);
    const banner = s.page.locator('[data-testid="read-only-banner"]');
    await banner.waitFor();
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain('只读模式');
    expect(text).toContain(s.dir);
    expect(text).toMatch(/不能保存任何修改/);
    await s.page.waitForSelector('[data-testid="score-row"]');
    const options = await s.page.locator('[data-testid="scenario-select"] option').allTextContents();
    expect(options.some((o) => o.includes('只读检查情景'))).toBe(true);
    await s.shoot('read-only-scoreboard');
  });

  it('the workbench shows the assumptions, disabled, and the save state says read-only', async () => {
    const id = s.api.store.list({}).find((x) => x.name === '只读检查情景')!.id;
    await s.page.selectOption('[data-testid="scenario-select"]', id);
    await s.go('workbench');
    await s.page.waitForSelector('[data-testid^="asm-"][data-testid$="-model"]');
    const models = s.page.locator('[data-testid^="asm-"][data-testid$="-model"]');
    expect(await models.count()).toBeGreaterThan(0);
    for (let i = 0; i < (await models.count()); i++) expect(await models.nth(i).isDisabled()).toBe(true);
    expect(await s.page.getAttribute('[data-testid="save-state"]', 'data-state')).toBe('readonly');
    expect(await s.page.isDisabled('[data-testid="undo"]')).toBe(true);
    await s.shoot('read-only-workbench');
  });

  it('editing controls are disabled on the scenario, data and settings screens', async () => {
    await s.go('scenarios');
    await s.page.click('[data-testid="tree-item"][data-name="只读检查情景"]');
    for (const id of ['sm-create', 'sm-child', 'sm-clone', 'sm-delete', 'sm-freeze', 'sm-import', 'sm-undo']) {
      expect(await s.page.isDisabled(`[data-testid="${id}"]`), id).toBe(true);
      // each disabled write control says why on hover
      expect(await s.page.getAttribute(`[data-testid="${id}"]`, 'title'), id).toBe('只读模式：数据库不能写入，此项不能修改');
    }
    expect(await s.page.isDisabled('[data-testid="sm-export"]')).toBe(false); // exporting reads
    await s.go('data');
    expect(await s.page.isDisabled('[data-testid="data-add"]')).toBe(true);
    expect(await s.page.isDisabled('[data-testid="data-import"]')).toBe(true);
    expect(await s.page.isDisabled('[data-testid="data-filter-series"]')).toBe(false); // filtering reads
    await s.go('settings');
    expect(await s.page.isDisabled('[data-testid="st-save"]')).toBe(true);
    expect(await s.page.isDisabled('[data-testid="st-user"]')).toBe(true);
    expect(await s.page.isDisabled('[data-testid="backup-now"]')).toBe(true);
    await settle(s.page);
    await s.shoot('read-only-settings');
  });

  it('viewing, comparing and exporting still work', async () => {
    await s.go('scenarios');
    await s.page.click('[data-testid="tree-item"][data-name="只读检查情景"]');
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('[data-testid="sm-export"]')]);
    const out = path.join(os.tmpdir(), `read-only-export-${process.pid}.json`);
    await download.saveAs(out);
    const content = JSON.parse(fs.readFileSync(out, 'utf8')) as { format: string };
    fs.rmSync(out, { force: true });
    expect(content.format).toBe('xianning-plan-studio/scenario');
    expect(JSON.stringify(content)).toContain('上一轮保存的依据');
    await s.go('compare');
    await s.page.waitForSelector('[data-testid="compare-pill"]', { timeout: 30_000 });
    await s.page.click('[data-testid="compare-only-all"]');
    await s.page.waitForSelector('[data-testid="compare-table"]', { timeout: 30_000 });
    expect(await s.page.locator('[data-testid="compare-row"]').count()).toBeGreaterThan(0);
    await settle(s.page);
    await s.shoot('read-only-compare');
  });

  it('a write sent anyway is refused with read_only in both languages; nothing is written', async () => {
    const before = fs.readdirSync(s.dir).sort();
    const reply = await s.page.evaluate(async (token) => {
      const r = await fetch('/api/scenarios:create', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-studio-token': token },
        body: JSON.stringify({ name: '绕过界面' }),
      });
      return (await r.json()) as { ok: boolean; error?: { code: string; message_zh: string; message_en: string } };
    }, s.host.token);
    expect(reply.ok).toBe(false);
    expect(reply.error?.code).toBe('read_only');
    expect(reply.error?.message_zh).toMatch(/只读/);
    expect(reply.error?.message_en).toMatch(/read-only/i);
    expect(fs.readdirSync(s.dir).sort()).toEqual(before);
    await s.assertClean();
  });
});
