/**
 * The contract layer: channels, request schemas, response types, error codes and bodies,
 * `ApiError`, the settings schema and `dispatch`. Imports only models/ and zod; every host
 * (Electron's utility process, the web host, the CLI) and the renderer's client import it.
 */
export * from './channels';
export * from './dispatch';
export * from './errors';
export * from './settings';
export type * from './types';
export { MAPPING_FIELDS, YTD_SHEET_FIELDS } from './types';
