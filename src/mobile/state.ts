// Tiny shared state for the phone app: an observable value with a Preact hook, and the router
// (paths under /m/, history API; the service worker serves index.html for every one of them).
import { useEffect, useReducer } from 'preact/hooks';

export interface Store<T> {
  get(): T;
  set(next: T): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      value = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Re-renders the component whenever the store changes. */
export function useStore<T>(store: Store<T>): T {
  const [, rerender] = useReducer<number, void>((count) => count + 1, 0);
  useEffect(() => store.subscribe(() => rerender()), [store]);
  return store.get();
}

/** The current location inside the app: path and query. */
export const location$ = createStore({ path: window.location.pathname, search: window.location.search });

/** Goes to `to` (an absolute /m/… path), adding a history entry unless `replace`. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  location$.set({ path: window.location.pathname, search: window.location.search });
  window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => location$.set({ path: window.location.pathname, search: window.location.search }));

/** Today on this phone's clock, YYYY-MM-DD in local time. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** "11-30 14:05" for lists. */
export function shortTime(iso: string): string {
  const at = new Date(iso);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** A short note shown under the top bar after a save. */
export const flash$ = createStore<string | undefined>(undefined);
let flashTimer: ReturnType<typeof setTimeout> | undefined;
export function flash(text: string): void {
  flash$.set(text);
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => flash$.set(undefined), 4000);
}
