// Some packages ship ESM files typed as CommonJS; under NodeNext type-checking their default export
// looks like `{ default: T }` while the bundler hands over `T`. This accepts both.

/** Returns the default export whichever way the module system wrapped it. */
export function defaultExport<T>(imported: T | { default: T }): T {
  const wrapped = imported as { default?: T };
  return wrapped.default !== undefined && wrapped.default !== null ? wrapped.default : (imported as T);
}
