import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { ThroughputSeries, getThroughput } from '../api';
import { el } from '../format';

const REFRESH_MS = 2000;
const STATE_COLOURS: Record<string, string> = {
  FINISHED: '#2e8b57', FAILED: '#c0392b', CANCELLED: '#7f8c8d', TIMED_OUT: '#d68910',
};
const PALETTE = ['#2f6fd0', '#8e44ad', '#16a085', '#d35400', '#2c3e50', '#c2185b'];

/** Calls per second by end state and queued calls per capability set over the last 15 minutes, redrawn every 2 s. */
export function throughputPage(root: HTMLElement): () => void {
  const endedBox = el('div', { class: 'chart', 'data-testid': 'chart-ended' });
  const queuedBox = el('div', { class: 'chart', 'data-testid': 'chart-queued' });
  const totals = el('p', { class: 'table-meta', 'data-testid': 'throughput-totals' });
  root.replaceChildren(el('h3', {}, 'Calls ended per second, last 15 minutes'), totals, endedBox,
    el('h3', {}, 'Queued calls per capability set'), queuedBox);
  let ended: uPlot | null = null;
  let queued: uPlot | null = null;
  let endedKeys = '';
  let queuedKeys = '';

  function chart(box: HTMLElement, names: string[], colour: (name: string, i: number) => string, data: uPlot.AlignedData): uPlot {
    box.replaceChildren();
    return new uPlot({
      width: Math.max(400, box.clientWidth || 900), height: 240,
      series: [{}, ...names.map((name, i) => ({ label: name, stroke: colour(name, i), width: 1.5, points: { show: false } }))],
      axes: [{}, { size: 50 }],
      scales: { x: { time: true } },
    }, data, box);
  }

  function draw(series: ThroughputSeries): void {
    const start = Date.parse(series.start) / 1000;
    const length = Object.values(series.ended)[0]?.length ?? 0;
    const xs = Array.from({ length }, (_, i) => start + i * series.stepSeconds);
    const endedNames = Object.keys(series.ended);
    const endedData = [xs, ...endedNames.map(n => series.ended[n])] as uPlot.AlignedData;
    const sums = endedNames.map(n => `${n} ${series.ended[n].reduce((a, b) => a + b, 0)}`);
    totals.textContent = 'In the window: ' + sums.join(', ');
    if (endedKeys !== endedNames.join()) {
      ended?.destroy();
      ended = chart(endedBox, endedNames, name => STATE_COLOURS[name] ?? '#333', endedData);
      endedKeys = endedNames.join();
    } else {
      ended!.setData(endedData);
    }
    const queuedNames = Object.keys(series.queued);
    const queuedData = [xs, ...queuedNames.map(n => series.queued[n])] as uPlot.AlignedData;
    if (queuedKeys !== queuedNames.join() || !queued) {
      queued?.destroy();
      queued = chart(queuedBox, queuedNames, (_, i) => PALETTE[i % PALETTE.length], queuedData);
      queuedKeys = queuedNames.join();
    } else {
      queued.setData(queuedData);
    }
  }

  async function refresh(): Promise<void> {
    try {
      draw(await getThroughput());
    } catch (e) {
      totals.textContent = 'Cannot read throughput: ' + e;
    }
  }

  void refresh();
  const timer = setInterval(() => void refresh(), REFRESH_MS);
  return () => {
    clearInterval(timer);
    ended?.destroy();
    queued?.destroy();
  };
}
