// XML <-> plain objects for CloudFront's REST-XML protocol, driven by the tables in shapes.ts.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ApiError } from './apiErrors';
import { BARE_LIST_MEMBER, BOOLEAN_LEAVES, ITEMS_MEMBER, NUMBER_LEAVES, XML_NAMESPACE } from './shapes';

export type XmlValue = string | number | boolean | Date | XmlValue[] | { [name: string]: XmlValue | undefined };
type OrderedNode = Record<string, unknown> & { '#text'?: unknown };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

const MAX_DEPTH = 32;
// The largest configs CloudFront's quotas allow have a few thousand elements; reading is linear,
// but a 1 MiB body of tiny elements would still hold the event loop for a third of a second.
const MAX_ELEMENTS = 10_000;

/** Counts start tags without parsing (in well-formed XML, `<` outside comments and CDATA begins markup). */
function tooManyElements(body: string): boolean {
  let count = 0;
  for (let at = body.indexOf('<'); at >= 0; at = body.indexOf('<', at + 1)) {
    const next = body[at + 1];
    if (next !== '/' && next !== '!' && next !== '?' && ++count > MAX_ELEMENTS) return true;
  }
  return false;
}

function tagOf(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text');
}

function leaf(name: string, text: string): XmlValue {
  if (NUMBER_LEAVES.has(name)) {
    if (!/^-?\d+$/.test(text)) throw ApiError.invalidArgument(`The value of ${name} must be an integer; got "${text}".`);
    return Number(text);
  }
  if (BOOLEAN_LEAVES.has(name)) {
    if (text !== 'true' && text !== 'false') throw ApiError.invalidArgument(`The value of ${name} must be true or false; got "${text}".`);
    return text === 'true';
  }
  return text;
}

function convert(name: string, children: OrderedNode[], isList: boolean, depth: number): XmlValue {
  if (depth > MAX_DEPTH) throw ApiError.malformed('The XML document is nested too deeply.');
  const elements = children.filter((child) => tagOf(child) !== undefined);
  if (isList) {
    return elements.map((child) => {
      const tag = tagOf(child)!;
      return convert(tag, child[tag] as OrderedNode[], false, depth + 1);
    });
  }
  if (elements.length === 0) {
    const text = children.map((child) => (child['#text'] === undefined ? '' : String(child['#text']))).join('');
    return leaf(name, text);
  }
  const object: Record<string, XmlValue> = {};
  for (const child of elements) {
    const tag = tagOf(child)!;
    if (Object.prototype.hasOwnProperty.call(object, tag)) throw ApiError.malformed(`The element ${tag} appears twice inside ${name}.`);
    const listHere = (tag === 'Items' && ITEMS_MEMBER[name] !== undefined) || BARE_LIST_MEMBER[tag] !== undefined;
    object[tag] = convert(tag, child[tag] as OrderedNode[], listHere, depth + 1);
  }
  return object;
}

/** Parses a request body; returns the root element's name and its value. */
export function parseXml(body: string): { root: string; value: XmlValue } {
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) throw ApiError.malformed('Document type declarations are not accepted.');
  if (tooManyElements(body)) throw ApiError.malformed(`The XML document has more than ${MAX_ELEMENTS} elements.`);
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw ApiError.malformed(`The XML you provided was not well-formed: ${valid.err.msg} (line ${valid.err.line}).`);
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(body) as OrderedNode[];
  } catch (error) {
    // Well-formed but past one of the parser's own limits (it refuses nesting beyond 100 levels).
    throw ApiError.malformed(`The XML document could not be read: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const roots = nodes.filter((node) => tagOf(node) !== undefined && tagOf(node) !== '?xml');
  if (roots.length !== 1) throw ApiError.malformed('The XML document must have exactly one root element.');
  const root = tagOf(roots[0])!;
  return { root, value: convert(root, roots[0][root] as OrderedNode[], false, 0) };
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function encode(name: string, value: XmlValue | undefined, parent: string, out: string[]): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    // CloudFront leaves out an empty list's element and keeps only its Quantity.
    if (value.length === 0) return;
    const member = name === 'Items' ? ITEMS_MEMBER[parent] : BARE_LIST_MEMBER[name];
    if (member === undefined) throw new Error(`no XML member name known for list ${parent}.${name}`);
    out.push(`<${name}>`);
    for (const item of value) encode(member, item, name, out);
    out.push(`</${name}>`);
  } else if (value instanceof Date) {
    out.push(`<${name}>${value.toISOString()}</${name}>`);
  } else if (typeof value === 'object') {
    out.push(`<${name}>`);
    for (const [key, child] of Object.entries(value)) encode(key, child, name, out);
    out.push(`</${name}>`);
  } else {
    out.push(`<${name}>${escapeXml(String(value))}</${name}>`);
  }
}

/** A complete document whose root element carries CloudFront's namespace. */
export function toXmlDocument(root: string, value: { [name: string]: XmlValue | undefined }): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<${root} xmlns="${XML_NAMESPACE}">`];
  for (const [key, child] of Object.entries(value)) encode(key, child, root, out);
  out.push(`</${root}>`);
  return out.join('');
}

export { escapeXml };
