/**
 * `npm run web [-- --db PATH] [-- --port N]`: starts the loopback web host and prints its full
 * address, token included, on a line of its own. Opens nothing else.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPdf } from '../api/chromium-pdf';
import { createApi } from '../api/handlers';
import { offloadLongWork } from '../api/offload';
import { defaultDbPath } from '../scenarios/paths';
import { parseArgs, ArgError } from '../scenarios/args';
import { startWebHost } from './server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2), { db: 'string', plan: 'string', port: 'number', help: 'boolean' });
  } catch (err) {
    if (err instanceof ArgError) {
      console.error(`参数错误 / Bad argument: ${err.message_zh} / ${err.message_en}`);
      process.exit(2);
    }
    throw err;
  }
  if (opts.flags.help) {
    console.log('用法 / usage: npm run web -- [--db PATH] [--plan FILE] [--port N]');
    return;
  }
  const port = opts.flags.port as number | undefined;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    console.error(`参数错误 / Bad argument: --port 应为 0–65535 的整数 / --port must be a whole number 0-65535`);
    process.exit(2);
  }
  const dbPath = (opts.flags.db as string | undefined) ?? defaultDbPath();
  let api;
  try {
    api = createApi({ dbPath, planFile: opts.flags.plan as string | undefined, host: 'web', renderPdf: chromiumPdf });
  } catch (err) {
    const e = err as { message_zh?: string; message?: string; code?: string; details?: { latestBackup?: string | null } };
    console.error(`无法打开数据库 / Cannot open the database ${dbPath}: ${e.message_zh ?? ''} ${e.message ?? ''}`);
    // a damaged file, or one gone while its backups remain: offer the newest backup
    if ((e.code === 'corrupt' || e.code === 'not_found') && e.details?.latestBackup) {
      console.error(
        `恢复最新备份 / to restore the latest backup:\n  npm run -s cli -- backups restore --latest --db "${dbPath}"\n（现有文件会被保留 / the file in place, if any, is kept）`,
      );
    }
    process.exit(1);
  }
  // simulations, exports and table imports in a worker thread, so other requests go on meanwhile
  const offloaded = offloadLongWork(api, { host: 'web', pdf: 'chromium' });
  const host = await startWebHost({
    handlers: offloaded.handlers,
    staticDir: path.join(root, 'dist', 'renderer'),
    port,
  });
  console.log(`咸宁新质生产力规划情景工作室 web host · ${api.plan.title_zh} · database ${api.store.path}`);
  for (const w of api.store.warnings) console.warn(`注意 / Note: ${w.message_zh}\n  ${w.message_en}`);
  console.log(host.launchUrl);
  const stop = async () => {
    await host.close();
    await offloaded.close();
    api.close();
    process.exit(0);
  };
  // Last resort: a fault that escapes every request guard is logged and the host keeps serving
  // (a planner's open page must not lose its backend to one bad request).
  process.on('uncaughtException', (err) => console.error(`web host: unexpected error kept the host running: ${err.stack ?? String(err)}`));
  process.on('unhandledRejection', (err) => console.error(`web host: unhandled rejection: ${String(err)}`));
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
