// The player page: connects to its host, takes the stream and strings it is given, then plays and
// shows the inspector's snapshots. It never holds a key: origin requests go through the host.
import type { SourceKind } from '../../src/protocol/messages';
import { byId, el, Strings } from './dom';
import { InspectorPanel } from './inspectorPanel';
import { Playback } from './playback';
import { connect } from './transport';

async function main(): Promise<void> {
  const { client, saveState } = await connect();
  const init = await client.request('ready', {});
  const s = new Strings(init.strings);
  const { stream } = init;
  const inspector = new InspectorPanel(s);
  client.on('inspector', (view) => inspector.render(view));
  client.on('dumpDom', () => void client.request('dom', { html: document.documentElement.outerHTML }).catch(() => undefined));

  const playback = new Playback({ client, strings: s, canOpenExternal: init.canOpenExternal });
  const picker = byId<HTMLSelectElement>('source');
  byId('source-label').textContent = s.t('source.label');
  picker.replaceChildren(...stream.sources.map((source) => {
    const option = el('option', s.t(`source.${source.kind}`));
    option.value = source.kind;
    option.title = source.url;
    return option;
  }));
  picker.disabled = stream.sources.length < 2;
  const open = byId<HTMLButtonElement>('open-external');
  open.textContent = s.t('button.openExternal');
  open.hidden = !init.canOpenExternal;
  open.addEventListener('click', () => {
    void client.request('openExternal', { source: picker.value as SourceKind, videoOnly: false }).catch(() => undefined);
  });

  const show = (kind: SourceKind) => {
    const source = stream.sources.find((candidate) => candidate.kind === kind) ?? stream.sources[0];
    picker.value = source.kind;
    saveState({ stream, source: source.kind });
    void playback.play(source, false);
  };
  picker.addEventListener('change', () => show(picker.value as SourceKind));
  show(stream.preferred);
}

main().catch((error: unknown) => {
  const notice = document.getElementById('notice');
  const text = document.getElementById('notice-text');
  if (notice && text) {
    text.textContent = `The player could not start: ${error instanceof Error ? error.message : String(error)}`;
    notice.hidden = false;
  }
});
