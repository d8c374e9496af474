// Counts failed logins per username and per client address, and refuses further attempts
// for a while once too many fail. In memory: one server process owns its counters.
const windowMs = 15 * 60 * 1000;
const maxFailuresPerUsername = 5;
const maxFailuresPerAddress = 30;

interface Counter {
  failures: number;
  firstAt: number;
}

export interface LoginThrottle {
  /** True when this username or address has failed too often recently. */
  isBlocked(username: string, address: string, now?: number): boolean;
  /** Records a failed attempt. */
  recordFailure(username: string, address: string, now?: number): void;
  /** Clears the username's counter after a successful login. */
  recordSuccess(username: string): void;
}

/** Creates an empty throttle (one per app instance). */
export function createLoginThrottle(): LoginThrottle {
  const byUsername = new Map<string, Counter>();
  const byAddress = new Map<string, Counter>();
  const current = (map: Map<string, Counter>, key: string, now: number) => {
    const counter = map.get(key);
    if (!counter || now - counter.firstAt > windowMs) return undefined;
    return counter;
  };
  const bump = (map: Map<string, Counter>, key: string, now: number) => {
    const counter = current(map, key, now);
    if (counter) counter.failures += 1;
    else map.set(key, { failures: 1, firstAt: now });
  };
  return {
    isBlocked(username, address, now = Date.now()) {
      return (
        (current(byUsername, username.toLowerCase(), now)?.failures ?? 0) >= maxFailuresPerUsername ||
        (current(byAddress, address, now)?.failures ?? 0) >= maxFailuresPerAddress
      );
    },
    recordFailure(username, address, now = Date.now()) {
      bump(byUsername, username.toLowerCase(), now);
      bump(byAddress, address, now);
    },
    recordSuccess(username) {
      byUsername.delete(username.toLowerCase());
    },
  };
}
