import { ApiError, CatalogFunction, getCatalog, listExecutors, submitCall } from '../api';
import { el } from '../format';

interface TableRow { name: HTMLInputElement; file: HTMLInputElement; row: HTMLElement }

/**
 * Submit a call. With a function catalog (GET /v1/functions), one form per function built from its parameters and
 * tables; without one, a generic form: function, arguments as JSON, requirements, timeout and table files.
 * A submitted call opens its detail page.
 */
export function submitPage(root: HTMLElement): () => void {
  const status = el('p', { class: 'status', 'data-testid': 'submit-status' });
  root.replaceChildren(el('p', { class: 'muted' }, 'Loading functions…'));
  void (async () => {
    const catalog = await getCatalog();
    const known = catalog ? catalog.map(f => f.name) : await knownFunctions();
    root.replaceChildren(
      ...(catalog ? [catalogForm(catalog, status), el('h3', {}, 'Any function by name')] : []),
      genericForm(known, status, catalog !== null), status);
  })();
  return () => {};
}

async function knownFunctions(): Promise<string[]> {
  try {
    return [...new Set((await listExecutors()).flatMap(e => e.functions))].sort();
  } catch {
    return [];
  }
}

function genericForm(known: string[], status: HTMLElement, withCatalog: boolean): HTMLElement {
  const form = el('form', { class: 'submit', 'data-testid': 'submit-form' });
  const fn = el('input', { name: 'function', list: 'known-functions', required: '', placeholder: 'echo', 'data-testid': 'function' });
  const datalist = el('datalist', { id: 'known-functions' }, ...known.map(name => el('option', { value: name })));
  const args = el('textarea', { name: 'args', rows: '8', spellcheck: 'false', 'data-testid': 'args' });
  args.value = '{}';
  const requirements = el('input', { name: 'requirements', placeholder: 'python, gpu', 'data-testid': 'requirements' });
  const timeout = el('input', { name: 'timeout', type: 'number', min: '1', placeholder: 'none', 'data-testid': 'timeout' });
  const tables = el('div', { class: 'tables', 'data-testid': 'tables' });
  const rows: TableRow[] = [];
  const addTable = el('button', { type: 'button', 'data-testid': 'add-table' }, 'Add a table');
  addTable.addEventListener('click', () => rows.push(tableRow(tables, rows.length)));
  form.append(
    el('p', { class: 'muted' }, withCatalog
      ? 'Name any function, e.g. one a node offers only to some callers, and give its arguments as JSON.'
      : 'This gateway has no function catalog: name the function and give its arguments as JSON.'),
    field('Function', fn), datalist,
    field('Arguments (JSON)', args),
    field('Requirements (capabilities, comma-separated)', requirements),
    field('Timeout (ms)', timeout),
    el('div', { class: 'field' }, el('span', {}, 'Tables'), tables, addTable),
    el('button', { type: 'submit', class: 'primary', 'data-testid': 'submit' }, 'Submit'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    let parsed: unknown;
    try {
      parsed = json('Arguments', args.value || '{}');
    } catch (e) {
      status.textContent = (e as Error).message;
      return;
    }
    const call: Record<string, unknown> = { function: fn.value.trim(), args: parsed };
    const tags = requirements.value.split(',').map(t => t.trim()).filter(Boolean);
    if (tags.length) call.requirements = tags;
    if (timeout.value) call.timeoutMs = Number(timeout.value);
    const files = rows.filter(r => r.file.files?.length).map(r => ({ name: r.name.value.trim() || 'input', file: r.file.files![0] }));
    await send(call, files, status);
  });
  return form;
}

function tableRow(container: HTMLElement, index: number): TableRow {
  const name = el('input', { placeholder: 'table name', 'data-testid': 'table-name' });
  name.value = index === 0 ? 'input' : 'table' + (index + 1);
  const file = el('input', { type: 'file', accept: '.csv,.jsonl,.ndjson', 'data-testid': 'table-file' });
  const row = el('div', { class: 'table-row' }, name, file);
  container.append(row);
  return { name, file, row };
}

function catalogForm(catalog: CatalogFunction[], status: HTMLElement): HTMLElement {
  const wrapper = el('div', { class: 'catalog', 'data-testid': 'catalog' });
  const list = el('ul', { class: 'functions' });
  const holder = el('div');
  for (const fn of catalog) {
    const item = el('li', {}, el('a', { href: 'javascript:void 0' }, fn.name), fn.description ? el('div', { class: 'muted' }, fn.description) : null);
    item.addEventListener('click', () => holder.replaceChildren(functionForm(fn, status)));
    list.append(item);
  }
  wrapper.append(list, holder);
  if (catalog.length) holder.append(functionForm(catalog[0], status));
  return wrapper;
}

function functionForm(fn: CatalogFunction, status: HTMLElement): HTMLElement {
  const form = el('form', { class: 'submit', 'data-testid': 'catalog-form' }, el('h3', {}, fn.name));
  const inputs: { name: string; type: string; input: HTMLInputElement | HTMLTextAreaElement }[] = [];
  // A function without a signature takes any arguments: one JSON field for all of them.
  const anyArgs = fn.params === undefined ? el('textarea', { rows: '6', spellcheck: 'false', 'data-testid': 'catalog-args' }) : null;
  if (anyArgs) {
    anyArgs.value = '{}';
    form.append(field('Arguments (JSON)', anyArgs));
  }
  for (const param of fn.params ?? []) {
    const type = (param.type ?? 'string').toLowerCase();
    const input = type === 'object' || type === 'array' || type === 'json'
      ? el('textarea', { rows: '4', 'data-testid': 'param-' + param.name })
      : el('input', { 'data-testid': 'param-' + param.name, type: type === 'boolean' ? 'checkbox' : type === 'number' || type === 'integer' ? 'number' : 'text' });
    if (param.default !== undefined) {
      if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = Boolean(param.default);
      else input.value = typeof param.default === 'string' ? param.default : JSON.stringify(param.default);
    }
    if (param.required && !(input instanceof HTMLInputElement && input.type === 'checkbox')) input.setAttribute('required', '');
    inputs.push({ name: param.name, type, input });
    form.append(field(param.name + (param.description ? ' — ' + param.description : ''), input));
  }
  const tables = (fn.tables ?? []).map(t => {
    const file = el('input', { type: 'file', accept: '.csv,.jsonl,.ndjson', 'data-testid': 'table-' + t.name });
    if (t.required) file.setAttribute('required', '');
    form.append(field('Table ' + t.name + (t.description ? ' — ' + t.description : ''), file));
    return { name: t.name, file };
  });
  form.append(el('button', { type: 'submit', class: 'primary', 'data-testid': 'catalog-submit' }, 'Submit'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    let args: Record<string, unknown> = {};
    try {
      if (anyArgs) args = json('Arguments', anyArgs.value || '{}') as Record<string, unknown>;
      for (const { name, type, input } of inputs) {
        if (input instanceof HTMLInputElement && input.type === 'checkbox') args[name] = input.checked;
        else if (input.value === '') continue;
        else if (type === 'number' || type === 'integer') args[name] = Number(input.value);
        else if (type === 'object' || type === 'array' || type === 'json') args[name] = json(name, input.value);
        else args[name] = input.value;
      }
    } catch (e) {
      status.textContent = (e as Error).message;
      return;
    }
    const call: Record<string, unknown> = { function: fn.name, args };
    if (fn.requirements?.length) call.requirements = fn.requirements;
    await send(call, tables.filter(t => t.file.files?.length).map(t => ({ name: t.name, file: t.file.files![0] })), status);
  });
  return form;
}

async function send(call: Record<string, unknown>, tables: { name: string; file: File }[], status: HTMLElement): Promise<void> {
  status.textContent = 'Submitting…';
  try {
    const accepted = await submitCall(call, tables);
    location.hash = '#/calls/' + encodeURIComponent(accepted.callId);
  } catch (e) {
    status.textContent = e instanceof ApiError ? `${e.code}: ${e.message}` : String(e);
  }
}

/** Parses what the user typed as JSON; the error names the field, in the form's words. */
function json(field: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(field + ': not valid JSON (' + (e as Error).message + ')');
  }
}

function field(label: string, input: HTMLElement): HTMLElement {
  return el('label', { class: 'field' }, el('span', {}, label), input);
}
