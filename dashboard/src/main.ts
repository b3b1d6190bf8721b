/**
 * Entry of `/admin/dashboard.js`. An unexpected failure shows a message instead of a blank page;
 * nothing is thrown into the page.
 */
import { startDashboard } from './app.ts';

function start(): void {
  const root = document.querySelector<HTMLElement>('main');
  if (!root) return;
  try {
    startDashboard(root);
  } catch (e) {
    root.textContent = `The dashboard could not start: ${String(e)}`;
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
