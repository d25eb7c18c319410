import './style.css';
import { Session, getSession, signOut, whenSignInNeeded } from './api';
import { el } from './format';
import { callPage } from './pages/call';
import { callsPage } from './pages/calls';
import { nodesPage } from './pages/nodes';
import { pipelinePage } from './pages/pipeline';
import { pipelinesPage } from './pages/pipelines';
import { signInPage } from './pages/signin';
import { submitPage } from './pages/submit';
import { throughputPage } from './pages/throughput';

// A hash router: every page is a URL the operator can keep, and the gateway serves one index.html for all of them.
const page = document.getElementById('page')!;
const who = document.getElementById('who')!;
let cleanup: () => void = () => {};
let signingIn = false;

/** Stops the page shown (its timers and live feeds) and empties it for the next. */
function leave(className: string): void {
  cleanup();
  cleanup = () => {};
  page.replaceChildren();
  page.className = className;
  delete page.dataset.loaded;
  delete page.dataset.state;
}

function route(): void {
  // The sign-in form stays until it succeeds; then the page the address names opens.
  if (signingIn) return;
  const hash = location.hash.replace(/^#/, '') || '/calls';
  const [path, search] = hash.split('?');
  const query = new URLSearchParams(search ?? '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const section = parts[0] ?? 'calls';
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    link.classList.toggle('active', link.dataset.nav === section);
  }
  leave('page-' + section + (parts[1] ? '-detail' : ''));
  if (section === 'calls' && parts[1]) cleanup = callPage(page, parts[1]);
  else if (section === 'pipelines' && parts[1]) cleanup = pipelinePage(page, parts[1]);
  else if (section === 'pipelines') cleanup = pipelinesPage(page);
  else if (section === 'nodes') cleanup = nodesPage(page);
  else if (section === 'submit') cleanup = submitPage(page);
  else if (section === 'throughput') cleanup = throughputPage(page);
  else cleanup = callsPage(page, query);
}

/** The gateway answered 401: stop the page and ask for a token; once signed in, start again. */
function askToSignIn(): void {
  if (signingIn) return;
  signingIn = true;
  showWho(null);
  leave('page-sign-in');
  signInPage(page, () => {
    signingIn = false;
    void start();
  });
}

/** The principal signed in, and the sign-out button; nothing where the gateway needs no sign-in. */
function showWho(session: Session | null): void {
  if (!session) {
    who.replaceChildren();
    return;
  }
  const button = el('button', { type: 'button', 'data-testid': 'sign-out' }, 'Sign out');
  button.addEventListener('click', async () => {
    button.setAttribute('disabled', '');
    try {
      await signOut();
      askToSignIn();
    } catch {
      button.textContent = 'Sign out failed';
      button.removeAttribute('disabled');
    }
  });
  who.replaceChildren(el('span', { 'data-testid': 'principal', title: session.groups.join(', ') }, session.principal), button);
}

/** Who is signed in first (a 401 shows the sign-in form instead of the page), then the page. */
async function start(): Promise<void> {
  try {
    showWho(await getSession());
  } catch {
    // 401: the form is up. Anything else (a gateway restarting): the page says what it cannot load.
  }
  route();
}

document.getElementById('find')!.addEventListener('submit', event => {
  event.preventDefault();
  const input = (event.target as HTMLFormElement).elements.namedItem('id') as HTMLInputElement;
  const id = input.value.trim();
  if (id) location.hash = '#/calls/' + encodeURIComponent(id);
  input.value = '';
});
whenSignInNeeded(askToSignIn);
window.addEventListener('hashchange', route);
void start();
