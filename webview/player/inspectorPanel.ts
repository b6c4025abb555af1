// The live manifest inspector beside the player: per rendition the host's measurements, the
// findings by code, and the history (newest first), redrawn from each snapshot the host pushes.
import type { InspectorView } from '../../src/live/inspector';
import type { RenditionView } from '../../src/live/views';
import { byId, el, type Strings } from './dom';

const TIMELINE_SHOWN = 12;

function kb(bytes: number | undefined): string {
  return bytes === undefined ? '–' : `${(bytes / 1000).toFixed(0)} kB`;
}

function orDash(value: number | string | undefined): string {
  return value === undefined ? '–' : String(value);
}

export class InspectorPanel {
  constructor(private readonly s: Strings) {
    byId('inspector-title').textContent = s.t('inspector.title');
    byId('counts-title').textContent = s.t('inspector.counts');
    byId('history-title').textContent = s.t('inspector.history');
    byId('renditions').replaceChildren(el('p', s.t('inspector.waiting'), 'muted'));
  }

  render(view: InspectorView): void {
    byId('renditions').replaceChildren(...view.renditions.map((rendition) => this.rendition(rendition)));
    const counts = Object.entries(view.counts).sort(([a], [b]) => a.localeCompare(b));
    byId('counts').replaceChildren(...(counts.length === 0
      ? [row([this.s.t('inspector.none')])]
      : counts.map(([code, count]) => row([code, String(count)]))));
    byId('history').replaceChildren(...(view.history.length === 0
      ? [el('li', this.s.t('inspector.none'), 'muted')]
      : view.history.map((finding) => {
        const item = el('li', undefined, `finding ${finding.severity}`);
        item.append(
          el('time', new Date(finding.time).toLocaleTimeString()),
          el('code', finding.code),
          el('span', finding.message, 'message'),
        );
        item.title = finding.playlist;
        return item;
      })));
  }

  private rendition(r: RenditionView): HTMLElement {
    const s = this.s;
    const section = el('details', undefined, 'rendition');
    section.open = true;
    const title = r.name ?? r.resolution ?? r.url.split('/').pop()?.split('?')[0] ?? r.url;
    section.append(el('summary', `${title}${r.bandwidth ? ` · ${Math.round(r.bandwidth / 1000)} kbps` : ''}`));
    const list = el('dl');
    const add = (label: string, value: string) => list.append(el('dt', label), el('dd', value));
    if (r.problem) add(s.t('inspector.problem'), r.problem);
    add(s.t('inspector.mediaSequence'), orDash(r.mediaSequence));
    add(s.t('inspector.targetDuration'), r.targetDuration === undefined ? '–' : `${r.targetDuration} s`);
    add(s.t('inspector.window'), r.windowSeconds === undefined ? '–' : s.t('inspector.windowValue', r.windowSeconds, r.windowSegments ?? 0));
    add(s.t('inspector.livePoint'), r.livePoint ? `${r.livePoint.sequence}${r.livePoint.programDateTime ? ` · ${r.livePoint.programDateTime}` : ''}` : '–');
    add(s.t('inspector.lastUpdate'), r.lastUpdateAgeMs === undefined ? '–' : s.t('inspector.ago', (r.lastUpdateAgeMs / 1000).toFixed(1)));
    add(s.t('inspector.pdtOffset'), r.pdtOffsetMs === undefined ? '–' : `${r.pdtOffsetMs} ms`);
    add(s.t('inspector.bitrate'), s.t('inspector.bitrateValue', orDash(r.measuredPeakKbps), orDash(r.measuredAverageKbps),
      r.bandwidth === undefined ? '–' : Math.round(r.bandwidth / 1000), r.averageBandwidth === undefined ? '–' : Math.round(r.averageBandwidth / 1000)));
    add(s.t('inspector.lastSegment'), kb(r.lastSegmentBytes));
    section.append(list);
    const timeline = el('ol', undefined, 'timeline');
    timeline.setAttribute('aria-label', s.t('inspector.timeline'));
    for (const segment of r.timeline.slice(-TIMELINE_SHOWN)) {
      const item = el('li', `${segment.sequence} · ${segment.duration.toFixed(2)} s${segment.bytes === undefined ? '' : ` · ${kb(segment.bytes)}`}`,
        segment.discontinuity ? 'discontinuity' : undefined);
      item.title = `${segment.uri}${segment.programDateTime ? `\n${segment.programDateTime}` : ''}`;
      timeline.append(item);
    }
    section.append(timeline);
    return section;
  }
}

function row(cells: string[]): HTMLTableRowElement {
  const tr = el('tr');
  for (const [index, cell] of cells.entries()) tr.append(el(index === 0 ? 'th' : 'td', cell));
  return tr;
}
