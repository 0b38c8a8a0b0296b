/**
 * The one way the mini-program loads server data. A query names what it reads (`key`) and how (`fetch`);
 * every screen that asks for the same key shares one entry, so a change made in one place (a lesson marked
 * read) shows everywhere. An entry keeps its last good answer while it refreshes, and optionally in storage
 * (`persist`), so on a slow or dropped rural connection a page shows at once what the resident saw last time.
 *
 * Failures: the network (NETWORK) or the server falling over (INTERNAL) keep what is shown, with the error
 * beside it; a refusal (NOT_FOUND, FORBIDDEN, …) clears it, because the old answer is no longer true.
 * Client state that is not server data (the quiz in progress, the font size) stays in zustand stores.
 */
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { CallFail, CallResult } from '../api/callFunction';
import { loadJson, saveJson } from '../platform/storage';

export interface Query<T> {
  /** What is read, e.g. `home` or `lesson:l-xianfa-01`; screens asking for the same key share the answer. */
  key: string;
  fetch: () => Promise<CallResult<T>>;
  /** Keep the last good answers in storage under `pufa.cache.<group>` (the `keep` most recent keys, default 1). */
  persist?: { group: string; keep?: number };
}

export interface ServerData<T> {
  data: T | null;
  error: CallFail | null;
  loading: boolean;
  /** `data` is the stored copy from an earlier visit: the server has not confirmed it yet. */
  fromCache: boolean;
}

interface Entry<T> extends ServerData<T> {
  startedAt: number;
  inFlight: Promise<ServerData<T>> | null;
  /** Asked for at app start (prefetchServerData): the first screen to show it takes it without asking again. */
  prefetched: boolean;
}

const EMPTY: ServerData<never> = { data: null, error: null, loading: false, fromCache: false };
const entries = new Map<string, Entry<unknown>>();
const listeners = new Map<string, Set<() => void>>();

/** Errors after which what was shown stays shown (it may still be true). */
export const keepsData = (error: CallFail) => error.code === 'NETWORK' || error.code === 'INTERNAL';
/** Errors where trying again can help; the others need a way out instead. */
export const canRetry = (error: CallFail) => !['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND', 'DAILY_LIMIT', 'NOT_AVAILABLE'].includes(error.code);

type Stored = { key: string; data: unknown }[];
const storageKey = (group: string) => `pufa.cache.${group}`;

function readStored<T>(q: Pick<Query<T>, 'key' | 'persist'>): T | null {
  if (!q.persist) return null;
  const hit = (loadJson<Stored>(storageKey(q.persist.group)) ?? []).find((s) => s && s.key === q.key);
  return hit ? (hit.data as T) : null;
}
function writeStored<T>(q: Pick<Query<T>, 'key' | 'persist'>, data: T): void {
  if (!q.persist) return;
  const list = (loadJson<Stored>(storageKey(q.persist.group)) ?? []).filter((s) => s && s.key !== q.key);
  saveJson(storageKey(q.persist.group), [{ key: q.key, data }, ...list].slice(0, q.persist.keep ?? 1));
}

function entryOf<T>(key: string): Entry<T> {
  let e = entries.get(key) as Entry<T> | undefined;
  if (!e) {
    e = { ...EMPTY, startedAt: 0, inFlight: null, prefetched: false };
    entries.set(key, e as Entry<unknown>);
  }
  return e;
}
function patch<T>(key: string, next: Partial<Entry<T>>): void {
  entries.set(key, { ...entryOf<T>(key), ...next } as Entry<unknown>);
  listeners.get(key)?.forEach((l) => l());
}

/** What is known about a key right now (also outside React, e.g. in tests). */
export function peekServerData<T>(key: string): ServerData<T> {
  const { data, error, loading, fromCache } = entryOf<T>(key);
  return { data, error, loading, fromCache };
}

/**
 * Asks the server (joining a request already on its way). Until it answers, the stored copy is shown if there
 * is nothing in memory yet.
 */
export function loadServerData<T>(q: Query<T>): Promise<ServerData<T>> {
  const current = entryOf<T>(q.key);
  if (current.inFlight) return current.inFlight;
  const stored = current.data === null ? readStored(q) : null;
  const seed: Partial<Entry<T>> = stored !== null ? { data: stored as T, fromCache: true } : {};
  patch<T>(q.key, { ...seed, loading: true, error: null, startedAt: Date.now() });
  const run = (async (): Promise<ServerData<T>> => {
    const res = await q.fetch();
    if (res.ok) {
      writeStored(q, res.data);
      patch<T>(q.key, { data: res.data, error: null, loading: false, fromCache: false, inFlight: null });
    } else {
      patch<T>(q.key, keepsData(res) ? { error: res, loading: false, inFlight: null } : { data: null, fromCache: false, error: res, loading: false, inFlight: null });
    }
    return peekServerData<T>(q.key);
  })();
  entryOf<T>(q.key).inFlight = run;
  return run;
}

/**
 * Asks early, before any screen needs it (home at app start, while the page's code is still on its way over a slow
 * network); the first screen that shows the key takes this answer instead of asking again.
 */
export function prefetchServerData<T>(q: Query<T>): Promise<ServerData<T>> {
  const run = loadServerData(q);
  entryOf<T>(q.key).prefetched = true;
  return run;
}

/**
 * Asks for an answer given after this call (after a write the screen has just made, or a pull to refresh): a
 * request already on its way left before it and may carry the old state, so it is waited for and the server asked
 * again. Refreshes made together still share the one new request.
 */
export async function reloadServerData<T>(q: Query<T>): Promise<ServerData<T>> {
  const leftBefore = entryOf<T>(q.key).inFlight;
  if (leftBefore) await leftBefore;
  return loadServerData(q);
}

/** Changes what is known locally (a lesson just marked read), in memory and in storage; nothing when unknown. */
export function updateServerData<T>(q: Pick<Query<T>, 'key' | 'persist'>, update: (data: T) => T): void {
  const current = entryOf<T>(q.key).data ?? readStored(q);
  if (current === null) return;
  const next = update(current);
  writeStored(q, next);
  patch<T>(q.key, { data: next });
}

/** Forgets every entry in memory (storage stays): a fresh start, as after a reload. For tests. */
export function resetServerData(): void {
  entries.clear();
}

export interface UseServerData<T> extends ServerData<T> {
  reload: () => Promise<ServerData<T>>;
  setData: (update: (data: T) => T) => void;
}

/**
 * A screen's view of a query: loads when first used and, with `refreshOnShow`, each time the page is shown
 * again, unless asked less than `maxAgeMs` ago (default a second). `null` waits (e.g. for a page parameter).
 */
export function useServerData<T>(q: Query<T> | null, options: { refreshOnShow?: boolean; maxAgeMs?: number } = {}): UseServerData<T> {
  const key = q?.key ?? '';
  const latest = useRef(q);
  latest.current = q;
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!key) return () => undefined;
      const set = listeners.get(key) ?? new Set();
      set.add(onChange);
      listeners.set(key, set);
      return () => set.delete(onChange);
    },
    [key],
  );
  const snapshot = useCallback(() => (key ? entryOf<T>(key) : (EMPTY as Entry<T>)), [key]);
  const state = useSyncExternalStore(subscribe, snapshot, snapshot);
  const reload = useCallback(() => (latest.current ? reloadServerData(latest.current) : Promise.resolve(EMPTY as ServerData<T>)), []);
  const maxAgeMs = options.maxAgeMs ?? 1000;
  const due = (e: Entry<T>) => !e.inFlight && Date.now() - e.startedAt > maxAgeMs;
  const refresh = () => {
    const e = key ? entryOf<T>(key) : null;
    if (e && due(e) && latest.current) void loadServerData(latest.current);
  };
  // The key this screen has asked for since it was mounted (or taken from a prefetch).
  const asked = useRef('');
  useEffect(() => {
    asked.current = key;
    const e = key ? entryOf<T>(key) : null;
    if (e?.prefetched) {
      e.prefetched = false;
      return;
    }
    refresh();
  }, [key]);
  useDidShow(() => {
    if (options.refreshOnShow) refresh();
  });
  const setData = useCallback((update: (data: T) => T) => latest.current && updateServerData(latest.current, update), []);
  // Before its first request has gone out, a screen whose copy is too old to use already counts as loading, so it
  // never shows for one frame what is about to be replaced (再答一次 from a copy fetched before the attempt).
  const aboutToAsk = Boolean(key) && asked.current !== key && !state.prefetched && due(state);
  return { data: state.data, error: state.error, loading: state.loading || aboutToAsk, fromCache: state.fromCache, reload, setData };
}

/** Several reads shown together: data once all have answered, the first error, and one reload for all. */
type Shown = Pick<UseServerData<unknown>, 'data' | 'error' | 'fromCache' | 'reload'>;
export function allOf(states: Shown[]): Pick<UseServerData<unknown[]>, 'data' | 'error' | 'fromCache'> & { reload: () => Promise<unknown> } {
  return {
    data: states.every((s) => s.data !== null) ? states.map((s) => s.data) : null,
    error: states.find((s) => s.error)?.error ?? null,
    fromCache: states.some((s) => s.fromCache),
    reload: () => Promise.all(states.map((s) => s.reload())),
  };
}
