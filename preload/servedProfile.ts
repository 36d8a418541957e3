/**
 * Which stream a camera really serves for the profile a tile asks for. One rule for the host
 * (which stream it opens, the ticket it issues, the address ffmpeg reads) and the page (which
 * stream the tile says it plays, and whether a step down to the sub stream exists). Pure.
 */
import type { Profile } from './api';

/** A camera without a sub stream serves its main stream to small tiles: one ffmpeg, not two. */
export function servedProfile(camera: { subUrl: string | null } | undefined, wanted: Profile): Profile {
  return wanted === 'sub' && !camera?.subUrl ? 'main' : wanted;
}

/** The address ffmpeg opens for the stream served. */
export function servedUrl(camera: { mainUrl: string; subUrl: string | null }, wanted: Profile): string {
  // servedProfile says 'sub' only for a camera that has a sub stream address.
  return servedProfile(camera, wanted) === 'sub' ? camera.subUrl! : camera.mainUrl;
}
