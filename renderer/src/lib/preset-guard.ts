/**
 * The ask-first guard on the plan's presets (基准情景, 乐观情景, 保守情景): the first edit of a
 * preset asks whether to save the change as a new child scenario instead. "Change the preset
 * anyway" lets edits of that preset through until the planner leaves it; "don't ask again" lets
 * every preset through for the rest of this page session only (memory, never stored).
 * Pure state, no DOM: unit-testable.
 */
export interface GuardedScenario {
  id: string;
  preset_id: string | null;
  frozen: boolean;
}

export class PresetGuard {
  private allowed = new Set<string>();
  private silenced = false;

  /** Does an edit of this scenario need asking first? Frozen versions are read-only anyway. */
  needsAsking(s: GuardedScenario | null | undefined): boolean {
    if (!s || s.frozen || s.preset_id === null) return false;
    return !this.silenced && !this.allowed.has(s.id);
  }

  /** "仍然修改预设": edits of this preset go through until `leave` (or for the session when `forSession`). */
  allow(id: string, forSession: boolean): void {
    if (forSession) this.silenced = true;
    else this.allowed.add(id);
  }

  /** The planner left the preset (switched scenario, left the workbench): ask again next time. */
  leave(id: string): void {
    this.allowed.delete(id);
  }
}

/** The one guard of this page session. */
export const presetGuard = new PresetGuard();
