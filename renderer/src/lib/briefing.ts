/**
 * The briefing export dialog's logic (导出汇报材料): which scenarios (1 to 4; the current one by
 * default), which files (Excel and/or PDF), the jobs to run, and waiting that the planner can
 * abandon (Cancel stops waiting; a file made after that is not saved). Pure; unit-tested.
 */
import { StudioError } from '../../../models/errors';

export const MAX_BRIEFING_SCENARIOS = 4;
/** xlsx / pdf: the briefing pack (汇报材料); docx / report_pdf: the final evaluation (终期评估报告). */
export type BriefingFormat = 'xlsx' | 'pdf' | 'docx' | 'report_pdf';
export const BRIEFING_FORMATS: readonly BriefingFormat[] = ['xlsx', 'pdf', 'docx', 'report_pdf'];

/** The scenarios ticked when the dialog opens: the current one, else the first. */
export function defaultSelection(currentId: string | null, liveIds: readonly string[]): string[] {
  if (currentId && liveIds.includes(currentId)) return [currentId];
  return liveIds.length > 0 ? [liveIds[0]] : [];
}

/** Ticks or unticks a scenario; a fifth is refused (the selection is returned unchanged). */
export function toggleScenario(selected: readonly string[], id: string, max = MAX_BRIEFING_SCENARIOS): string[] {
  if (selected.includes(id)) return selected.filter((x) => x !== id);
  if (selected.length >= max) return [...selected];
  return [...selected, id];
}

/** Keeps the selection in the order of the list (the order the pack shows them), dropping ids no longer there. */
export function orderedSelection(selected: readonly string[], liveIds: readonly string[]): string[] {
  return liveIds.filter((id) => selected.includes(id));
}

export function formatsOf(opts: Partial<Record<BriefingFormat, boolean>>): BriefingFormat[] {
  return BRIEFING_FORMATS.filter((f) => opts[f] === true);
}

/** The extension of the file a format is saved as (the report's PDF is a PDF). */
export function extensionOf(format: BriefingFormat): 'xlsx' | 'pdf' | 'docx' {
  return format === 'report_pdf' ? 'pdf' : format;
}

export type BriefingProblem = 'no_scenario' | 'too_many' | 'no_format';

export function briefingProblem(ids: readonly string[], formats: readonly BriefingFormat[]): BriefingProblem | null {
  if (ids.length === 0) return 'no_scenario';
  if (ids.length > MAX_BRIEFING_SCENARIOS) return 'too_many';
  if (formats.length === 0) return 'no_format';
  return null;
}

export class AbandonedError extends StudioError {
  constructor() {
    super('cancelled', '已放弃等待', 'abandoned');
    this.name = 'AbandonedError';
  }
}

/**
 * Waits for `work` unless `signal` aborts first (then rejects with AbandonedError at once; the
 * work itself goes on and its result is dropped).
 */
export function abandonable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(new AbandonedError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      work.catch(() => undefined);
      reject(new AbandonedError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        if (!signal.aborted) resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (!signal.aborted) reject(e);
      },
    );
  });
}
