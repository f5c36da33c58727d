/** Saved projections of other scenarios, for overlays on the trajectory chart. */
import { useEffect, useState } from 'react';
import { type ProjectionResult } from '../../../../models/types';
import { useApi } from '../../state/api-context';
import { useApp } from '../../state/app';

export function useOverlayProjections(ids: string[]): Record<string, ProjectionResult> {
  const app = useApp();
  const client = useApi();
  const [out, setOut] = useState<Record<string, ProjectionResult>>({});
  const v = app.version.value;
  const key = ids.join(',');
  useEffect(() => {
    let alive = true;
    if (ids.length === 0) return;
    void Promise.all(
      ids.map((id) =>
        client.call('projection:run', { id }).then(
          (r) => [id, r] as const,
          () => null,
        ),
      ),
    ).then((pairs) => {
      if (!alive) return;
      const next: Record<string, ProjectionResult> = {};
      for (const p of pairs) if (p) next[p[0]] = p[1];
      setOut(next);
    });
    return () => {
      alive = false;
    };
  }, [key, v, client]);
  return out;
}
