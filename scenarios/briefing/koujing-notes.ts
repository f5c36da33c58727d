/**
 * The 口径说明 of the briefing pack and the final evaluation report, and the roll-up's count of
 * verdicts resting on assumptions: thin wrappers over the core (models/koujing.ts,
 * models/provenance.ts) with the briefing's own status words.
 */
import { unconfirmedBases } from '../../models/koujing';
import { assumptionRollup, assumptionRollupSentence } from '../../models/provenance';
import type { TargetEvaluation } from '../../models/types';
import { STATUS_WORDS } from './terms';
import type { BriefingInput, BriefingLanguage } from './types';

export interface KoujingSection {
  heading: string;
  /** one line before the list (how many, what to do). */
  lead: string;
  /** one paragraph per 口径 still to confirm. */
  items: string[];
}

/** Every unconfirmed 口径 of the pack's plan under its settings, as the 口径说明 section lists it. */
export function koujingSection(input: BriefingInput): KoujingSection {
  const lang = input.language;
  const zh = lang === 'zh-CN';
  const list = unconfirmedBases(input.plan, input.settings?.target_bases, lang, input.settings?.base_year);
  return {
    heading: zh ? '口径说明' : 'Bases to confirm',
    lead:
      list.length === 0
        ? zh
          ? '各项指标口径均已核实。'
          : 'Every target’s basis has been confirmed.'
        : zh
          ? `以下${list.length}项指标的口径尚待核实，核实前按现有口径测算和判断：`
          : `The basis of ${list.length} targets is still to be confirmed; until then they are computed as follows:`,
    items: list.map((u) => u.text),
  };
}

/** "5项提前实现，其中3项依赖假设数据；…" for one scenario's verdicts. */
export function assumptionRollupText(evals: readonly TargetEvaluation[], lang: BriefingLanguage): string {
  return assumptionRollupSentence(assumptionRollup(evals), (s) => STATUS_WORDS[lang][s], lang);
}
