import { ApiError, signIn } from '../api';
import { el } from '../format';

/**
 * The gateway wants a credential (it answered 401): paste an API token or a JWT. The gateway checks it and keeps it
 * in a cookie the page's scripts cannot read, which the browser then sends with every API request and live feed.
 */
export function signInPage(root: HTMLElement, signedIn: () => void): void {
  const token = el('input', { type: 'password', name: 'token', required: '', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'cft_… or a JWT', 'data-testid': 'token' });
  const button = el('button', { type: 'submit', class: 'primary', 'data-testid': 'sign-in' }, 'Sign in');
  const error = el('p', { class: 'error', 'data-testid': 'sign-in-error' });
  const form = el('form', { class: 'submit sign-in', 'data-testid': 'sign-in-form' },
    el('h2', {}, 'Sign in'),
    el('p', { class: 'muted' }, 'This gateway needs a credential: paste an API token (from ',
      el('code', {}, './fabric tokens create'), ', or the admin token ', el('code', {}, './fabric up --secure'),
      ' printed) or a JWT from your identity provider. The console keeps it until you sign out or close the browser.'),
    el('label', { class: 'field' }, el('span', {}, 'Token'), token),
    el('div', {}, button),
    error);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    button.setAttribute('disabled', '');
    error.textContent = '';
    try {
      await signIn(token.value.trim());
      token.value = '';
      signedIn();
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : 'Cannot reach the gateway: ' + e;
      token.select();
    } finally {
      button.removeAttribute('disabled');
    }
  });
  root.replaceChildren(form);
  token.focus();
}
