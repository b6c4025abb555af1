// m3u8-parser ships no types; the bench uses only this much of it.
declare module 'm3u8-parser' {
  export class Parser {
    push(chunk: string): void;
    end(): void;
    manifest: unknown;
  }
}
