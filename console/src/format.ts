// Small formatting helpers shared by the pages.

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {},
                                                          ...children: (Node | string | null)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null) node.append(child);
  }
  return node;
}

export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return Math.round(ms) + ' ms';
  const s = ms / 1000;
  if (s < 60) return s.toFixed(s < 10 ? 2 : 1) + ' s';
  const m = Math.floor(s / 60);
  if (m < 60) return m + ' m ' + Math.floor(s % 60) + ' s';
  const h = Math.floor(m / 60);
  return h + ' h ' + (m % 60) + ' m';
}

export function time(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  const clock = d.toLocaleTimeString(undefined, { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
  return sameDay ? clock : d.toLocaleDateString() + ' ' + clock;
}

export function ago(iso: string, now = Date.now()): string {
  const ms = now - Date.parse(iso);
  return ms < 1000 ? 'just now' : duration(ms) + ' ago';
}

export function bytes(n: number): string {
  if (n < 1024) return n + ' B';
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return value.toFixed(value < 10 ? 1 : 0) + ' ' + units[unit];
}

/** JSON, indented, with keys, strings, numbers and literals in their own spans for colour. */
export function jsonBlock(value: unknown, testId: string): HTMLElement {
  const pre = el('pre', { class: 'json', 'data-testid': testId });
  const text = JSON.stringify(value, null, 2) ?? 'null';
  const token = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  let last = 0;
  for (const match of text.matchAll(token)) {
    pre.append(text.slice(last, match.index));
    const [whole, string, colon, literal, number] = match;
    const kind = string ? (colon ? 'key' : 'string') : literal ? 'literal' : number ? 'number' : '';
    pre.append(el('span', { class: 'j-' + kind }, string ?? whole));
    if (colon) pre.append(colon);
    last = (match.index ?? 0) + whole.length;
  }
  pre.append(text.slice(last));
  return pre;
}

/** The first rows of a CSV or JSON Lines text, as a table; at most {@code maxRows}. */
export function previewTable(format: string, text: string, maxRows: number): HTMLTableElement {
  const lines = text.split(/\r?\n/).filter((line, i, all) => line.length > 0 || i < all.length - 1);
  let header: string[] = [];
  let rows: string[][] = [];
  if (format === 'jsonl') {
    const objects = lines.slice(0, maxRows).flatMap(line => {
      try { return [JSON.parse(line) as Record<string, unknown>]; } catch { return []; }
    });
    header = [...new Set(objects.flatMap(o => Object.keys(o)))];
    rows = objects.map(o => header.map(h => o[h] === undefined ? '' : typeof o[h] === 'string' ? o[h] as string : JSON.stringify(o[h])));
  } else {
    const parsed = lines.slice(0, maxRows + 1).map(parseCsvLine);
    header = parsed[0] ?? [];
    rows = parsed.slice(1);
  }
  const table = el('table', { class: 'preview' });
  table.append(el('thead', {}, el('tr', {}, ...header.map(h => el('th', {}, h)))));
  table.append(el('tbody', {}, ...rows.map(r => el('tr', {}, ...r.map(c => el('td', {}, c))))));
  return table;
}

function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(cell); cell = ''; }
    else cell += c;
  }
  cells.push(cell);
  return cells;
}

export function stateBadge(state: string): HTMLElement {
  return el('span', { class: 'badge s-' + state.toLowerCase(), 'data-testid': 'state' }, state);
}

export function progressBar(fraction: number | undefined, message?: string | null): HTMLElement {
  const pct = Math.round(Math.max(0, Math.min(1, fraction ?? 0)) * 100);
  const bar = el('div', { class: 'progress', 'data-testid': 'progress', 'data-value': String(pct), title: message ?? '' },
    el('div', { class: 'fill', style: `width:${pct}%` }), el('span', {}, pct + '%' + (message ? ' ' + message : '')));
  return bar;
}
