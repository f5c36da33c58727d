/**
 * 方法说明 / Methodology (issue 15 item 7): the rules of how a target is judged, from
 * models/methodology.ts (the same text as docs/methodology.md and the PDF's method appendix),
 * rendered as React elements in the interface language; the worked examples are computed there.
 */
import { useTranslation } from 'react-i18next';
import { EXAMPLE_LABEL, methodText, methodologySections } from '../../../models/methodology';

export function Methodology() {
  const { i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh-CN' : 'en';
  const sections = methodologySections();
  return (
    <div className="methodology" data-testid="methodology" lang={lang}>
      <nav className="methodology-toc" aria-label={methodText({ zh: '目录', en: 'Contents' }, lang)}>
        <ol>
          {sections.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className="link-button"
                data-section={s.id}
                onClick={() => document.getElementById(`method-${s.id}`)?.scrollIntoView({ block: 'start' })}
              >
                {methodText(s.heading, lang)}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      {sections.map((s) => (
        <section key={s.id} id={`method-${s.id}`} aria-labelledby={`method-${s.id}-h`}>
          <h3 id={`method-${s.id}-h`}>{methodText(s.heading, lang)}</h3>
          {s.paragraphs.map((p, i) => (
            <p key={i}>{methodText(p, lang)}</p>
          ))}
          {s.examples.length > 0 && (
            <div className="methodology-examples">
              <h4>{methodText(EXAMPLE_LABEL, lang)}</h4>
              <ul>
                {s.examples.map((e) => (
                  <li key={e.id} data-example={e.id}>
                    {methodText(e, lang)}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
