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

export function useBudgetSettings(): BudgetSettings {
  const budget = useBudget();
  return useSyncExternalStore(budget.settings.subscribe, budget.settings.get);
}
