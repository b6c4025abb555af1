// Momento accepts its API key in a token= query parameter: no URI or message leaves the inspector with one.

const TOKEN_VALUE = /([?&]token=)[^&#\s"']+/gi;

export const REDACTED = '<redacted>';

export function redactTokens(text: string): string {
  return text.replace(TOKEN_VALUE, `$1${REDACTED}`);
}
