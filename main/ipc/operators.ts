/** Named operators, managed by the admin: add, edit, disable, reset a PIN; and how the household report names them. */
import { randomBytes } from 'node:crypto';
import type { OperatorInput } from '../../preload/api.js';
import { hashPin } from '../access/pin.js';
import { peopleOf, type StoredOperator } from '../domain/model.js';
import { badgeTaken, toOperatorView } from '../domain/operators.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

type Calls = Pick<HandlerTable, 'operators.list' | 'operators.save' | 'operators.setReportNames'>;

/** Says what changed about an operator for the records, never their PIN. */
function changeNote(before: StoredOperator | undefined, after: StoredOperator, pinReset: boolean): string {
  if (!before) return `operator added: ${after.name} (${after.badge}, ${after.unit || 'no unit'}${after.admin ? ', admin' : ''})`;
  const changed = (['name', 'badge', 'unit', 'admin', 'disabled'] as const).filter((key) => before[key] !== after[key]).map((key) => `${key} ${String(after[key])}`);
  if (pinReset) changed.push('PIN reset');
  return `operator changed: ${after.name} (${before.badge}): ${changed.join(', ') || 'nothing'}`;
}

function saved(input: OperatorInput, before: StoredOperator | undefined): StoredOperator {
  const pin = input.pin !== undefined ? hashPin(input.pin) : before?.pin;
  if (!pin) throw new ApiError('bad_request', 'people:pin_required');
  return { id: before?.id ?? `op-${randomBytes(4).toString('hex')}`, name: input.name, badge: input.badge, unit: input.unit, admin: input.admin, disabled: input.disabled, pin };
}

export function operatorsHandlers(ctx: HandlerContext): Calls {
  return {
    'operators.list': () => {
      const people = peopleOf(ctx.repo.data);
      return { operators: people.operators.map(toOperatorView), reportNames: people.reportNames };
    },
    'operators.save': (input, { callerId }) => {
      const { operators } = peopleOf(ctx.repo.data);
      const before = input.id === undefined ? undefined : operators.find((o) => o.id === input.id);
      if (input.id !== undefined && !before) throw new ApiError('not_found', 'people:unknown_operator');
      if (badgeTaken(operators, input.badge, before?.id ?? null)) throw new ApiError('conflict', 'people:badge_taken');
      const operator = saved(input, before);
      ctx.repo.update((draft) => {
        const people = peopleOf(draft);
        return { ...draft, people: { ...people, operators: before ? people.operators.map((o) => (o.id === operator.id ? operator : o)) : [...people.operators, operator] } };
      });
      // Disabled, or a PIN reset because it was known to someone else: whoever sits in their name now is signed out.
      if (before && (operator.disabled || input.pin !== undefined)) ctx.access.endPerson(operator.id);
      ctx.access.record(callerId, { action: 'config_change', detail: changeNote(before, operator, before !== undefined && input.pin !== undefined) });
      ctx.push('access.changed', null);
      return toOperatorView(operator);
    },
    'operators.setReportNames': ({ reportNames }, { callerId }) => {
      ctx.repo.update((draft) => ({ ...draft, people: { ...peopleOf(draft), reportNames } }));
      ctx.access.record(callerId, { action: 'config_change', detail: `household report names people ${reportNames}` });
      return reportNames;
    },
  };
}
