/**
 * The only file that touches ipcMain: the IPC relay. One `ipcMain.handle` per API contract
 * channel (CHANNELS), plus the desktop-only file dialogs. Every message is checked first: it must
 * come from the main frame of our window, showing our own origin (`app://studio`, or the dev
 * server in dev); anything else gets a 'forbidden' envelope. A checked request is relayed to the
 * API's utility process (api-process.ts), where `dispatch` validates it with the contract's zod
 * schema and runs the handler; the envelope comes back as it is.
 */
import { app, dialog, ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CHANNELS, errorBody, type ApiErrorBody, type AppSettings, type Channel, type Envelope } from '../../contract';
import type { HostChannels, OpenFileResult, SaveFileResult } from '../common/studio-bridge';
import { checkOpenedFileSize, checkOpenFileRequest, checkSaveFileRequest, extensionOf, filtersFor } from './dialog-requests';
import type { DialogProblem } from './dialog-requests';
import { isTrustedSender } from './trusted-url';

const SAVE_FILE: HostChannels['saveFile'] = 'dialog:saveFile';
const OPEN_FILE: HostChannels['openFile'] = 'dialog:openFile';
const FLUSHED: HostChannels['flushed'] = 'app:flushed';

export interface IpcSetup {
  /** relays one checked request to the API (the utility process) and resolves with its envelope. */
  call: (channel: Channel, request: unknown) => Promise<Envelope<unknown>>;
  /** Our one window; messages from any other webContents are refused. */
  getWindow: () => BrowserWindow | null;
  /** The dev server origin when running against Vite (never when packaged), else null. */
  devUrl: string | null;
  /** The UI language, for dialog titles and filter names. */
  getLanguage: () => 'zh-CN' | 'en';
  /** Called after a successful `settings:set` (the menu follows the language). */
  onSettingsChanged?: (settings: AppSettings) => void;
  /** The renderer saved its pending edits for the flush request `id` (before the window closes). */
  onFlushed?: (id: number) => void;
}

function fail(code: string, message_zh: string, message_en: string): { ok: false; error: ApiErrorBody } {
  return { ok: false, error: errorBody(code, message_zh, message_en) };
}

const forbidden = (): { ok: false; error: ApiErrorBody } =>
  fail('forbidden', '请求来源不受信任，已拒绝', 'Request refused: untrusted sender');

const problem = (p: DialogProblem): { ok: false; error: ApiErrorBody } => fail(p.code, p.message_zh, p.message_en);

function ioError(err: unknown): { ok: false; error: ApiErrorBody } {
  const code = (err as { code?: unknown })?.code;
  const detail = typeof code === 'string' ? code : err instanceof Error ? err.message : String(err);
  return fail('io_error', `读写文件失败（${detail}）`, `Could not read or write the file (${detail})`);
}

/** Registers every handler; returns a function that removes them again. */
export function registerIpc(setup: IpcSetup): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const win = setup.getWindow();
    if (!win || win.isDestroyed()) return false;
    const contents = win.webContents;
    if (event.sender !== contents) return false;
    const frame = event.senderFrame;
    if (!frame) return false;
    const main = contents.mainFrame;
    if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
    return isTrustedSender(frame.url, setup.devUrl);
  };

  const refuse = (event: IpcMainInvokeEvent, channel: string): { ok: false; error: ApiErrorBody } => {
    const url = event.senderFrame?.url ?? '(no frame)';
    console.warn(`[ipc] refused ${channel} from ${url.slice(0, 200)}`);
    return forbidden();
  };

  const registered: string[] = [];

  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, request: unknown): Promise<Envelope<unknown>> => {
      if (!trusted(event)) return refuse(event, channel);
      const result = await setup.call(channel, request);
      if (channel === 'settings:set' && result.ok && setup.onSettingsChanged) {
        try {
          setup.onSettingsChanged(result.value as AppSettings);
        } catch (err) {
          console.error('[ipc] onSettingsChanged failed', err);
        }
      }
      return result;
    });
    registered.push(channel);
  }

  ipcMain.handle(SAVE_FILE, async (event, request: unknown): Promise<Envelope<SaveFileResult>> => {
    if (!trusted(event)) return refuse(event, SAVE_FILE);
    const checked = checkSaveFileRequest(request);
    if (!checked.ok) return problem(checked.problem);
    const { defaultName, extension, data, bytes } = checked.value;
    const lang = setup.getLanguage();
    const options: SaveDialogOptions = {
      title: lang === 'zh-CN' ? '保存文件' : 'Save file',
      defaultPath: path.join(app.getPath('documents'), defaultName),
      filters: extension ? filtersFor([extension], lang) : [],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const win = setup.getWindow();
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return { ok: true, value: null };
    const target = result.filePath;
    // Write next to the target, then rename: a failed write never leaves half a file behind.
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await fs.writeFile(temp, data, typeof data === 'string' ? { encoding: 'utf8', flag: 'wx' } : { flag: 'wx' });
      await fs.rename(temp, target);
    } catch (err) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      return ioError(err);
    }
    return { ok: true, value: { name: path.basename(target), bytes } };
  });
  registered.push(SAVE_FILE);

  ipcMain.handle(OPEN_FILE, async (event, request: unknown): Promise<Envelope<OpenFileResult>> => {
    if (!trusted(event)) return refuse(event, OPEN_FILE);
    const checked = checkOpenFileRequest(request);
    if (!checked.ok) return problem(checked.problem);
    const { extensions } = checked.value;
    const lang = setup.getLanguage();
    const options: OpenDialogOptions = {
      title: lang === 'zh-CN' ? '打开文件' : 'Open file',
      defaultPath: app.getPath('documents'),
      filters: filtersFor(extensions, lang),
      properties: ['openFile'],
    };
    const win = setup.getWindow();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const file = result.filePaths[0];
    if (result.canceled || !file) return { ok: true, value: null };
    const ext = extensionOf(path.basename(file));
    if (!ext || !extensions.includes(ext)) {
      return fail(
        'invalid',
        `只能打开以下类型的文件：${extensions.join('、')}`,
        `Only these file types can be opened: ${extensions.join(', ')}`,
      );
    }
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) return fail('invalid', '所选项目不是文件', 'The selection is not a file');
      const size = checkOpenedFileSize(stat.size);
      if (!size.ok) return problem(size.problem);
      const content = await fs.readFile(file);
      const sizeAfter = checkOpenedFileSize(content.byteLength);
      if (!sizeAfter.ok) return problem(sizeAfter.problem);
      return { ok: true, value: { name: path.basename(file), content: new Uint8Array(content) } };
    } catch (err) {
      return ioError(err);
    }
  });
  registered.push(OPEN_FILE);

  ipcMain.handle(FLUSHED, (event, id: unknown): Envelope<null> => {
    if (!trusted(event)) return refuse(event, FLUSHED);
    if (typeof id === 'number' && Number.isInteger(id)) setup.onFlushed?.(id);
    return { ok: true, value: null };
  });
  registered.push(FLUSHED);

  return () => {
    for (const channel of registered) ipcMain.removeHandler(channel);
  };
}
