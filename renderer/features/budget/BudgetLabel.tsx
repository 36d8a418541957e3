import { useTranslation } from 'react-i18next';
import type { Level } from './ladder';
import './budget.css';

const LABEL_KEYS = { 1: 'budget.sub', 2: 'budget.keyframes', 3: 'budget.still' } as const;

/** Says on the tile that it is saving decode time, and how. Nothing at full quality. */
export function BudgetLabel({ level }: { level: Level }) {
  const { t } = useTranslation();
  if (level === 0) return null;
  return (
    <span className="tile-badge tile-budget" data-testid="tile-budget" data-level={level}>
      {t(LABEL_KEYS[level])}
    </span>
  );
}
