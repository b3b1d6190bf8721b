/**
 * Labelled form fields that can show an error of the catalogue API or of the contract's validator
 * (both name the field by its path, e.g. `price`): the message sits under the input, which becomes
 * `aria-invalid` and is described by it, and takes focus so a keyboard user lands on the problem.
 */
import { h } from '../dom.ts';

type Control = HTMLInputElement | HTMLSelectElement;

/** One labelled control with its error line. */
export interface Field<C extends Control = Control> {
  wrap: HTMLElement;
  input: C;
  error: HTMLElement;
}

/** Wrap `input` (which must carry a unique `id`) with a visible label and an error line. */
export function field<C extends Control>(label: string, input: C): Field<C> {
  const error = h('span', { class: 'field-error', id: `${input.id}-error` });
  input.setAttribute('aria-describedby', error.id);
  const wrap = h('span', { class: 'field' }, h('label', { for: input.id }, label), input, error);
  return { wrap, input, error };
}

/** Clear every field's error. */
export function clearIssues(fields: Record<string, Field>): void {
  for (const f of Object.values(fields)) {
    f.input.removeAttribute('aria-invalid');
    f.error.textContent = '';
  }
}

/**
 * Show `message` on the field named by `path` (its first segment: `attributes.stock` → `attributes`)
 * and focus it; a path no field has goes to `status` with the path spelled out. Returns the text shown.
 */
export function showIssue(
  fields: Record<string, Field>,
  issue: { path: string; message: string },
  status: HTMLElement,
): string {
  const f = fields[issue.path.split('.')[0] ?? ''];
  const text = issue.path ? `${issue.path}: ${issue.message}` : issue.message;
  if (!f) {
    status.textContent = `Not saved. ${text}`;
    return text;
  }
  f.input.setAttribute('aria-invalid', 'true');
  f.error.textContent = text;
  f.input.focus();
  status.textContent = `Not saved. ${text}`;
  return text;
}
