/**
 * A camera gives one pull, whatever its viewers decode: a viewer that asked otherwise about H.265
 * joins the camera's running session whenever what that session delivers plays for it too.
 */

export interface RunningSession {
  /** The session was made for viewers that decode H.265 (it passes H.265 through, in MPEG-TS). */
  acceptsHevc: boolean;
  /** The camera's own codec, once the session has learned it. */
  cameraCodec: string | null;
}

export function canServe(session: RunningSession, viewerAcceptsHevc: boolean): boolean {
  if (session.acceptsHevc === viewerAcceptsHevc) return true;
  // It delivers H.264 whatever the camera sends (copied, or converted): a viewer that decodes H.265 plays that too.
  if (!session.acceptsHevc) return true;
  // It passes H.265 through if the camera sends it: only a camera known to send H.264 is safe for the others.
  return session.cameraCodec === 'h264';
}

/** The session may yet turn out to pass H.265 through: wait to learn the codec before opening a second pull. */
export function worthWaitingFor(session: RunningSession, viewerAcceptsHevc: boolean): boolean {
  return !viewerAcceptsHevc && session.acceptsHevc && session.cameraCodec === null;
}
