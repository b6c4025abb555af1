// The guide's playlists as its troubleshooting section prints them, with the encoder key replaced.

export const FAKE_KEY = 'FAKE-ENCODER-KEY';

export const GUIDE_MASTER = `#EXTM3U
#EXT-X-VERSION:3
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-STREAM-INF:BANDWIDTH=2648800,AVERAGE-BANDWIDTH=1790800,CODECS="avc1.77.30,mp4a.40.2",RESOLUTION=640x480,FRAME-RATE=30.000
playlist_480p30.m3u8?token=${FAKE_KEY}&ttl_seconds=3600&role=origin
#EXT-X-STREAM-INF:BANDWIDTH=1394800,AVERAGE-BANDWIDTH=965800,CODECS="avc1.4d400d,mp4a.40.2",RESOLUTION=320x240,FRAME-RATE=30.000
playlist_240p30.m3u8?token=${FAKE_KEY}&ttl_seconds=3600&role=origin
#EXT-X-STREAM-INF:BANDWIDTH=4391200,AVERAGE-BANDWIDTH=2961200,CODECS="avc1.4d401f,mp4a.40.2",RESOLUTION=960x720,FRAME-RATE=30.000
playlist_720p30.m3u8?token=${FAKE_KEY}&ttl_seconds=3600&role=origin
`;

/** The master playlist MediaLive writes when it publishes in credentials mode: no key in the URIs. */
export const CREDENTIALS_MASTER = GUIDE_MASTER.replaceAll(`token=${FAKE_KEY}&`, '');

function segments(first: number, last: number): string {
  let text = '';
  for (let n = first; n <= last; n++) text += `#EXTINF:2.00000,\nplaylist_480p30_${String(n).padStart(5, '0')}.ts\n`;
  return text;
}

/** The guide elides segments 893 to 938 with "[...]"; they are written out here. */
export const GUIDE_VARIANT_480P = `#EXTM3U
#EXT-X-VERSION:3
#EXT-X-TARGETDURATION:2
#EXT-X-MEDIA-SEQUENCE:891
${segments(891, 940)}`;
