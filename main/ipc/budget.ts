/** The decode budget's console-wide settings: the rule (admins) and the pinned cameras (anyone at the desk). */
import type { BudgetSettingsView } from '../../preload/api.js';
import type { BudgetSettings } from '../domain/model.js';
import type { HandlerContext } from './context.js';
import { ApiError, type HandlerTable } from './router.js';

export function budgetHandlers(ctx: HandlerContext): Pick<HandlerTable, 'budget.get' | 'budget.setRule' | 'budget.pin'> {
  /** Pins of cameras that no longer exist are dropped on the way out, and on the next save. */
  const view = (budget: BudgetSettings): BudgetSettingsView => {
    const known = new Set(ctx.repo.data.cameras.map((camera) => camera.id));
    return { auto: budget.auto, maxFullRate: budget.maxFullRate, player: budget.player, beyondCap: budget.beyondCap, pinned: budget.pinned.filter((id) => known.has(id)) };
  };
  const save = (change: (budget: BudgetSettingsView) => BudgetSettingsView): BudgetSettingsView => {
    const next = change(view(ctx.repo.data.budget));
    const saved = view(ctx.repo.update((draft) => ({ ...draft, budget: next })).budget);
    ctx.push('budget.changed', saved);
    return saved;
  };
  return {
    'budget.get': () => view(ctx.repo.data.budget),
    'budget.setRule': (rule, { callerId }) => {
      const saved = save((budget) => ({ ...budget, auto: rule.auto, maxFullRate: rule.maxFullRate, player: rule.player ?? budget.player, beyondCap: rule.beyondCap ?? budget.beyondCap }));
      ctx.access.record(callerId, { action: 'config_change', detail: `decode budget: auto ${saved.auto}, full-rate cap ${saved.maxFullRate ?? 'none'}, player ${saved.player}, beyond the cap ${saved.beyondCap}` });
      return saved;
    },
    'budget.pin': ({ cameraId, pinned }) => {
      // A camera this console may not show is, to it, no camera at all.
      if (!ctx.repo.camera(cameraId) || !ctx.access.visible(cameraId)) throw new ApiError('not_found', `camera ${cameraId}`);
      return save((budget) => ({ ...budget, pinned: pinned ? [...new Set([...budget.pinned, cameraId])] : budget.pinned.filter((id) => id !== cameraId) }));
    },
  };
}
