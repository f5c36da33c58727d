/**
 * UI actions: the application menu's ids (electron/common/menu-actions.ts) plus a few of the
 * renderer's own, dispatched from the keyboard, the native menu (window.studio.onMenuAction) and
 * buttons through one small bus, so every route does the same thing.
 */
import { createContext, useContext, useEffect, useRef } from 'react';
import type { MenuAction } from '../../../electron/common/menu-actions';

/** Renderer-only actions (no menu item): Ctrl+F focuses the current screen's search box. */
export type LocalAction = 'focus.search';
export type UiAction = MenuAction | LocalAction;

export class ActionBus {
  private listeners = new Set<(a: UiAction) => boolean | void>();
  /** Returns true when a listener handled the action. */
  emit(action: UiAction): boolean {
    let handled = false;
    for (const l of [...this.listeners]) if (l(action) === true) handled = true;
    return handled;
  }
  on(fn: (a: UiAction) => boolean | void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}

export const ActionBusContext = createContext<ActionBus>(new ActionBus());

/** Subscribes a screen to actions while it is mounted; return true from the handler when handled. */
export function useUiAction(handler: (a: UiAction) => boolean | void): void {
  const bus = useContext(ActionBusContext);
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => bus.on((a) => ref.current(a)), [bus]);
}

export function useActionBus(): ActionBus {
  return useContext(ActionBusContext);
}

/** Whether the keyboard focus is in a text field (where Ctrl+Z is the field's own undo). */
export function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  if (el instanceof HTMLInputElement) {
    const textTypes = ['text', 'search', 'number', 'email', 'url', 'tel', 'password', 'date', ''];
    return textTypes.includes(el.type) && !el.readOnly && !el.disabled;
  }
  return (el as HTMLElement).isContentEditable === true;
}
