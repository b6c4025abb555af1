// The shape every checker (live-origin.json rules, m3u8 lint) reports in; the editor and the CLI both consume it.

export type Severity = 'error' | 'warning' | 'info';

/** A replacement of `length` characters at `offset` in the checked text. */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  /** Stable kebab-case id, shared by the editor (Diagnostic.code) and the CLI. */
  code: string;
  severity: Severity;
  message: string;
  /** Character offset and length of the text the finding is about. */
  offset: number;
  length: number;
  fix?: Fix;
}
