import assert from 'node:assert/strict';
import { crc32Mpeg2, dropAudio } from '../../../webview/player/tsAudioFilter';

const PACKET = 188;

/** One packet starting a PSI section (pointer field 0), stuffed with 0xFF. */
function psiPacket(pid: number, section: number[]): Uint8Array {
  const packet = new Uint8Array(PACKET).fill(0xff);
  packet.set([0x47, 0x40 | (pid >> 8), pid & 0xff, 0x10, 0x00, ...section]);
  return packet;
}

function withCrc(section: number[]): number[] {
  const length = section.length + 4 - 3;
  section[1] = 0xb0 | (length >> 8);
  section[2] = length & 0xff;
  const crc = crc32Mpeg2(Uint8Array.from(section));
  return [...section, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff];
}

function mediaPacket(pid: number, fill: number): Uint8Array {
  const packet = new Uint8Array(PACKET).fill(fill);
  packet.set([0x47, pid >> 8, pid & 0xff, 0x10]);
  return packet;
}

const PMT_PID = 0x1000;
const VIDEO = 0x100;
const AUDIO = 0x101;
const pat = psiPacket(0, withCrc([0x00, 0, 0, 0x00, 0x01, 0xc1, 0, 0, 0x00, 0x01, 0xe0 | (PMT_PID >> 8), PMT_PID & 0xff]));
const pmt = psiPacket(PMT_PID, withCrc([0x02, 0, 0, 0x00, 0x01, 0xc1, 0, 0, 0xe1, 0x00, 0xf0, 0x00,
  0x1b, 0xe0 | (VIDEO >> 8), VIDEO & 0xff, 0xf0, 0x00,
  0x0f, 0xe0 | (AUDIO >> 8), AUDIO & 0xff, 0xf0, 0x02, 0x0a, 0x00]));

function segment(...packets: Uint8Array[]): ArrayBuffer {
  const bytes = new Uint8Array(packets.length * PACKET);
  packets.forEach((packet, i) => bytes.set(packet, i * PACKET));
  return bytes.buffer;
}

describe('player page: video only (audio out of MPEG-TS)', () => {
  it('computes CRC-32/MPEG-2', () => {
    assert.equal(crc32Mpeg2(new TextEncoder().encode('123456789')), 0x0376e6e7);
  });

  it('drops the audio packets and the audio stream from the program map table, with a valid CRC', () => {
    const out = new Uint8Array(dropAudio(segment(pat, pmt, mediaPacket(VIDEO, 1), mediaPacket(AUDIO, 2), mediaPacket(VIDEO, 3))));
    assert.equal(out.length, 4 * PACKET);
    const pids = Array.from({ length: 4 }, (_, i) => ((out[i * PACKET + 1] & 0x1f) << 8) | out[i * PACKET + 2]);
    assert.deepEqual(pids, [0, PMT_PID, VIDEO, VIDEO]);
    const section = out.subarray(PACKET + 5);
    const length = ((section[1] & 0x0f) << 8) | section[2];
    assert.equal(length, 9 + 5 + 4, 'the header, the video entry and the CRC');
    assert.deepEqual([...section.subarray(12, 17)], [0x1b, 0xe1, 0x00, 0xf0, 0x00]);
    assert.equal(crc32Mpeg2(section.subarray(0, 3 + length)), 0, 'a section with its CRC checks to zero');
    assert.ok(section.subarray(3 + length, PACKET - 5).every((byte) => byte === 0xff), 'the rest is stuffing');
  });

  it('leaves segments without audio, or that are not whole TS packets, as they are', () => {
    const videoOnly = segment(pat, psiPacket(PMT_PID, withCrc([0x02, 0, 0, 0x00, 0x01, 0xc1, 0, 0, 0xe1, 0x00, 0xf0, 0x00, 0x1b, 0xe1, 0x00, 0xf0, 0x00])), mediaPacket(VIDEO, 1));
    assert.equal(dropAudio(videoOnly), videoOnly);
    const odd = new Uint8Array(100).buffer;
    assert.equal(dropAudio(odd), odd);
    const notTs = new Uint8Array(PACKET).buffer;
    assert.equal(dropAudio(notTs), notTs);
  });
});
