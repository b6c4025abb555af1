// How the page reaches its host: postMessage in a VS Code webview, or HTTP to the loopback server
// when the same page runs in the system browser (requests POSTed, replies and events on an
// event stream).
import type { StreamRef, SourceKind } from '../../src/protocol/messages';
import { PageClient } from '../../src/protocol/pageClient';
import { decodeMessage, encodeMessage } from '../../src/protocol/wire';

interface VsCodeApi {
  postMessage(message: unknown): void;
  setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

/** What VS Code restores the panel from after a reload: the stream and the source shown. No key. */
export interface RestoreState {
  stream: StreamRef;
  source: SourceKind;
}

export interface Connection {
  client: PageClient;
  saveState(state: RestoreState): void;
}

const OPEN_TIMEOUT_MS = 10_000;

export function connect(): Promise<Connection> {
  if (typeof acquireVsCodeApi === 'function') {
    const api = acquireVsCodeApi();
    const client = new PageClient((message) => api.postMessage(message));
    window.addEventListener('message', (event: MessageEvent) => client.receive(event.data));
    return Promise.resolve({ client, saveState: (state) => api.setState(state) });
  }
  const base = location.pathname.endsWith('/') ? location.pathname : `${location.pathname}/`;
  const client = new PageClient((message) => {
    void fetch(`${base}message`, { method: 'POST', body: encodeMessage(message), headers: { 'content-type': 'application/json' } })
      .catch(() => undefined); // the request then times out in the client, with its own error
  });
  const events = new EventSource(`${base}events`);
  events.addEventListener('message', (event: MessageEvent<string>) => client.receive(decodeMessage(event.data)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the player server did not answer')), OPEN_TIMEOUT_MS);
    let opened = false;
    events.addEventListener('open', () => {
      clearTimeout(timer);
      // After a reconnect the server waits for `ready` again before it sends events.
      if (opened) void client.request('ready', {}).catch(() => undefined);
      opened = true;
      resolve({ client, saveState: () => undefined });
    });
  });
}
