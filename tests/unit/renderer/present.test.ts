/** Presentation mode's pure parts: keys, stepping, the counter, the slide chart and the drafted sentence. */
import { describe, expect, it } from 'vitest';
import { buildTrajectoryFigure } from '../../../renderer/src/lib/figure';
import { draftSentence as sharedSentence } from '../../../models/sentences';
import {
  draftSentence,
  nowcastClause,
  presentationFigure,
  scenarioPhrase,
  sentenceLanguage,
  slideCounter,
  slideKeyAction,
  stepSlide,
} from '../../../renderer/src/lib/present';
import { baselineResult, plan, target, zhFigureText } from './fixtures';

const text = zhFigureText;
const evalOf = (id: string) => baselineResult.targets.find((e) => e.id === id)!;

describe('slide keys', () => {
  it('maps arrows, PageUp/PageDown, Space, Home/End and Esc', () => {
    expect(['ArrowRight', 'ArrowDown', 'PageDown', ' '].map((k) => slideKeyAction(k))).toEqual(['next', 'next', 'next', 'next']);
    expect(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace'].map((k) => slideKeyAction(k))).toEqual(['prev', 'prev', 'prev', 'prev']);
    expect(slideKeyAction(' ', true)).toBe('prev');
    expect(slideKeyAction('Home')).toBe('first');
    expect(slideKeyAction('End')).toBe('last');
    expect(slideKeyAction('Escape')).toBe('exit');
    expect(slideKeyAction('a')).toBeNull();
    expect(slideKeyAction('F5')).toBeNull();
  });
  it('steps within the slides and never past either end', () => {
    expect(stepSlide(0, 62, 'next')).toBe(1);
    expect(stepSlide(61, 62, 'next')).toBe(61);
    expect(stepSlide(0, 62, 'prev')).toBe(0);
    expect(stepSlide(10, 62, 'first')).toBe(0);
    expect(stepSlide(10, 62, 'last')).toBe(61);
    expect(stepSlide(10, 62, 'exit')).toBe(10);
    expect(stepSlide(99, 5, 'prev')).toBe(3);
    expect(stepSlide(0, 0, 'next')).toBe(0);
  });
  it('counts "12 / 62"', () => {
    expect(slideCounter(11, 62)).toBe('12 / 62');
    expect(slideCounter(0, 1)).toBe('1 / 1');
    expect(slideCounter(0, 0)).toBe('0 / 0');
  });
});

describe('the slide chart', () => {
  it('has larger type and no key holding undefined (Plotly reads `key in obj`)', () => {
    const fig = buildTrajectoryFigure({
      target: target('fine_steel_output'),
      scenarios: [{ id: 'b', name: '基准情景', result: baselineResult, primary: true }],
      text,
    });
    const big = presentationFigure(fig, 22);
    expect(big.data).toHaveLength(fig.data.length);
    expect((big.layout.font as { size: number }).size).toBe(22);
    const undefinedKeys: string[] = [];
    const walk = (o: unknown, p: string) => {
      if (!o || typeof o !== 'object') return;
      for (const [k, v] of Object.entries(o)) {
        if (v === undefined) undefinedKeys.push(`${p}.${k}`);
        else if (!Array.isArray(v)) walk(v, `${p}.${k}`);
      }
    };
    walk(big, 'fig');
    expect(undefinedKeys).toEqual([]);
    const proj = big.data.find((d) => d.meta?.role === 'projection')!;
    const orig = fig.data.find((d) => d.meta?.role === 'projection')!;
    expect(proj.line!.width!).toBeGreaterThan(orig.line!.width!);
  });
});

describe('the drafted sentence', () => {
  it('names the scenario, the year, the value, the gap and the growth needed (zh)', () => {
    const t = target('fine_steel_output');
    const ev = evalOf('fine_steel_output');
    const s = draftSentence(t, ev, '基准情景', 'zh-CN');
    expect(s.startsWith('按基准情景测算，2026年金盛兰精品钢产值预计达到')).toBe(true);
    if (ev.met === false) expect(s).toMatch(/距目标差[\d.,]+亿元/);
    expect(s.endsWith('。')).toBe(true);
  });
  it('quotes a scenario name that is not a 情景', () => {
    expect(scenarioPhrase('我的方案', 'zh-CN')).toBe('按“我的方案”情景测算');
    expect(scenarioPhrase('Baseline', 'en')).toBe('under the Baseline scenario');
    expect(scenarioPhrase('Stretch scenario', 'en')).toBe('under the Stretch scenario');
  });
  it('writes every target in both languages: no NaN, no undefined, no Chinese in English', () => {
    for (const t of plan.targets) {
      const ev = evalOf(t.id);
      const zh = draftSentence(t, ev, '基准情景', 'zh-CN');
      const en = draftSentence(t, ev, 'Baseline', 'en');
      for (const x of [zh, en]) {
        expect(x, t.id).not.toMatch(/NaN|undefined|null|Infinity/);
        expect(x.length, t.id).toBeGreaterThan(15);
      }
      expect(zh, t.id).toMatch(/^按基准情景测算，.+。$/);
      expect(en, t.id).not.toMatch(/[\u4e00-\u9fff]/);
      expect(en, t.id).toMatch(/\.$/);
    }
  });
  it('says when a reduction target is met early or lagging in its own words', () => {
    const t = target('energy_intensity_reduction');
    const s = draftSentence(t, evalOf(t.id), '基准情景', 'zh-CN');
    expect(s).toMatch(/较2023年累计(下降|上升)/);
    expect(s).not.toMatch(/能耗下降较/);
  });
  it('is the shared sentence (models/sentences.ts) in the i18next language given', () => {
    expect(sentenceLanguage('zh')).toBe('zh-CN');
    expect(sentenceLanguage('zh-CN')).toBe('zh-CN');
    expect(sentenceLanguage('en-US')).toBe('en');
    for (const t of plan.targets) {
      const ev = evalOf(t.id);
      expect(draftSentence(t, ev, '基准情景', 'zh'), t.id).toBe(sharedSentence(t, ev, '基准情景', 'zh-CN'));
      expect(draftSentence(t, ev, 'Baseline', 'en-US'), t.id).toBe(sharedSentence(t, ev, 'Baseline', 'en'));
    }
  });
  it('reads money in billions of yuan and counts as whole numbers in English', () => {
    const steel = draftSentence(target('fine_steel_output'), evalOf('fine_steel_output'), 'Baseline', 'en');
    expect(steel).toMatch(/^Jinshenglan fine steel output value: under the Baseline scenario, projected at [\d.]+ billion yuan in 2026/);
    expect(steel).not.toContain('100 million yuan');
    const g5 = draftSentence(target('base_stations_5g'), evalOf('base_stations_5g'), 'Baseline', 'en');
    expect(g5).toMatch(/projected at \d{1,3}(,\d{3})* in 2026/);
  });
  it('says there are no data without a projection', () => {
    expect(draftSentence(target('fine_steel_output'), null, '基准情景', 'zh-CN')).toBe(
      '按基准情景测算，金盛兰精品钢产值暂无可用数据，无法判断进展。',
    );
    expect(draftSentence(target('fine_steel_output'), null, 'Baseline', 'en')).toMatch(/not enough data/);
  });
  it('adds the nowcast clause when the value is a year-to-date nowcast', () => {
    expect(nowcastClause({ year: 2026, month: 9 }, 'zh-CN')).toBe('（2026年数值按1-9月累计推算）');
    expect(nowcastClause({ year: 2026, month: 9 }, 'en')).toBe(' (the 2026 value is a nowcast from January–September)');
    expect(nowcastClause(null, 'zh-CN')).toBe('');
    const s = draftSentence(target('fine_steel_output'), evalOf('fine_steel_output'), '基准情景', 'zh-CN', {
      nowcast: { year: 2026, month: 9 },
    });
    expect(s).toContain('（2026年数值按1-9月累计推算）');
    expect(s.replace('（2026年数值按1-9月累计推算）', '')).toBe(
      draftSentence(target('fine_steel_output'), evalOf('fine_steel_output'), '基准情景', 'zh-CN'),
    );
    expect(nowcastClause({ year: 2026, month: 1 }, 'zh')).toBe('（2026年数值按1月累计推算）');
  });
});
