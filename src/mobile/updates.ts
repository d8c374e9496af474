// Registers the service worker once the first screen is up and the page is idle, and tells the app
// when a new version is waiting (the cadre taps to switch; nothing reloads under their fingers).
import { createStore } from './state.ts';

/** The installed new worker waiting to take over, if any. */
export const update$ = createStore<ServiceWorker | undefined>(undefined);

function watch(registration: ServiceWorkerRegistration): void {
  const offer = () => {
    if (registration.waiting && navigator.serviceWorker.controller) update$.set(registration.waiting);
  };
  offer();
  registration.addEventListener('updatefound', () => {
    registration.installing?.addEventListener('statechange', offer);
  });
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  let isReloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // Only a switch the cadre asked for reloads; the first install just takes control quietly.
    if (update$.get() && !isReloading) {
      isReloading = true;
      window.location.reload();
    }
  });
  const register = () => {
    navigator.serviceWorker.register('/m/sw.js', { scope: '/m/' }).then(watch, () => undefined);
  };
  const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(register, { timeout: 5000 }) : setTimeout(register, 1000));
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}
