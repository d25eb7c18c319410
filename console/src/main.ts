import './style.css';
import { callPage } from './pages/call';
import { callsPage } from './pages/calls';
import { nodesPage } from './pages/nodes';
import { submitPage } from './pages/submit';
import { throughputPage } from './pages/throughput';

// A hash router: every page is a URL the operator can keep, and the gateway serves one index.html for all of them.
const page = document.getElementById('page')!;
let cleanup: () => void = () => {};

function route(): void {
  cleanup();
  const hash = location.hash.replace(/^#/, '') || '/calls';
  const [path, search] = hash.split('?');
  const query = new URLSearchParams(search ?? '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const section = parts[0] ?? 'calls';
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    link.classList.toggle('active', link.dataset.nav === section);
  }
  page.replaceChildren();
  page.className = 'page-' + section + (parts[1] ? '-detail' : '');
  delete page.dataset.loaded;
  delete page.dataset.state;
  if (section === 'calls' && parts[1]) cleanup = callPage(page, parts[1]);
  else if (section === 'nodes') cleanup = nodesPage(page);
  else if (section === 'submit') cleanup = submitPage(page);
  else if (section === 'throughput') cleanup = throughputPage(page);
  else cleanup = callsPage(page, query);
}

document.getElementById('find')!.addEventListener('submit', event => {
  event.preventDefault();
  const input = (event.target as HTMLFormElement).elements.namedItem('id') as HTMLInputElement;
  const id = input.value.trim();
  if (id) location.hash = '#/calls/' + encodeURIComponent(id);
  input.value = '';
});
window.addEventListener('hashchange', route);
route();
