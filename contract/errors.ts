/**
 * Errors across the contract. Electron keeps only an Error's message across IPC, so errors travel
 * as data: an envelope `{ok: false, error: {code, message_zh, message_en, path}}`, those four
 * always first and in that order (then `details`, and `message`, the English text, for callers
 * that read only that).
 */
import { StudioError } from '../models/errors';

/**
 * The codes the API answers with. Hosts add their own transport codes (forbidden_host,
 * bad_json ...); handlers may throw any StudioError code, so the body's `code` stays a string.
 */
export const ERROR_CODES = [
  'invalid',
  /** a number outside its plausible range (models/plausibility.ts): refused, nothing stored */
  'implausible',
  /** values far from what is known: nothing stored until the request comes again with confirm: true */
  'needs_confirmation',
  'unknown_channel',
  'not_found',
  'frozen',
  'conflict',
  'corrupt',
  'future_version',
  'read_only',
  'disk_full',
  'io',
  'too_large',
  'unsupported',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: string;
  message_zh: string;
  message_en: string;
  /** where the problem is: a field path such as `assumptions[2].model.rate`. */
  path?: string;
  details?: unknown;
  /** the English message again, for callers that read only `message`. */
  message: string;
}
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** The one constructor of an error body: the fields in their one order. */
export function errorBody(code: string, message_zh: string, message_en: string, path?: string, details?: unknown): ApiErrorBody {
  const body: ApiErrorBody = { code, message_zh, message_en } as ApiErrorBody;
  if (path !== undefined) body.path = path;
  if (details !== undefined) body.details = details;
  body.message = message_en;
  return body;
}

/** An error a handler throws on purpose. */
export class ApiError extends StudioError {
  constructor(code: string, message_zh: string, message_en: string, path?: string, details?: unknown) {
    super(code, message_zh, message_en, path, details);
    this.name = 'ApiError';
  }
}
