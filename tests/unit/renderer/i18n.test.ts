/**
 * The two resource files have the same keys; every key the renderer uses exists; Chinese strings
 * are Chinese (no English leaking into the zh-CN UI) and the English ones have no Chinese.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import zh from '../../../renderer/src/i18n/zh-CN.json';
import en from '../../../renderer/src/i18n/en.json';

type Tree = { [k: string]: string | Tree };
function flatten(t: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(t)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else Object.assign(out, flatten(v, key));
  }
  return out;
}
const fzh = flatten(zh as Tree);
const fen = flatten(en as Tree);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(tsx?|ts)$/.test(e.name) ? [p] : [];
  });
}
const srcDir = path.resolve(__dirname, '../../../renderer/src');

describe('i18n resources', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const a = Object.keys(fzh).sort();
    const b = Object.keys(fen).sort();
    expect(
      a.filter((k) => !b.includes(k)),
      'missing in en.json',
    ).toEqual([]);
    expect(
      b.filter((k) => !a.includes(k)),
      'missing in zh-CN.json',
    ).toEqual([]);
  });
  it('the interpolation variables match between languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(fzh)) expect(vars(fen[k] ?? ''), k).toEqual(vars(fzh[k]));
  });
  it('every literal key used in the renderer exists', () => {
    const used = new Set<string>();
    for (const f of sources(srcDir)) {
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z_.]+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/\bt\(\s*\w+\s*\?\s*'([a-zA-Z_.]+)'\s*:\s*'([a-zA-Z_.]+)'/g)) {
        used.add(m[1]);
        used.add(m[2]);
      }
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((k) => !(k in fzh) && !Object.keys(fzh).some((x) => x.startsWith(`${k}.`)));
    expect(missing).toEqual([]);
  });
  it('has every dynamic key family complete', () => {
    for (const s of ['achieved_early', 'ahead', 'on_track', 'lagging', 'no_data']) expect(fzh[`status.${s}`]).toBeTruthy();
    for (const k of ['level', 'share', 'reduction', 'growth_rate', 'annual_flow', 'cumulative', 'range'])
      expect(fzh[`kind.${k}`]).toBeTruthy();
    for (const m of ['cagr', 'path', 'flat', 'interp', 'step', 'trend', 'logistic', 'elasticity', 'pipeline', 'intensity_decay']) {
      expect(fzh[`model.${m}`]).toBeTruthy();
      expect(fzh[`modelHelp.${m}`]).toBeTruthy();
    }
    for (const p of [
      'cagr_rate',
      'path_default_rate',
      'logistic_rate',
      'elasticity_elasticity',
      'pipeline_underlying_rate',
      'intensity_decay_rate',
    ])
      expect(fzh[`param.${p}`]).toBeTruthy();
  });
  it('uses the glossary renderings for the status language and model names', () => {
    expect([fzh['status.achieved_early'], fzh['status.ahead'], fzh['status.on_track'], fzh['status.lagging']]).toEqual([
      '提前实现',
      '快于预期',
      '基本符合预期',
      '滞后',
    ]);
    expect([fen['status.achieved_early'], fen['status.ahead'], fen['status.on_track'], fen['status.lagging']]).toEqual([
      'achieved early',
      'ahead of schedule',
      'on track',
      'lagging',
    ]);
    expect(fzh['chart.timePath']).toBe('序时进度线');
    expect(fzh['workbench.goalSeek']).toBe('按目标反推{{param}}');
    expect(fzh['workbench.resetToParent']).toBe('恢复为上级情景');
    expect(fzh['workbench.overridden']).toBe('已覆盖');
    expect(fzh['scenarios.trash']).toBe('回收站');
  });
  it('zh-CN strings are Chinese and en strings have no Chinese', () => {
    const allowedLatin = /^[\s\d{}().,:;%+\-–—/·…→≥<>=|×*#a-zA-Z]*$/;
    const englishLeaks = Object.entries(fzh).filter(
      ([, v]) => !/[\u4e00-\u9fff]/.test(v) && /[a-zA-Z]{3,}/.test(v.replace(/\{\{\w+\}\}/g, '')) && allowedLatin.test(v),
    );
    expect(englishLeaks.filter(([k]) => !['keys.enter'].includes(k))).toEqual([]);
    const chineseInEn = Object.entries(fen).filter(([, v]) => /[\u4e00-\u9fff]/.test(v));
    expect(chineseInEn).toEqual([]);
  });
});
