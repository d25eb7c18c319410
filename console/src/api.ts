// The gateway's HTTP API as the console uses it; every type mirrors a JSON shape in gateway/README.md.

export type CallState = 'ACCEPTED' | 'RUNNING' | 'RETRYING' | 'FINISHED' | 'FAILED' | 'CANCELLED' | 'TIMED_OUT';
export const STATES: CallState[] = ['ACCEPTED', 'RUNNING', 'RETRYING', 'FINISHED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];
export const TERMINAL: ReadonlySet<CallState> = new Set(['FINISHED', 'FAILED', 'CANCELLED', 'TIMED_OUT']);

export interface Progress { fraction: number; message: string | null }

/** A row of GET /v1/calls and of the change stream. */
export interface CallRow {
  callId: string;
  function: string;
  state: CallState;
  caller: string | null;
  node: string | null;
  capset: string;
  gateway: string | null;
  submittedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  updatedAt: string;
  attempt: number;
  progress?: Progress;
  errorType: string | null;
  seq: number;
}

export interface CallPage { calls: CallRow[]; next: string | null; total: number; asOf: number }

export interface InlineTable { format: string; sizeBytes: number; content: string }
export interface StoredTable { format: string; sizeBytes: number; sha256: string; href: string; uri: string }

/** GET /v1/calls/{id}. */
export interface CallView {
  callId: string;
  function: string;
  state: CallState;
  progress?: Progress;
  output: unknown;
  error: { type: string; message: string } | null;
  executorId: string | null;
  submittedAt: string;
  finishedAt: string | null;
  tables: Record<string, InlineTable | StoredTable>;
  cachedFrom?: string;
}

export interface Step { state: CallState; at: string; node: string | null; attempt: number }

/** GET /v1/calls/{id}/details. */
export interface CallDetails {
  callId: string;
  caller: string | null;
  gateway: string | null;
  capset: string;
  args: unknown;
  argsKept: boolean;
  call: CallRow;
  timeline: Step[];
}

export interface LogLine { at: string; node: string; attempt: number; line: string }

export interface Executor {
  executorId: string;
  host: string;
  version: string;
  capabilities: string[];
  functions: string[];
  slots: number;
  busy: number;
  free: number;
  load: number;
  lastSeen: string;
}

export interface ThroughputSeries {
  start: string;
  stepSeconds: number;
  ended: Record<string, number[]>;
  queued: Record<string, number[]>;
}

/** A function of the catalog as the submit form uses it; {@code params} absent: it takes any arguments (JSON). */
export interface CatalogFunction {
  name: string;
  description?: string;
  params?: { name: string; type?: string; required?: boolean; default?: unknown; description?: string }[];
  tables?: { name: string; description?: string; required?: boolean }[];
  requirements?: string[];
}

/** One input of GET /v1/functions: an argument ({@code in: "args"}) or a table ({@code in: "tables"}). */
interface CatalogInput { name: string; type?: string; in?: string; required?: boolean; default?: unknown; description?: string }

/** Argument types of the catalog as the form's inputs know them. */
function formType(type: string | undefined): string {
  const t = (type ?? 'string').toLowerCase();
  if (['int', 'long', 'integer'].includes(t)) return 'integer';
  if (['double', 'float', 'number', 'num'].includes(t)) return 'number';
  if (['bool', 'boolean'].includes(t)) return 'boolean';
  if (['map', 'object', 'list', 'array', 'json'].includes(t)) return 'json';
  return 'string';
}

/** GET /v1/functions' entry (signature inputs, capabilities) as the form's function. */
function fromCatalog(entry: Record<string, unknown>): CatalogFunction {
  const inputs = entry.inputs as CatalogInput[] | null | undefined;
  return {
    name: entry.name as string,
    description: entry.description as string | undefined,
    params: inputs == null ? undefined : inputs.filter(i => i.in !== 'tables')
      .map(i => ({ name: i.name, type: formType(i.type), required: i.required, default: i.default ?? undefined, description: i.description })),
    tables: inputs == null ? undefined : inputs.filter(i => i.in === 'tables')
      .map(i => ({ name: i.name, required: i.required, description: i.description })),
    requirements: (entry.capabilities as string[] | undefined) ?? undefined,
  };
}

/** A pipeline's state: ACCEPTED until the router reports, then RUNNING, then one of the ends. */
export type PipelineState = 'ACCEPTED' | 'RUNNING' | 'FINISHED' | 'FAILED' | 'CANCELLED' | 'TIMED_OUT';
export type StepState = 'WAITING' | 'RUNNING' | 'FINISHED' | 'FAILED' | 'CANCELLED' | 'TIMED_OUT' | 'SKIPPED';
export const PIPELINE_ENDED: ReadonlySet<string> = new Set(['FINISHED', 'FAILED', 'CANCELLED', 'TIMED_OUT']);

/** One step of GET /v1/pipelines/{id}: its calls (one per chunk of a map step), output once FINISHED. */
export interface PipelineStep {
  name: string;
  function: string;
  state: StepState;
  callIds: string[];
  callsEnded: number;
  output: unknown;
  tables: Record<string, InlineTable | StoredTable> | null;
  error: { type: string; message: string } | null;
  executorIds: string[];
  startedAt: string | null;
  endedAt: string | null;
}

/** GET /v1/pipelines/{id}, and each entry of GET /v1/pipelines. */
export interface PipelineView {
  pipelineId: string;
  name: string | null;
  state: PipelineState;
  caller: string | null;
  submittedAt: string;
  updatedAt: string;
  deadlineAt: string | null;
  error: { type: string; message: string } | null;
  steps: PipelineStep[];
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** Filters of the call list; empty strings mean "any". */
export interface CallFilter { states: CallState[]; function: string; node: string; caller: string }

export function filterParams(filter: CallFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.states.length) params.set('state', filter.states.join(','));
  if (filter.function) params.set('function', filter.function);
  if (filter.node) params.set('node', filter.node);
  if (filter.caller) params.set('caller', filter.caller);
  return params;
}

export function matches(filter: CallFilter, row: CallRow): boolean {
  return (filter.states.length === 0 || filter.states.includes(row.state))
    && (!filter.function || filter.function === row.function)
    && (!filter.node || filter.node === row.node)
    && (!filter.caller || filter.caller === row.caller);
}

async function json<T>(response: Response): Promise<T> {
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, body?.error ?? 'http_' + response.status, body?.message ?? response.statusText);
  }
  return body as T;
}

/** Sent with every request: the gateway refuses a change signed in by the session cookie without it (CSRF). */
const CONSOLE_HEADER = 'X-Fabric-Console';
const SESSION = '/v1/session';

let signInNeeded: () => void = () => {};

/** What to do when the gateway answers 401: the console shows its sign-in form. */
export function whenSignInNeeded(handler: () => void): void {
  signInNeeded = handler;
}

/** fetch for the API: the console's header on every request; a 401 asks to sign in. */
export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set(CONSOLE_HEADER, '1');
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401) signInNeeded();
  return response;
}

/**
 * A live feed (server-sent events), authenticated by the session cookie. A refused stream closes without saying why,
 * so then ask the gateway who we are: a 401 there asks to sign in.
 */
export function follow(url: string): EventSource {
  const source = new EventSource(url);
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) void request(SESSION).catch(() => {});
  });
  return source;
}

export interface Session { principal: string; groups: string[] }

/** Who the console is signed in as; null where the gateway needs no sign-in (no /v1/session: security is off). */
export async function getSession(): Promise<Session | null> {
  const response = await request(SESSION);
  return response.status === 404 ? null : json(response);
}

/**
 * The gateway checks the token like any request's and keeps it in a cookie the page cannot read (HttpOnly); a wrong
 * token is an ApiError with the gateway's reason, for the form to show.
 */
export async function signIn(token: string): Promise<void> {
  await json(await fetch(SESSION, { method: 'POST', headers: { authorization: 'Bearer ' + token } }));
}

export async function signOut(): Promise<void> {
  await json(await request(SESSION, { method: 'DELETE' }));
}

export async function listCalls(filter: CallFilter, cursor: string | null, limit: number): Promise<CallPage> {
  const params = filterParams(filter);
  if (cursor) params.set('cursor', cursor);
  params.set('limit', String(limit));
  return json(await request('/v1/calls?' + params));
}

export async function getCall(callId: string): Promise<CallView> {
  return json(await request('/v1/calls/' + encodeURIComponent(callId)));
}

export async function getDetails(callId: string): Promise<CallDetails> {
  return json(await request('/v1/calls/' + encodeURIComponent(callId) + '/details'));
}

export async function cancelCall(callId: string): Promise<CallView> {
  return json(await request('/v1/calls/' + encodeURIComponent(callId) + '?wait=10s', { method: 'DELETE' }));
}

export async function listExecutors(): Promise<Executor[]> {
  return (await json<{ executors: Executor[] }>(await request('/v1/executors'))).executors;
}

export async function getThroughput(): Promise<ThroughputSeries> {
  return json(await request('/v1/calls/throughput'));
}

/** The function catalog, or null where the gateway has none (404) or answers something else. */
export async function getCatalog(): Promise<CatalogFunction[] | null> {
  try {
    const response = await request('/v1/functions');
    if (!response.ok) return null;
    const body = await response.json();
    const list = Array.isArray(body) ? body : Array.isArray(body?.functions) ? body.functions : null;
    return list && list.every((f: unknown) => typeof (f as CatalogFunction)?.name === 'string') ? list.map(fromCatalog) : null;
  } catch {
    return null;
  }
}

/** POST /v1/calls: JSON, or multipart with one part per table file. */
export async function submitCall(call: Record<string, unknown>, tables: { name: string; file: File }[]): Promise<CallView> {
  if (tables.length === 0) {
    return json(await request('/v1/calls', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(call),
    }));
  }
  const form = new FormData();
  // The call part goes first: a bad request is refused before any table is read.
  form.append('call', new Blob([JSON.stringify(call)], { type: 'application/json' }));
  for (const { name, file } of tables) {
    form.append(name, file, file.name);
  }
  return json(await request('/v1/calls', { method: 'POST', body: form }));
}

/** This gateway's most recent pipelines, newest first. */
export async function listPipelines(limit: number): Promise<PipelineView[]> {
  return (await json<{ pipelines: PipelineView[] }>(await request('/v1/pipelines?limit=' + limit))).pipelines;
}

export async function getPipeline(pipelineId: string): Promise<PipelineView> {
  return json(await request('/v1/pipelines/' + encodeURIComponent(pipelineId)));
}

/** Cancels the pipeline and waits up to 10 s for it to end: 200 ended, 202 still stopping, 409 it had ended. */
export async function cancelPipeline(pipelineId: string): Promise<PipelineView> {
  return json(await request('/v1/pipelines/' + encodeURIComponent(pipelineId) + '?wait=10s', { method: 'DELETE' }));
}
