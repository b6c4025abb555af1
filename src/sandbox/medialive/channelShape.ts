// The members of CreateChannel/UpdateChannel the sandbox reads, with the types and ranges of
// MediaLive's API model (medialive 2017-10-14: `__integerMin1000`, `__integerMin0Max15`, `__double`,
// enums). Every one is checked whatever the other fields say: a value of the wrong JSON type is
// malformed (400, naming the field, as the service's deserializer answers), a number out of range
// or an unknown enum value is a validation error (422). This is what keeps strings out of ffmpeg.

type Shape =
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'double' }
  | { kind: 'string' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'structure'; members: Record<string, Shape> }
  | { kind: 'list'; item: Shape };

/** A member whose JSON type is not the model's; its message names the member's wire path. */
export class MalformedMember extends TypeError {}

type Report = (elementPath: string, errorMessage: string) => void;

const integer = (min?: number, max?: number): Shape => ({ kind: 'integer', min, max });
const double: Shape = { kind: 'double' };
const string: Shape = { kind: 'string' };
const oneOf = (...values: string[]): Shape => ({ kind: 'enum', values });
const structure = (members: Record<string, Shape>): Shape => ({ kind: 'structure', members });
const list = (item: Shape): Shape => ({ kind: 'list', item });

const CDN_RETRIES = structure({
  ConnectionRetryInterval: integer(0),
  FilecacheDuration: integer(0, 600),
  NumRetries: integer(0),
  RestartDelay: integer(0, 15),
});

const H264 = structure({
  Bitrate: integer(1000),
  BufSize: integer(0),
  FramerateControl: oneOf('INITIALIZE_FROM_SOURCE', 'SPECIFIED'),
  FramerateDenominator: integer(1),
  FramerateNumerator: integer(1),
  GopSize: double,
  GopSizeUnits: oneOf('FRAMES', 'SECONDS'),
  MaxBitrate: integer(1000),
  Profile: oneOf('BASELINE', 'HIGH', 'HIGH_10BIT', 'HIGH_422', 'HIGH_422_10BIT', 'MAIN'),
  RateControlMode: oneOf('CBR', 'MULTIPLEX', 'QVBR', 'VBR'),
});

const VIDEO_DESCRIPTION = structure({
  Name: string,
  Width: integer(),
  Height: integer(),
  CodecSettings: structure({ H264Settings: H264 }),
});

const AUDIO_DESCRIPTION = structure({
  Name: string,
  AudioSelectorName: string,
  CodecSettings: structure({
    AacSettings: structure({
      Bitrate: double,
      CodingMode: oneOf('AD_RECEIVER_MIX', 'CODING_MODE_1_0', 'CODING_MODE_1_1', 'CODING_MODE_2_0', 'CODING_MODE_5_1'),
      SampleRate: double,
    }),
  }),
});

const HLS_GROUP = structure({
  Destination: structure({ DestinationRefId: string }),
  HlsCdnSettings: structure({
    HlsAkamaiSettings: CDN_RETRIES,
    HlsBasicPutSettings: CDN_RETRIES,
    HlsMediaStoreSettings: CDN_RETRIES,
    HlsS3Settings: structure({}),
    HlsWebdavSettings: CDN_RETRIES,
  }),
  IndexNSegments: integer(3),
  KeepSegments: integer(1),
  ManifestDurationFormat: oneOf('FLOATING_POINT', 'INTEGER'),
  Mode: oneOf('LIVE', 'VOD'),
  OutputSelection: oneOf('MANIFESTS_AND_SEGMENTS', 'SEGMENTS_ONLY', 'VARIANT_MANIFESTS_AND_SEGMENTS'),
  ProgramDateTime: oneOf('EXCLUDE', 'INCLUDE'),
  SegmentLength: integer(1),
  TsFileMode: oneOf('SEGMENTED_FILES', 'SINGLE_FILE'),
});

const OUTPUT = structure({
  OutputName: string,
  VideoDescriptionName: string,
  AudioDescriptionNames: list(string),
  OutputSettings: structure({ HlsOutputSettings: structure({ NameModifier: string, HlsSettings: structure({}) }) }),
});

const CHANNEL_SETTINGS = structure({
  ChannelClass: oneOf('STANDARD', 'SINGLE_PIPELINE'),
  Destinations: list(structure({
    Id: string,
    Settings: list(structure({ Url: string, Username: string, PasswordParam: string, StreamName: string })),
  })),
  EncoderSettings: structure({
    AudioDescriptions: list(AUDIO_DESCRIPTION),
    OutputGroups: list(structure({
      Name: string,
      OutputGroupSettings: structure({ HlsGroupSettings: HLS_GROUP }),
      Outputs: list(OUTPUT),
    })),
    TimecodeConfig: structure({ Source: oneOf('EMBEDDED', 'SYSTEMCLOCK', 'ZEROBASED') }),
    VideoDescriptions: list(VIDEO_DESCRIPTION),
  }),
  InputAttachments: list(structure({ InputAttachmentName: string, InputId: string })),
});

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return String(value);
  return `a ${typeof value}`;
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
// Validation element paths start below encoderSettings, as the real service's do.
const elementPath = (path: string) => path.replace(/^encoderSettings\./, '');

function checkRange(value: number, shape: { min?: number; max?: number }, path: string, report: Report): void {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = shape;
  if (value >= min && value <= max) return;
  report(elementPath(path), shape.max === undefined ? `must be an integer of at least ${min}` : `must be an integer from ${min} to ${max}`);
}

function check(value: unknown, shape: Shape, path: string, report: Report): void {
  if (value === undefined || value === null) return;
  const malformed = (expected: string) => new MalformedMember(`${path} must be ${expected}, not ${jsonType(value)}`);
  switch (shape.kind) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw malformed('an integer');
      checkRange(value, shape, path, report);
      return;
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw malformed('a number');
      return;
    case 'string':
      if (typeof value !== 'string') throw malformed('a string');
      return;
    case 'enum':
      if (typeof value !== 'string') throw malformed('a string');
      if (!shape.values.includes(value)) report(elementPath(path), `"${value}" is not one of ${shape.values.join(', ')}`);
      return;
    case 'list':
      if (!Array.isArray(value)) throw malformed('a list');
      value.forEach((item, index) => check(item, shape.item, `${path}[${index}]`, report));
      return;
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) throw malformed('an object');
      const members = value as Record<string, unknown>;
      for (const [name, member] of Object.entries(shape.members)) {
        check(members[name], member, path ? `${path}.${lowerFirst(name)}` : lowerFirst(name), report);
      }
    }
  }
}

/** Throws MalformedMember on a wrong JSON type; reports values outside the model's ranges and enums. */
export function checkChannelShape(settings: unknown, report: Report): void {
  check(settings, CHANNEL_SETTINGS, '', report);
}
