import { ApiError, CallDetails, CallView, InlineTable, LogLine, Step, StoredTable, TERMINAL, cancelCall, follow, getCall, getDetails } from '../api';
import { bytes, duration, el, jsonBlock, previewTable, progressBar, stateBadge, time } from '../format';

const PREVIEW_ROWS = 20;
const PREVIEW_BYTES = 64 * 1024;
/** 20 × 250 ms: how long a call accepted on another gateway may take to become known here. */
const LOOKUP_ATTEMPTS = 20;

/**
 * One call: its state, progress and facts, arguments, output as JSON, tables (a preview of the first rows and a
 * download link), error, timeline and live log lines, with a cancel button while it runs. Follows the call on
 * GET /v1/calls/{id}/events until it ends.
 */
export function callPage(root: HTMLElement, callId: string): () => void {
  let call: CallView | null = null;
  let details: CallDetails | null = null;
  const timeline: Step[] = [];
  let stream: EventSource | null = null;
  let closed = false;

  const head = el('div', { class: 'call-head' });
  const facts = el('dl', { class: 'facts', 'data-testid': 'facts' });
  const body = el('div', { class: 'call-body' });
  const steps = el('ol', { class: 'timeline', 'data-testid': 'timeline' });
  const logs = el('pre', { class: 'logs', 'data-testid': 'logs' });
  const logsEmpty = el('p', { class: 'muted', 'data-testid': 'logs-empty' }, 'No log lines yet.');
  root.replaceChildren(head, el('div', { class: 'call-grid' },
    el('div', {}, facts, body),
    el('div', {}, el('h3', {}, 'Timeline'), steps, el('h3', {}, 'Log'), logsEmpty, logs)));

  function renderHead(): void {
    if (!call) return;
    const cancel = el('button', { class: 'danger', 'data-testid': 'cancel' }, 'Cancel');
    cancel.addEventListener('click', async () => {
      cancel.setAttribute('disabled', '');
      cancel.textContent = 'Cancelling…';
      try {
        update(await cancelCall(callId));
      } catch (e) {
        cancel.textContent = e instanceof ApiError ? e.message : 'Cancel failed';
      }
    });
    head.replaceChildren(
      el('div', { class: 'title' }, el('h2', {}, call.function), stateBadge(call.state),
        el('code', { class: 'id', 'data-testid': 'call-id' }, call.callId)),
      TERMINAL.has(call.state) ? el('span') : cancel,
      call.progress && !TERMINAL.has(call.state) ? progressBar(call.progress.fraction, call.progress.message) : el('span'));
    root.dataset.state = call.state;
  }

  function renderFacts(): void {
    if (!call) return;
    const row = details?.call;
    const started = row?.startedAt ?? null;
    const end = call.finishedAt ? Date.parse(call.finishedAt) : Date.now();
    const pairs: [string, string | null][] = [
      ['Caller', details?.caller ?? '—'],
      ['Node', call.executorId],
      ['Accepted by', details?.gateway ?? null],
      ['Requirements', details ? (details.capset === 'any' ? 'none' : details.capset.split('.').join(', ')) : null],
      ['Submitted', time(call.submittedAt)],
      ['Started', time(started)],
      ['Ended', time(call.finishedAt)],
      ['Duration', duration(end - Date.parse(call.submittedAt))],
      ['Attempt', row ? String(row.attempt + 1) : null],
      ['Answered from', call.cachedFrom ?? null],
    ];
    facts.replaceChildren(...pairs.filter(([, v]) => v).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  }

  function renderBody(): void {
    if (!call) return;
    const parts: HTMLElement[] = [];
    parts.push(el('h3', {}, 'Arguments'));
    if (details) {
      parts.push(details.argsKept ? jsonBlock(details.args, 'args')
        : el('p', { class: 'muted', 'data-testid': 'args' }, 'Not kept: arguments over 16 KiB do not travel with the status.'));
    } else {
      parts.push(el('p', { class: 'muted' }, 'Loading…'));
    }
    if (call.error) {
      parts.push(el('h3', {}, 'Error'), el('div', { class: 'error', 'data-testid': 'error' },
        el('strong', {}, call.error.type), ' ', call.error.message));
    }
    if (TERMINAL.has(call.state) && call.output !== null && call.output !== undefined) {
      parts.push(el('h3', {}, 'Output'), jsonBlock(call.output, 'output'));
    }
    const tables = Object.entries(call.tables ?? {});
    if (tables.length) {
      parts.push(el('h3', {}, 'Tables'));
      for (const [name, table] of tables) parts.push(tableSection(callId, name, table));
    }
    body.replaceChildren(...parts);
  }

  function renderTimeline(): void {
    steps.replaceChildren(...timeline.map(step => el('li', { 'data-step': step.state },
      stateBadge(step.state), ' ', time(step.at), step.node ? ' on ' + step.node : '', step.attempt > 0 ? ' (attempt ' + (step.attempt + 1) + ')' : '')));
  }

  function addStep(step: Step): void {
    const last = timeline[timeline.length - 1];
    if (!last || last.state !== step.state || last.attempt !== step.attempt) {
      timeline.push(step);
      renderTimeline();
    }
  }

  function update(view: CallView): void {
    const previous = call;
    call = view;
    if (previous && previous.state !== view.state) {
      addStep({ state: view.state, at: view.finishedAt ?? new Date().toISOString(), node: view.executorId, attempt: details?.call.attempt ?? 0 });
    }
    renderHead();
    renderFacts();
    if (!previous || previous.state !== view.state || TERMINAL.has(view.state)) renderBody();
    if (TERMINAL.has(view.state)) {
      stream?.close();
      // The details carry the final timeline as the status told it.
      void loadDetails(1);
    }
  }

  function addLog(line: LogLine): void {
    logsEmpty.remove();
    logs.append(el('span', { class: 'log-time' }, time(line.at) + ' '), line.line + '\n');
    logs.scrollTop = logs.scrollHeight;
  }

  async function loadDetails(attempts: number): Promise<void> {
    for (let i = 0; i < attempts && !closed; i++) {
      try {
        details = await getDetails(callId);
        timeline.length = 0;
        timeline.push(...details.timeline);
        renderTimeline();
        renderFacts();
        renderBody();
        return;
      } catch (e) {
        // A call just accepted here is known before its first status arrives; the details follow within moments.
        if (!(e instanceof ApiError && e.status === 404)) throw e;
        await new Promise(resolve => setTimeout(resolve, 250));
      }
    }
  }

  /** The call, waiting a few seconds on 404: a gateway learns of a call accepted elsewhere from its first status. */
  async function firstView(): Promise<CallView> {
    for (let i = 1; ; i++) {
      try {
        return await getCall(callId);
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 404) || i >= LOOKUP_ATTEMPTS || closed) throw e;
        head.replaceChildren(el('h2', {}, 'Call ' + callId), el('p', { class: 'muted' }, 'Looking for the call…'));
        await new Promise(resolve => setTimeout(resolve, 250));
      }
    }
  }

  async function start(): Promise<void> {
    try {
      update(await firstView());
    } catch (e) {
      head.replaceChildren(el('h2', {}, 'Call ' + callId), el('p', { class: 'error', 'data-testid': 'not-found' },
        e instanceof ApiError ? e.message : String(e)));
      return;
    }
    void loadDetails(LOOKUP_ATTEMPTS);
    // Also for an ended call: the gateway sends the log lines it kept before the final status.
    stream = follow('/v1/calls/' + encodeURIComponent(callId) + '/events');
    stream.addEventListener('status', event => update(JSON.parse((event as MessageEvent).data)));
    stream.addEventListener('log', event => addLog(JSON.parse((event as MessageEvent).data)));
  }

  void start();
  const ticker = setInterval(() => { if (call && !TERMINAL.has(call.state)) renderFacts(); }, 1000);
  return () => {
    closed = true;
    stream?.close();
    clearInterval(ticker);
  };
}

function tableSection(callId: string, name: string, table: InlineTable | StoredTable): HTMLElement {
  const section = el('div', { class: 'table-section', 'data-testid': 'table-' + name });
  const href = 'href' in table ? table.href : null;
  const download = el('a', { class: 'download', 'data-testid': 'download-' + name,
    href: href ?? '/v1/calls/' + encodeURIComponent(callId) + '/outputs/' + encodeURIComponent(name), download: name + '.' + table.format },
    'Download');
  section.append(el('div', { class: 'table-title' }, el('strong', {}, name), ' ', table.format, ', ', bytes(table.sizeBytes), ' ', download));
  if ('content' in table) {
    section.append(previewTable(table.format, table.content, PREVIEW_ROWS));
  } else {
    const holder = el('div', {}, el('p', { class: 'muted' }, 'Loading the first rows…'));
    section.append(holder);
    void firstBytes(table.href, PREVIEW_BYTES).then(text => {
      const complete = text.lastIndexOf('\n');
      holder.replaceChildren(previewTable(table.format, complete > 0 ? text.slice(0, complete) : text, PREVIEW_ROWS));
    }).catch(e => holder.replaceChildren(el('p', { class: 'muted' }, 'No preview: ' + e)));
  }
  return section;
}

/** Reads the first bytes of a download and stops: a preview of a gigabyte table costs 64 KiB. */
async function firstBytes(href: string, max: number): Promise<string> {
  const response = await fetch(href);
  if (!response.ok || !response.body) throw new Error(response.status + ' ' + response.statusText);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < max) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  void reader.cancel();
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) { all.set(chunk, offset); offset += chunk.length; }
  return new TextDecoder().decode(all.subarray(0, Math.min(size, max)));
}
