/**
 * The real API on a fresh SQLite file in a temporary folder, for integration tests: `call` goes
 * through the contract's dispatch as the CLI does and throws the English message on a refusal;
 * `env` gives the envelope itself (for tests of refusals). Registers its own beforeAll/afterAll;
 * `dir()` is the test's folder (removed afterwards), `dbPath()` the database in it. `options`
 * go to createApi (a PDF renderer, a plan).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createApi, type Api } from '../../api/handlers';
import type { Channel, Envelope, Req, Res } from '../../contract';
import { dispatch } from '../../contract';

type ApiOptions = Omit<Parameters<typeof createApi>[0], 'dbPath' | 'host'> & { perTest?: boolean };

export function useApiFixture(prefix: string, { perTest = false, ...options }: ApiOptions = {}) {
  let dir = '';
  let api: Api | null = null;
  const open = () => createApi({ ...options, dbPath: path.join(dir, 'studio.sqlite'), host: 'cli' });
  (perTest ? beforeEach : beforeAll)(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `studio-${prefix}-`));
    api = open();
  });
  (perTest ? afterEach : afterAll)(() => {
    api?.close();
    api = null;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const env = <C extends Channel>(channel: C, req: Req<C>): Promise<Envelope<Res<C>>> =>
    dispatch(api!.handlers, channel, req, { host: 'cli' }) as Promise<Envelope<Res<C>>>;
  return {
    dir: () => dir,
    dbPath: () => path.join(dir, 'studio.sqlite'),
    api: () => api!,
    close: () => {
      api?.close();
      api = null;
    },
    reopen: () => {
      api?.close();
      api = open();
    },
    env,
    async call<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
      const e = await env(channel, req);
      if (!e.ok) throw new Error(`${channel}: ${e.error.message_en}`);
      return e.value;
    },
  };
}
