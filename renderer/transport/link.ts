import { Observable } from '../lib/observable';

/** How the page's line to the host is doing; drives the "reconnecting" banner and reloads. */
export interface LinkStatus {
  state: 'connecting' | 'open' | 'closed';
  /** Failed attempts since the line was last open. */
  failures: number;
  everOpened: boolean;
}

export type Link = Pick<Observable<LinkStatus>, 'get' | 'subscribe'>;

/** Electron IPC never drops: its link is open for the life of the window. */
export const alwaysOpenLink: Link = new Observable<LinkStatus>({
  state: 'open',
  failures: 0,
  everOpened: true,
});
