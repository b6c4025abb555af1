// Which CloudFront operation a request names (method, path and query, as the SDK's 2020-05-31
// model routes them), and which of them change state.
import type { OperationCatalog } from '../aws/requestCounts';

export const CLOUDFRONT_OPERATIONS: OperationCatalog = {
  CreateDistribution: 'mutating',
  CreateDistributionWithTags: 'mutating',
  ListDistributions: 'read',
  GetDistribution: 'read',
  GetDistributionConfig: 'read',
  UpdateDistribution: 'mutating',
  DeleteDistribution: 'mutating',
  ListTagsForResource: 'read',
  TagResource: 'mutating',
  UntagResource: 'mutating',
};

/** The operations that carry If-Match, which a stale-etag fault answers with PreconditionFailed. */
export const ETAG_OPERATIONS = ['UpdateDistribution', 'DeleteDistribution'];

export interface Call {
  operation: string;
  /** The distribution id in the path, for the operations on one distribution. */
  id?: string;
}

const DISTRIBUTIONS = '/2020-05-31/distribution';
const ONE_DISTRIBUTION = /^\/2020-05-31\/distribution\/([^/]+)(\/config)?$/;

export function callOf(method: string, url: URL): Call | undefined {
  const path = url.pathname;
  if (path === DISTRIBUTIONS) {
    if (method === 'POST' && url.searchParams.has('WithTags')) return { operation: 'CreateDistributionWithTags' };
    if (method === 'POST' && url.search === '') return { operation: 'CreateDistribution' };
    if (method === 'GET') return { operation: 'ListDistributions' };
    return undefined;
  }
  if (path === '/2020-05-31/tagging') {
    if (method === 'GET') return { operation: 'ListTagsForResource' };
    if (method === 'POST' && url.searchParams.get('Operation') === 'Tag') return { operation: 'TagResource' };
    if (method === 'POST' && url.searchParams.get('Operation') === 'Untag') return { operation: 'UntagResource' };
    return undefined;
  }
  const match = ONE_DISTRIBUTION.exec(path);
  if (!match) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  const config = match[2] !== undefined;
  if (!config && method === 'GET') return { operation: 'GetDistribution', id };
  if (!config && method === 'DELETE') return { operation: 'DeleteDistribution', id };
  if (config && method === 'GET') return { operation: 'GetDistributionConfig', id };
  if (config && method === 'PUT') return { operation: 'UpdateDistribution', id };
  return undefined;
}
