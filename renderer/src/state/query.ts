/**
 * A small query cache over the API client: results keyed by channel + request, refetched when
 * the data version changes (after any mutation), stale data kept on screen while refetching.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Channel, Req, Res } from '../../../contract';
import type { ApiClient } from '../lib/api-client';
import { useApi } from './api-context';

interface Entry {
  version: number;
  promise: Promise<unknown> | null;
  data: unknown;
  error: unknown;
  hasData: boolean;
}

/** The data version: bumped after every mutation, so every query refetches. */
export class DataVersion {
  private v = 0;
  private listeners = new Set<() => void>();
  readonly cache = new Map<string, Entry>();
  get value(): number {
    return this.v;
  }
  bump(): void {
    this.v += 1;
    for (const l of [...this.listeners]) l();
  }
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getSnapshot = (): number => this.v;
}

export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

export function useQuery<C extends Channel>(version: DataVersion, channel: C, request: Req<C> | null): QueryState<Res<C>> {
  const client = useApi();
  const v = useSyncExternalStore(version.subscribe, version.getSnapshot);
  const key = request === null ? null : `${channel}|${JSON.stringify(request)}`;
  const [, force] = useState(0);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const entry = key ? version.cache.get(key) : undefined;
  const needsFetch = key !== null && (!entry || (entry.version !== v && !entry.promise));

  useEffect(() => {
    if (!key || !needsFetch) return;
    void fetchInto(client, version, key, channel, request as Req<C>, v).finally(() => {
      if (alive.current) force((n) => n + 1);
    });
  }, [key, needsFetch, v, client, version, channel, request]);

  const reload = useCallback(() => version.bump(), [version]);
  const current = key ? version.cache.get(key) : undefined;
  return {
    data: current?.hasData ? (current.data as Res<C>) : undefined,
    error: current?.error,
    loading: key !== null && (!current || current.promise !== null || current.version !== v),
    reload,
  };
}

async function fetchInto<C extends Channel>(
  client: ApiClient,
  version: DataVersion,
  key: string,
  channel: C,
  request: Req<C>,
  v: number,
): Promise<void> {
  const prev = version.cache.get(key);
  const entry: Entry = prev ?? { version: -1, promise: null, data: undefined, error: undefined, hasData: false };
  const promise = client.call(channel, request);
  entry.promise = promise;
  version.cache.set(key, entry);
  try {
    const data = await promise;
    entry.data = data;
    entry.hasData = true;
    entry.error = undefined;
  } catch (err) {
    entry.error = err;
  } finally {
    entry.promise = null;
    entry.version = v;
  }
}
