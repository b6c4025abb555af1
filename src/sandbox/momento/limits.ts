// Limits of the emulated Momento Media Storage service.
import { MOMENTO_MAX_OBJECT_BYTES } from '../../config/estimates';

/** Largest object a PUT or Set may store: the same limit the rules check segments against. */
export const MAX_OBJECT_BYTES = MOMENTO_MAX_OBJECT_BYTES;

/** Default hot storage per namespace when the sandbox is started without `hotStorageBytes`. */
export const DEFAULT_HOT_STORAGE_BYTES = 256 * 1024 * 1024;

/** Cache names are used as a URL path segment, so they are kept to a conservative alphabet. */
export const NAMESPACE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

export function isValidNamespaceName(name: string): boolean {
  return NAMESPACE_NAME_PATTERN.test(name);
}
