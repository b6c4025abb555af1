// A minimal hls.js player, published into the sandbox namespace and served through the
// distribution, so the page and the stream share one origin exactly as viewers would see it.

export const PLAYER_PAGE = 'player.html';
export const PLAYER_SCRIPT = 'hls.min.js';

export function playerHtml(manifest: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Momento Live Origin sandbox player</title>
<style>
  body { margin: 0; background: #111; color: #ddd; font: 14px system-ui, sans-serif; }
  video { display: block; width: 100%; max-height: 80vh; background: #000; }
  #status { padding: 8px 12px; font-variant-numeric: tabular-nums; }
</style>
</head>
<body>
<video id="video" muted autoplay playsinline controls></video>
<div id="status">Loading ${manifest}…</div>
<script src="${PLAYER_SCRIPT}"></script>
<script>
  const video = document.getElementById('video');
  const status = document.getElementById('status');
  const state = { errors: [], level: -1, fragments: 0, stalls: 0, playing: false };
  window.sandboxPlayer = state;
  // A stall is the video waiting for data after it has started to play.
  video.addEventListener('playing', () => { state.playing = true; });
  video.addEventListener('waiting', () => { if (state.playing) state.stalls++; });
  if (!window.Hls || !Hls.isSupported()) {
    status.textContent = 'This browser has no Media Source Extensions: open ${manifest} in an HLS player such as VLC.';
  } else {
    const hls = new Hls({ liveSyncDurationCount: 3 });
    hls.on(Hls.Events.LEVEL_SWITCHED, (_, data) => { state.level = data.level; });
    hls.on(Hls.Events.FRAG_LOADED, () => { state.fragments++; });
    hls.on(Hls.Events.ERROR, (_, data) => {
      state.errors.push(data.details);
      if (data.fatal) {
        state.fatal = data.details;
        status.textContent = 'Playback failed: ' + data.details;
      }
    });
    hls.loadSource('${manifest}');
    hls.attachMedia(video);
    setInterval(() => {
      if (state.fatal) return;
      const latency = hls.latency === undefined ? '–' : hls.latency.toFixed(1) + ' s';
      state.currentTime = video.currentTime;
      state.latency = hls.latency;
      status.textContent = 'time ' + video.currentTime.toFixed(1) + ' s · rendition ' + state.level + ' · latency ' + latency + ' · fragments ' + state.fragments + ' · stalls ' + state.stalls;
    }, 500);
  }
</script>
</body>
</html>
`;
}
