// End-to-end tests of the console in a real browser: playwright-core driving Debian's chromium.
//
//   node console/e2e/console.e2e.mjs <scenario> [args...]
//
//   node console/e2e/console.e2e.mjs serve     (one browser for many runs: prints "BROWSER <ws endpoint>")
//
// Environment: GATEWAY_A, GATEWAY_B (gateway URLs), CHROMIUM (default /usr/bin/chromium), BROWSER_WS (the endpoint
// of a served browser, else each run launches its own), SCREENSHOTS (a
// directory: pages are saved there as PNG); for the scenario sign-in, GATEWAY_SECURE (a gateway with security on)
// and ADMIN_TOKEN (an API token its policy lets call everything and see every call). Each scenario prints what it saw and exits 0, or prints why it failed
// and exits 1. Waits are for conditions, each with a bound (BOUND_MS); nothing sleeps to synchronise.
// The JUnit test ConsoleIT (gateway module) starts the fabric and runs every scenario; scenarios that need the
// fabric to do something mid-way (stop a node, write a status) ask for it with a line "@@<request>" on stdout
// and read the answer on stdin.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const BOUND_MS = Number(process.env.BOUND_MS ?? 60_000);
const A = process.env.GATEWAY_A;
const B = process.env.GATEWAY_B ?? A;
const SHOTS = process.env.SCREENSHOTS;
const ENDED = ['FINISHED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];
// The flags a headless Chromium needs on these machines: as root no sandbox, and no calls home (refused here).
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

const stdin = createInterface({ input: process.stdin });
const answers = stdin[Symbol.asyncIterator]();

/** Asks the test driving this script for something; returns its one-line answer. */
async function ask(request) {
  console.log('@@' + request);
  const { value, done } = await answers.next();
  if (done) throw new Error('no answer to ' + request);
  return value;
}

async function api(gateway, path, body, headers = {}) {
  const response = await fetch(gateway + path, body === undefined ? { headers } : {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
  });
  const json = await response.json();
  assert.ok(response.ok, `${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function shot(page, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name + '.png') });
}

/** The call id of the detail page the browser is on. */
function callIdOf(page) {
  const match = /#\/calls\/([^/?]+)/.exec(page.url());
  assert.ok(match, 'not on a call page: ' + page.url());
  return decodeURIComponent(match[1]);
}

const scenarios = {
  /** A call submitted from the form appears in the live table (opened before) and turns FINISHED there. */
  async 'submit-finishes'(browser) {
    const table = await browser.newPage();
    await table.goto(A + '/#/calls');
    await table.waitForSelector('[data-testid=live].on', { timeout: BOUND_MS });
    const form = await browser.newPage();
    await form.goto(A + '/#/submit');
    await form.fill('[data-testid=function]', 'sleep');
    await form.fill('[data-testid=args]', '{"ms": 1500}');
    await form.click('[data-testid=submit]');
    await form.waitForURL(/#\/calls\/[^/]+$/, { timeout: BOUND_MS });
    const callId = callIdOf(form);
    const row = `[data-call-id="${callId}"]`;
    await table.waitForSelector(row, { timeout: BOUND_MS });
    const firstState = await table.getAttribute(row, 'data-state');
    await table.waitForSelector(`${row}[data-state=FINISHED]`, { timeout: BOUND_MS });
    await form.waitForSelector('main[data-state=FINISHED]', { timeout: BOUND_MS });
    const output = await form.textContent('[data-testid=output]');
    assert.match(output, /"sleptMs": 1500/);
    await shot(table, 'calls');
    console.log(`call ${callId} appeared as ${firstState}, turned FINISHED in the table without a reload; output ${output.replace(/\s+/g, ' ')}`);
  },

  /** A long call's progress bar moves on the detail page, its log lines arrive live, and it ends FINISHED. */
  async 'progress-moves'(browser) {
    const code = [
      'import json, os, sys, time',
      'for i in range(1, 9):',
      "    print(f'working on step {i} of 8', file=sys.stderr, flush=True)",
      "    with open(os.environ['FABRIC_PROGRESS'], 'a') as p: p.write(f'{i / 8} step {i} of 8\\n')",
      '    time.sleep(0.7)',
      "print(json.dumps({'steps': 8}))",
    ].join('\n');
    const accepted = await api(A, '/v1/calls', { function: 'python', args: { code } });
    const page = await browser.newPage();
    // Seen from the other gateway: progress and logs come from the shared topics. B learns of the call from its
    // first status (after the router's 100 ms status grace); the page waits for it.
    await page.goto(B + '/#/calls/' + accepted.callId);
    const seen = new Set();
    const deadline = Date.now() + BOUND_MS;
    while (Date.now() < deadline) {
      const state = await page.getAttribute('main', 'data-state');
      const value = await page.locator('.call-head [data-testid=progress]').getAttribute('data-value', { timeout: 200 }).catch(() => null);
      if (value !== null) seen.add(Number(value));
      if (seen.size === 3) await shot(page, 'call-detail');
      if (ENDED.includes(state)) break;
      await page.waitForFunction(([previous, ended]) => {
        const bar = document.querySelector('.call-head [data-testid=progress]');
        return ended.includes(document.querySelector('main')?.dataset.state) || (bar && bar.dataset.value !== previous);
      }, [value, ENDED], { timeout: Math.max(1, deadline - Date.now()) }).catch(async e => {
        const answer = await fetch(B + '/v1/calls/' + accepted.callId);
        throw new Error(`${e.message}; the page showed: ${await page.textContent('main')}; B answered ${answer.status} ${await answer.text()}`);
      });
    }
    const error = await page.textContent('[data-testid=error]', { timeout: 1000 }).catch(() => null);
    assert.equal(await page.getAttribute('main', 'data-state'), 'FINISHED', 'the call ended ' + (error ?? 'without an error shown'));
    const values = [...seen].sort((a, b) => a - b);
    assert.ok(values.length >= 2, 'the progress bar showed ' + JSON.stringify(values) + ', expected it to move');
    // Log lines and states travel on different topics: the last line may show a moment after FINISHED.
    await page.locator('[data-testid=logs]', { hasText: 'working on step 8 of 8' }).waitFor({ timeout: BOUND_MS });
    const logs = await page.textContent('[data-testid=logs]');
    assert.match(logs, /working on step 1 of 8/);
    await page.locator('[data-testid=timeline] li[data-step=FINISHED]').waitFor({ timeout: BOUND_MS });
    const timeline = await page.locator('[data-testid=timeline] li').evaluateAll(items => items.map(i => i.dataset.step));
    assert.deepEqual(timeline, ['ACCEPTED', 'RUNNING', 'FINISHED']);
    console.log(`call ${accepted.callId}: progress bar showed ${values.join(' → ')} %, ${logs.trim().split('\n').length} log lines, timeline ${timeline.join(' → ')}`);
  },

  /** Cancel from the detail page ends a running call CANCELLED. */
  async cancel(browser) {
    const accepted = await api(A, '/v1/calls', { function: 'sleep', args: { ms: 120000 } });
    const page = await browser.newPage();
    await page.goto(A + '/#/calls/' + accepted.callId);
    await page.waitForSelector('main[data-state=RUNNING]', { timeout: BOUND_MS });
    await page.click('[data-testid=cancel]');
    await page.waitForSelector('main[data-state=CANCELLED]', { timeout: BOUND_MS });
    const error = await page.textContent('[data-testid=error]');
    assert.match(error, /Cancel/);
    const call = await api(A, '/v1/calls/' + accepted.callId);
    assert.equal(call.state, 'CANCELLED');
    console.log(`call ${accepted.callId} cancelled from its page: ${error.trim()}`);
  },

  /**
   * A pipeline submitted over HTTP appears in the pipelines list (opened before); its page, opened from there, shows
   * its steps turn FINISHED live and step b's output, which refers to step a's. Step a waits for a 6 s sleep, so
   * the page opens while a and b are still WAITING. Beside them a map step describes a table in 4 chunks.
   */
  async 'pipeline-finishes'(browser) {
    const page = await browser.newPage();
    await page.goto(A + '/#/pipelines');
    await page.waitForSelector('main[data-loaded=true]', { timeout: BOUND_MS });
    const accepted = await api(A, '/v1/pipelines', { name: 'console-e2e', steps: [
      { name: 'pause', function: 'sleep', args: { ms: 6000 } },
      { name: 'a', function: 'echo', args: { x: 1 }, after: ['pause'] },
      { name: 'b', function: 'echo', args: { y: '${a.output.x}' } },
      { name: 'gen', function: 'table.generate', args: { rows: 1000 } },
      { name: 'parts', function: 'table.describe', tables: { data: '${gen.tables.data}' }, map: { table: 'data', chunks: 4 } }] });
    const row = `[data-testid=pipeline-row][data-pipeline-id="${accepted.pipelineId}"]`;
    await page.waitForSelector(row, { timeout: BOUND_MS });
    const listed = await page.locator(row).evaluate(r => [...r.querySelectorAll('td')].map(td => td.textContent));
    assert.equal(listed[1], 'console-e2e');
    assert.equal(listed[2], accepted.pipelineId);
    assert.match(listed[3], /^\d \/ 5$/);
    await page.click(`${row} [data-testid=pipeline-link]`);
    await page.waitForURL(/#\/pipelines\/[^/]+$/, { timeout: BOUND_MS });
    await page.waitForSelector('main[data-loaded=true] [data-step=b]', { timeout: BOUND_MS });
    const firstSeen = await page.getAttribute('[data-step=b]', 'data-state');
    const firstPipeline = await page.getAttribute('main', 'data-state');
    await page.waitForSelector('[data-step=a][data-state=FINISHED]', { timeout: BOUND_MS });
    await page.waitForSelector('[data-step=b][data-state=FINISHED]', { timeout: BOUND_MS });
    await page.waitForSelector('main[data-state=FINISHED]', { timeout: BOUND_MS });
    assert.notEqual(firstSeen, 'FINISHED', 'step b had finished before the page showed it: nothing was seen live');
    const output = JSON.parse(await page.textContent('[data-step=b] [data-testid=step-output]'));
    assert.deepEqual(output, { y: 1 });
    const callLink = await page.getAttribute('[data-step=b] [data-testid=step-calls] a', 'href');
    assert.equal(callLink, '#/calls/' + encodeURIComponent(accepted.pipelineId + '.b'));
    const nodes = await page.textContent('[data-step=b] [data-testid=step-nodes]');
    assert.ok(nodes.length > 0, 'step b names no node');
    // A map step: its chunks' calls in one line, a link per chunk behind it.
    assert.equal(await page.textContent('[data-step=parts] [data-testid=step-calls] summary'), '4 calls, 4 ended');
    const chunks = await page.locator('[data-step=parts] [data-testid=step-calls] a').evaluateAll(links => links.map(a => a.dataset.callId));
    assert.deepEqual(chunks, [0, 1, 2, 3].map(i => accepted.pipelineId + '.parts.' + i));
    assert.match(await page.textContent('[data-step=gen] [data-testid=step-table-data]'), /^data \(csv, /);
    const table = await fetch(new URL(await page.getAttribute('[data-step=gen] [data-testid=step-table-data] a', 'href'), A));
    assert.equal(table.status, 200);
    assert.equal((await table.text()).trim().split('\n').length, 1001, 'the table gen wrote: a header and 1000 rows');
    assert.equal(await page.locator('[data-testid=cancel]').count(), 0, 'an ended pipeline still offers Cancel');
    await page.click('[data-step=parts] [data-testid=step-calls] summary');
    await shot(page, 'pipeline');
    // The list shows it ended, all three steps finished.
    await page.click('[data-nav=pipelines]');
    await page.waitForSelector(`${row}[data-state=FINISHED]`, { timeout: BOUND_MS });
    assert.equal(await page.textContent(`${row} [data-testid=pipeline-steps]`), '5 / 5');
    await shot(page, 'pipelines');
    console.log(`pipeline ${accepted.pipelineId} listed; its page opened ${firstPipeline} with step b ${firstSeen}, `
      + `then showed a and b FINISHED live on ${nodes}; b's output ${JSON.stringify(output)}; map step parts: ${chunks.length} calls`);
  },

  /** Cancel on a pipeline's page ends it CANCELLED, and its running step with it. */
  async 'pipeline-cancel'(browser) {
    const accepted = await api(A, '/v1/pipelines', { name: 'long-nap', steps: [
      { name: 'nap', function: 'sleep', args: { ms: 120000 } }] });
    const page = await browser.newPage();
    await page.goto(A + '/#/pipelines/' + accepted.pipelineId);
    await page.waitForSelector('[data-step=nap][data-state=RUNNING]', { timeout: BOUND_MS });
    assert.equal(await page.getAttribute('main', 'data-state'), 'RUNNING');
    await page.click('[data-testid=cancel]');
    assert.equal(await page.isDisabled('[data-testid=cancel]'), true, 'the button stayed enabled once pressed');
    await page.waitForSelector('main[data-state=CANCELLED]', { timeout: BOUND_MS });
    await page.waitForSelector('[data-step=nap][data-state=CANCELLED]', { timeout: BOUND_MS });
    const outcome = await page.textContent('[data-testid=cancel-outcome]', { timeout: BOUND_MS });
    assert.match(outcome, /CANCELLED|stopping/);
    const error = await page.locator('[data-testid=error]').count() ? await page.textContent('[data-testid=error]') : 'no error shown';
    const pipeline = await api(A, '/v1/pipelines/' + accepted.pipelineId);
    assert.equal(pipeline.state, 'CANCELLED');
    assert.equal(pipeline.steps[0].state, 'CANCELLED');
    await shot(page, 'pipeline-cancelled');
    console.log(`pipeline ${accepted.pipelineId} cancelled from its page: ${outcome.trim()}; ${error.trim()}`);
  },

  /** The nodes page shows exactly the expected number of executors (waiting, bounded, until it does). */
  async nodes(browser, expected) {
    const page = await browser.newPage();
    await page.goto(A + '/#/nodes');
    await page.waitForFunction(n => document.querySelectorAll('[data-testid=node-row]').length === n, Number(expected),
      { timeout: BOUND_MS });
    const nodes = await page.locator('[data-testid=node-row]').evaluateAll(rows => rows.map(r => r.dataset.node));
    if (Number(expected) === 2) await shot(page, 'nodes');
    console.log(`nodes page shows ${nodes.length}: ${nodes.join(', ')}`);
  },

  /** A CSV chosen in the form's file input goes up as a table and the function reads it. */
  async 'table-upload'(browser) {
    const csv = join(tmpdir(), 'console-e2e-' + process.pid + '.csv');
    writeFileSync(csv, 'city,population\nLyon,522250\nNantes,320732\nLille,236234\n');
    const page = await browser.newPage();
    await page.goto(A + '/#/submit');
    await page.fill('[data-testid=function]', 'table.describe');
    await page.click('[data-testid=add-table]');
    await page.fill('[data-testid=table-name]', 'cities');
    await page.setInputFiles('[data-testid=table-file]', csv);
    await shot(page, 'submit');
    await page.click('[data-testid=submit]');
    await page.waitForURL(/#\/calls\/[^/]+$/, { timeout: BOUND_MS });
    await page.waitForSelector('main[data-state=FINISHED]', { timeout: BOUND_MS });
    const output = JSON.parse(await page.textContent('[data-testid=output]'));
    assert.equal(output.rows, 3);
    assert.equal(output.columns.population.max, 522250);
    console.log(`call ${callIdOf(page)} described the uploaded table: ${output.rows} rows, max population ${output.columns.population.max}`);

    // An output table: the detail page previews its first rows and links the download.
    await page.goto(A + '/#/submit');
    await page.fill('[data-testid=function]', 'table.copy');
    await page.click('[data-testid=add-table]');
    await page.fill('[data-testid=table-name]', 'data');
    await page.setInputFiles('[data-testid=table-file]', csv);
    await page.click('[data-testid=submit]');
    await page.waitForURL(/#\/calls\/[^/]+$/, { timeout: BOUND_MS });
    await page.waitForSelector('main[data-state=FINISHED]', { timeout: BOUND_MS });
    const cells = await page.locator('[data-testid=table-data] table.preview tbody tr').evaluateAll(rows =>
      rows.map(r => [...r.querySelectorAll('td')].map(td => td.textContent)));
    assert.deepEqual(cells[0], ['Lyon', '522250']);
    assert.equal(cells.length, 3);
    const href = await page.getAttribute('[data-testid=download-data]', 'href');
    const downloaded = await (await fetch(new URL(href, A))).text();
    assert.match(downloaded, /^city,population\nLyon,522250/);
    await shot(page, 'call-tables');
    console.log(`call ${callIdOf(page)} shows its output table: ${cells.length} rows previewed, download ${href} has ${downloaded.length} bytes`);

    // A table too large to travel inline is stored: the preview reads only its first bytes.
    const generated = await api(A, '/v1/calls', { function: 'table.generate', args: { rows: 50000 }, wait: '60s' });
    assert.equal(generated.state, 'FINISHED');
    assert.ok(generated.tables.data.href, 'expected a stored table: ' + JSON.stringify(generated.tables.data));
    await page.goto(A + '/#/calls/' + generated.callId);
    await page.waitForSelector('[data-testid=table-data] table.preview tbody tr', { timeout: BOUND_MS });
    const previewed = await page.locator('[data-testid=table-data] table.preview tbody tr').count();
    assert.equal(previewed, 20);
    assert.equal(await page.getAttribute('[data-testid=download-data]', 'href'), generated.tables.data.href);
    console.log(`call ${generated.callId}: stored table of ${generated.tables.data.sizeBytes} bytes, ${previewed} rows previewed`);
  },

  /** A call accepted by gateway B shows up in gateway A's table, and its detail page opens from there. */
  async 'other-gateway'(browser) {
    const page = await browser.newPage();
    await page.goto(A + '/#/calls');
    await page.waitForSelector('[data-testid=live].on', { timeout: BOUND_MS });
    const accepted = await api(B, '/v1/calls', { function: 'echo', args: { from: 'gateway B' } });
    const row = `[data-call-id="${accepted.callId}"]`;
    await page.waitForSelector(`${row}[data-state=FINISHED]`, { timeout: BOUND_MS });
    const gateway = await page.locator(row + ' > div:nth-child(5)').textContent();
    await page.click(row);
    await page.waitForSelector('main[data-state=FINISHED]', { timeout: BOUND_MS });
    // The facts name the accepting gateway once the call's details have loaded, after its state.
    await page.locator('[data-testid=facts] dt', { hasText: 'Accepted by' }).waitFor({ timeout: BOUND_MS });
    const facts = await page.textContent('[data-testid=facts]');
    assert.ok(facts.includes('Accepted by' + gateway), `expected "Accepted by${gateway}" in: ${facts}`);
    // Found by its id from any page.
    await page.goto(A + '/#/nodes');
    await page.fill('[data-testid=find] input', accepted.callId);
    await page.press('[data-testid=find] input', 'Enter');
    await page.waitForSelector('main[data-state=FINISHED]', { timeout: BOUND_MS });
    assert.equal(callIdOf(page), accepted.callId);
    console.log(`call ${accepted.callId} accepted by ${gateway} shown by gateway A, FINISHED, found by its id`);
  },

  /**
   * With a function catalog, the submit page builds a form from each function's parameters. The browser is given a
   * catalog in GET /v1/functions' shape (signature inputs), with parameters the real builtins do not declare.
   */
  async catalog(browser) {
    const page = await browser.newPage();
    await page.route('**/v1/functions', route => route.fulfill({ contentType: 'application/json', body: JSON.stringify({
      functions: [
        { name: 'sleep', description: 'holds a slot', capabilities: [],
          inputs: [{ name: 'ms', type: 'int', in: 'args', required: true, default: 10 }] },
        { name: 'echo', description: 'answers with its arguments', capabilities: [], inputs: [
          { name: 'greeting', type: 'string', in: 'args', required: true },
          { name: 'times', type: 'int', in: 'args', default: 2 },
          { name: 'loud', type: 'bool', in: 'args' },
          { name: 'extra', type: 'map', in: 'args', default: { a: 1 } }] },
      ] }) }));
    await page.goto(A + '/#/submit');
    await page.waitForSelector('[data-testid=catalog]', { timeout: BOUND_MS });
    await page.click('[data-testid=catalog] >> text=echo');
    await page.fill('[data-testid=param-greeting]', 'hello');
    await page.check('[data-testid=param-loud]');
    await page.click('[data-testid=catalog-submit]');
    await page.waitForURL(/#\/calls\/[^/]+$/, { timeout: BOUND_MS });
    await page.waitForSelector('main[data-state=FINISHED]', { timeout: BOUND_MS });
    const output = JSON.parse(await page.textContent('[data-testid=output]'));
    assert.deepEqual(output, { greeting: 'hello', times: 2, loud: true, extra: { a: 1 } });
    console.log(`call ${callIdOf(page)} from the catalog form: ${JSON.stringify(output)}`);
  },

  /** The throughput page draws both charts from the gateway's series. */
  async throughput(browser) {
    const page = await browser.newPage();
    await page.goto(A + '/#/throughput');
    await page.waitForSelector('[data-testid=chart-ended] canvas', { timeout: BOUND_MS });
    await page.waitForSelector('[data-testid=chart-queued] canvas', { timeout: BOUND_MS });
    const totals = await page.textContent('[data-testid=throughput-totals]');
    assert.match(totals, /FINISHED [1-9]/);
    await shot(page, 'throughput');
    console.log('throughput page: ' + totals);
  },

  /**
   * A gateway with security on: the console asks for a token, then lists calls and follows them live on the session
   * cookie; a page of another origin on the same host (the same site, so the cookie goes along) cannot change
   * anything without the console's header; signing out brings the form back and the API answers 401 again.
   */
  async 'sign-in'(browser) {
    const S = process.env.GATEWAY_SECURE;
    const token = process.env.ADMIN_TOKEN;
    assert.ok(S && token, 'GATEWAY_SECURE and ADMIN_TOKEN are needed');
    // A call a program made with the token before the console signed in: the first page must list it.
    const earlier = await api(S, '/v1/calls', { function: 'echo', args: { made: 'before sign-in' }, wait: '30s' },
      { authorization: 'Bearer ' + token });
    const page = await browser.newPage();
    await page.goto(S + '/#/calls');
    await page.waitForSelector('[data-testid=sign-in-form]', { timeout: BOUND_MS });
    assert.equal(await page.locator('[data-testid=call-row]').count(), 0);
    await shot(page, 'sign-in');

    await page.fill('[data-testid=token]', 'cft_' + 'A'.repeat(43));
    await page.click('[data-testid=sign-in]');
    await page.waitForSelector('[data-testid=sign-in-error]:not(:empty)', { timeout: BOUND_MS });
    const refusal = await page.textContent('[data-testid=sign-in-error]');
    assert.match(refusal, /unknown or revoked/);

    await page.fill('[data-testid=token]', token);
    await page.click('[data-testid=sign-in]');
    await page.waitForSelector('[data-testid=live].on', { timeout: BOUND_MS });
    await page.waitForSelector(`[data-call-id="${earlier.callId}"]`, { timeout: BOUND_MS });
    assert.equal(await page.textContent('[data-testid=principal]'), 'admin');
    const cookie = (await browser.cookies(S + '/v1/calls')).find(c => c.name === 'fabric_session');
    assert.ok(cookie, 'no session cookie after signing in');
    assert.deepEqual([cookie.httpOnly, cookie.sameSite, cookie.path, cookie.secure], [true, 'Strict', '/v1', false]);
    assert.equal(await page.evaluate(() => document.cookie.includes('fabric_session')), false, 'the page can read the cookie');

    // A call submitted from the console's form (cookie and console header) turns FINISHED in the live table.
    const form = await browser.newPage();
    await form.goto(S + '/#/submit');
    await form.fill('[data-testid=function]', 'sleep');
    await form.fill('[data-testid=args]', '{"ms": 1500}');
    await form.click('[data-testid=submit]');
    await form.waitForURL(/#\/calls\/[^/]+$/, { timeout: BOUND_MS });
    const callId = callIdOf(form);
    await page.waitForSelector(`[data-call-id="${callId}"][data-state=FINISHED]`, { timeout: BOUND_MS });
    await shot(page, 'signed-in');
    await form.close();

    // A form on another gateway's page posts to this one: the browser sends the cookie, the gateway refuses.
    const other = await browser.newPage();
    await other.goto(A + '/#/nodes');
    const [forged] = await Promise.all([
      other.waitForResponse(response => response.url() === S + '/v1/calls', { timeout: BOUND_MS }),
      other.evaluate(target => {
        const post = document.createElement('form');
        post.method = 'POST';
        post.action = target;
        post.enctype = 'text/plain';
        const field = document.createElement('input');
        field.name = '{"function": "echo", "args": {"forged": "';
        field.value = '"}}';
        post.append(field);
        document.body.append(post);
        post.submit();
      }, S + '/v1/calls'),
    ]);
    assert.equal(forged.status(), 403, 'the forged post was answered ' + forged.status() + ' ' + await forged.text());
    assert.equal((await forged.json()).error, 'console_header_missing');
    await other.close();

    await page.click('[data-testid=sign-out]');
    await page.waitForSelector('[data-testid=sign-in-form]', { timeout: BOUND_MS });
    assert.equal(await page.locator('[data-testid=principal]').count(), 0);
    assert.equal(await page.evaluate(() => fetch('/v1/calls').then(r => r.status)), 401);
    assert.equal((await browser.cookies(S + '/v1/calls')).some(c => c.name === 'fabric_session'), false, 'the cookie outlived sign-out');
    console.log(`refused a wrong token (${refusal.trim()}); signed in as admin: listed ${earlier.callId}, call ${callId} `
      + `turned FINISHED live; a forged cross-origin post was ${forged.status()}; signed out: the API answers 401`);
  },

  /**
   * The table with tens of thousands of calls (the test wrote them to fabric.status): time to first render, time
   * from a status written to the row changing (asked of the test, CHANGES times), and paging through every row.
   */
  async 'bench-table'(browser, expectedTotal, changes = '5') {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const started = Date.now();
    await page.goto(A + '/#/calls');
    await page.waitForSelector('[data-testid=call-row]', { timeout: BOUND_MS });
    const firstRender = Date.now() - started;
    await page.waitForFunction(n => Number((document.querySelector('[data-testid=call-count]')?.textContent ?? '').replace(/\D/g, '')) >= n,
      Number(expectedTotal), { timeout: BOUND_MS });
    const countText = await page.textContent('[data-testid=call-count]');
    await shot(page, 'calls-20k');
    const latencies = [];
    for (let i = 0; i < Number(changes); i++) {
      // A row in view: the test moves it to another state on fabric.status; the page must show that.
      const callId = await page.locator('[data-testid=call-row][data-state=RUNNING]').first().getAttribute('data-call-id');
      assert.ok(callId, 'no RUNNING row in view');
      await page.evaluate(id => {
        window.__changedAt = null;
        const observer = new MutationObserver(() => {
          const row = document.querySelector(`[data-call-id="${id}"]`);
          if (row && row.dataset.state !== 'RUNNING' && window.__changedAt === null) {
            window.__changedAt = Date.now();
            observer.disconnect();
          }
        });
        observer.observe(document.querySelector('[data-testid=calls]'), { subtree: true, childList: true, attributes: true });
      }, callId);
      const sentAt = Number(await ask('finish ' + callId));
      await page.waitForFunction(() => window.__changedAt !== null, null, { timeout: BOUND_MS });
      latencies.push(await page.evaluate(() => window.__changedAt) - sentAt);
    }
    // Scroll to the end again and again: every page of 500 loads as the end comes into view.
    const pagingStarted = Date.now();
    await page.evaluate(async total => {
      const viewport = document.querySelector('[data-testid=calls]');
      const rows = () => viewport.querySelector('.vl-spacer').offsetHeight / 34;
      while (rows() < total) {
        viewport.scrollTop = viewport.scrollHeight;
        await new Promise(resolve => requestAnimationFrame(resolve));
        await new Promise(resolve => setTimeout(resolve, 20));
      }
    }, Number(expectedTotal));
    const paging = Date.now() - pagingStarted;
    // One frame while scrolling through the loaded rows: the DOM holds only the rows in view.
    const frame = await page.evaluate(async () => {
      const viewport = document.querySelector('[data-testid=calls]');
      const times = [];
      for (let i = 0; i < 50; i++) {
        const t0 = performance.now();
        viewport.scrollTop = Math.random() * viewport.scrollHeight;
        await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return { median: times[25], max: times[49], rowsInDom: document.querySelectorAll('[data-testid=call-row]').length };
    });
    // The API behind it, from the browser: the first page, and a filter that has to look at every call.
    const api = await page.evaluate(async () => {
      const median = async url => {
        const times = [];
        for (let i = 0; i < 9; i++) {
          const t0 = performance.now();
          await (await fetch(url)).json();
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        return Math.round(times[4] * 10) / 10;
      };
      return { firstPageMs: await median('/v1/calls?limit=200'),
        filteredPageMs: await median('/v1/calls?state=FAILED&function=sleep&limit=200') };
    });
    latencies.sort((a, b) => a - b);
    const result = { rows: countText, firstRenderMs: firstRender, apiFirstPageMs: api.firstPageMs, apiFilteredPageMs: api.filteredPageMs,
      changeToRowMs: latencies,
      changeToRowMedianMs: latencies[Math.floor(latencies.length / 2)], pagingAllRowsMs: paging,
      scrollFrameMedianMs: Math.round(frame.median), scrollFrameMaxMs: Math.round(frame.max), rowsInDom: frame.rowsInDom };
    console.log('BENCH ' + JSON.stringify(result));
    assert.ok(firstRender < BOUND_MS);
  },
};

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** One browser for many runs: prints "BROWSER <ws endpoint>" and serves until stdin closes. */
async function serve() {
  const server = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  console.log('BROWSER ' + server.wsEndpoint());
  stdin.on('close', async () => {
    await server.close();
    process.exit(0);
  });
}

/** Runs one scenario in a browser of its own, or in the served one at BROWSER_WS (1.5-2.5 s less per run). */
async function run(name, args) {
  if (!scenarios[name] || !A) {
    console.error(`usage: GATEWAY_A=http://... [GATEWAY_B=...] node console.e2e.mjs <${Object.keys(scenarios).join('|')}> [args]`);
    process.exit(2);
  }
  const browser = process.env.BROWSER_WS
    ? await chromium.connect(process.env.BROWSER_WS)
    : await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  let failed = false;
  try {
    await scenarios[name](await browser.newContext({ viewport: { width: 1400, height: 860 } }), ...args);
    console.log(`PASS ${name}`);
  } catch (e) {
    failed = true;
    console.log(`FAIL ${name}: ${e?.stack ?? e}`);
  } finally {
    await browser.close();
    stdin.close();
  }
  process.exit(failed ? 1 : 0);
}

const [name, ...args] = process.argv.slice(2);
await (name === 'serve' ? serve() : run(name, args));
