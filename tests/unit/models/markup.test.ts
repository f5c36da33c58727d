import { describe, expect, it } from 'vitest';
import { escapeHtml, plotSafe, plotText } from '../../../models/markup';

const NASTY = [
  '<a href="https://evil.example">x</a>',
  '<span style="color:red">y</span>',
  '<img src=x onerror=alert(1)>',
  'a<br>b',
  '&amp; &lt; &#60;',
];

describe('markup escaping (issue 19, item 3)', () => {
  it('plotText leaves no tag and no entity for Plotly to read, and keeps quotes (Plotly does not decode &quot;)', () => {
    for (const s of NASTY) {
      const e = plotText(s);
      expect(e).not.toMatch(/[<>]/);
      expect(e).not.toMatch(/&(?!amp;|lt;|gt;)/);
      // decoding the three entities gives the text back exactly
      expect(e.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(s);
    }
    expect(plotText('say "hi"')).toBe('say "hi"');
  });
  it('escapeHtml escapes quotes too (attributes)', () => {
    expect(escapeHtml(`<a title="x" alt='y'>&`)).toBe('&lt;a title=&quot;x&quot; alt=&#39;y&#39;&gt;&amp;');
  });
  it('plotSafe escapes names, categories and custom data, not numbers, and leaves the figure given unchanged', () => {
    const fig = {
      data: [
        {
          name: '<b>n</b>',
          x: ['<i>c</i>', 2],
          y: [1, 2],
          customdata: [['<a>', 3]],
          legendgrouptitle: { text: '&amp;' },
          hovertemplate: '<b>%{x}</b>',
        },
      ],
      layout: { title: 'keep' },
    };
    const safe = plotSafe(fig);
    const t = safe.data[0] as Record<string, unknown>;
    expect(t.name).toBe('&lt;b&gt;n&lt;/b&gt;');
    expect(t.x).toEqual(['&lt;i&gt;c&lt;/i&gt;', 2]);
    expect(t.y).toBe(fig.data[0]!.y);
    expect(t.customdata).toEqual([['&lt;a&gt;', 3]]);
    expect(t.legendgrouptitle).toEqual({ text: '&amp;amp;' });
    expect(t.hovertemplate).toBe('<b>%{x}</b>');
    expect(fig.data[0]!.name).toBe('<b>n</b>');
    expect(safe.layout).toBe(fig.layout);
  });
});
