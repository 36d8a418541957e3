/**
 * ffmpeg must die with the console, even when the console is killed with SIGKILL and gets no
 * chance to clean up. ffmpeg ignores its stdin closing, so on Linux each child is started through
 * util-linux `setpriv --pdeathsig KILL`, which asks the kernel to kill it when its parent dies.
 * (setpriv execs ffmpeg: the pid we hold is ffmpeg's own.) Elsewhere the exit hook in
 * childRegistry covers every exit except a hard kill.
 */
import { isExecutableFile } from './ffmpegLocator.js';

const SETPRIV = '/usr/bin/setpriv';

export interface GuardedCommand {
  command: string;
  args: string[];
}

export function guardedCommand(command: string, args: string[], platform = process.platform, hasSetpriv = isExecutableFile(SETPRIV)): GuardedCommand {
  if (platform === 'linux' && hasSetpriv) return { command: SETPRIV, args: ['--pdeathsig', 'KILL', '--', command, ...args] };
  return { command, args };
}
