// The checks MediaLive makes on CreateChannel/UpdateChannel for an HLS-over-PUT channel: member
// types and ranges (channelShape.ts), then the rules that tie members together. Element paths use
// wire names; the encoder-settings ones start below `encoderSettings` as the real service's
// messages do (for example `outputGroups[0].outputGroupSettings.destination.uri`).
import type {
  AudioDescription,
  EncoderSettings,
  HlsCdnSettings,
  HlsGroupSettings,
  InputAttachment,
  OutputDestination,
  OutputGroup,
  VideoDescription,
} from '@aws-sdk/client-medialive';
import { checkChannelShape } from './channelShape';
import type { ValidationError } from './errors';

export interface ChannelSettings {
  ChannelClass?: string;
  Destinations?: OutputDestination[];
  EncoderSettings?: EncoderSettings;
  InputAttachments?: InputAttachment[];
}

export interface ValidationContext {
  /** Undefined when the input exists and may be attached; else why not. */
  inputProblem(inputId: string): string | undefined;
}

type Report = (elementPath: string, errorMessage: string) => void;

const GROUP_KINDS = ['ArchiveGroupSettings', 'FrameCaptureGroupSettings', 'HlsGroupSettings', 'MediaPackageGroupSettings',
  'MsSmoothGroupSettings', 'MultiplexGroupSettings', 'RtmpGroupSettings', 'UdpGroupSettings', 'CmafIngestGroupSettings',
  'SrtGroupSettings', 'MediaConnectRouterGroupSettings'] as const;
const DESTINATION_KINDS = ['Settings', 'MediaPackageSettings', 'MultiplexSettings', 'SrtSettings', 'MediaConnectRouterSettings'] as const;
// The URL schemes each CDN type writes to.
const CDN_SCHEMES: Record<keyof HlsCdnSettings, string[]> = {
  HlsBasicPutSettings: ['http:', 'https:'],
  HlsAkamaiSettings: ['http:', 'https:'],
  HlsWebdavSettings: ['http:', 'https:'],
  HlsMediaStoreSettings: ['mediastoressl:'],
  HlsS3Settings: ['s3:', 's3ssl:'],
};
const MIN_SIZE = 32;

// JSON null reads as absent, as in the service.
const isSet = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;

function duplicates(values: Array<string | undefined>): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) {
    if (value === undefined) continue;
    if (seen.has(value)) repeated.add(value);
    seen.add(value);
  }
  return repeated;
}

function checkDestinations(settings: ChannelSettings, report: Report): void {
  const channelClass = settings.ChannelClass ?? 'STANDARD';
  const perDestination = channelClass === 'SINGLE_PIPELINE' ? 1 : 2;
  const repeated = duplicates((settings.Destinations ?? []).map((destination) => destination.Id));
  (settings.Destinations ?? []).forEach((destination, i) => {
    const at = `destinations[${i}]`;
    if (!destination.Id) report(`${at}.id`, 'id is required');
    else if (repeated.has(destination.Id)) report(`${at}.id`, `Destination id "${destination.Id}" is used by more than one destination`);
    const kinds = DESTINATION_KINDS.filter((kind) => {
      const value = destination[kind];
      return Array.isArray(value) ? value.length > 0 : value !== undefined;
    });
    if (kinds.length !== 1) {
      report(at, `Exactly one of settings, MediaPackage settings, or Multiplex settings is required for destination "${destination.Id ?? ''}"`);
    }
    if (!destination.Settings) return;
    if (destination.Settings.length !== perDestination) {
      report(`${at}.settings`, `A ${channelClass} channel needs exactly ${perDestination} destination setting${perDestination > 1 ? 's' : ''} (one per pipeline); found ${destination.Settings.length}`);
    }
    destination.Settings.forEach((setting, k) => {
      if (!setting.Url) report(`${at}.settings[${k}].url`, 'url is required');
      else if (!URL.canParse(setting.Url)) report(`${at}.settings[${k}].url`, `"${setting.Url}" is not a URL`);
    });
  });
}

function checkInputs(settings: ChannelSettings, context: ValidationContext, report: Report): void {
  (settings.InputAttachments ?? []).forEach((attachment, i) => {
    if (!attachment.InputId) {
      report(`inputAttachments[${i}].inputId`, 'inputId is required');
      return;
    }
    const problem = context.inputProblem(attachment.InputId);
    if (problem) report(`inputAttachments[${i}].inputId`, problem);
  });
}

// Types and ranges are checked before these rules run (checkChannelShape).
function checkVideo(description: VideoDescription, at: string, report: Report): void {
  for (const dimension of ['Width', 'Height'] as const) {
    const value = description[dimension];
    if (isSet(value) && (value < MIN_SIZE || value % 2 !== 0)) {
      report(`${at}.${dimension.toLowerCase()}`, `${dimension.toLowerCase()} must be an even integer of at least ${MIN_SIZE}`);
    }
  }
  if (isSet(description.Width) !== isSet(description.Height)) {
    report(at, 'width and height must be set together');
  }
  const h264 = description.CodecSettings?.H264Settings;
  if (!h264) return;
  const codecAt = `${at}.codecSettings.h264Settings`;
  if (h264.FramerateControl === 'SPECIFIED') {
    for (const field of ['FramerateNumerator', 'FramerateDenominator'] as const) {
      if (!isSet(h264[field])) {
        report(`${codecAt}.${field.charAt(0).toLowerCase()}${field.slice(1)}`, `is required (a positive integer) when framerateControl is SPECIFIED`);
      }
    }
  }
  if (!isSet(h264.GopSize)) return;
  if (h264.GopSize <= 0) report(`${codecAt}.gopSize`, 'gopSize must be greater than 0');
  else if (h264.GopSizeUnits === 'FRAMES' && !Number.isInteger(h264.GopSize)) report(`${codecAt}.gopSize`, 'gopSize must be an integer when gopSizeUnits is FRAMES');
}

function checkDescriptions(encoder: EncoderSettings, report: Report): void {
  const videos: VideoDescription[] = encoder.VideoDescriptions ?? [];
  const audios: AudioDescription[] = encoder.AudioDescriptions ?? [];
  const repeatedVideo = duplicates(videos.map((video) => video.Name));
  videos.forEach((video, i) => {
    const at = `videoDescriptions[${i}]`;
    if (!video.Name) report(`${at}.name`, 'name is required');
    else if (repeatedVideo.has(video.Name)) report(`${at}.name`, `Video description name "${video.Name}" is used more than once`);
    checkVideo(video, at, report);
  });
  const repeatedAudio = duplicates(audios.map((audio) => audio.Name));
  audios.forEach((audio, i) => {
    const at = `audioDescriptions[${i}]`;
    if (!audio.Name) report(`${at}.name`, 'name is required');
    else if (repeatedAudio.has(audio.Name)) report(`${at}.name`, `Audio description name "${audio.Name}" is used more than once`);
    if (!audio.AudioSelectorName) report(`${at}.audioSelectorName`, 'audioSelectorName is required');
  });
}

function checkCdn(cdn: HlsCdnSettings | undefined, urls: string[], at: string, report: Report): void {
  if (!cdn) return;
  const kinds = (Object.keys(CDN_SCHEMES) as Array<keyof HlsCdnSettings>).filter((kind) => cdn[kind] !== undefined);
  if (kinds.length !== 1) {
    report(at, 'Exactly one of hlsAkamaiSettings, hlsBasicPutSettings, hlsMediaStoreSettings, hlsS3Settings or hlsWebdavSettings is required');
    return;
  }
  const kind = kinds[0];
  const kindAt = `${at}.${kind.charAt(0).toLowerCase()}${kind.slice(1)}`;
  for (const url of urls) {
    const scheme = URL.canParse(url) ? new URL(url).protocol : '';
    if (!CDN_SCHEMES[kind].includes(scheme)) {
      report(kindAt, `${kind} cannot write to "${url}": it needs a ${CDN_SCHEMES[kind].map((item) => item.replace(':', '://')).join(' or ')} destination`);
    }
  }
}

function checkHlsGroup(group: OutputGroup, hls: HlsGroupSettings, at: string, settings: ChannelSettings, report: Report): void {
  const hlsAt = `${at}.outputGroupSettings.hlsGroupSettings`;
  const refId = hls.Destination?.DestinationRefId;
  const destination = settings.Destinations?.find((candidate) => candidate.Id === refId);
  if (!refId) report(`${hlsAt}.destination.destinationRefId`, 'destination is required');
  else if (!destination) report(`${hlsAt}.destination.destinationRefId`, `Object references undefined destination "${refId}"`);
  const urls = (destination?.Settings ?? []).flatMap((setting) => (setting.Url ? [setting.Url] : []));
  for (const url of urls) {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (parsed && /^https?:$/.test(parsed.protocol) && /\/$/.test(parsed.pathname)) {
      report(`${hlsAt}.destination`, `Location "${url}" must end with a base file name (for example .../playlist)`);
    }
  }
  checkCdn(hls.HlsCdnSettings, urls, `${hlsAt}.hlsCdnSettings`, report);
  if (typeof hls.IndexNSegments === 'number' && typeof hls.KeepSegments === 'number' && hls.IndexNSegments >= hls.KeepSegments) {
    report(`${hlsAt}.keepSegments`, `keepSegments (${hls.KeepSegments}) must be greater than indexNSegments (${hls.IndexNSegments})`);
  }
  const modifiers = (group.Outputs ?? []).map((output) => output.OutputSettings?.HlsOutputSettings?.NameModifier ?? '');
  const repeated = duplicates(modifiers);
  (group.Outputs ?? []).forEach((output, o) => {
    const outAt = `${at}.outputs[${o}]`;
    const hlsOutput = output.OutputSettings?.HlsOutputSettings;
    if (!hlsOutput) {
      report(`${outAt}.outputSettings.hlsOutputSettings`, 'Outputs of an HLS output group need hlsOutputSettings');
      return;
    }
    if (!hlsOutput.HlsSettings) report(`${outAt}.outputSettings.hlsOutputSettings.hlsSettings`, 'hlsSettings is required');
    if (repeated.has(modifiers[o])) {
      report(`${outAt}.outputSettings.hlsOutputSettings.nameModifier`, `Name modifier "${modifiers[o]}" must be unique within the output group`);
    }
  });
}

function checkOutputGroups(encoder: EncoderSettings, settings: ChannelSettings, report: Report): void {
  const videoNames = new Set((encoder.VideoDescriptions ?? []).map((video) => video.Name));
  const audioNames = new Set((encoder.AudioDescriptions ?? []).map((audio) => audio.Name));
  (encoder.OutputGroups ?? []).forEach((group, g) => {
    const at = `outputGroups[${g}]`;
    const groupSettings = group.OutputGroupSettings;
    if (!groupSettings) report(`${at}.outputGroupSettings`, 'outputGroupSettings is required');
    else if (GROUP_KINDS.filter((kind) => groupSettings[kind] !== undefined).length !== 1) {
      report(`${at}.outputGroupSettings`, 'Exactly one output group settings type is required');
    }
    if (!group.Outputs || group.Outputs.length === 0) report(`${at}.outputs`, 'At least one output is required');
    (group.Outputs ?? []).forEach((output, o) => {
      const outAt = `${at}.outputs[${o}]`;
      if (!output.OutputSettings) report(`${outAt}.outputSettings`, 'outputSettings is required');
      if (output.VideoDescriptionName !== undefined && !videoNames.has(output.VideoDescriptionName)) {
        report(`${outAt}.videoDescriptionName`, `Object references undefined video description "${output.VideoDescriptionName}"`);
      }
      (output.AudioDescriptionNames ?? []).forEach((name, a) => {
        if (!audioNames.has(name)) report(`${outAt}.audioDescriptionNames[${a}]`, `Object references undefined audio description "${name}"`);
      });
    });
    const hls = groupSettings?.HlsGroupSettings;
    if (hls) checkHlsGroup(group, hls, at, settings, report);
  });
}

function checkEncoder(settings: ChannelSettings, report: Report): void {
  const encoder = settings.EncoderSettings;
  if (!encoder) {
    report('encoderSettings', 'encoderSettings is required');
    return;
  }
  const required: Array<[keyof EncoderSettings, string]> = [
    ['AudioDescriptions', 'audioDescriptions'],
    ['OutputGroups', 'outputGroups'],
    ['TimecodeConfig', 'timecodeConfig'],
    ['VideoDescriptions', 'videoDescriptions'],
  ];
  for (const [field, wire] of required) if (encoder[field] === undefined) report(wire, `${wire} is required`);
  if (encoder.OutputGroups && encoder.OutputGroups.length === 0) report('outputGroups', 'At least one output group is required');
  if (encoder.TimecodeConfig && !encoder.TimecodeConfig.Source) report('timecodeConfig.source', 'source is required');
  checkDescriptions(encoder, report);
  checkOutputGroups(encoder, settings, report);
}

export function validateChannel(settings: ChannelSettings, context: ValidationContext): ValidationError[] {
  const errors: ValidationError[] = [];
  const report: Report = (elementPath, errorMessage) => errors.push({ elementPath, errorMessage });
  checkChannelShape(settings, report);
  checkDestinations(settings, report);
  checkInputs(settings, context, report);
  checkEncoder(settings, report);
  return errors;
}
