// Field-by-field difference between what live-origin.json asks for and what a service describes.
// Only the fields the request sets are compared: services fill in defaults of their own (MediaLive
// and CloudFront describe many more fields than were sent), and those are not drift. Pure.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface FieldChange {
  /** Dotted path, array indexes in brackets: `Origins.Items[0].OriginPath`. */
  path: string;
  from?: Json;
  to?: Json;
}

export interface DiffOptions {
  /** Paths whose values are secrets: shown as hidden, compared all the same. */
  secretPaths?: RegExp;
  /** Paths left out of the comparison (ids known only once a resource exists, tokens). */
  ignorePaths?: RegExp;
}

export const HIDDEN = '(hidden)';
export const HIDDEN_OTHER = '(hidden: another value)';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
}

function childPath(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
}

function json(value: unknown): Json | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Json);
}

/** Every field `desired` sets that `observed` does not hold with the same value. */
export function diffFields(desired: unknown, observed: unknown, options: DiffOptions = {}, path = ''): FieldChange[] {
  if (desired === undefined || (options.ignorePaths?.test(path) ?? false)) return [];
  if (options.secretPaths?.test(path)) {
    return desired === observed ? [] : [{ path, from: observed === undefined ? undefined : HIDDEN_OTHER, to: HIDDEN }];
  }
  if (isEmpty(desired) && isEmpty(observed)) return [];
  if (Array.isArray(desired)) {
    if (!Array.isArray(observed) || observed.length !== desired.length) return [{ path, from: json(observed), to: json(desired) }];
    return desired.flatMap((item, index) => diffFields(item, observed[index], options, childPath(path, index)));
  }
  if (isObject(desired)) {
    const base = isObject(observed) ? observed : {};
    return Object.keys(desired).flatMap((key) => diffFields(desired[key], base[key], options, childPath(path, key)));
  }
  return desired === observed ? [] : [{ path, from: json(observed), to: json(desired) }];
}

/**
 * `observed` with every field of `desired` laid over it: what an update sends, keeping the fields
 * the service set that live-origin.json says nothing about. Arrays are replaced whole.
 */
export function overlay<T>(observed: T, desired: unknown): T {
  if (!isObject(desired) || !isObject(observed)) return (desired === undefined ? observed : desired) as T;
  const merged: Record<string, unknown> = { ...observed };
  for (const [key, value] of Object.entries(desired)) {
    if (value !== undefined) merged[key] = overlay(merged[key], value);
  }
  return merged as T;
}
