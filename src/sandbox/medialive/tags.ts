// CreateTags / DeleteTags / ListTagsForResource on channel and input ARNs, and the tag checks
// CreateChannel and CreateInput share. AWS's tag limits: 50 per resource, keys up to 128
// characters, values up to 256; keys starting with "aws:" are reserved.
import { badRequest, notFound } from './errors';
import { SANDBOX_ACCOUNT } from './records';

const MAX_TAGS = 50;
const MAX_KEY = 128;
const MAX_VALUE = 256;

export type Tags = Record<string, string>;

/** Where a resource keeps its tags. */
export interface TagHolder {
  tags: Tags;
}

/** A live channel or input by kind and id, or undefined when there is none. */
export type TagHolderLookup = (kind: 'channel' | 'input', id: string) => TagHolder | undefined;

/** Checked tags (a copy), or BadRequestException naming the first problem. */
export function checkTags(tags: unknown): Tags {
  if (tags === undefined) return {};
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) throw badRequest('tags must be a map of string keys to string values');
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) throw badRequest(`A resource has at most ${MAX_TAGS} tags; got ${entries.length}`);
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > MAX_KEY) throw badRequest(`Tag keys are 1 to ${MAX_KEY} characters; got "${key.slice(0, 40)}"`);
    if (key.toLowerCase().startsWith('aws:')) throw badRequest(`Tag keys starting with "aws:" are reserved: "${key}"`);
    if (typeof value !== 'string' || value.length > MAX_VALUE) throw badRequest(`The value of tag "${key}" must be a string of at most ${MAX_VALUE} characters`);
  }
  return Object.fromEntries(entries) as Tags;
}

export class TagOperations {
  constructor(
    private readonly region: string,
    private readonly lookup: TagHolderLookup,
  ) {}

  list(arn: string): Tags {
    return { ...this.holder(arn).tags };
  }

  create(arn: string, tags: unknown): void {
    const holder = this.holder(arn);
    const merged = { ...holder.tags, ...checkTags(tags) };
    holder.tags = checkTags(merged);
  }

  delete(arn: string, keys: string[]): void {
    if (keys.length === 0) throw badRequest('tagKeys is required: name at least one tag key to delete');
    const holder = this.holder(arn);
    holder.tags = Object.fromEntries(Object.entries(holder.tags).filter(([key]) => !keys.includes(key)));
  }

  private holder(arn: string): TagHolder {
    const parts = /^arn:aws:medialive:([a-z0-9-]+):(\d{12}):(channel|input):([^:/]+)$/.exec(arn);
    if (!parts) throw badRequest(`"${arn}" is not a MediaLive channel or input ARN (arn:aws:medialive:REGION:ACCOUNT:channel:ID)`);
    const [, region, account, kind, id] = parts;
    const holder = region === this.region && account === SANDBOX_ACCOUNT ? this.lookup(kind as 'channel' | 'input', id) : undefined;
    if (!holder) throw notFound(`Resource ${arn} not found`);
    return holder;
  }
}
