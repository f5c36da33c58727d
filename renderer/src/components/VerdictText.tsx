/** The verdict line of a target (models/verdict.ts), as the Scoreboard row and the Workbench card show it. */
import type { Target } from '../../../models/schema';
import type { TargetEvaluation } from '../../../models/types';
import { verdictLine } from '../../../models/verdict';
import { basisMark, basisOf, basisLabel } from '../../../models/koujing';
import { useApp } from '../state/app';

export function VerdictText({ target, evaluation, lang }: { target: Target; evaluation: TargetEvaluation | null; lang: string }) {
  const line = verdictLine(target, evaluation, lang.startsWith('en') ? 'en' : 'zh-CN');
  const sep = lang.startsWith('en') ? '; ' : '；';
  const head = [line.figure, line.gap].filter(Boolean).join(lang.startsWith('en') ? ', ' : '，');
  return (
    <span className="verdict-line" data-testid="verdict-line" data-tone={line.tone} data-status={line.status} title={line.text}>
      <span className="verdict-word">{line.verdict}</span>
      {head ? <span className="verdict-head">{(lang.startsWith('en') ? ': ' : '：') + head}</span> : null}
      {line.remaining ? (
        <span className="verdict-remaining">
          {sep}
          {line.remaining}
        </span>
      ) : null}
      {line.reason ? <span className="verdict-reason">{lang.startsWith('en') ? ` (${line.reason})` : `（${line.reason}）`}</span> : null}
      <BasisMark target={target} lang={lang.startsWith('en') ? 'en' : 'zh-CN'} />
    </span>
  );
}

/** 口径待核实 / 口径已调整 beside a verdict resting on a 口径 still to confirm or changed (models/koujing.ts). */
function BasisMark({ target, lang }: { target: Target; lang: 'zh-CN' | 'en' }) {
  const app = useApp();
  const b = basisOf(app.plan, target, app.settings.target_bases, app.settings.base_year);
  const mark = basisMark(b, lang);
  if (!mark) return null;
  return (
    <span className={`verdict-basis ${b.unconfirmed ? 'unconfirmed' : 'changed'}`} data-testid="verdict-basis" title={basisLabel(b, lang)}>
      {lang === 'en' ? ` [${mark}]` : `【${mark}】`}
    </span>
  );
}
