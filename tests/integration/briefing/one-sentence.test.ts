/**
 * One drafted sentence (models/sentences.ts) for the briefing pack's PDF and presentation mode:
 * for every target of the three presets, in both languages, the sentence the PDF prints is the
 * slide's sentence, with only the probability clause added when the pack carries a simulation;
 * the slide adds only the nowcast clause when the value rests on year-to-date figures.
 */
import { describe, expect, it } from 'vitest';
import type { Target } from '../../../models/schema';
import { draftSentence, judgedFigure, nowcastClause, probabilityClause } from '../../../models/sentences';
import type { TargetEvaluation } from '../../../models/types';
import { draftSentence as slideSentence } from '../../../renderer/src/lib/present';
import { buildBriefingHtml } from '../../../scenarios/briefing/print-html';
import type { BriefingInput, BriefingLanguage } from '../../../scenarios/briefing/types';
import { presetInput } from './fixtures';

const LANGS: BriefingLanguage[] = ['zh-CN', 'en'];

/** The drafted sentences the PDF prints for a target, one per scenario in order. */
function pdfSentences(html: string, id: string): string[] {
  const article = new RegExp(`<article class="target" id="t-${id}">[\\s\\S]*?<ul class="drafts">([\\s\\S]*?)</ul>`).exec(html);
  if (!article) throw new Error(`no card for ${id}`);
  return [...article[1].matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) =>
    m[1]
      .replace(/<span[^>]*>[^<]*<\/span>/g, '') // the swatch and the status chip
      .trim()
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

/** A sentence with a clause added where the drafting puts it: before （含假设数据） and the full stop. */
function withClause(sentence: string, clause: string, ev: TargetEvaluation, lang: BriefingLanguage): string {
  const tail = (ev.assumed ? (lang === 'zh-CN' ? '（含假设数据）' : ' (includes assumed data)') : '') + (lang === 'zh-CN' ? '。' : '.');
  expect(sentence.endsWith(tail)).toBe(true);
  return sentence.slice(0, sentence.length - tail.length) + clause + tail;
}

function pMeet(input: BriefingInput, k: number, id: string): number | null {
  return input.scenarios[k].simulation?.targets.find((x) => x.id === id)?.p_meet ?? null;
}

describe('one sentence for the PDF and the slide', () => {
  for (const lang of LANGS) {
    it(`prints the slide's sentence in the PDF for every target and preset (${lang})`, () => {
      const input = presetInput(lang, { simulation: false });
      const html = buildBriefingHtml(input, { fontCss: '' });
      expect(input.scenarios).toHaveLength(3);
      let n = 0;
      for (const t of input.plan.targets) {
        const printed = pdfSentences(html, t.id);
        expect(printed, t.id).toHaveLength(3);
        input.scenarios.forEach((s, k) => {
          const e = s.projection.targets.find((x) => x.id === t.id)!;
          expect(printed[k], `${s.name} ${t.id}`).toBe(slideSentence(t, e, s.name, lang));
          n++;
        });
      }
      expect(n).toBe(62 * 3);
    });

    it(`adds only the probability clause in the PDF when the pack carries a simulation (${lang})`, () => {
      const input = presetInput(lang, { simulation: true });
      const html = buildBriefingHtml(input, { fontCss: '' });
      let withP = 0;
      for (const t of input.plan.targets) {
        const printed = pdfSentences(html, t.id);
        input.scenarios.forEach((s, k) => {
          const e = s.projection.targets.find((x) => x.id === t.id)!;
          const slide = slideSentence(t, e, s.name, lang);
          const p = pMeet(input, k, t.id);
          if (p === null) {
            expect(printed[k], `${s.name} ${t.id}`).toBe(slide);
          } else {
            withP++;
            expect(printed[k], `${s.name} ${t.id}`).toBe(withClause(slide, probabilityClause(p, lang), e, lang));
          }
        });
      }
      expect(withP).toBe(3); // fakeSimulation: fine_steel_output, mfg_va_share_gdp, health_output
      const steel = pdfSentences(html, 'fine_steel_output')[0];
      expect(steel).toContain(lang === 'zh-CN' ? '，达标概率18%' : '; probability of meeting it 18%');
    });

    it(`adds only the nowcast clause on the slide when the value rests on a nowcast (${lang})`, () => {
      const input = presetInput(lang, { simulation: false });
      const nowcast = { year: 2026, month: 9 };
      for (const s of input.scenarios) {
        for (const t of input.plan.targets) {
          const e = s.projection.targets.find((x) => x.id === t.id)!;
          const plain = draftSentence(t, e, s.name, lang);
          const slide = slideSentence(t, e, s.name, lang, { nowcast });
          expect(slide, `${s.name} ${t.id}`).toBe(withClause(plain, nowcastClause(nowcast, lang), e, lang));
          // both clauses: the nowcast, then the probability
          const both = draftSentence(t, e, s.name, lang, { nowcast, p_meet: 0.5 });
          expect(both).toBe(withClause(plain, nowcastClause(nowcast, lang) + probabilityClause(0.5, lang), e, lang));
        }
      }
    });
  }

  it("writes the overview table's figures as the sentences do: counts whole, 5,881个 not 5880.8个", () => {
    const input = presetInput('zh-CN', { simulation: false });
    const html = buildBriefingHtml(input, { fontCss: '' });
    const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    let counts = 0;
    for (const t of input.plan.targets) {
      const row = new RegExp(`<tr><td class="name">${esc(t.name_zh)}</td><td class="goal">[^<]*</td>((?:<td[\\s\\S]*?</td>)+)</tr>`).exec(
        html,
      );
      expect(row, t.id).not.toBeNull();
      const cells = [...row![1].matchAll(/<td class="num">([\s\S]*?)<\/td>/g)].map((m) =>
        m[1].replace(/<span class="prob">[\s\S]*?<\/span>/, '').replace(/<[^>]+>/g, ''),
      );
      input.scenarios.forEach((sc, k) => {
        const e = sc.projection.targets.find((x) => x.id === t.id)!;
        const figure = judgedFigure(t, e.projected, 'zh-CN');
        expect(cells[k], `${sc.name} ${t.id}`).toBe(figure);
        // the sentence of that target carries the same figure
        if (e.projected !== null && t.kind !== 'annual_flow')
          expect(draftSentence(t, e, sc.name, 'zh-CN'), t.id).toContain(figure.replace(/^下降/, ''));
      });
      if (t.unit === '个' && !Array.isArray(t.target) && Number.isInteger(t.target)) {
        counts++;
        for (const c of cells) expect(c, t.id).not.toMatch(/\d\.\d/);
      }
    }
    expect(counts).toBeGreaterThan(0);
  });

  it('writes no data the same way on both, whatever the options', () => {
    const input = presetInput('zh-CN', { simulation: false });
    const t: Target = input.plan.targets.find((x) => x.id === 'green_products')!;
    const expected = `按基准情景测算，${t.name_zh}暂无可用数据，无法判断进展。`;
    expect(slideSentence(t, null, '基准情景', 'zh-CN', { nowcast: { year: 2026, month: 9 } })).toBe(expected);
    expect(draftSentence(t, null, '基准情景', 'zh-CN', { p_meet: 0.4 })).toBe(expected);
  });
});
