// Strict readers for the numeric value types of RFC 8216 section 4.2.

const DECIMAL_INTEGER = /^[0-9]{1,20}$/;
const DECIMAL_FLOAT = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;

/** A decimal-integer, or undefined. */
export function decimalInteger(text: string | undefined): number | undefined {
  return text !== undefined && DECIMAL_INTEGER.test(text) ? Number(text) : undefined;
}

/** A non-negative decimal-floating-point number, or undefined. */
export function decimalFloat(text: string | undefined): number | undefined {
  return text !== undefined && DECIMAL_FLOAT.test(text) ? Number(text) : undefined;
}
