// ffmpeg's error lines quote the URLs it failed on; alerts and lastError must not carry the
// encoder key from a token-in-URL destination (or a header, should one ever be echoed).
export function redactSecrets(text: string): string {
  return text
    .replace(/([?&](?:token|api_key|apikey)=)[^&\s'"]+/gi, '$1<redacted>')
    .replace(/(Authorization:\s*)(?:Basic\s+|Bearer\s+)?[^\s'"]+/gi, '$1<redacted>');
}
