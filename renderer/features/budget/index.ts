/** The decode budget, as other features use it: its hooks, the tile's menu items and labels, and what its meter reads. */
export { BudgetLabel } from './BudgetLabel';
export { BudgetMenuItems } from './BudgetMenuItems';
export { useBudget, useBudgetLevel, useBudgetReason, useBudgetSettings } from './hooks';
export { areaOf, type Level, type TileFacts } from './ladder';
export { hostLatencyMs, type ProbedVideo } from './pressure';
export { StillPicture, STILL_EVERY_MS, type StillFreshness } from './StillPicture';
