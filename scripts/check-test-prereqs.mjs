// Before `npm test`: are the programs the real-part tests need installed? If not, say exactly
// which Debian packages bring them, rather than failing later with a less clear error.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const missing = [];
const has = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
if (!has('ffmpeg', ['-version'])) missing.push('ffmpeg');
if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
if (!has('/usr/bin/python3', ['-c', "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer"])) {
  missing.push('python3-gi', 'gir1.2-gst-rtsp-server-1.0', 'gstreamer1.0-plugins-base', 'gstreamer1.0-plugins-good', 'gstreamer1.0-plugins-bad', 'gstreamer1.0-plugins-ugly', 'gstreamer1.0-libav');
}
if (missing.length > 0) {
  console.error(`The tests use real ffmpeg, Chromium and an RTSP server. Install them with:\n\n  sudo apt-get install -y ${missing.join(' ')}\n`);
  process.exit(1);
}
