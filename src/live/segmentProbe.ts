// What one fetched segment says about itself: is it MPEG-TS, and does it fit in a Momento object.
import * as l10n from '@vscode/l10n';
import { formatBytes } from '../config/estimates';

const TS_PACKET = 188;
const SYNC_BYTE = 0x47;
/** Container formats a playlist may legitimately use instead of MPEG-TS (packed audio, fMP4, WebVTT). */
const NOT_TS_EXTENSIONS = /\.(?:aac|ac3|ec3|mp3|m4s|mp4|m4a|m4v|cmfv|cmfa|vtt|webvtt)$/i;

/** Segments of a playlist with EXT-X-MAP, or with another container's extension, are not meant to be TS. */
export function expectsTransportStream(uri: string, hasMap: boolean): boolean {
  if (hasMap) return false;
  const path = uri.split(/[?#]/, 1)[0];
  return !NOT_TS_EXTENSIONS.test(path);
}

/** Why `bytes` is not MPEG-TS, or undefined when every packet starts with the sync byte. */
export function transportStreamProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return l10n.t('the segment is empty');
  for (let at = 0; at < bytes.length; at += TS_PACKET) {
    if (bytes[at] !== SYNC_BYTE) {
      return l10n.t('byte {0} (packet {1}) is 0x{2}, not the sync byte 0x47', at, at / TS_PACKET, bytes[at].toString(16).padStart(2, '0'));
    }
  }
  if (bytes.length % TS_PACKET !== 0) return l10n.t('{0} bytes is not a whole number of 188-byte packets (cut short?)', bytes.length);
  return undefined;
}

export function notTransportStreamMessage(uri: string, problem: string): string {
  return l10n.t('Segment {0} is not MPEG-TS: {1}. The origin may be answering with an error page or another object under this name.', uri, problem);
}

export function tooLargeMessage(uri: string, bytes: number, limit: number): string {
  return l10n.t('Segment {0} is {1}, over Momento\'s {2} object limit, so Momento refuses such segments from the encoder. Lower the bitrate or the segment length.', uri, formatBytes(bytes), formatBytes(limit));
}
