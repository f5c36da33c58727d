/** Types shared by the parts of 情景管理 (screens/ScenarioManager.tsx). */
import type { ScenarioMeta } from '../../../../contract';

/** The dialog open on the screen, if any. */
export type DialogState =
  | { kind: 'create'; parent: string | null }
  | { kind: 'clone'; source: ScenarioMeta }
  | { kind: 'freeze'; scenario: ScenarioMeta }
  | { kind: 'emptyTrash' }
  | null;

/** Runs a call with the screen busy, refreshes the app and toasts `done`'s message (errors toasted). */
export type Run = <T>(fn: () => Promise<T>, done?: (v: T) => string | null) => Promise<T | undefined>;
