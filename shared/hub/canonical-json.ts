/**
 * JSON with object keys sorted at every level: the same value always gives the same text, so a
 * replayed mutation hashes the same and a signed package verifies wherever it is read.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  // undefined, functions and symbols have no JSON text: they read as null, as in arrays.
  const text = JSON.stringify(value) as string | undefined;
  return text ?? 'null';
}
