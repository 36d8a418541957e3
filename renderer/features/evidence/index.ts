/** What other features use of evidence: the reason prompt before taking or exporting footage. */
export { ReasonDialog } from './ReasonPrompt';
