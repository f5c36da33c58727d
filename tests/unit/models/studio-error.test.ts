/**
 * One error base class for every layer (issue 14 item 7): code, message_zh, message_en, path,
 * in that order in the constructor and in the envelope that carries the error.
 */
import { describe, expect, it } from 'vitest';
import { ArgError, parseArgs } from '../../../scenarios/args';
import { ApiError, dispatch, errorBody, toErrorBody, type Handlers } from '../../../contract';
import { StudioError } from '../../../models/errors';
import { IndicatorImportError } from '../../../scenarios/plan/indicator-import';
import { invalid, StoreError } from '../../../scenarios/store/errors';

const ORDER = ['code', 'message_zh', 'message_en', 'path'];

describe('StudioError', () => {
  it('takes code, message_zh, message_en, path in that order', () => {
    const e = new StudioError('invalid', '基期值无效', 'bad base value', 'assumptions[0].base_value', { n: 1 });
    expect([e.code, e.message_zh, e.message_en, e.path, e.details]).toEqual([
      'invalid',
      '基期值无效',
      'bad base value',
      'assumptions[0].base_value',
      { n: 1 },
    ]);
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('bad base value');
  });

  it('is the base of the store, API, CLI argument and plan import errors', () => {
    const store = invalid('名称不能为空', 'name must not be empty', 'name');
    const api = new ApiError('not_found', '找不到', 'not found', 'id');
    const arg = (() => {
      try {
        parseArgs(['--nope'], {});
      } catch (err) {
        return err;
      }
    })();
    const table = new IndicatorImportError('表格为空', 'the sheet is empty');
    for (const e of [store, api, arg, table]) expect(e).toBeInstanceOf(StudioError);
    expect(store).toBeInstanceOf(StoreError);
    expect(arg).toBeInstanceOf(ArgError);
    expect((arg as ArgError).code).toBe('bad_argument');
    expect((arg as ArgError).path).toBe('--nope');
    // the store keeps both languages in `message` (it crosses process boundaries), and its field as the path
    expect(store.message).toBe('名称不能为空 / name must not be empty');
    expect(store.path).toBe('name');
    expect(new StoreError('io', '读写失败', 'I/O error', 'backups[0]', { cause: 'EIO' }).path).toBe('backups[0]');
  });

  it('crosses into the envelope with its fields first and in order', async () => {
    const body = toErrorBody(new StoreError('invalid', '无效', 'invalid', { field: 'tags[0]' }));
    expect(Object.keys(body).slice(0, 4)).toEqual(ORDER);
    expect(body).toMatchObject({ code: 'invalid', message_zh: '无效', message_en: 'invalid', path: 'tags[0]', message: 'invalid' });
    expect(Object.keys(errorBody('x', '中', 'en'))).toEqual(['code', 'message_zh', 'message_en', 'message']);

    const handlers = {
      'settings:get': () => {
        throw new ApiError('frozen', '已冻结', 'frozen', 'id');
      },
    } as unknown as Handlers;
    const env = await dispatch(handlers, 'settings:get', {}, { host: 'cli' });
    expect(env.ok).toBe(false);
    if (!env.ok) expect(Object.keys(env.error).slice(0, 4)).toEqual(ORDER);
    const refused = await dispatch(handlers, 'settings:get', { nope: 1 }, { host: 'cli' });
    if (!refused.ok) expect(Object.keys(refused.error).slice(0, 4)).toEqual(ORDER);
  });
});
