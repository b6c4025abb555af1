// The CloudFront control plane's REST-XML API (2020-05-31) for distributions and their tags.
import http from 'node:http';
import { ApiError } from './apiErrors';
import { newRequestId } from './ids';
import { type Call, callOf } from './operations';
import type { DistributionStore, StoredDistribution } from './store';
import { checkCount, tagKeysFromXml, taggedDistribution, tagsFromXml, tagsXml, type TagMap } from './tagging';
import { validateDistributionConfig } from './validateConfig';
import { escapeXml, parseXml, toXmlDocument, type XmlValue } from './xmlCodec';
import { XML_NAMESPACE } from './shapes';
import { admit } from '../aws/admit';
import { isAdminRequest, serveAdmin } from '../aws/admin';
import type { AwsCredentials } from '../aws/credentials';
import type { PlaneControls } from '../aws/planeControls';

const PREFIX = '/2020-05-31/distribution';
const MAX_BODY_BYTES = 1024 * 1024;

type XmlObject = { [name: string]: XmlValue | undefined };

interface Reply {
  status: number;
  headers?: Record<string, string>;
  root?: string;
  body?: XmlObject;
}

function asXml(value: unknown): XmlObject {
  return value as XmlObject;
}

function distributionXml(distribution: StoredDistribution): XmlObject {
  return {
    Id: distribution.id,
    ARN: distribution.arn,
    Status: distribution.status,
    LastModifiedTime: distribution.lastModifiedTime,
    InProgressInvalidationBatches: 0,
    DomainName: distribution.domainName,
    ActiveTrustedSigners: { Enabled: false, Quantity: 0 },
    ActiveTrustedKeyGroups: { Enabled: false, Quantity: 0 },
    DistributionConfig: asXml(distribution.config),
  };
}

function summaryXml(distribution: StoredDistribution): XmlObject {
  const config = asXml(distribution.config);
  return {
    Id: distribution.id,
    ARN: distribution.arn,
    ETag: distribution.etag,
    Status: distribution.status,
    LastModifiedTime: distribution.lastModifiedTime,
    DomainName: distribution.domainName,
    Aliases: config.Aliases,
    Origins: config.Origins,
    OriginGroups: config.OriginGroups,
    DefaultCacheBehavior: config.DefaultCacheBehavior,
    CacheBehaviors: config.CacheBehaviors,
    CustomErrorResponses: config.CustomErrorResponses,
    Comment: config.Comment,
    PriceClass: config.PriceClass,
    Enabled: config.Enabled,
    ViewerCertificate: config.ViewerCertificate,
    Restrictions: config.Restrictions,
    WebACLId: config.WebACLId,
    HttpVersion: config.HttpVersion,
    IsIPV6Enabled: config.IsIPV6Enabled,
    Staging: config.Staging,
  };
}

function documentOf(raw: Buffer): { root: string; value: XmlValue } {
  const body = raw.toString('utf8');
  if (body.trim() === '') throw new ApiError('MissingBody', 400, 'This operation requires a body. Ensure that the body is present and the Content-Type header is set.');
  return parseXml(body);
}

function configFromBody(raw: Buffer) {
  const { root, value } = documentOf(raw);
  return validateDistributionConfig(root, value);
}

/** CreateDistributionWithTags' body: both parts are required. */
function configWithTagsFromBody(raw: Buffer) {
  const { root, value } = documentOf(raw);
  if (root !== 'DistributionConfigWithTags') throw ApiError.malformed(`Expected a DistributionConfigWithTags document, got <${root}>.`);
  const parts = asXml(value);
  if (parts.DistributionConfig === undefined || parts.Tags === undefined) {
    throw ApiError.malformed('DistributionConfigWithTags needs both DistributionConfig and Tags.');
  }
  const tags = tagsFromXml(parts.Tags);
  return { config: validateDistributionConfig('DistributionConfig', parts.DistributionConfig), tags };
}

function elementOf(raw: Buffer, expected: string): XmlValue {
  const { root, value } = documentOf(raw);
  if (root !== expected) throw ApiError.malformed(`Expected a ${expected} document, got <${root}>.`);
  return value;
}

function ifMatchOf(req: http.IncomingMessage): string | undefined {
  const value = req.headers['if-match'];
  return Array.isArray(value) ? value[0] : value;
}

export class ControlPlane {
  constructor(
    private readonly store: DistributionStore,
    private readonly endpoint: () => string,
    private readonly credentials: AwsCredentials,
    private readonly controls: PlaneControls,
  ) {}

  readonly handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (isAdminRequest(req)) return serveAdmin(req, res, this.controls, { credentials: this.credentials, service: 'cloudfront' });
    const requestId = newRequestId();
    admit(req, {
      credentials: this.credentials,
      service: 'cloudfront',
      maxBodyBytes: MAX_BODY_BYTES,
      tooLarge: () => ApiError.invalidArgument(`The request body is larger than ${MAX_BODY_BYTES} bytes.`),
      refuse: ApiError.refused,
    })
      .then((body) => this.serve(req, body))
      .then((reply) => this.send(res, requestId, reply))
      .catch((error: unknown) => {
        const apiError = error instanceof ApiError ? error : new ApiError('InternalError', 500, `Sandbox failure: ${String(error)}`);
        const type = apiError.status >= 500 ? 'Receiver' : 'Sender';
        const xml = `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse xmlns="${XML_NAMESPACE}"><Error><Type>${type}</Type>`
          + `<Code>${escapeXml(apiError.code)}</Code><Message>${escapeXml(apiError.message)}</Message></Error>`
          + `<RequestId>${requestId}</RequestId></ErrorResponse>`;
        if (res.headersSent) {
          res.destroy();
          return;
        }
        res.writeHead(apiError.status, { 'content-type': 'text/xml', 'x-amz-request-id': requestId, 'content-length': Buffer.byteLength(xml) });
        res.end(xml);
      });
  };

  private send(res: http.ServerResponse, requestId: string, reply: Reply): void {
    const body = reply.root && reply.body ? toXmlDocument(reply.root, reply.body) : '';
    res.writeHead(reply.status, {
      ...reply.headers,
      'x-amz-request-id': requestId,
      ...(body ? { 'content-type': 'text/xml' } : {}),
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  }

  private async serve(req: http.IncomingMessage, body: Buffer): Promise<Reply> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const call = callOf(method, url);
    if (!call) throw new ApiError('UnsupportedOperation', 400, `The CloudFront sandbox does not implement ${method} ${url.pathname}${url.search}.`);
    const fault = await this.controls.gate(call.operation);
    if (fault) throw ApiError.injected(fault);
    return this.dispatch(call, req, url.searchParams, body);
  }

  private dispatch({ operation, id }: Call, req: http.IncomingMessage, query: URLSearchParams, body: Buffer): Reply {
    switch (operation) {
      case 'CreateDistribution':
        return this.created(this.store.create(configFromBody(body)));
      case 'CreateDistributionWithTags': {
        const { config, tags } = configWithTagsFromBody(body);
        return this.created(this.store.create(config, tags));
      }
      case 'ListDistributions':
        return this.list(query);
      case 'GetDistribution':
        return this.getDistribution(id!);
      case 'GetDistributionConfig':
        return this.getConfig(id!);
      case 'UpdateDistribution':
        return this.update(req, id!, body);
      case 'DeleteDistribution':
        this.store.delete(id!, ifMatchOf(req));
        return { status: 204 };
      case 'ListTagsForResource':
        return { status: 200, root: 'Tags', body: tagsXml(taggedDistribution(this.store, query.get('Resource')).tags) };
      case 'TagResource':
        return this.retag(query, (tags) => {
          for (const [key, value] of tagsFromXml(elementOf(body, 'Tags'))) tags.set(key, value);
        });
      case 'UntagResource':
        return this.retag(query, (tags) => {
          for (const key of tagKeysFromXml(elementOf(body, 'TagKeys'))) tags.delete(key);
        });
      default:
        throw new Error(`no handler for ${operation}`);
    }
  }

  private created(distribution: StoredDistribution): Reply {
    return {
      status: 201,
      headers: { etag: distribution.etag, location: `${this.endpoint()}${PREFIX}/${distribution.id}` },
      root: 'Distribution',
      body: distributionXml(distribution),
    };
  }

  /** Applies `change` to a copy of the resource's tags and keeps it only if it is within limits. */
  private retag(query: URLSearchParams, change: (tags: TagMap) => void): Reply {
    const distribution = taggedDistribution(this.store, query.get('Resource'));
    const tags = new Map(distribution.tags);
    change(tags);
    distribution.tags = checkCount(tags);
    return { status: 204 };
  }

  private getDistribution(id: string): Reply {
    const distribution = this.store.get(id);
    return { status: 200, headers: { etag: distribution.etag }, root: 'Distribution', body: distributionXml(distribution) };
  }

  private getConfig(id: string): Reply {
    const distribution = this.store.get(id);
    return { status: 200, headers: { etag: distribution.etag }, root: 'DistributionConfig', body: asXml(distribution.config) };
  }

  private update(req: http.IncomingMessage, id: string, body: Buffer): Reply {
    // Existence and If-Match come before the body, as CloudFront reports them first.
    const current = this.store.get(id);
    const ifMatch = ifMatchOf(req);
    if (ifMatch === undefined || ifMatch === '') throw ApiError.missingIfMatch();
    if (ifMatch !== current.etag) throw ApiError.preconditionFailed();
    const distribution = this.store.update(id, ifMatch, configFromBody(body));
    return { status: 200, headers: { etag: distribution.etag }, root: 'Distribution', body: distributionXml(distribution) };
  }

  private list(query: URLSearchParams): Reply {
    const marker = query.get('Marker') ?? '';
    const maxItemsText = query.get('MaxItems') ?? '100';
    if (!/^\d{1,4}$/.test(maxItemsText) || Number(maxItemsText) < 1 || Number(maxItemsText) > 1000) {
      throw ApiError.invalidArgument(`MaxItems must be an integer from 1 to 1000; got "${maxItemsText}".`);
    }
    const maxItems = Number(maxItemsText);
    const { items, nextMarker } = this.store.list(marker || undefined, maxItems);
    return {
      status: 200,
      root: 'DistributionList',
      body: {
        Marker: marker,
        NextMarker: nextMarker,
        MaxItems: maxItems,
        IsTruncated: nextMarker !== undefined,
        Quantity: items.length,
        Items: items.map(summaryXml),
      },
    };
  }
}
