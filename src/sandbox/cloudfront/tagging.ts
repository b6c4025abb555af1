// Tags in CloudFront's XML shapes: `<Tags><Items><Tag><Key/><Value/></Tag>...</Items></Tags>` and
// `<TagKeys><Items><Key/>...</Items></TagKeys>`, checked as the API reference's Tag type says
// (keys 1-128 and values 0-256 characters of letters, digits, spaces and _.:/=+-@; at most 50 per
// resource; the "aws:" prefix is AWS's), and the distribution a resource ARN names.
import { ApiError } from './apiErrors';
import type { DistributionStore, StoredDistribution } from './store';
import type { XmlValue } from './xmlCodec';

const MAX_TAGS = 50;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export type TagMap = Map<string, string>;

const invalidTagging = (message: string) => new ApiError('InvalidTagging', 400, message);

function itemsOf(value: XmlValue | undefined, root: string): XmlValue[] {
  if (value === undefined || value === '') return [];
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date) throw ApiError.malformed(`<${root}> must hold <Items>.`);
  const items = value.Items;
  if (items === undefined || items === '') return [];
  if (!Array.isArray(items)) throw ApiError.malformed(`<${root}><Items> must be a list.`);
  return items;
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length < 1 || key.length > 128 || !TAG_TEXT.test(key)) {
    throw invalidTagging(`Tag keys are 1 to 128 letters, digits, spaces or _.:/=+-@; got ${JSON.stringify(key)}.`);
  }
  if (key.toLowerCase().startsWith('aws:')) throw invalidTagging(`Tag keys starting with "aws:" are reserved for AWS: "${key}".`);
  return key;
}

/** The tags of a `<Tags>` element; later duplicates win, as a map would. */
export function tagsFromXml(value: XmlValue | undefined, root = 'Tags'): TagMap {
  const tags: TagMap = new Map();
  for (const item of itemsOf(value, root)) {
    if (typeof item !== 'object' || Array.isArray(item) || item instanceof Date) throw ApiError.malformed('Each <Tag> holds <Key> and <Value>.');
    const key = checkKey(item.Key);
    const text = item.Value ?? '';
    if (typeof text !== 'string' || text.length > 256 || !TAG_TEXT.test(text)) {
      throw invalidTagging(`The value of tag "${key}" must be at most 256 letters, digits, spaces or _.:/=+-@.`);
    }
    tags.set(key, text);
  }
  return checkCount(tags);
}

export function tagKeysFromXml(value: XmlValue | undefined): string[] {
  return itemsOf(value, 'TagKeys').map(checkKey);
}

export function checkCount(tags: TagMap): TagMap {
  if (tags.size > MAX_TAGS) throw invalidTagging(`A resource has at most ${MAX_TAGS} tags; this request would give it ${tags.size}.`);
  return tags;
}

export function tagsXml(tags: TagMap): { Items: { Key: string; Value: string }[] } {
  return { Items: [...tags].map(([Key, Value]) => ({ Key, Value })) };
}

/** The distribution `arn:aws:cloudfront::ACCOUNT:distribution/ID` names. */
export function taggedDistribution(store: DistributionStore, arn: string | null): StoredDistribution {
  if (arn === null || arn === '') throw ApiError.invalidArgument('The Resource query parameter (the resource ARN) is required.');
  const id = /^arn:aws:cloudfront::\d{12}:distribution\/([A-Z0-9]+)$/.exec(arn)?.[1];
  if (id === undefined) throw ApiError.invalidArgument(`"${arn}" is not a distribution ARN (arn:aws:cloudfront::ACCOUNT:distribution/ID).`);
  const distribution = store.find(id);
  if (!distribution || distribution.arn !== arn) throw new ApiError('NoSuchResource', 404, 'The specified CloudFront resource does not exist.');
  return distribution;
}
