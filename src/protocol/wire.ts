// Messages as JSON text, for the transport that is not postMessage (the loopback server): byte
// arrays travel as {"$bytes": base64}.

const BYTES = '$bytes';
const CHUNK = 0x8000;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function encodeMessage(message: unknown): string {
  // The holder's own value: a Node Buffer has already been through its toJSON when `value` arrives.
  return JSON.stringify(message, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    return raw instanceof Uint8Array ? { [BYTES]: toBase64(raw) } : value;
  });
}

export function decodeMessage(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[BYTES] === 'string' && Object.keys(value).length === 1) {
      return fromBase64((value as Record<string, string>)[BYTES]);
    }
    return value;
  });
}
