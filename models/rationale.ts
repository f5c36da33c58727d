/**
 * A rationale (依据说明) belongs to the values it explains. When a scenario changes an assumption
 * and keeps the text it had (or inherited), that text now explains other numbers: it is marked
 * stale, the workbench asks for a new one, and the pack prints 依据说明未更新 instead of it. Pure.
 *
 * @example
 * // a child lowers GDP growth from 4.5% to 3.5% and keeps the baseline's sentence
 * withRationaleState(next, inherited).rationale_stale // true
 */
import type { Assumption } from './schema';

/**
 * The values a rationale explains: the model, the base value and the uncertainty range (not the
 * loading of the range's correlation group: that is set for the group, on all its members at once).
 */
function explained(a: Pick<Assumption, 'model' | 'base_value' | 'uncertainty'>): string {
  let u = a.uncertainty ?? null;
  if (u && u.group_loading !== undefined) {
    const { group_loading: _g, ...range } = u;
    void _g;
    u = range;
  }
  return JSON.stringify([a.model, a.base_value ?? null, u]);
}

/**
 * `next` with its rationale_stale flag set against the assumption in force before (`previous`,
 * the scenario's own or the inherited one; undefined for a new series): a new text is fresh; the
 * same text over changed values is stale; unchanged values keep the previous state.
 */
export function withRationaleState<A extends Pick<Assumption, 'model' | 'base_value' | 'uncertainty' | 'rationale' | 'rationale_stale'>>(
  next: A,
  previous: Pick<Assumption, 'model' | 'base_value' | 'uncertainty' | 'rationale' | 'rationale_stale'> | undefined,
): A {
  if (!previous) return next;
  const sameText = (next.rationale ?? '').trim() === (previous.rationale ?? '').trim();
  if (!sameText) return { ...next, rationale_stale: false };
  if (explained(next) === explained(previous)) return { ...next, rationale_stale: previous.rationale_stale ?? false };
  return { ...next, rationale_stale: (next.rationale ?? '').trim() !== '' };
}

/** The words a pack prints for a stale rationale. */
export function staleRationaleText(lang: 'zh-CN' | 'en'): string {
  return lang === 'zh-CN' ? '依据说明未更新' : 'rationale not updated';
}
