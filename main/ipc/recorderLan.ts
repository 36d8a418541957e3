/**
 * The recorder API opened to the LAN (admin only): the chosen address and port, on or off, and
 * its own token — made when first turned on, sealed at rest, shown once in the answer that made
 * it, replaced by a rotation. Each change is audited and takes effect at once.
 */
import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { RecorderLanProblem, RecorderLanView } from '../../preload/api.js';
import type { RecorderLanData } from '../domain/model.js';
import type { RecorderLanListener } from '../playback/recorderLan.js';
import type { SecretBox } from '../store/secretBox.js';
import type { SettingsRepository } from '../store/repository.js';
import type { HandlerContext } from './context.js';
import type { HandlerTable } from './router.js';

/** MediaMTX's playback server listens on 9996: a reader set up for one finds the other there too. */
export const RECORDER_LAN_DEFAULT_PORT = 9996;

/** The settings applied to the listener, and what it said. */
export class RecorderLanControl {
  private problem: RecorderLanProblem | null = null;

  constructor(
    private readonly repo: SettingsRepository,
    private readonly secretBox: SecretBox,
    readonly listener: RecorderLanListener,
  ) {}

  get stored(): RecorderLanData {
    return this.repo.data.recorderLan ?? { enabled: false, host: '', port: RECORDER_LAN_DEFAULT_PORT, tokenSealed: null };
  }

  /** Opens, moves or closes the listener to match the stored settings. */
  async apply(): Promise<void> {
    const { enabled, host, port, tokenSealed } = this.stored;
    if (!enabled || !tokenSealed) {
      await this.listener.close();
      this.problem = null;
      return;
    }
    let token: string;
    try {
      token = this.secretBox.open(tokenSealed);
    } catch {
      // Sealed on another PC or with a lost key: nothing is served until the admin rotates it.
      await this.listener.close();
      this.problem = 'failed';
      return;
    }
    this.problem = await this.listener.open({ host, port, token });
  }

  view(newToken: string | null = null): RecorderLanView {
    const { enabled, host, port, tokenSealed } = this.stored;
    return { enabled, host: host || (lanAddresses()[0] ?? ''), port, tokenSet: tokenSealed !== null, listening: this.listener.address, problem: this.problem, addresses: lanAddresses(), newToken };
  }

  close(): Promise<void> {
    return this.listener.close();
  }
}

/** This PC's IPv4 addresses other than loopback: where another console can reach it. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((address) => address && address.family === 'IPv4' && !address.internal)
    .map((address) => address!.address);
}

const newToken = () => randomBytes(24).toString('base64url');

export function recorderLanHandlers(ctx: HandlerContext): Pick<HandlerTable, 'recorderLan.get' | 'recorderLan.set' | 'recorderLan.rotateToken'> {
  const lan = ctx.recorderLan;
  const save = (next: RecorderLanData) => ctx.repo.update((draft) => ({ ...draft, recorderLan: next }));
  return {
    'recorderLan.get': () => lan.view(),
    'recorderLan.set': async ({ enabled, host, port }, { callerId }) => {
      // The first time it is turned on it gets its token, shown once in this answer.
      const made = enabled && lan.stored.tokenSealed === null ? newToken() : null;
      save({ enabled, host, port, tokenSealed: made ? ctx.secretBox.seal(made) : lan.stored.tokenSealed });
      await lan.apply();
      ctx.access.record(callerId, { action: 'config_change', detail: enabled ? `recorder API open to the LAN on ${host}:${port}` : 'recorder API closed to the LAN' });
      return lan.view(made);
    },
    'recorderLan.rotateToken': async (_none, { callerId }) => {
      const made = newToken();
      save({ ...lan.stored, tokenSealed: ctx.secretBox.seal(made) });
      await lan.apply();
      ctx.access.record(callerId, { action: 'config_change', detail: 'recorder API LAN token replaced' });
      return lan.view(made);
    },
  };
}
