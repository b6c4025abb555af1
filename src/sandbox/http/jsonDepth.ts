// JSON.parse copes with any nesting, but code that walks the result recursively does not: ten
// thousand levels overflow the stack. Servers measure the nesting first and refuse deep bodies.
export const MAX_JSON_DEPTH = 64;

/** True when `text` nests arrays and objects deeper than `maxDepth` (brackets in strings aside). */
export function jsonNestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (char === '}' || char === ']') {
      depth -= 1;
    }
  }
  return false;
}
