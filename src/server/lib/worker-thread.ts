// Starting a worker thread on a module of this project, from TypeScript sources or built code.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The URL of a module beside the calling one (`import.meta.url`), in the caller's own extension. */
export function moduleBeside(callerUrl: string, name: string): URL {
  return new URL(`./${name}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl);
}

/**
 * Starts a worker on `url`. From TypeScript sources the worker bootstraps through tsx's
 * register() API: Node 20 ignores --import hooks for a .ts worker entry point, but a dynamic
 * import after register() goes through them. This works whether the parent runs under `tsx` or
 * `node --import tsx`.
 */
export function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { ...options, eval: true });
}
