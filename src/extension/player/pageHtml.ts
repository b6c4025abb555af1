// The player page's HTML, the same for the webview and the system-browser twin: scripts only with
// the nonce, styles only from the bundled stylesheet, no inline handlers; the script fills in every
// text from the strings the host sends.
import { randomBytes } from 'node:crypto';

export interface PageAssets {
  /** The page's bundle (dist/player.js), hls.js (dist/hls.min.js) and its stylesheet (dist/player.css). */
  script: string;
  hls: string;
  style: string;
  /** Where the assets come from, as CSP names it (the webview's cspSource, or 'self'). */
  cspSource: string;
  /** Origins the page may request directly: the CDN edge (and 'self' for the twin's transport). */
  connect: string[];
  lang: string;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function contentSecurityPolicy(assets: PageAssets, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${assets.cspSource}`,
    `img-src ${assets.cspSource} data:`,
    `media-src ${assets.cspSource} blob:`,
    `connect-src ${assets.connect.length > 0 ? assets.connect.join(' ') : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function playerPageHtml(assets: PageAssets, nonce: string, title: string): string {
  return `<!doctype html>
<html lang="${escape(assets.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escape(contentSecurityPolicy(assets, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<link rel="stylesheet" href="${escape(assets.style)}">
</head>
<body>
<main class="layout">
  <section class="player" aria-labelledby="title">
    <h1 id="title">${escape(title)}</h1>
    <div class="controls">
      <label><span id="source-label"></span> <select id="source"></select></label>
      <label><span id="rendition-label"></span> <select id="rendition" disabled></select></label>
      <button id="live-edge" type="button" disabled></button>
      <button id="open-external" type="button" hidden></button>
    </div>
    <div id="notice" class="notice" role="alert" hidden>
      <p id="notice-text"></p>
      <p id="notice-video-only-text" hidden></p>
      <div class="notice-actions">
        <button id="notice-open-external" type="button" hidden></button>
        <button id="notice-video-only" type="button" hidden></button>
      </div>
    </div>
    <video id="video" muted autoplay playsinline controls></video>
    <p id="status" class="status" role="status"></p>
    <dl id="stats" class="stats"></dl>
  </section>
  <section class="inspector" aria-labelledby="inspector-title">
    <h2 id="inspector-title"></h2>
    <div id="renditions"></div>
    <h3 id="counts-title"></h3>
    <table id="counts" class="counts"></table>
    <h3 id="history-title"></h3>
    <ol id="history" class="history"></ol>
  </section>
</main>
<script nonce="${nonce}" src="${escape(assets.hls)}"></script>
<script nonce="${nonce}" src="${escape(assets.script)}"></script>
</body>
</html>
`;
}
