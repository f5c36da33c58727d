/** The briefing dialog's selection rules and the wait that Cancel abandons. */
import { describe, expect, it } from 'vitest';
import {
  abandonable,
  AbandonedError,
  briefingProblem,
  defaultSelection,
  extensionOf,
  formatsOf,
  orderedSelection,
  toggleScenario,
} from '../../../renderer/src/lib/briefing';

describe('choosing scenarios and files', () => {
  it('starts with the current scenario, else the first', () => {
    expect(defaultSelection('b', ['a', 'b', 'c'])).toEqual(['b']);
    expect(defaultSelection('gone', ['a', 'b'])).toEqual(['a']);
    expect(defaultSelection(null, [])).toEqual([]);
  });
  it("takes at most four, in the list's order", () => {
    let sel: string[] = [];
    for (const id of ['e', 'a', 'c', 'b', 'd']) sel = toggleScenario(sel, id);
    expect(sel).toEqual(['e', 'a', 'c', 'b']);
    expect(toggleScenario(sel, 'a')).toEqual(['e', 'c', 'b']);
    expect(orderedSelection(sel, ['a', 'b', 'c', 'd', 'e'])).toEqual(['a', 'b', 'c', 'e']);
    expect(orderedSelection(['x', 'a'], ['a', 'b'])).toEqual(['a']);
  });
  it('names what is missing', () => {
    expect(formatsOf({ xlsx: true, pdf: true })).toEqual(['xlsx', 'pdf']);
    expect(formatsOf({ xlsx: false, pdf: true })).toEqual(['pdf']);
    expect(formatsOf({ report_pdf: true, docx: true, xlsx: true })).toEqual(['xlsx', 'docx', 'report_pdf']);
    expect(extensionOf('report_pdf')).toBe('pdf');
    expect(extensionOf('docx')).toBe('docx');
    expect(briefingProblem([], ['pdf'])).toBe('no_scenario');
    expect(briefingProblem(['a'], [])).toBe('no_format');
    expect(briefingProblem(['a', 'b', 'c', 'd', 'e'], ['pdf'])).toBe('too_many');
    expect(briefingProblem(['a'], ['xlsx'])).toBeNull();
  });
});

describe('abandoning the wait', () => {
  it('passes the result and the error through', async () => {
    await expect(abandonable(Promise.resolve(5), new AbortController().signal)).resolves.toBe(5);
    await expect(abandonable(Promise.reject(new Error('boom')), new AbortController().signal)).rejects.toThrow('boom');
  });
  it('rejects at once when cancelled, while the work goes on', async () => {
    const ctrl = new AbortController();
    let finish: (v: number) => void = () => undefined;
    const work = new Promise<number>((r) => (finish = r));
    const wait = abandonable(work, ctrl.signal);
    ctrl.abort();
    await expect(wait).rejects.toBeInstanceOf(AbandonedError);
    finish(1);
    await expect(work).resolves.toBe(1);
  });
  it("refuses to start when already cancelled, and swallows the work's later failure", async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    await expect(abandonable(Promise.reject(new Error('late')), ctrl.signal)).rejects.toBeInstanceOf(AbandonedError);
  });
});
