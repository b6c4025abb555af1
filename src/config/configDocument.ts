// Typed, range-aware reads of a live-origin.json text, tolerant of wrong types and broken syntax.
import { applyEdits, findNodeAtLocation, modify, ParseErrorCode, parseTree, type JSONPath, type Node, type ParseError } from 'jsonc-parser';
import type { Fix, TextEdit } from '../findings/finding';

export interface Located<T> {
  value: T;
  node: Node;
}

/** A change to the document: set `path` to `value`, or remove it when `value` is undefined. */
export interface PathChange {
  path: JSONPath;
  value: unknown;
  /** With a path ending in an array index: insert there instead of replacing. */
  insert?: boolean;
}

export class ConfigDocument {
  readonly root: Node | undefined;
  readonly parseErrors: ParseError[] = [];
  private readonly eol: string;

  constructor(readonly text: string) {
    this.root = parseOrUndefined(text, this.parseErrors);
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  node(path: JSONPath): Node | undefined {
    return this.root ? findNodeAtLocation(this.root, path) : undefined;
  }

  string(path: JSONPath): Located<string> | undefined {
    const node = this.node(path);
    return node?.type === 'string' ? { value: node.value as string, node } : undefined;
  }

  number(path: JSONPath): Located<number> | undefined {
    const node = this.node(path);
    return node?.type === 'number' && Number.isFinite(node.value) ? { value: node.value as number, node } : undefined;
  }

  /** A finite number above zero: the only kind the sizing arithmetic can use. */
  positive(path: JSONPath): Located<number> | undefined {
    const found = this.number(path);
    return found && found.value > 0 ? found : undefined;
  }

  has(path: JSONPath): boolean {
    return this.node(path) !== undefined;
  }

  /** Children of an array node, or none when the path holds something else. */
  items(path: JSONPath): Node[] {
    const node = this.node(path);
    return node?.type === 'array' ? node.children ?? [] : [];
  }

  /** Where to point at a missing property: the key of its nearest existing ancestor, or the file start. */
  anchor(path: JSONPath): Node | { offset: number; length: number } {
    for (let depth = path.length - 1; depth > 0; depth--) {
      const property = this.node(path.slice(0, depth))?.parent;
      if (property?.type === 'property' && property.children?.[0]) return property.children[0];
    }
    return { offset: 0, length: Math.min(1, this.text.length) };
  }

  /**
   * A fix whose edits are computed when first read: changes are applied one after another, and the
   * result is expressed as the one smallest replacement, so edits never overlap.
   */
  fix(title: string, changes: readonly PathChange[]): Fix {
    let edits: TextEdit[] | undefined;
    const compute = (): TextEdit[] => (edits ??= this.editsFor(changes));
    return {
      title,
      get edits(): TextEdit[] {
        return compute();
      },
    };
  }

  private editsFor(changes: readonly PathChange[]): TextEdit[] {
    let text = this.text;
    for (const change of changes) {
      const edits = modify(text, change.path, change.value, {
        formattingOptions: { insertSpaces: true, tabSize: 2, eol: this.eol },
        isArrayInsertion: change.insert,
      });
      text = applyEdits(text, edits);
    }
    return [smallestReplacement(this.text, text)];
  }
}

/** The single edit that turns `before` into `after`, trimmed to their differing middle. */
export function smallestReplacement(before: string, after: string): TextEdit {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < shorter - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) end++;
  return { offset: start, length: before.length - start - end, newText: after.slice(start, after.length - end) };
}

/** jsonc-parser recurses per nesting level: absurdly deep input is reported, not crashed on. */
function parseOrUndefined(text: string, errors: ParseError[]): Node | undefined {
  try {
    return parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    errors.push({ error: ParseErrorCode.InvalidSymbol, offset: 0, length: 0 });
    return undefined;
  }
}
