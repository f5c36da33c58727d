/**
 * The renderer's only way to the backend: a typed client over the one contract. Two transports:
 * Electron's preload bridge (`window.studio.invoke`) and the loopback web host (POST /api/<channel>
 * with the per-launch token). Components get the client from ApiContext, never from globals.
 */
import { StudioError } from '../../../models/errors';
import type { ApiErrorBody, Channel, Envelope, Req, Res } from '../../../contract';
import type { StudioBridge } from '../../../electron/common/studio-bridge';

/** An error the API answered with, as a StudioError of the renderer's side (code, zh, en, path). */
export class ApiCallError extends StudioError {
  readonly body: ApiErrorBody;
  readonly channel: string;
  constructor(channel: string, body: ApiErrorBody) {
    super(body.code, body.message_zh, body.message_en || body.message, body.path, body.details);
    this.name = 'ApiCallError';
    this.body = body;
    this.channel = channel;
  }
  /** The message in the user's language. */
  localized(language: string): string {
    return language.startsWith('zh') ? this.body.message_zh : this.body.message_en;
  }
}

export interface ApiClient {
  call<C extends Channel>(channel: C, request: Req<C>): Promise<Res<C>>;
  readonly transport: 'ipc' | 'http';
}

type Invoke = (channel: string, request: unknown) => Promise<Envelope<unknown>>;

function fromInvoke(invoke: Invoke, transport: ApiClient['transport']): ApiClient {
  return {
    transport,
    async call(channel, request) {
      const envelope = await invoke(channel, request);
      if (!envelope.ok) throw new ApiCallError(channel, envelope.error);
      return envelope.value as never;
    },
  };
}

function createIpcClient(bridge: Pick<StudioBridge, 'invoke'>): ApiClient {
  return fromInvoke((channel, request) => bridge.invoke(channel, request), 'ipc');
}

function createHttpClient(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch): ApiClient {
  return fromInvoke(async (channel, request) => {
    let response: Response;
    try {
      const body = JSON.stringify(request ?? {});
      response = await fetchImpl(`${baseUrl}/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Studio-Token': token },
        body,
        // a save sent as the page goes (autosave's flush on pagehide) must outlive it; browsers
        // allow keepalive only for bodies up to 64 KiB (20,000 UTF-16 units are at most 60 KB of
        // UTF-8), so uploads go without it
        keepalive: body.length <= 20_000,
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return {
        ok: false,
        error: {
          code: 'offline',
          message,
          message_zh: `无法连接本机服务：${message}`,
          message_en: `Cannot reach the local service: ${message}`,
        },
      };
    }
    try {
      return (await response.json()) as Envelope<unknown>;
    } catch {
      return {
        ok: false,
        error: {
          code: 'bad_response',
          message: `HTTP ${response.status}`,
          message_zh: `服务返回了无法读取的响应 (HTTP ${response.status})`,
          message_en: `The service returned an unreadable response (HTTP ${response.status})`,
        },
      };
    }
  }, 'http');
}

const TOKEN_KEY = 'studio.token';

/** Picks the transport for this window: the Electron bridge if present, else the web host. */
export function createDefaultClient(win: Window & { studio?: StudioBridge }): ApiClient {
  if (win.studio) return createIpcClient(win.studio);
  const match = /(?:^#|&)token=([^&]+)/.exec(win.location.hash);
  if (match) {
    win.sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
  }
  const token = win.sessionStorage.getItem(TOKEN_KEY) ?? '';
  return createHttpClient(win.location.origin, token);
}
