/** The verdict line of a target (models/verdict.ts), as the Scoreboard row and the Workbench card show it. */
import type { Target } from '../../../models/schema';
import type { TargetEvaluation } from '../../../models/types';
import { verdictLine } from '../../../models/verdict';

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
    </span>
  );
}
