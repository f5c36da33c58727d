/**
 * The reliability words are written once (models/reliability.ts) and read by the screens and the
 * exports: the renderer's resource files carry no words of their own, their headings are the
 * models' heading, no other source file spells the words out, and every word reads back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import zh from '../../../renderer/src/i18n/zh-CN.json';
import en from '../../../renderer/src/i18n/en.json';
import { RELIABILITIES, RELIABILITY_HEADING, RELIABILITY_WORDS, parseReliabilityWord, reliabilityWord } from '../../../models/reliability';
import { parseReliability as parseImported } from '../../../models/actuals-import';
import { RELIABILITY_WORDS as BRIEFING_WORDS, parseReliability as parseBriefing } from '../../../scenarios/briefing/terms';

const root = path.resolve(__dirname, '../../..');
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(tsx?)$/.test(e.name) ? [p] : [];
  });
}

describe('reliability words', () => {
  it('has a word for every reliability in both languages', () => {
    for (const r of RELIABILITIES) {
      expect(reliabilityWord(r, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
      expect(reliabilityWord(r, 'en')).toMatch(/^[a-z ]+$/);
    }
    expect(reliabilityWord('secondary', 'zh-CN')).toBe('二手来源');
    expect(new Set(Object.values(RELIABILITY_WORDS['zh-CN'])).size).toBe(RELIABILITIES.length);
  });

  it('the briefing uses the same words (the same object)', () => {
    expect(BRIEFING_WORDS).toBe(RELIABILITY_WORDS);
  });

  it('the renderer has no reliability words of its own, and its headings are the models heading', () => {
    expect(zh).not.toHaveProperty('reliability');
    expect(en).not.toHaveProperty('reliability');
    expect(zh.fields.reliability).toBe(RELIABILITY_HEADING['zh-CN']);
    expect(zh.data.col.reliability).toBe(RELIABILITY_HEADING['zh-CN']);
    expect(zh.import.field.reliability).toBe(RELIABILITY_HEADING['zh-CN']);
    expect(zh.import.defaultReliability).toContain(RELIABILITY_HEADING['zh-CN']);
    expect(en.data.col.reliability).toBe(RELIABILITY_HEADING.en);
    expect(JSON.stringify(zh)).not.toContain('可靠性');
  });

  it('no other source file spells the Chinese words out', () => {
    const own = path.join(root, 'models', 'reliability.ts');
    const files = ['models', 'scenarios', 'renderer/src', 'api'].flatMap((d) => sources(path.join(root, d))).filter((f) => f !== own);
    const offenders: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const w of [
        ...Object.values(RELIABILITY_WORDS['zh-CN']).filter((w) => w !== '内部数据'),
        '媒体转载',
        '镜像页面',
        '低可信来源',
      ]) {
        if (text.includes(w)) offenders.push(`${path.relative(root, f)}: ${w}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('every word reads back, in the import and in the briefing workbook, with the codes and short forms', () => {
    for (const r of RELIABILITIES) {
      for (const text of [
        RELIABILITY_WORDS['zh-CN'][r],
        RELIABILITY_WORDS.en[r],
        r,
        r.toUpperCase(),
        ` ${RELIABILITY_WORDS['zh-CN'][r]} `,
      ]) {
        expect(parseReliabilityWord(text), text).toBe(r);
        expect(parseImported(text), text).toBe(r);
        expect(parseBriefing(text), text).toBe(r);
      }
    }
    // Words planners type, and the screen's former words (files saved from it still read).
    expect(parseImported('官方')).toBe('official');
    expect(parseImported('媒体转载')).toBe('secondary');
    expect(parseImported('镜像页面')).toBe('mirror');
    expect(parseImported('低可信来源')).toBe('low');
    expect(parseImported('内部')).toBe('internal');
    expect(parseImported('很可靠')).toBeNull();
    expect(parseImported('')).toBeNull();
  });
});
