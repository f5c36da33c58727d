/**
 * Issue 14 item 7: one error base class for every layer. Each typed error the product throws on
 * purpose is a StudioError whose constructor takes code, message_zh, message_en, path in that
 * order (fixed codes may be implied), and crosses the contract as the same envelope.
 */
import { describe, expect, it } from 'vitest';
import { toErrorBody } from '../../../contract/dispatch';
import { StudioError, ModelError } from '../../../models/errors';
import { NowcastError } from '../../../models/nowcast';
import { BriefingError, checkInput } from '../../../scenarios/briefing/types';
import { ReadError } from '../../../scenarios/collect/read';
import { SheetReadError } from '../../../scenarios/sheets/read';
import { ApiCallError } from '../../../renderer/src/lib/api-client';
import { SimulationError } from '../../../renderer/src/lib/simulation-client';

describe('every typed error is a StudioError: code, message_zh, message_en, path', () => {
  const cases: [string, StudioError, string, string | undefined][] = [
    ['ModelError', new ModelError('bad_parameter', '参数有误', 'bad parameter', 'steel', 'rate'), 'bad_parameter', 'steel'],
    ['NowcastError', new NowcastError('no_base', '缺少上年同期数', 'no prior-year figure', 'trade_total', 2026), 'no_base', 'trade_total'],
    ['BriefingError', new BriefingError('汇报材料至少需要一个情景', 'a briefing needs at least one scenario'), 'invalid', undefined],
    ['ReadError', new ReadError('文件已损坏', 'The file is damaged'), 'unreadable', 'file'],
    ['SheetReadError', new SheetReadError('too_large', '文件过大', 'File too large', 'content'), 'too_large', 'content'],
    [
      'ApiCallError',
      new ApiCallError('scenarios:get', {
        code: 'not_found',
        message_zh: '找不到情景',
        message_en: 'No such scenario',
        path: 'id',
        message: 'No such scenario',
      }),
      'not_found',
      'id',
    ],
    [
      'SimulationError',
      new SimulationError({
        name: 'ModelError',
        message: 'bad',
        message_zh: '有误',
        code: 'bad_parameter',
        subject: 'gdp',
        parameter: 'rate',
      }),
      'bad_parameter',
      'gdp',
    ],
  ];
  for (const [name, err, code, path] of cases) {
    it(name, () => {
      expect(err).toBeInstanceOf(StudioError);
      expect(err.name).toBe(name);
      expect(err.code).toBe(code);
      expect(err.message_zh).toMatch(/[\u4e00-\u9fff]/);
      expect(err.message_en).not.toMatch(/[\u4e00-\u9fff]/);
      expect(err.message).toBe(err.message_en);
      expect(err.path).toBe(path);
      const body = toErrorBody(err);
      expect(Object.keys(body).slice(0, 3)).toEqual(['code', 'message_zh', 'message_en']);
      expect([body.code, body.message_zh, body.message_en, body.path]).toEqual([code, err.message_zh, err.message_en, path]);
    });
  }

  it('a briefing without scenarios is refused with a StudioError the contract carries', () => {
    let caught: unknown;
    try {
      checkInput({ plan: { targets: [] }, scenarios: [] } as never);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(BriefingError);
    expect(toErrorBody(caught)).toMatchObject({ code: 'invalid', message_zh: '汇报材料至少需要一个情景' });
  });
});
