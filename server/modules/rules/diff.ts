/** JSON-pointer paths whose values differ between two plain JSON values (for the audit row of a config change). */
export function changedPaths(a: unknown, b: unknown, path = ''): string[] {
  if (a === b) return [];
  const objA = a !== null && typeof a === 'object' && !Array.isArray(a);
  const objB = b !== null && typeof b === 'object' && !Array.isArray(b);
  if (objA && objB) {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    return [...keys]
      .filter((k) => k !== 'version' || path !== '')
      .flatMap((k) =>
        changedPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}/${k}`),
      );
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path || '/'];
}
