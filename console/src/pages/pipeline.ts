import { ApiError, PIPELINE_ENDED, PipelineStep, PipelineView, cancelPipeline, getPipeline } from '../api';
import { bytes, duration, el, jsonBlock, stateBadge, time } from '../format';

const REFRESH_MS = 1000;
/** 20 × 250 ms: how long a pipeline accepted on another gateway may take to become known here. */
const LOOKUP_ATTEMPTS = 20;
const OUTPUT_CHARS = 80;

/**
 * One pipeline: state, facts (caller, times, deadline), error, and a row per step with its function, state, calls,
 * nodes, output and times; a cancel button while it runs. Polls GET /v1/pipelines/{id} every second until it ends:
 * the API's ?wait holds until the end, and this page wants every step's change on the way.
 */
export function pipelinePage(root: HTMLElement, pipelineId: string): () => void {
  let pipeline: PipelineView | null = null;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelling = false;
  let outcome: HTMLElement | null = null;
  const rows = new Map<string, { key: string; row: HTMLTableRowElement }>();

  const head = el('div', { class: 'call-head' });
  const facts = el('dl', { class: 'facts', 'data-testid': 'facts' });
  const problem = el('div');
  const steps = el('tbody');
  const stale = el('p', { class: 'error', 'data-testid': 'refresh-error' });
  root.replaceChildren(head, stale, facts, problem, el('h3', {}, 'Steps'),
    el('table', { class: 'nodes steps', 'data-testid': 'steps' },
      el('thead', {}, el('tr', {}, ...['Step', 'Function', 'State', 'Calls', 'Nodes', 'Output', 'Started', 'Duration'].map(h => el('th', {}, h)))),
      steps));

  const cancel = el('button', { class: 'danger', 'data-testid': 'cancel' }, 'Cancel');
  cancel.addEventListener('click', async () => {
    cancelling = true;
    cancel.setAttribute('disabled', '');
    cancel.textContent = 'Cancelling…';
    try {
      const view = await cancelPipeline(pipelineId);
      outcome = el('span', { 'data-testid': 'cancel-outcome' },
        PIPELINE_ENDED.has(view.state) ? 'Cancelled: the pipeline ended ' + view.state : 'Cancel sent; its steps are stopping');
      update(view);
    } catch (e) {
      outcome = el('span', { class: 'error', 'data-testid': 'cancel-outcome' }, e instanceof ApiError ? e.message : 'Cancel failed: ' + e);
      renderHead();
    } finally {
      cancelling = false;
      cancel.textContent = 'Cancel';
    }
  });

  function renderHead(): void {
    if (!pipeline) return;
    const running = !PIPELINE_ENDED.has(pipeline.state);
    // The button stays disabled once pressed: a second cancel would only say it is already on its way.
    if (!running || cancelling || outcome) cancel.setAttribute('disabled', '');
    head.replaceChildren(
      el('div', { class: 'title' }, el('h2', {}, pipeline.name ?? 'Pipeline'), stateBadge(pipeline.state),
        el('code', { class: 'id', 'data-testid': 'pipeline-id' }, pipeline.pipelineId)),
      running || outcome ? cancel : el('span'),
      outcome ?? el('span'));
    root.dataset.state = pipeline.state;
  }

  function renderFacts(): void {
    if (!pipeline) return;
    const p = pipeline;
    const ended = PIPELINE_ENDED.has(p.state);
    const end = ended ? Date.parse(p.updatedAt) : Date.now();
    const finished = p.steps.filter(s => s.state === 'FINISHED').length;
    const deadline = p.deadlineAt ? time(p.deadlineAt) + (ended ? '' : ' (in ' + duration(Date.parse(p.deadlineAt) - Date.now()) + ')') : null;
    const pairs: [string, string | null][] = [
      ['Caller', p.caller ?? '—'],
      ['Steps', `${finished} of ${p.steps.length} finished`],
      ['Submitted', time(p.submittedAt)],
      ['Updated', time(p.updatedAt)],
      ['Deadline', deadline],
      ['Duration', duration(end - Date.parse(p.submittedAt))],
    ];
    facts.replaceChildren(...pairs.filter(([, v]) => v).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  }

  function renderSteps(): void {
    if (!pipeline) return;
    problem.replaceChildren(...(pipeline.error ? [el('h3', {}, 'Error'), el('div', { class: 'error', 'data-testid': 'error' },
      el('strong', {}, pipeline.error.type), ' ', pipeline.error.message)] : []));
    // A step that did not change keeps its row (an opened output stays open); only its duration moves.
    steps.replaceChildren(...pipeline.steps.map(step => {
      const key = JSON.stringify(step);
      const known = rows.get(step.name);
      if (known && known.key === key) {
        known.row.lastElementChild!.textContent = stepDuration(step);
        return known.row;
      }
      const row = stepRow(pipelineId, step);
      rows.set(step.name, { key, row });
      return row;
    }));
  }

  function update(view: PipelineView): void {
    pipeline = view;
    renderHead();
    renderFacts();
    renderSteps();
    root.dataset.loaded = 'true';
  }

  /** The pipeline, waiting a few seconds on 404: a gateway learns of one accepted elsewhere from its first status. */
  async function firstView(): Promise<PipelineView> {
    for (let i = 1; ; i++) {
      try {
        return await getPipeline(pipelineId);
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 404) || i >= LOOKUP_ATTEMPTS || closed) throw e;
        head.replaceChildren(el('h2', {}, 'Pipeline ' + pipelineId), el('p', { class: 'muted' }, 'Looking for the pipeline…'));
        await new Promise(resolve => setTimeout(resolve, 250));
      }
    }
  }

  async function poll(): Promise<void> {
    try {
      update(await getPipeline(pipelineId));
      stale.textContent = '';
    } catch (e) {
      stale.textContent = 'Cannot refresh: ' + (e instanceof Error ? e.message : e);
    }
    if (!closed && pipeline && !PIPELINE_ENDED.has(pipeline.state)) timer = setTimeout(() => void poll(), REFRESH_MS);
  }

  async function start(): Promise<void> {
    try {
      update(await firstView());
    } catch (e) {
      head.replaceChildren(el('h2', {}, 'Pipeline ' + pipelineId), el('p', { class: 'error', 'data-testid': 'not-found' },
        e instanceof ApiError ? e.message : String(e)));
      return;
    }
    if (!closed && !PIPELINE_ENDED.has(pipeline!.state)) timer = setTimeout(() => void poll(), REFRESH_MS);
  }

  void start();
  return () => {
    closed = true;
    clearTimeout(timer);
  };
}

function stepDuration(step: PipelineStep): string {
  const end = step.endedAt ? Date.parse(step.endedAt) : Date.now();
  return step.startedAt ? duration(end - Date.parse(step.startedAt)) : '';
}

function stepRow(pipelineId: string, step: PipelineStep): HTMLTableRowElement {
  return el('tr', { 'data-testid': 'step-row', 'data-step': step.name, 'data-state': step.state },
    el('td', { class: 'fn' }, step.name),
    el('td', { class: 'fn' }, step.function),
    el('td', {}, stateBadge(step.state)),
    el('td', { 'data-testid': 'step-calls' }, calls(pipelineId, step)),
    el('td', { 'data-testid': 'step-nodes' }, ...nodes(step)),
    el('td', { class: 'step-output' }, result(step), ...tables(step)),
    el('td', {}, time(step.startedAt)),
    el('td', { class: 'num' }, stepDuration(step)));
}

function callLink(callId: string, label: string): HTMLAnchorElement {
  return el('a', { href: '#/calls/' + encodeURIComponent(callId), class: 'fn', title: callId, 'data-call-id': callId }, label);
}

/**
 * One call: its link, named by its id with the pipeline's shortened ("5f0c1a2b….load"). A map step's chunks: how
 * many ended, and a link per chunk behind a summary.
 */
function calls(pipelineId: string, step: PipelineStep): HTMLElement | string {
  if (step.callIds.length === 0) return '';
  if (step.callIds.length === 1) {
    const id = step.callIds[0];
    return callLink(id, id.startsWith(pipelineId + '.') ? pipelineId.slice(0, 8) + '…' + id.slice(pipelineId.length) : id);
  }
  const links = step.callIds.map((id, i) => callLink(id, String(i)));
  return el('details', {}, el('summary', {}, `${step.callIds.length} calls, ${step.callsEnded} ended`),
    el('div', { class: 'chunks' }, ...links));
}

/** The error, or the output abbreviated to a line (the whole of it, indented, one click away). */
function result(step: PipelineStep): HTMLElement | string {
  if (step.error) {
    return el('span', { class: 'step-error', 'data-testid': 'step-error' }, el('strong', {}, step.error.type), ' ', step.error.message);
  }
  if (step.output === null || step.output === undefined) return '';
  const text = JSON.stringify(step.output);
  const short = text.length > OUTPUT_CHARS ? text.slice(0, OUTPUT_CHARS - 1) + '…' : text;
  const code = el('code', { 'data-testid': 'step-output' }, short);
  return text.length > OUTPUT_CHARS ? el('details', {}, el('summary', {}, code), jsonBlock(step.output, 'step-output-json')) : code;
}

/** Each node once: a map step's chunks often ran several on one node ("exec-a ×3"). */
function nodes(step: PipelineStep): HTMLElement[] {
  const counts = new Map<string, number>();
  for (const id of step.executorIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].map(([id, n]) => el('span', { class: 'tag', 'data-node': id }, n > 1 ? `${id} ×${n}` : id));
}

/** Output tables: name, format and size, a download link (a stored table's own; an inline one's from its call). */
function tables(step: PipelineStep): HTMLElement[] {
  return Object.entries(step.tables ?? {}).map(([name, table]) => {
    const href = 'href' in table ? table.href
      : step.callIds.length === 1 ? '/v1/calls/' + encodeURIComponent(step.callIds[0]) + '/outputs/' + encodeURIComponent(name) : null;
    const label = `${name} (${table.format}, ${bytes(table.sizeBytes)})`;
    return el('div', { class: 'step-table', 'data-testid': 'step-table-' + name },
      href ? el('a', { href, download: name + '.' + table.format }, label) : label);
  });
}
