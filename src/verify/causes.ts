// Why a step likely failed, in the words of the guide's troubleshooting section ("usual
// suspects"), each with where to fix it. The origin and CloudFront have different suspects.
import * as l10n from '@vscode/l10n';
import type { VerifyFix } from './report';

export type Side = 'origin' | 'cdn';
/** What a request fetched: the master, a variant playlist, or the live point segment. */
export type Fetching = 'master' | 'variant' | 'segment';

/** A finding the audit of the distribution reported (its code and message). */
export interface CdnFinding {
  code: string;
  message: string;
}

export interface CauseContext {
  namespace: string;
  restEndpoint: string;
  manifestName: string;
  /** How to replace the player key where verify runs (an editor command, or an environment variable). */
  replacePlayerKey: string;
  /** The audit of the distribution verify goes through, when its configuration was read. */
  cdnFindings: readonly CdnFinding[];
}

export interface Diagnosis {
  causes: string[];
  fix?: VerifyFix;
}

export const SET_PLAYER_KEY_COMMAND = 'momentoLive.keys.setPlayer';

/** The likely causes of an HTTP error status, or of no answer at all (`status` undefined). */
export function statusDiagnosis(side: Side, fetching: Fetching, status: number | undefined, errorText: string | undefined, ctx: CauseContext): Diagnosis {
  return side === 'origin' ? originStatus(fetching, status, errorText, ctx) : cdnStatus(status, ctx);
}

function originStatus(fetching: Fetching, status: number | undefined, errorText: string | undefined, ctx: CauseContext): Diagnosis {
  const keyFix: VerifyFix = { setting: 'momento.keys.player', command: SET_PLAYER_KEY_COMMAND };
  switch (status) {
    case undefined:
      return {
        causes: [l10n.t('The Momento REST endpoint {0} did not answer: check momento.restEndpoint (the endpoint of the namespace\'s region) and the network.', ctx.restEndpoint)],
        fix: { setting: 'momento.restEndpoint' },
      };
    case 401:
      return {
        causes: [l10n.t('The player key was refused: it is wrong, or it has expired. {0}', ctx.replacePlayerKey)],
        fix: keyFix,
      };
    case 403:
      return {
        causes: [l10n.t('The player key might not have the right access level to the namespace "{0}" (a key made for another namespace, or one that cannot read). {1}', ctx.namespace, ctx.replacePlayerKey)],
        fix: keyFix,
      };
    case 404:
      if (/cache not found/i.test(errorText ?? '')) {
        return {
          causes: [l10n.t('The namespace "{0}" does not exist at {1}: check momento.namespace, and that momento.restEndpoint is the endpoint of the namespace\'s region.', ctx.namespace, ctx.restEndpoint)],
          fix: { setting: 'momento.namespace' },
        };
      }
      return fetching === 'segment' ? missingSegment() : notWritten(ctx);
    case 429:
      return { causes: [l10n.t('Momento\'s request or throughput limits were reached (HTTP 429): retry, or ask Momento to raise the namespace\'s limits.')] };
    default:
      return { causes: [l10n.t('The origin answered HTTP {0}, unexpected for a GET of a live object: retry, and check the origin\'s health.', status)] };
  }
}

function notWritten(ctx: CauseContext): Diagnosis {
  return {
    causes: [
      l10n.t('AWS Elemental MediaLive isn\'t running: nothing is stored under this name (the channel is not started, or it stopped longer ago than the TTL).'),
      l10n.t('AWS Elemental MediaLive isn\'t configured correctly: double check the destination URL of the HLS output group (namespace "{0}", manifest name "{1}"), and don\'t forget the query parameters &ttl_seconds=<ttl>&role=origin.', ctx.namespace, ctx.manifestName),
    ],
    fix: { setting: 'medialive.destination.url' },
  };
}

function missingSegment(): Diagnosis {
  return {
    causes: [
      l10n.t('The playlist lists a segment Momento does not hold: it expired before the playlist dropped it (momento.ttlSeconds shorter than the playlist window), or Momento refused it from the encoder (over the 10 MB object limit).'),
    ],
    fix: { setting: 'momento.ttlSeconds' },
  };
}

function findingCauses(ctx: CauseContext, codes: readonly string[]): { causes: string[]; code?: string } {
  const found = ctx.cdnFindings.filter((finding) => codes.includes(finding.code));
  return { causes: found.map((finding) => l10n.t('The distribution\'s configuration: {0} ({1})', finding.message, finding.code)), code: found[0]?.code };
}

function cdnStatus(status: number | undefined, ctx: CauseContext): Diagnosis {
  if (status === undefined) {
    return { causes: [l10n.t('The distribution did not answer: it may still be deploying (Status InProgress), be disabled, or its domain name may be wrong.')] };
  }
  if (status === 401 || status === 403) {
    const known = findingCauses(ctx, ['cloudfront-authorization-missing', 'cloudfront-origin-path']);
    if (known.code) return { causes: known.causes, fix: { finding: known.code, setting: known.code === 'cloudfront-origin-path' ? 'cloudfront.originPath' : 'cloudfront.authorizationKey' } };
    const causes = [l10n.t('The Authorization header has not been correctly set to the player key when the CloudFront distribution was created: the origin\'s Authorization custom header is missing, or the player key in it is wrong or has expired.')];
    if (status === 403) causes.push(originPathCause(ctx));
    return { causes, fix: { setting: 'cloudfront.authorizationKey', finding: 'cloudfront-authorization-missing' } };
  }
  if (status === 404) {
    const known = findingCauses(ctx, ['cloudfront-origin-path']);
    return {
      causes: known.code ? known.causes : [originPathCause(ctx), behaviorCause()],
      fix: { setting: 'cloudfront.originPath', finding: 'cloudfront-origin-path' },
    };
  }
  if (status === 502 || status === 504) {
    const known = findingCauses(ctx, ['cloudfront-origin-domain']);
    return {
      causes: known.code ? known.causes : [l10n.t('CloudFront cannot reach the origin: the origin domain must be the Momento REST endpoint {0}.', ctx.restEndpoint)],
      fix: { setting: 'cloudfront.originDomain', finding: 'cloudfront-origin-domain' },
    };
  }
  return { causes: [l10n.t('CloudFront answered HTTP {0}: retry, and check the distribution\'s behaviors and the origin\'s health.', status), behaviorCause()], fix: { setting: 'cloudfront.behaviors' } };
}

function originPathCause(ctx: CauseContext): string {
  return l10n.t('The origin path is not /cache/{0}: CloudFront asks Momento for another name.', ctx.namespace);
}

function behaviorCause(): string {
  return l10n.t('A CloudFront behavior might be incorrectly set: double check the file patterns and the associated caching policies.');
}

/** The answer was 200 but is not what the step fetches (a playlist, a master, MPEG-TS). */
export function contentDiagnosis(side: Side, fetching: Fetching, problem: string, ctx: CauseContext): Diagnosis {
  if (side === 'cdn') {
    return { causes: [l10n.t('CloudFront answers with something other than the origin\'s object: {0}', problem), behaviorCause()], fix: { setting: 'cloudfront.behaviors' } };
  }
  if (fetching === 'master') {
    return { causes: [problem, l10n.t('medialive.manifestName must name the master playlist: MediaLive writes it as "{0}.m3u8" and the variants as "{0}<nameModifier>.m3u8".', ctx.manifestName)], fix: { setting: 'medialive.manifestName' } };
  }
  return { causes: [problem, l10n.t('The origin may answer with an error page or another object under this name.')] };
}

/** The variant playlist ended with EXT-X-ENDLIST. */
export function endedDiagnosis(side: Side): Diagnosis {
  if (side === 'cdn') return staleCdn();
  return {
    causes: [l10n.t('AWS Elemental MediaLive isn\'t running: the playlist ended with EXT-X-ENDLIST, so the channel was stopped (or lost its input) and no new segment will come. Start the channel.')],
    fix: { setting: 'medialive.channelName' },
  };
}

/** The live point did not move for `seconds`. */
export function stuckDiagnosis(side: Side, seconds: number): Diagnosis {
  if (side === 'cdn') return staleCdn();
  return {
    causes: [l10n.t('AWS Elemental MediaLive isn\'t running or cannot write: no new segment for {0} s (two target durations). Check that the channel runs and that its destination URL is right.', seconds)],
    fix: { setting: 'medialive.destination.url' },
  };
}

/** The origin's playlists are live, so an old one through CloudFront comes from its cache. */
function staleCdn(): Diagnosis {
  return {
    causes: [l10n.t('CloudFront serves an old copy of the variant playlist while the origin\'s is live: a behavior caches live playlists longer than one segment.'), behaviorCause()],
    fix: { setting: 'cloudfront.behaviors', finding: 'cloudfront-manifest-cached-too-long' },
  };
}
