/**
 * Atomic file writes: the bytes go to a temporary file beside the target, are flushed to disk,
 * and the temporary file is renamed over the target, so a reader (or a USB stick pulled out)
 * never sees half a file. On failure the temporary file is removed.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

function tempPathFor(file: string): string {
  const dir = path.dirname(path.resolve(file));
  return path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const target = path.resolve(file);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = tempPathFor(target);
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(tmp, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(tmp, target);
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}
