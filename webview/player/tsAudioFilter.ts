// "Play the video only" for MPEG-TS: the audio elementary streams taken out of the program map
// table and their packets dropped, so hls.js never creates an audio SourceBuffer (where AAC cannot
// be decoded, it would fail the whole player). Pure: bytes in, bytes out.

const PACKET = 188;
const SYNC = 0x47;
/** MPEG-1/2 audio, AAC (ADTS and LATM), AC-3, E-AC-3. */
const AUDIO_STREAM_TYPES = new Set([0x03, 0x04, 0x0f, 0x11, 0x81, 0x87]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    table[i] = crc >>> 0;
  }
  return table;
})();

/** CRC-32/MPEG-2, as PSI sections carry it. */
export function crc32Mpeg2(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]) >>> 0;
  return crc >>> 0;
}

const pidOf = (data: Uint8Array, at: number) => ((data[at + 1] & 0x1f) << 8) | data[at + 2];

/** Where the packet's payload starts, or -1 when it has none. */
function payloadStart(data: Uint8Array, at: number): number {
  const control = (data[at + 3] >> 4) & 0x3;
  if ((control & 0x1) === 0) return -1;
  const start = control & 0x2 ? at + 5 + data[at + 4] : at + 4;
  return start < at + PACKET ? start : -1;
}

/** The start of the PSI section in a packet that begins one (after its pointer field), or -1. */
function sectionStart(data: Uint8Array, at: number): number {
  if ((data[at + 1] & 0x40) === 0) return -1;
  const payload = payloadStart(data, at);
  if (payload < 0) return -1;
  const start = payload + 1 + data[payload];
  return start < at + PACKET ? start : -1;
}

function pmtPids(data: Uint8Array, at: number): number[] {
  const start = sectionStart(data, at);
  if (start < 0 || data[start] !== 0x00) return [];
  const end = Math.min(start + 3 + (((data[start + 1] & 0x0f) << 8) | data[start + 2]) - 4, at + PACKET);
  const pids: number[] = [];
  for (let i = start + 8; i + 4 <= end; i += 4) {
    const program = (data[i] << 8) | data[i + 1];
    if (program !== 0) pids.push(((data[i + 2] & 0x1f) << 8) | data[i + 3]);
  }
  return pids;
}

/** Rewrites a PMT packet in place without its audio streams; returns their PIDs. */
function stripPmt(data: Uint8Array, at: number): number[] {
  const start = sectionStart(data, at);
  if (start < 0 || data[start] !== 0x02) return [];
  const sectionLength = ((data[start + 1] & 0x0f) << 8) | data[start + 2];
  const end = start + 3 + sectionLength - 4;
  // A section that continues in the next packet is left alone.
  if (end + 4 > at + PACKET) return [];
  const programInfoLength = ((data[start + 10] & 0x0f) << 8) | data[start + 11];
  const kept: number[] = [];
  const audio: number[] = [];
  let i = start + 12 + programInfoLength;
  while (i + 5 <= end) {
    const infoLength = ((data[i + 3] & 0x0f) << 8) | data[i + 4];
    const entry = Array.from(data.subarray(i, i + 5 + infoLength));
    if (AUDIO_STREAM_TYPES.has(data[i])) audio.push(((data[i + 1] & 0x1f) << 8) | data[i + 2]);
    else kept.push(...entry);
    i += 5 + infoLength;
  }
  if (audio.length === 0) return [];
  const header = Array.from(data.subarray(start, start + 12 + programInfoLength));
  const section = new Uint8Array(header.length + kept.length + 4);
  section.set(header);
  section.set(kept, header.length);
  const length = section.length - 3;
  section[1] = (section[1] & 0xf0) | ((length >> 8) & 0x0f);
  section[2] = length & 0xff;
  const crc = crc32Mpeg2(section.subarray(0, section.length - 4));
  section.set([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff], section.length - 4);
  data.set(section, start);
  data.fill(0xff, start + section.length, at + PACKET);
  return audio;
}

/** The segment without its audio; anything that is not whole 188-byte packets comes back unchanged. */
export function dropAudio(segment: ArrayBuffer): ArrayBuffer {
  const input = new Uint8Array(segment);
  if (input.length === 0 || input.length % PACKET !== 0) return segment;
  const data = new Uint8Array(input);
  const pmts = new Set<number>();
  const audio = new Set<number>();
  const keep: number[] = [];
  for (let at = 0; at < data.length; at += PACKET) {
    if (data[at] !== SYNC) return segment;
    const pid = pidOf(data, at);
    if (pid === 0) pmtPids(data, at).forEach((p) => pmts.add(p));
    else if (pmts.has(pid)) stripPmt(data, at).forEach((p) => audio.add(p));
    if (!audio.has(pid)) keep.push(at);
  }
  if (audio.size === 0) return segment;
  const output = new Uint8Array(keep.length * PACKET);
  keep.forEach((at, index) => output.set(data.subarray(at, at + PACKET), index * PACKET));
  return output.buffer;
}
