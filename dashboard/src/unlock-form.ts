/**
 * Asks for the site key and the admin token. The token is handed to the caller and lives in its
 * memory only: never in localStorage or sessionStorage, so a reload (or another tab) asks again.
 */
import { h } from './dom.ts';

/** What the check of a token answered: ok, or the message to show at the field at fault. */
export type UnlockCheck = { ok: true } | { ok: false; field: 'token' | 'key'; message: string };

/** The form; `check` is tried before `done` is called with the accepted key and token. */
export function unlockForm(
  initialKey: string,
  check: (key: string, token: string) => Promise<UnlockCheck>,
  done: (key: string, token: string) => void,
): HTMLElement {
  const key = h('input', {
    id: 'site-key',
    name: 'site-key',
    value: initialKey,
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const token = h('input', {
    id: 'admin-token',
    name: 'admin-token',
    type: 'password',
    required: true,
    autocomplete: 'off',
  });
  const problem = h('p', { id: 'unlock-problem', class: 'problem', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Show the dashboard');
  const form = h(
    'form',
    { class: 'unlock', 'aria-label': 'Unlock the dashboard', 'aria-describedby': 'unlock-problem' },
    h('label', { for: 'site-key' }, 'Site key'),
    key,
    h('label', { for: 'admin-token' }, 'Admin token'),
    token,
    button,
    problem,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    problem.textContent = '';
    const result = await check(key.value.trim(), token.value);
    button.disabled = false;
    if (result.ok) return done(key.value.trim(), token.value);
    problem.textContent = result.message;
    const at = result.field === 'key' ? key : token;
    at.setAttribute('aria-invalid', 'true');
    at.focus();
  });
  return h(
    'section',
    { class: 'unlock-panel' },
    h(
      'p',
      {},
      'Paste the admin token (ADMIN_TOKEN; npm start uses the one in .dev.vars). It stays in this page’s ',
      'memory only: reloading the page or opening it in another tab asks for it again.',
    ),
    form,
  );
}
