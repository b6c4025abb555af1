// Every code the playlist linter reports, with its one-line meaning (README, CLI --codes).

export const HLS_CODES: Readonly<Record<string, string>> = {
  'hls-missing-extm3u': 'The first line is not #EXTM3U (a byte order mark before it is allowed).',
  'hls-target-duration-missing': 'A media playlist has no EXT-X-TARGETDURATION.',
  'hls-target-duration-invalid': 'EXT-X-TARGETDURATION is not a decimal integer.',
  'hls-extinf-invalid': 'An EXTINF duration is missing or not a non-negative decimal number.',
  'hls-extinf-exceeds-target': 'An EXTINF duration, rounded to the nearest integer, exceeds EXT-X-TARGETDURATION (RFC 8216 4.3.3.1).',
  'hls-tag-wrong-playlist': 'A media playlist tag in a master playlist, or a master playlist tag in a media playlist.',
  'hls-version-too-low': 'EXT-X-VERSION (1 when absent) is lower than a feature of the playlist needs (RFC 8216 section 7).',
  'hls-token-in-uri': 'A URI carries a token= query parameter: the API key is exposed to every viewer; publish with credentials mode.',
  'hls-attribute-list-malformed': 'An attribute list has an entry without =, without a name, an unclosed quote, text after a quote, or a trailing comma.',
  'hls-line-too-long': 'A line is longer than 64 KiB and was not checked.',
  'hls-too-many-attributes': 'An attribute list has more than 512 entries and was not checked.',
};
