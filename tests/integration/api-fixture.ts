/**
 * The real API on a fresh SQLite file in a temporary folder, for integration tests: `call` goes
 * through the contract's dispatch as the CLI does and throws the English message on a refusal.
 * Registers its own beforeAll/afterAll; `dir()` is the test's folder (removed afterwards).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createApi, type Api } from '../../api/handlers';
import type { Channel, Req, Res } from '../../contract';
import { dispatch } from '../../contract';

export function useApiFixture(prefix: string) {
  let dir = '';
  let api: Api | null = null;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `studio-${prefix}-`));
    api = createApi({ dbPath: path.join(dir, 'studio.sqlite'), host: 'cli' });
  });
  afterAll(() => {
    api?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    api: () => api!,
    async call<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
      const env = await dispatch(api!.handlers, channel, req, { host: 'cli' });
      if (!env.ok) throw new Error(`${channel}: ${env.error.message_en}`);
      return env.value as Res<C>;
    },
  };
}
