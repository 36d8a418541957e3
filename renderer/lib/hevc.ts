import { Observable } from './observable';

let answer: boolean | undefined;

/** Whether this browser decodes H.265 itself (then the host passes it through instead of transcoding). */
export function canDecodeHevc(): boolean {
  answer ??= typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L93.B0"');
  return answer;
}

/**
 * H.265 Main profile, level 3.1, as WebCodecs names it, in both sample entries: `hvc1` (parameter
 * sets in the configuration record, as the MPEG-TS demuxer builds it) and `hev1`. Main's probe
 * does not keep the camera's own profile string; Main is what IP cameras send.
 */
export const HEVC_CODECS = ['hvc1.1.6.L93.B0', 'hev1.1.6.L93.B0'] as const;

let webCodecsAnswer: Promise<boolean> | undefined;

/**
 * Set when a decoder that said yes to H.265 then refused a real camera's stream (NotSupportedError:
 * a driver that claims more than it decodes): the decoder's words. From then on this page asks
 * the host for H.264, so no other tile tries again; the tiles' 转码中 badge says why.
 */
export const hevcDecoderRefusal = new Observable<string | null>(null);

/**
 * Whether this page's VideoDecoder decodes H.265 (asked once, and no after a refusal): then an
 * H.265 camera comes to a WebCodecs tile as is, in MPEG-TS, and the host transcodes nothing for it.
 */
export function webCodecsDecodesHevc(): Promise<boolean> {
  webCodecsAnswer ??= typeof VideoDecoder === 'function' && typeof VideoDecoder.isConfigSupported === 'function'
    ? Promise.all(HEVC_CODECS.map((codec) => VideoDecoder.isConfigSupported({ codec, optimizeForLatency: true }).then((support) => support.supported === true, () => false))).then((answers) => answers[0] === true)
    : Promise.resolve(false);
  return webCodecsAnswer.then((yes) => yes && hevcDecoderRefusal.get() === null);
}

/**
 * What a decoder's error means. `unsupported`: this platform cannot decode this stream (another
 * player, or the host's H.264, should play it). That is NotSupportedError as the spec has it, and
 * any failure of an H.265 configuration before its first picture: Chromium 156 without an HEVC
 * decoder says "OperationError: Unsupported configuration" at configure, and a driver that claimed
 * H.265 fails in its own words. Anything else is an error the player retries. Both WebCodecs
 * players (live, playback) read a decoder's error so.
 */
export function decoderFailure(errorName: string, codec: string | null, picturesSinceConfigure: number): 'unsupported' | 'error' {
  if (errorName === 'NotSupportedError') return 'unsupported';
  return picturesSinceConfigure === 0 && codec !== null && /^(hvc1|hev1)\./.test(codec) ? 'unsupported' : 'error';
}

/**
 * Whether this page's VideoDecoder takes a recording's own H.265: asked with its init's codec
 * string and hvcC (a decoder may take one profile and not another), and no once a decoder that
 * said yes refused a stream. Where it does not, playback asks the recorder for H.264.
 */
export async function webCodecsDecodesRecording(codec: string, description: Uint8Array): Promise<boolean> {
  if (hevcDecoderRefusal.get() !== null || typeof VideoDecoder !== 'function' || typeof VideoDecoder.isConfigSupported !== 'function') return false;
  try {
    return (await VideoDecoder.isConfigSupported({ codec, description, optimizeForLatency: true })).supported === true;
  } catch {
    return false;
  }
}
