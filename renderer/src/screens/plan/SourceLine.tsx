/**
 * The plan's own sentence of a target (规划原文) as a second line of its scoreboard row: shown for
 * every row when the planner asks for it, and for a row the search matched only by that sentence.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { showSourceLine } from '../../lib/planImport';
import './plan.css';

const SourceLineContext = createContext<{ show: boolean; query: string }>({ show: false, query: '' });

export function SourceLineProvider({ show, query, children }: { show: boolean; query: string; children: ReactNode }) {
  return <SourceLineContext.Provider value={{ show, query }}>{children}</SourceLineContext.Provider>;
}

export function SourceLine({ text, name }: { text: string; name: string }) {
  const { t } = useTranslation();
  const { show, query } = useContext(SourceLineContext);
  if (!text || !showSourceLine(show, query, text, name)) return null;
  return (
    <span className="source-line" data-testid="source-line" lang="zh-CN">
      <span className="source-line-label">{t('planImport.sourceLabel')}</span>
      {text}
    </span>
  );
}

/** The toggle in the scoreboard's filters. */
export function SourceToggle({ on, onChange }: { on: boolean; onChange: (v: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <label className="check">
      <input type="checkbox" checked={on} onChange={(e) => onChange(e.target.checked)} data-testid="show-source" />
      <span>{t('planImport.sourceToggle')}</span>
    </label>
  );
}
