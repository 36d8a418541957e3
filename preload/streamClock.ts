/**
 * The host's clock stamp in a player's stream, as main writes it and the page reads it (one
 * machine, one clock: `Date.now() − sentAt` is how long the stream waited between main and the
 * page). Main sends one just before each keyframe: in FLV a script tag named CLOCK_TAG_NAME; in
 * MPEG-TS (H.265 passed through) one packet on TS_CLOCK_PID, which no program lists, so decoders
 * that do not know it (mpegts.js, ffmpeg) skip it. On that PID main also says when a keyframe sent
 * to a keyframes-only viewer is whole (PICTURE_END_NAME): a PES without a length (a picture over
 * 64 KiB) would otherwise end only when the next keyframe starts, a whole GOP later.
 */

/** The FLV script data name, and the first bytes of the MPEG-TS clock packet's payload. */
export const CLOCK_TAG_NAME = 'vwSent';

/** A PID ffmpeg's muxer never uses (it takes 0x0000, 0x0011, 0x0100+ and 0x1000+), below 0x1FFF (null packets). */
export const TS_CLOCK_PID = 0x1ff0;

/** The payload of the MPEG-TS packet that says the picture before it is whole. */
export const PICTURE_END_NAME = 'vwEnd';
