import { useSyncExternalStore } from 'react';
import { useStores } from '../../state/hooks';
import { budgetFor, type BudgetController, type BudgetSettings } from './budgetController';
import type { Level } from './ladder';

export function useBudget(): BudgetController {
  return budgetFor(useStores().api);
}

export function useBudgetLevel(key: string): Level {
  const budget = useBudget();
  return useSyncExternalStore(budget.levels.subscribe, () => budget.levels.get()[key] ?? 0);
}

/** Why the budget last stepped this tile (technical detail for data-budget-reason), or null. */
export function useBudgetReason(key: string): string | null {
  const budget = useBudget();
  return useSyncExternalStore(budget.reasons.subscribe, () => budget.reasons.get()[key] ?? null);
}

export function useBudgetSettings(): BudgetSettings {
  const budget = useBudget();
  return useSyncExternalStore(budget.settings.subscribe, budget.settings.get);
}
