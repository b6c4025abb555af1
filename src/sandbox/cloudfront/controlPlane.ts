// The CloudFront control plane's REST-XML API (2020-05-31) for distributions.
import http from 'node:http';
import { ApiError } from './apiErrors';
import { newRequestId } from './ids';
import type { DistributionStore, StoredDistribution } from './store';
import { validateDistributionConfig } from './validateConfig';
import { escapeXml, parseXml, toXmlDocument, type XmlValue } from './xmlCodec';
import { XML_NAMESPACE } from './shapes';
import { admit } from '../aws/admit';
import type { AwsCredentials } from '../aws/credentials';

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

function configFromBody(raw: Buffer) {
  const body = raw.toString('utf8');
  if (body.trim() === '') throw new ApiError('MissingBody', 400, 'This operation requires a body. Ensure that the body is present and the Content-Type header is set.');
  const { root, value } = parseXml(body);
  return validateDistributionConfig(root, value);
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
  ) {}

  readonly handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const requestId = newRequestId();
    admit(req, {
      credentials: this.credentials,
      service: 'cloudfront',
      maxBodyBytes: MAX_BODY_BYTES,
      tooLarge: () => ApiError.invalidArgument(`The request body is larger than ${MAX_BODY_BYTES} bytes.`),
      refuse: ApiError.refused,
    })
      .then((body) => this.route(req, body))
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

  private route(req: http.IncomingMessage, body: Buffer): Reply {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (path === PREFIX) {
      if (method === 'POST' && url.search === '') return this.create(body);
      if (method === 'GET') return this.list(url.searchParams);
    }
    const match = /^\/2020-05-31\/distribution\/([^/]+)(\/config)?$/.exec(path);
    if (match) {
      const id = decodeURIComponent(match[1]);
      if (!match[2] && method === 'GET') return this.getDistribution(id);
      if (!match[2] && method === 'DELETE') {
        this.store.delete(id, ifMatchOf(req));
        return { status: 204 };
      }
      if (match[2] && method === 'GET') return this.getConfig(id);
      if (match[2] && method === 'PUT') return this.update(req, id, body);
    }
    throw new ApiError('UnsupportedOperation', 400, `The CloudFront sandbox does not implement ${method} ${path}${url.search}.`);
  }

  private create(body: Buffer): Reply {
    const distribution = this.store.create(configFromBody(body));
    return {
      status: 201,
      headers: { etag: distribution.etag, location: `${this.endpoint()}${PREFIX}/${distribution.id}` },
      root: 'Distribution',
      body: distributionXml(distribution),
    };
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
