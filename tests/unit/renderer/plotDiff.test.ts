import { describe, expect, it } from 'vitest';
import { buildTrajectoryFigure, type FigureText } from '../../../renderer/src/lib/figure';
import { fastUpdate } from '../../../renderer/src/lib/plotDiff';
import { runWhatIf } from '../../../renderer/src/lib/whatif';
import { baseline, baselineResult, plan, target } from './fixtures';

const text: FigureText = {
  lang: 'zh-CN',
  actual: 'a',
  target: 't',
  timePath: 'p',
  band: 'b',
  assumed: '假设',
  projected: 'x',
  source: 's',
  date: 'd',
  reliability: (r) => r,
  valueKind: (k) => k,
  computed: 'c',
  actualsThenForecast: ['1', '2'],
  yearSuffix: (y) => String(y),
};
const t = target('fine_steel_output');
const fig = (result = baselineResult) =>
  buildTrajectoryFigure({ target: t, scenarios: [{ id: 'b', name: '基准', result, primary: true }], text });
const moved = (rate: number) =>
  fig(
    runWhatIf({
      plan,
      assumptions: baseline,
      edits: {
        fine_steel_output: {
          ...baseline.fine_steel_output,
          model: {
            type: 'pipeline',
            underlying_rate: rate,
            projects: (baseline.fine_steel_output.model as unknown as { projects: [] }).projects,
          },
        },
      },
    }),
  );

describe('fast chart updates while dragging', () => {
  it('moves only the projection trace when only its values change and stay in range', () => {
    const a = fig();
    const b = moved(0.04);
    const u = fastUpdate(a, b, [0, 10000]);
    expect(u).not.toBeNull();
    const roles = u!.traces.map((i) => b.data[i].meta?.role);
    expect(roles).toContain('projection');
    expect(roles).not.toContain('target');
    expect(roles).not.toContain('actual');
    expect(u!.data[roles.indexOf('projection')].y).toEqual(b.data[u!.traces[roles.indexOf('projection')]].y);
  });
  it('redraws fully when values leave the y range, on a first draw, or when the layout changes', () => {
    expect(fastUpdate(fig(), moved(0.3), [0, 500])).toBeNull();
    expect(fastUpdate(null, fig(), [0, 1e6])).toBeNull();
    const other = buildTrajectoryFigure({
      target: target('textile_output'),
      scenarios: [{ id: 'b', name: '基准', result: baselineResult, primary: true }],
      text,
    });
    expect(fastUpdate(fig(), other, [0, 1e6])).toBeNull();
    expect(fastUpdate(fig(), fig(), null)).toBeNull();
  });
  it('does nothing when nothing changed', () => {
    expect(fastUpdate(fig(), fig(), [0, 1e6])).toEqual({ traces: [], data: [] });
  });
});
