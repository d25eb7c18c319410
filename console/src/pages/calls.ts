import { CallFilter, CallRow, CallState, STATES, TERMINAL, filterParams, follow, listCalls, matches } from '../api';
import { duration, el, progressBar, stateBadge, time } from '../format';
import { VirtualList } from '../virtual-list';

const ROW_HEIGHT = 34;
const FIRST_PAGE = 200;
const NEXT_PAGE = 500;

interface Item { row: CallRow; t: number }

/** Newest first, then by id: the gateway's order. */
function before(a: Item, b: Item): boolean {
  return a.t !== b.t ? a.t > b.t : a.row.callId < b.row.callId;
}

export function filterFromQuery(query: URLSearchParams): CallFilter {
  const states = (query.get('state') ?? '').split(',').filter((s): s is CallState => (STATES as string[]).includes(s));
  return { states, function: query.get('function') ?? '', node: query.get('node') ?? '', caller: query.get('caller') ?? '' };
}

/**
 * The live call table: opens the change stream first, loads the first page once the stream is ready, then merges
 * every change (the higher seq wins), inserting new calls in order and dropping calls that leave the filter.
 * More pages load as the user scrolls near the end.
 */
export function callsPage(root: HTMLElement, query: URLSearchParams): () => void {
  const filter = filterFromQuery(query);
  const items: Item[] = [];
  const byId = new Map<string, Item>();
  let next: string | null = null;
  let total = 0;
  let loaded = false;
  let loading = false;
  let pending: { rows: CallRow[]; removed: string[] }[] = [];
  let closed = false;

  const count = el('span', { class: 'count', 'data-testid': 'call-count' }, '');
  const live = el('span', { class: 'live', 'data-testid': 'live' }, 'connecting');
  const viewport = el('div', { class: 'calls', 'data-testid': 'calls' });
  const header = el('div', { class: 'row head' },
    ...['State', 'Function', 'Caller', 'Node', 'Gateway', 'Submitted', 'Duration', 'Progress'].map(h => el('div', {}, h)));
  root.replaceChildren(filterBar(filter), el('div', { class: 'table-meta' }, count, live), header, viewport);

  const list = new VirtualList<Item>(viewport, ROW_HEIGHT, item => renderRow(item.row), () => void loadMore());

  function renderRow(row: CallRow): HTMLElement {
    const end = row.endedAt ? Date.parse(row.endedAt) : Date.now();
    const link = el('a', { class: 'row', href: '#/calls/' + encodeURIComponent(row.callId), 'data-call-id': row.callId,
      'data-state': row.state, 'data-testid': 'call-row' },
      el('div', {}, stateBadge(row.state)),
      el('div', { class: 'fn' }, row.function),
      el('div', {}, row.caller ?? '—'),
      el('div', {}, row.node ?? ''),
      el('div', {}, row.gateway ?? ''),
      el('div', {}, time(row.submittedAt)),
      el('div', { class: 'num' }, duration(end - Date.parse(row.submittedAt))),
      el('div', {}, row.progress && !TERMINAL.has(row.state) ? progressBar(row.progress.fraction, row.progress.message) : null));
    return link;
  }

  function showCount(): void {
    count.textContent = total.toLocaleString() + (total === 1 ? ' call' : ' calls');
  }

  function refresh(): void {
    showCount();
    list.setItems(items);
  }

  function indexOf(item: Item): number {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(items[mid], item)) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function remove(callId: string): void {
    const item = byId.get(callId);
    if (!item) return;
    byId.delete(callId);
    const at = indexOf(item);
    if (items[at] === item) items.splice(at, 1);
    total = Math.max(0, total - 1);
  }

  function upsert(row: CallRow): void {
    const existing = byId.get(row.callId);
    if (existing && existing.row.seq >= row.seq) return;
    if (!matches(filter, row)) {
      if (existing) remove(row.callId);
      return;
    }
    if (existing) {
      existing.row = row;
      return;
    }
    const item = { row, t: Date.parse(row.submittedAt) };
    const at = indexOf(item);
    // Past the loaded pages it arrives with its page; counting it now keeps the total right.
    total++;
    if (next !== null && at === items.length) return;
    items.splice(at, 0, item);
    byId.set(row.callId, item);
  }

  function applyChanges(batch: { rows: CallRow[]; removed: string[] }): void {
    batch.removed.forEach(remove);
    batch.rows.forEach(upsert);
  }

  async function loadFirst(): Promise<void> {
    loading = true;
    try {
      const page = await listCalls(filter, null, FIRST_PAGE);
      if (closed) return;
      items.length = 0;
      byId.clear();
      for (const row of page.calls) {
        const item = { row, t: Date.parse(row.submittedAt) };
        items.push(item);
        byId.set(row.callId, item);
      }
      next = page.next;
      total = page.total;
      loaded = true;
      // Changes that arrived while the page loaded: the higher seq wins, so older ones change nothing.
      const early = pending;
      pending = [];
      for (const batch of early) applyChanges(batch);
      refresh();
      root.dataset.loaded = 'true';
    } finally {
      loading = false;
    }
  }

  async function loadMore(): Promise<void> {
    if (!loaded || loading || next === null) return;
    loading = true;
    try {
      const page = await listCalls(filter, next, NEXT_PAGE);
      if (closed) return;
      for (const row of page.calls) {
        if (byId.has(row.callId)) continue;
        const item = { row, t: Date.parse(row.submittedAt) };
        items.push(item);
        byId.set(row.callId, item);
      }
      next = page.next;
      refresh();
    } finally {
      loading = false;
    }
  }

  const stream = follow('/v1/calls/changes?' + filterParams(filter));
  stream.addEventListener('ready', () => {
    live.textContent = 'live';
    live.classList.add('on');
    void loadFirst();
  });
  stream.addEventListener('calls', event => {
    const batch = JSON.parse((event as MessageEvent).data) as { rows: CallRow[]; removed: string[] };
    if (!loaded) {
      pending.push(batch);
      return;
    }
    applyChanges(batch);
    refresh();
  });
  stream.addEventListener('reset', () => void loadFirst());
  stream.onerror = () => {
    live.textContent = 'reconnecting';
    live.classList.remove('on');
    loaded = false;
  };

  const ticker = setInterval(() => list.schedule(), 1000);
  return () => {
    closed = true;
    stream.close();
    clearInterval(ticker);
  };
}

function filterBar(filter: CallFilter): HTMLElement {
  const form = el('form', { class: 'filters', 'data-testid': 'filters' });
  const states = el('div', { class: 'chips' });
  for (const state of STATES) {
    const id = 'f-' + state;
    const box = el('input', { type: 'checkbox', id, value: state, 'data-testid': 'filter-state-' + state });
    box.checked = filter.states.includes(state);
    states.append(el('label', { for: id, class: 'chip s-' + state.toLowerCase() }, box, state));
  }
  const field = (name: keyof CallFilter, label: string) => {
    const input = el('input', { name, placeholder: label, 'aria-label': label, 'data-testid': 'filter-' + name });
    input.value = String(filter[name] ?? '');
    return input;
  };
  form.append(states, field('function', 'function'), field('node', 'node'), field('caller', 'caller'),
    el('button', { type: 'submit' }, 'Filter'), el('a', { href: '#/calls', class: 'clear' }, 'Clear'));
  const apply = () => {
    const chosen: CallFilter = {
      states: STATES.filter(s => (form.querySelector('#f-' + s) as HTMLInputElement).checked),
      function: (form.elements.namedItem('function') as HTMLInputElement).value.trim(),
      node: (form.elements.namedItem('node') as HTMLInputElement).value.trim(),
      caller: (form.elements.namedItem('caller') as HTMLInputElement).value.trim(),
    };
    const params = filterParams(chosen).toString();
    location.hash = '#/calls' + (params ? '?' + params : '');
  };
  form.addEventListener('submit', event => { event.preventDefault(); apply(); });
  states.addEventListener('change', apply);
  return form;
}
