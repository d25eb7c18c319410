import { Executor, listExecutors } from '../api';
import { ago, el } from '../format';

const REFRESH_MS = 2000;

/** Every executor alive now: capabilities, slots busy and free, functions, load, last seen. Refreshed every 2 s. */
export function nodesPage(root: HTMLElement): () => void {
  const summary = el('p', { class: 'table-meta', 'data-testid': 'node-summary' });
  const table = el('table', { class: 'nodes', 'data-testid': 'nodes' });
  const error = el('p', { class: 'error' });
  root.replaceChildren(summary, table, error);

  function render(executors: Executor[]): void {
    const slots = executors.reduce((n, e) => n + e.slots, 0);
    const busy = executors.reduce((n, e) => n + e.busy, 0);
    summary.textContent = `${executors.length} ${executors.length === 1 ? 'node' : 'nodes'}, ${busy} of ${slots} slots busy`;
    table.replaceChildren(
      el('thead', {}, el('tr', {}, ...['Node', 'Host', 'Capabilities', 'Slots', 'Load', 'Functions', 'Last seen'].map(h => el('th', {}, h)))),
      el('tbody', {}, ...executors.map(e => el('tr', { 'data-testid': 'node-row', 'data-node': e.executorId },
        el('td', { class: 'fn' }, e.executorId),
        el('td', {}, e.host, el('div', { class: 'muted' }, e.version)),
        el('td', {}, ...(e.capabilities.length ? e.capabilities.map(c => el('span', { class: 'tag' }, c)) : [el('span', { class: 'muted' }, 'none')])),
        el('td', {}, slotBar(e)),
        el('td', { class: 'num' }, Math.round(e.load * 100) + ' %'),
        el('td', { class: 'functions' }, e.functions.join(', ')),
        el('td', {}, ago(e.lastSeen))))));
  }

  async function refresh(): Promise<void> {
    try {
      render(await listExecutors());
      error.textContent = '';
    } catch (e) {
      error.textContent = 'Cannot list executors: ' + e;
    }
  }

  void refresh();
  const timer = setInterval(() => void refresh(), REFRESH_MS);
  return () => clearInterval(timer);
}

function slotBar(e: Executor): HTMLElement {
  const cells = [];
  for (let i = 0; i < e.slots; i++) cells.push(el('span', { class: i < e.busy ? 'slot busy' : 'slot' }));
  return el('div', { class: 'slots', title: `${e.busy} busy, ${e.free} free` }, ...cells,
    el('span', { class: 'slot-text' }, `${e.busy} busy / ${e.free} free`));
}
