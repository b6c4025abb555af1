// MediaLive's restJson1 bodies use lowerCamelCase member names (every jsonName in the SDK's schema
// is the member name with its first letter lowered); the sandbox keeps SDK-shaped PascalCase
// internally. Timestamps go out as ISO 8601 (the schema's date-time format). Map keys (only `tags` in these operations) are user data and keep their spelling.
const MAP_MEMBERS = new Set(['tags', 'Tags']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function convert(value: unknown, rename: (key: string) => string): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => convert(item, rename));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    out[rename(key)] = MAP_MEMBERS.has(key) ? item : convert(item, rename);
  }
  return out;
}

const upperFirst = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);
const lowerFirst = (key: string) => key.charAt(0).toLowerCase() + key.slice(1);

/** Wire body (lowerCamelCase) -> SDK shape (PascalCase). */
export function fromWire<T>(body: unknown): T {
  return convert(body, upperFirst) as T;
}

/** SDK shape -> wire body; drops undefined members. */
export function toWire(value: unknown): Json {
  return convert(value, lowerFirst) as Json;
}
