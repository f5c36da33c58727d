/** The edits of the assumptions on 指标工作台: autosave, the preset guard, the frame throttle. */
import type { Dispatch, SetStateAction } from 'react';
import type { Res } from '../../../../contract';
import type { QueryState } from '../../state/query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Assumption } from '../../../../models/schema';
import { useApi } from '../../state/api-context';
import { sameAssumption, toAssumptionInput } from '../../lib/assumptions';
import { Autosave, flushOnLeave } from '../../lib/autosave';
import { presetGuard } from '../../lib/preset-guard';
import { useApp, useSetSaveState, useToast } from '../../state/app';

/**
 * The planner's edits of the scenario's assumptions: saved ~600 ms after the last movement (flushed
 * on leave), a preset asked about first (the edits wait while the dialog is open), throttled to
 * one render per animation frame, dropped once the saved scenario shows them.
 */
export function useAssumptionEdits(
  scenarioId: string | null,
  readOnly: boolean,
  resolved: QueryState<Res<'scenarios:resolve'>>,
  setEdits: Dispatch<SetStateAction<Record<string, Assumption>>>,
) {
  const { t } = useTranslation();
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const setSaveState = useSetSaveState();
  // -- autosave per scenario ------------------------------------------------------------------------
  const autosave = useMemo(() => {
    if (!scenarioId) return null;
    return new Autosave<Assumption>({
      delay: 600,
      save: async (items) => {
        const now = new Date().toISOString();
        await client.call('scenarios:setAssumptions', {
          id: scenarioId,
          assumptions: items.map((a) => toAssumptionInput(a, app.settings.user_name, now)),
        });
        await app.invalidate();
      },
      onState: (s, err) => {
        setSaveState(s);
        if (s === 'error' && err) toast.error(err, t('save.failed'));
      },
    });
  }, [scenarioId, client]);
  useEffect(() => {
    if (!autosave) return;
    const unregister = app.registerFlush(() => autosave.flush());
    // nothing dragged is lost on reload, close or a page switched away from
    const unlisten = flushOnLeave(() => autosave.flush(), window, document);
    return () => {
      unregister();
      unlisten();
      autosave.flush().catch(() => undefined);
    };
  }, [autosave]);
  useEffect(() => {
    setEdits({});
    // leaving a preset: its next edit asks again (unless "don't ask again" this session)
    return () => {
      if (scenarioId) presetGuard.leave(scenarioId);
    };
  }, [scenarioId]);

  // -- ask first before a preset is changed (edits wait here while the dialog is open) ---------------
  const currentRef = useRef(app.current);
  currentRef.current = app.current;
  const askPending = useRef<Record<string, Assumption>>({});
  const [asking, setAsking] = useState(false);

  // drop edits once the saved scenario shows them
  useEffect(() => {
    const r = resolved.data;
    if (!r || !autosave) return;
    setEdits((prev) => {
      const pending = new Set(autosave.pendingKeys());
      let changed = false;
      const next: Record<string, Assumption> = {};
      for (const [k, v] of Object.entries(prev)) {
        if (!pending.has(k) && autosave.saveState !== 'saving' && r.assumptions[k] && sameAssumption(v, r.assumptions[k])) {
          changed = true;
          continue;
        }
        next[k] = v;
      }
      return changed ? next : prev;
    });
  }, [resolved.data, autosave]);

  // -- rAF-throttled edits: the first edit of a frame applies at once (inside the input event,
  // so React renders it synchronously); more edits in the same frame wait for the next frame.
  const queued = useRef<Record<string, Assumption>>({});
  const frame = useRef(0);
  const edit = useCallback(
    (a: Assumption) => {
      if (readOnly || !autosave) return;
      if (presetGuard.needsAsking(currentRef.current)) {
        askPending.current = { ...askPending.current, [a.series]: a };
        setAsking(true);
        return;
      }
      autosave.push(a.series, a);
      if (!frame.current) {
        setEdits((prev) => ({ ...prev, [a.series]: a }));
        const tick = () => {
          const batch = queued.current;
          queued.current = {};
          if (Object.keys(batch).length === 0) {
            frame.current = 0;
            return;
          }
          setEdits((prev) => ({ ...prev, ...batch }));
          frame.current = requestAnimationFrame(tick);
        };
        frame.current = requestAnimationFrame(tick);
        return;
      }
      queued.current[a.series] = a;
    },
    [readOnly, autosave],
  );
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  return { autosave, edit, asking, setAsking, askPending };
}
