let answer: boolean | undefined;

/** Whether this browser decodes H.265 itself (then the host passes it through instead of transcoding). */
export function canDecodeHevc(): boolean {
  answer ??= typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L93.B0"');
  return answer;
}
