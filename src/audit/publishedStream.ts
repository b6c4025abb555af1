// What a distribution audit needs to know about the stream behind it, and a channel tells.
export interface PublishedStream {
  segmentLengthSeconds?: number;
  /** The master playlist's name without `.m3u8` (`playlist`). */
  manifestName?: string;
  /** One per rendition: `_720p30` gives `playlist_720p30.m3u8` and `playlist_720p30_00001.ts`. */
  nameModifiers?: readonly string[];
}
