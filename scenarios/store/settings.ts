/**
 * The settings repository: one JSON value per key; the keys the product knows are checked
 * against their schema, any other key takes any JSON of at most 64 KB.
 */
import { z } from 'zod';
import { TargetBases, Year } from '../../models/schema';
import type { StoreContext } from './context';
import { fromZod, invalid } from './errors';
import type { SettingRow } from './rows';
import { checkText } from './validate';

/** Settings the product knows, with their value schema; other keys take any JSON. */
const KNOWN_SETTINGS: Record<string, z.ZodType> = {
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as zh-CN or en'),
  base_year: Year,
  as_of_year: Year,
  tolerance: z.number().min(0).max(0.5),
  user_name: z.string().max(100),
  target_bases: TargetBases,
};
const SETTING_KEY = /^[a-z][a-z0-9_.]{0,63}$/;
const MAX_SETTING_BYTES = 64 * 1024;
/** settings that belong to one laptop and are never taken from an imported workspace. */
export const LOCAL_SETTINGS = new Set(['user_name']);

export class SettingsRepository {
  constructor(private readonly ctx: StoreContext) {}

  getSettings(): Record<string, unknown> {
    return this.ctx.guard(() => {
      const out: Record<string, unknown> = {};
      for (const r of this.ctx.stmt<[], Pick<SettingRow, 'key' | 'value_json'>>('SELECT key, value_json FROM settings ORDER BY key').all())
        out[r.key] = JSON.parse(r.value_json);
      return out;
    });
  }

  checkSetting(key: unknown, value: unknown, field = 'key'): string {
    if (typeof key !== 'string' || !SETTING_KEY.test(key))
      throw invalid(`设置项名称无效：${String(key)}`, `Invalid setting name: ${String(key)}`, field);
    if (value === undefined) throw invalid(`设置项 ${key} 缺少取值`, `Setting ${key} has no value`, key);
    if (value === null) return 'null';
    // text settings (the user name becomes each revision's author) must be storable as given
    if (typeof value === 'string') checkText(value, key, { zh: '设置项', en: 'Setting' });
    const schema = KNOWN_SETTINGS[key];
    if (schema) {
      const r = schema.safeParse(value);
      if (!r.success) throw fromZod(r.error, { zh: '设置项', en: 'Setting' }, key);
    }
    let json: string;
    try {
      json = JSON.stringify(value);
    } catch {
      throw invalid(`设置项 ${key} 的取值无法保存`, `The value of setting ${key} cannot be stored`, key);
    }
    if (json === undefined || Buffer.byteLength(json) > MAX_SETTING_BYTES)
      throw invalid(`设置项 ${key} 的取值过大或无效`, `The value of setting ${key} is too large or invalid`, key);
    return json;
  }

  /** Sets a setting (null removes it, so the default applies). */
  /** Sets several settings at once: every value checked first, then one transaction (all or none). */
  setSettings(values: Record<string, unknown>): Record<string, unknown> {
    const checked = Object.entries(values)
      .filter(([, v]) => v !== undefined)
      .map(([key, value]) => ({ key, value, json: this.checkSetting(key, value) }));
    this.ctx.write(() => {
      for (const { key, value, json } of checked) {
        if (value === null) this.ctx.stmt<[string]>('DELETE FROM settings WHERE key = ?').run(key);
        else
          this.ctx
            .stmt<[string, string, string]>(
              `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
            )
            .run(key, json, this.ctx.iso());
      }
    });
    return this.getSettings();
  }

  setSetting(key: string, value: unknown): Record<string, unknown> {
    const json = this.checkSetting(key, value);
    this.ctx.write(() => {
      if (value === null) this.ctx.stmt<[string]>('DELETE FROM settings WHERE key = ?').run(key);
      else
        this.ctx
          .stmt<[string, string, string]>(
            `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
          )
          .run(key, json, this.ctx.iso());
    });
    return this.getSettings();
  }
}
