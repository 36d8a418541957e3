/**
 * What a late viewer needs to start at once: the FLV header, the metadata and sequence headers,
 * and every tag since the last keyframe. Bounded, so a camera with a huge GOP cannot grow memory.
 */
import { TAG_SCRIPT, TAG_VIDEO, type FlvEvent } from './flv.js';

const MAX_GOP_BYTES = 8 * 1024 * 1024;

export class GopCache {
  private header: Buffer | null = null;
  private metadata: Buffer | null = null;
  private videoConfig: Buffer | null = null;
  private gop: Buffer[] = [];
  private gopBytes = 0;

  add(event: FlvEvent): void {
    if (event.kind === 'header') {
      this.header = event.bytes;
      return;
    }
    if (event.type === TAG_SCRIPT) {
      this.metadata = event.bytes;
      return;
    }
    if (event.type !== TAG_VIDEO) return; // audio is dropped upstream (-an); ignore strays
    if (event.sequenceHeader) {
      this.videoConfig = event.bytes;
      return;
    }
    if (event.keyframe) {
      this.gop = [];
      this.gopBytes = 0;
    } else if (this.gop.length === 0) {
      return; // no keyframe yet: these frames cannot be decoded on their own
    }
    if (this.gopBytes + event.bytes.length > MAX_GOP_BYTES) {
      this.gop = [];
      this.gopBytes = 0;
      return;
    }
    this.gop.push(event.bytes);
    this.gopBytes += event.bytes.length;
  }

  /** True once a viewer joining now could decode a picture straight away. */
  get ready(): boolean {
    return this.header !== null && this.videoConfig !== null && this.gop.length > 0;
  }

  /** The bytes that bring a new viewer to the live edge, starting at a keyframe. */
  snapshot(): Buffer[] {
    if (!this.ready) return [];
    return [this.header!, ...(this.metadata ? [this.metadata] : []), this.videoConfig!, ...this.gop];
  }

  clear(): void {
    this.header = null;
    this.metadata = null;
    this.videoConfig = null;
    this.gop = [];
    this.gopBytes = 0;
  }
}
