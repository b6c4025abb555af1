// The player: checks what the page can decode, then plays one source with hls.js (directly from
// the CDN edge, or from the origin through the host's loaders), drives the rendition picker and
// the live-edge button, and measures what the stats panel and the host receive.
import type HlsType from 'hls.js';
import type { ErrorData, FragLoadedData, HlsConfig, Level } from 'hls.js';
import type { PlayerStats, SourceKind, StreamSource } from '../../src/protocol/messages';
import type { PageClient } from '../../src/protocol/pageClient';
import { decideCapability, masterCodecs, stripAudioCodecs, type Capability } from './capability';
import { byId, el, type Strings } from './dom';
import { hostLoaderClass, rewriting } from './hostLoader';
import { dropAudio } from './tsAudioFilter';
import { BitrateMeter, bufferAhead, glassToGlassSeconds, kbps, seconds, StallTracker } from './stats';

type HlsClass = typeof HlsType;
const Hls = (window as unknown as { Hls?: HlsClass }).Hls;

const SAMPLE_MS = 1000;
const RETRY_MS = 5000;
const FIRST_FRAME_MS = 20_000;

export interface PlaybackOptions {
  client: PageClient;
  strings: Strings;
  canOpenExternal: boolean;
}

export class Playback {
  private hls: HlsType | undefined;
  private source: StreamSource | undefined;
  private videoOnly = false;
  private via: PlayerStats['via'] = 'direct';
  private stalls = new StallTracker();
  private meter = new BitrateMeter();
  private state: PlayerStats['state'] = 'starting';
  private problem: string | undefined;
  private startedAt = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private readonly video = byId<HTMLVideoElement>('video');
  private readonly renditions = byId<HTMLSelectElement>('rendition');
  private readonly liveEdge = byId<HTMLButtonElement>('live-edge');

  constructor(private readonly options: PlaybackOptions) {
    const s = options.strings;
    byId('rendition-label').textContent = s.t('rendition.label');
    this.liveEdge.textContent = s.t('button.liveEdge');
    byId('notice-open-external').textContent = s.t('button.openExternal');
    byId('notice-video-only').textContent = s.t('button.videoOnly');
    this.liveEdge.addEventListener('click', () => this.goLive());
    this.renditions.addEventListener('change', () => {
      if (this.hls) this.hls.currentLevel = Number(this.renditions.value);
    });
    byId('notice-open-external').addEventListener('click', () => void this.openExternal());
    byId('notice-video-only').addEventListener('click', () => {
      if (this.source) void this.play(this.source, true);
    });
    this.video.addEventListener('playing', () => {
      this.stalls.playing(Date.now());
      if (this.state === 'starting') this.setState('playing');
    });
    this.video.addEventListener('waiting', () => this.stalls.waiting(Date.now(), this.video.seeking));
    this.video.addEventListener('error', () => {
      const error = this.video.error;
      if (error) this.fail(s.t('notice.failed', `MediaError ${error.code}${error.message ? `: ${error.message}` : ''}`));
    });
    setInterval(() => this.sample(), SAMPLE_MS);
  }

  get current(): SourceKind | undefined {
    return this.source?.kind;
  }

  async play(source: StreamSource, videoOnly: boolean): Promise<void> {
    const generation = ++this.generation;
    this.stop();
    this.source = source;
    this.videoOnly = videoOnly;
    this.stalls = new StallTracker();
    this.meter = new BitrateMeter();
    this.problem = undefined;
    this.setState('starting');
    this.hideNotice();
    const s = this.options.strings;
    this.status(s.t('status.loading', source.url));
    if (!Hls?.isSupported()) {
      this.unsupported({ play: false, reason: 'no-mse' });
      return;
    }
    let master: string;
    try {
      ({ text: master, via: this.via } = await this.readMaster(source));
    } catch (error) {
      if (generation !== this.generation) return;
      this.fail(s.t('notice.master', (error as Error).message));
      // The stream may not be up yet: try again while this source is still the one shown.
      this.retry = setTimeout(() => {
        if (generation === this.generation) void this.play(source, videoOnly);
      }, RETRY_MS);
      return;
    }
    if (generation !== this.generation) return;
    this.status(s.t('status.checking'));
    const capability = decideCapability({
      hlsSupported: true,
      isTypeSupported: (type) => typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported(type),
    }, masterCodecs(videoOnly ? stripAudioCodecs(master) : master));
    if (!capability.play) {
      this.unsupported(capability);
      return;
    }
    this.start(source, Hls, videoOnly);
    if (this.via === 'host' && source.kind === 'edge') this.status(s.t('status.edgeViaHost'));
  }

  stop(): void {
    clearTimeout(this.retry);
    this.hls?.destroy();
    this.hls = undefined;
    this.renditions.replaceChildren();
    this.renditions.disabled = true;
    this.liveEdge.disabled = true;
  }

  /**
   * The master playlist, and how the rest of the stream will be loaded: the origin always through
   * the host; the edge directly, unless the page may not read it (no CORS headers: fetch throws).
   */
  private async readMaster(source: StreamSource): Promise<{ text: string; via: PlayerStats['via'] }> {
    if (source.kind === 'edge') {
      let response: Response | undefined;
      try {
        response = await fetch(source.url, { cache: 'no-store' });
      } catch {
        // A network error, or an answer without Access-Control-Allow-Origin: try through the host.
      }
      if (response) {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return { text: await response.text(), via: 'direct' };
      }
    }
    const result = await this.options.client.request('fetch', { url: source.url, responseType: 'text' });
    if (result.status !== 200) throw new Error(`HTTP ${result.status}`);
    return { text: result.text ?? '', via: 'host' };
  }

  private start(source: StreamSource, HlsCtor: HlsClass, videoOnly: boolean): void {
    const config: Partial<HlsConfig> = {
      enableWorker: false,
      lowLatencyMode: false,
      // 1.25 target durations behind the live edge, catching up at up to 1.1x: glass-to-glass about
      // 1.7 segments with no stall in bench/player.ts (2 segments behind gave 2.5-3 segments).
      liveSyncDurationCount: 1.25,
      maxLiveSyncPlaybackRate: 1.1,
    };
    const Base = this.via === 'host' ? hostLoaderClass(this.options.client) : HlsCtor.DefaultConfig.loader;
    if (this.via === 'host') config.loader = Base;
    const pLoader = videoOnly ? rewriting(Base, { manifest: stripAudioCodecs }) : Base;
    const fLoader = videoOnly ? rewriting(Base, { fragment: dropAudio }) : Base;
    if (this.via === 'host' || videoOnly) {
      config.pLoader = pLoader as unknown as HlsConfig['pLoader'];
      config.fLoader = fLoader as unknown as HlsConfig['fLoader'];
    }
    const hls = new HlsCtor(config);
    this.hls = hls;
    this.startedAt = Date.now();
    hls.on(HlsCtor.Events.MANIFEST_PARSED, () => this.fillRenditions(hls.levels));
    hls.on(HlsCtor.Events.LEVEL_SWITCHED, () => this.showLevel());
    hls.on(HlsCtor.Events.FRAG_LOADED, (_event, data: FragLoadedData) => {
      if (data.frag.type === 'main') this.meter.add(data.frag.stats.loaded, data.frag.duration);
    });
    hls.on(HlsCtor.Events.ERROR, (_event, data: ErrorData) => this.onError(hls, data));
    hls.loadSource(source.url);
    hls.attachMedia(this.video);
    this.video.play().catch(() => undefined); // muted autoplay; the controls remain if a policy blocks it
  }

  private recoveredMedia = false;

  private onError(hls: HlsType, data: ErrorData): void {
    if (!data.fatal || hls !== this.hls) return;
    if (data.type === 'mediaError' && !this.recoveredMedia) {
      this.recoveredMedia = true;
      hls.recoverMediaError();
      return;
    }
    this.fail(this.options.strings.t('notice.failed', `${data.details}${data.response?.code ? ` (HTTP ${data.response.code})` : ''}`));
    this.stop();
  }

  private fillRenditions(levels: Level[]): void {
    const s = this.options.strings;
    const auto = el('option', s.t('rendition.auto'));
    auto.value = '-1';
    this.renditions.replaceChildren(auto, ...levels.map((level, index) => {
      const option = el('option', s.t('rendition.item', level.height ? `${level.height}p` : level.name || String(index), Math.round(level.bitrate / 1000)));
      option.value = String(index);
      return option;
    }));
    this.renditions.value = '-1';
    this.renditions.disabled = false;
    this.liveEdge.disabled = false;
  }

  private showLevel(): void {
    const hls = this.hls;
    if (!hls) return;
    const auto = this.renditions.options[0];
    const level = hls.levels[hls.currentLevel];
    if (auto) auto.textContent = `${this.options.strings.t('rendition.auto')}${hls.autoLevelEnabled && level?.height ? ` (${level.height}p)` : ''}`;
  }

  private goLive(): void {
    const edge = this.hls?.liveSyncPosition;
    if (edge !== null && edge !== undefined && Number.isFinite(edge)) this.video.currentTime = edge;
  }

  private unsupported(capability: Exclude<Capability, { play: true }>): void {
    const s = this.options.strings;
    this.setState('unsupported');
    const text = capability.reason === 'no-mse' ? s.t('notice.noMse') : s.t('notice.codecs', capability.missing.join(', '));
    this.problem = text;
    this.notice(text, capability.reason === 'codecs' && capability.videoOnly && !this.videoOnly);
    this.status('');
  }

  private fail(text: string): void {
    this.problem = text;
    this.setState('failed');
    this.notice(text, false);
  }

  private notice(text: string, offerVideoOnly: boolean): void {
    byId('notice-text').textContent = text;
    const videoOnlyText = byId('notice-video-only-text');
    videoOnlyText.textContent = this.options.strings.t('notice.videoOnly');
    videoOnlyText.hidden = !offerVideoOnly;
    byId('notice-video-only').hidden = !offerVideoOnly;
    byId('notice-open-external').hidden = !this.options.canOpenExternal;
    byId('notice').hidden = false;
  }

  private hideNotice(): void {
    byId('notice').hidden = true;
  }

  private async openExternal(): Promise<void> {
    if (!this.source) return;
    const { opened } = await this.options.client.request('openExternal', { source: this.source.kind, videoOnly: false });
    if (opened) this.status(this.options.strings.t('notice.opened'));
  }

  private status(text: string): void {
    byId('status').textContent = text;
  }

  private setState(state: PlayerStats['state']): void {
    this.state = state;
    document.body.dataset.state = state;
  }

  private sample(): void {
    if (!this.source) return;
    const now = Date.now();
    const hls = this.hls;
    const video = this.video;
    if (this.state === 'starting' && hls && now - this.startedAt > FIRST_FRAME_MS && video.currentTime === 0) {
      this.fail(this.options.strings.t('notice.noFrame', FIRST_FRAME_MS / 1000));
    }
    const ranges: [number, number][] = [];
    for (let i = 0; i < video.buffered.length; i++) ranges.push([video.buffered.start(i), video.buffered.end(i)]);
    const quality = typeof video.getVideoPlaybackQuality === 'function' ? video.getVideoPlaybackQuality() : undefined;
    const level = hls && hls.currentLevel >= 0 ? hls.levels[hls.currentLevel] : undefined;
    const latency = hls?.latency;
    const stats: PlayerStats = {
      source: this.source.kind,
      via: this.via,
      state: this.state,
      currentTime: video.currentTime,
      glassToGlassSeconds: glassToGlassSeconds(now, hls?.playingDate?.getTime()),
      liveEdgeSeconds: latency !== undefined && Number.isFinite(latency) && latency > 0 ? latency : undefined,
      bufferAheadSeconds: bufferAhead(ranges, video.currentTime),
      levelBitrate: level?.bitrate,
      measuredBitrate: this.meter.value(),
      droppedFrames: quality?.droppedVideoFrames,
      totalFrames: quality?.totalVideoFrames,
      stalls: this.stalls.stalls,
      stallSeconds: this.stalls.totalSeconds(now),
      problem: this.problem,
    };
    this.renderStats(stats, hls?.bandwidthEstimate, this.stalls.currentSeconds(now));
    if (this.state === 'playing') this.status(this.options.strings.t(this.via === 'host' && this.source.kind === 'edge' ? 'status.edgeViaHost' : 'status.playing'));
    this.options.client.request('stats', stats).catch(() => undefined);
  }

  private renderStats(stats: PlayerStats, bandwidth: number | undefined, stalledFor: number | undefined): void {
    const s = this.options.strings;
    const rows: [string, string][] = [
      [s.t('stats.glassToGlass'), stats.glassToGlassSeconds === undefined ? (this.hls && stats.currentTime > 0 ? s.t('stats.noPdt') : '–') : seconds(stats.glassToGlassSeconds)],
      [s.t('stats.liveEdge'), seconds(stats.liveEdgeSeconds)],
      [s.t('stats.buffer'), seconds(stats.bufferAheadSeconds)],
      [s.t('stats.levelBitrate'), kbps(stats.levelBitrate)],
      [s.t('stats.measuredBitrate'), kbps(stats.measuredBitrate)],
      [s.t('stats.bandwidth'), kbps(bandwidth)],
      [s.t('stats.dropped'), stats.droppedFrames === undefined ? '–' : `${stats.droppedFrames} / ${stats.totalFrames ?? 0}`],
      [s.t('stats.stalls'), `${s.t('stats.stallsValue', stats.stalls, stats.stallSeconds.toFixed(1))}${stalledFor === undefined ? '' : ` · ${s.t('stats.currentStall', stalledFor.toFixed(1))}`}`],
    ];
    byId('stats').replaceChildren(...rows.flatMap(([label, value]) => [el('dt', label), el('dd', value)]));
  }
}
