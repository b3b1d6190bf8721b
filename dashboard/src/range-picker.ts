/** The range picker: last 24 h, last 7 days, or a custom range (two date-time fields and Apply). */
import { h } from './dom.ts';
import { customRange, type RangeChoice, toLocalInput } from './range.ts';

/** The picker; `changed` gets every valid choice. */
export function rangePicker(
  initial: RangeChoice,
  now: number,
  changed: (c: RangeChoice) => void,
): HTMLElement {
  const radio = (value: string, label: string) =>
    h(
      'label',
      { class: 'choice' },
      h('input', { type: 'radio', name: 'range', value, checked: initial.preset === value }),
      label,
    );
  const from = h('input', {
    id: 'range-from',
    type: 'datetime-local',
    value: toLocalInput(now - 86_400_000),
  });
  const to = h('input', { id: 'range-to', type: 'datetime-local', value: toLocalInput(now) });
  const problem = h('span', { class: 'problem', role: 'alert', id: 'range-problem' });
  const custom = h(
    'div',
    { class: 'custom-range', hidden: initial.preset !== 'custom' },
    h('label', { for: 'range-from' }, 'From'),
    from,
    h('label', { for: 'range-to' }, 'To'),
    to,
    h('button', { type: 'submit' }, 'Apply'),
    problem,
  );
  const form = h(
    'form',
    { class: 'range', 'aria-label': 'Time range' },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Range'),
      radio('24h', 'Last 24 h'),
      radio('7d', 'Last 7 days'),
      radio('custom', 'Custom'),
    ),
    custom,
  );
  const apply = () => {
    const r = customRange(from.value, to.value);
    problem.textContent = r.ok ? '' : r.message;
    if (r.ok) changed(r.choice);
  };
  form.addEventListener('change', (e) => {
    const target = e.target as HTMLInputElement;
    if (target.name !== 'range') return;
    custom.hidden = target.value !== 'custom';
    if (target.value === '24h' || target.value === '7d') changed({ preset: target.value });
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply();
  });
  return form;
}
