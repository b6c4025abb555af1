// Small DOM helpers: elements by id, and new elements with text (never HTML from data).
import { format } from './stats';

export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  if (className) element.className = className;
  return element;
}

/** The host's translated strings, with {0} placeholders. */
export class Strings {
  constructor(private readonly table: Readonly<Record<string, string>>) {}

  t(key: string, ...args: (string | number)[]): string {
    return format(this.table[key] ?? key, ...args);
  }
}
