import { Observable } from '../lib/observable';
import type { CamerasStore } from './camerasStore';
import type { EvidenceStore } from './evidenceStore';
import type { WallStore } from './wallStore';

/** A tile the operator closed while its camera records: stop the clip, or keep it running off the wall? */
export interface CloseQuestion {
  index: number;
  cameraId: string;
  cameraName: string;
}

/**
 * Every way of closing a tile (×, the menu, Delete) asks first when the clip would go on recording
 * with nothing on screen; a clip kept running is then listed under 录像中 in the top bar.
 */
export class TileCloser {
  readonly question = new Observable<CloseQuestion | null>(null);

  constructor(
    private readonly wall: WallStore,
    private readonly evidence: EvidenceStore,
    private readonly cameras: CamerasStore,
  ) {
    wall.closeGuard = (index, cameraId) => this.mayClose(index, cameraId);
  }

  /** 'stop': stop the clip and close; 'keep': close, the clip goes on; null: keep the tile. */
  answer(choice: 'stop' | 'keep' | null): void {
    const asked = this.question.get();
    this.question.set(null);
    if (!asked || choice === null) return;
    if (choice === 'stop') void this.evidence.stopClip(asked.cameraId, asked.cameraName);
    // The wall may have changed behind the question (a tour step, a preset): close only that camera's tile.
    if (this.wall.view.get().wall.tiles[asked.index] === asked.cameraId) this.wall.clearAnswered(asked.index);
  }

  private mayClose(index: number, cameraId: string): boolean {
    if (!this.evidence.recordings.get().has(cameraId)) return true;
    // Shown on another tile too: closing this one takes nothing off the wall.
    if (this.wall.view.get().wall.tiles.filter((id) => id === cameraId).length > 1) return true;
    const cameraName = this.cameras.view.get().cameras?.find((c) => c.id === cameraId)?.name ?? cameraId;
    this.question.set({ index, cameraId, cameraName });
    return false;
  }
}
