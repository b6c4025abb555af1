// hls.js loaders that fetch through the host (protocol request `fetch`): the host adds the player
// key, the page never sees it. Also a wrapper that rewrites the master playlist (video only).
import type { HlsConfig, Loader, LoaderCallbacks, LoaderConfiguration, LoaderContext, LoaderStats } from 'hls.js';
import { ProtocolError } from '../../src/protocol/messages';
import type { PageClient } from '../../src/protocol/pageClient';

type LoaderClass = new (config: HlsConfig) => Loader<LoaderContext>;

function newStats(): LoaderStats {
  return {
    aborted: false, loaded: 0, retry: 0, total: 0, chunkCount: 0, bwEstimate: 0,
    loading: { start: 0, first: 0, end: 0 },
    parsing: { start: 0, end: 0 },
    buffering: { start: 0, first: 0, end: 0 },
  };
}

function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes.buffer as ArrayBuffer;
  return bytes.slice().buffer as ArrayBuffer;
}

export function hostLoaderClass(client: PageClient): LoaderClass {
  return class HostLoader implements Loader<LoaderContext> {
    context: LoaderContext | null = null;
    stats: LoaderStats = newStats();
    private callbacks: LoaderCallbacks<LoaderContext> | null = null;

    load(context: LoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      this.context = context;
      this.callbacks = callbacks;
      // The same stats object throughout: hls.js holds on to it (frag.stats) before it calls load.
      this.stats.loading.start = performance.now();
      const binary = context.responseType === 'arraybuffer';
      const timeoutMs = config.loadPolicy?.maxLoadTimeMs || config.timeout || 20_000;
      client.request('fetch', { url: context.url, responseType: binary ? 'arraybuffer' : 'text', rangeStart: context.rangeStart, rangeEnd: context.rangeEnd }, timeoutMs)
        .then((result) => {
          const callbacks = this.callbacks;
          if (!callbacks || this.stats.aborted) return;
          const now = performance.now();
          this.stats.loading.first = now;
          this.stats.loading.end = now;
          if (result.status < 200 || result.status >= 300) {
            callbacks.onError({ code: result.status, text: `HTTP ${result.status}` }, context, null, this.stats);
            return;
          }
          const data = binary ? ownBuffer(result.bytes ?? new Uint8Array()) : result.text ?? '';
          this.stats.loaded = this.stats.total = typeof data === 'string' ? data.length : data.byteLength;
          callbacks.onSuccess({ url: result.url, data, code: result.status }, this.stats, context, null);
        }, (error: unknown) => {
          const callbacks = this.callbacks;
          if (!callbacks || this.stats.aborted) return;
          this.stats.loading.end = performance.now();
          if (error instanceof ProtocolError && error.code === 'timeout') callbacks.onTimeout(this.stats, context, null);
          else callbacks.onError({ code: 0, text: error instanceof Error ? error.message : String(error) }, context, null, this.stats);
        });
    }

    abort(): void {
      this.stats.aborted = true;
      const callbacks = this.callbacks;
      this.callbacks = null;
      if (this.context) callbacks?.onAbort?.(this.stats, this.context, null);
    }

    destroy(): void {
      this.stats.aborted = true;
      this.callbacks = null;
      this.context = null;
    }
  };
}

export interface Rewrites {
  /** The master playlist's text, before hls.js reads it. */
  manifest?(text: string): string;
  /** A media segment's bytes, before hls.js demuxes them. */
  fragment?(data: ArrayBuffer): ArrayBuffer;
}

/** `Base` with what it loads passed through `rewrites` (the video only: no audio codec, no audio packets). */
export function rewriting(Base: LoaderClass, rewrites: Rewrites): LoaderClass {
  return class RewritingLoader extends Base {
    load(context: LoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      super.load(context, config, {
        ...callbacks,
        onSuccess: (response, stats, ctx, details) => {
          let { data } = response;
          if (typeof data === 'string' && context.type === 'manifest' && rewrites.manifest) data = rewrites.manifest(data);
          else if (data instanceof ArrayBuffer && rewrites.fragment) data = rewrites.fragment(data);
          callbacks.onSuccess(data === response.data ? response : { ...response, data }, stats, ctx, details);
        },
      });
    }
  };
}
