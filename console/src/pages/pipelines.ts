import { PipelineView, listPipelines } from '../api';
import { el, stateBadge, time } from '../format';

const REFRESH_MS = 1500;
const LIMIT = 200;

/**
 * The pipelines this gateway knows, newest first: state, name, id, steps finished of all, caller, submitted and last
 * update. Refreshed every 1.5 s; a row is rebuilt only when its pipeline changed, so a link under the pointer stays.
 */
export function pipelinesPage(root: HTMLElement): () => void {
  const summary = el('p', { class: 'table-meta', 'data-testid': 'pipeline-count' });
  const body = el('tbody');
  const table = el('table', { class: 'nodes pipelines', 'data-testid': 'pipelines' },
    el('thead', {}, el('tr', {}, ...['State', 'Name', 'Pipeline', 'Steps', 'Caller', 'Submitted', 'Updated'].map(h => el('th', {}, h)))),
    body);
  const error = el('p', { class: 'error', 'data-testid': 'pipelines-error' });
  root.replaceChildren(summary, table, error);
  const rows = new Map<string, { key: string; row: HTMLTableRowElement }>();

  function render(pipelines: PipelineView[]): void {
    const running = pipelines.filter(p => p.state === 'ACCEPTED' || p.state === 'RUNNING').length;
    summary.textContent = `${pipelines.length} ${pipelines.length === 1 ? 'pipeline' : 'pipelines'}, ${running} running`;
    const seen = new Set<string>();
    const ordered = pipelines.map(p => {
      seen.add(p.pipelineId);
      const key = p.updatedAt + ' ' + p.state + ' ' + p.steps.map(s => s.state).join(',');
      const known = rows.get(p.pipelineId);
      if (known && known.key === key) return known.row;
      const row = renderRow(p);
      rows.set(p.pipelineId, { key, row });
      return row;
    });
    for (const id of [...rows.keys()]) if (!seen.has(id)) rows.delete(id);
    // replaceChildren moves the rows kept: nothing unchanged is rebuilt.
    body.replaceChildren(...ordered);
    if (pipelines.length === 0) body.append(el('tr', {}, el('td', { class: 'muted', colspan: '7' }, 'No pipelines yet.')));
    root.dataset.loaded = 'true';
  }

  async function refresh(): Promise<void> {
    try {
      render(await listPipelines(LIMIT));
      error.textContent = '';
    } catch (e) {
      error.textContent = 'Cannot list pipelines: ' + (e instanceof Error ? e.message : e);
    }
  }

  void refresh();
  const timer = setInterval(() => void refresh(), REFRESH_MS);
  return () => clearInterval(timer);
}

function renderRow(p: PipelineView): HTMLTableRowElement {
  const href = '#/pipelines/' + encodeURIComponent(p.pipelineId);
  const finished = p.steps.filter(s => s.state === 'FINISHED').length;
  return el('tr', { 'data-testid': 'pipeline-row', 'data-pipeline-id': p.pipelineId, 'data-state': p.state },
    el('td', {}, stateBadge(p.state)),
    el('td', {}, el('a', { href }, p.name ?? '(unnamed)')),
    el('td', {}, el('a', { href, class: 'fn', 'data-testid': 'pipeline-link' }, p.pipelineId)),
    el('td', { class: 'num', 'data-testid': 'pipeline-steps' }, `${finished} / ${p.steps.length}`),
    el('td', {}, p.caller ?? '—'),
    el('td', {}, time(p.submittedAt)),
    el('td', {}, time(p.updatedAt)));
}
