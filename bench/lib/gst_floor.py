#!/usr/bin/python3
"""Transport floor: a GStreamer RTSP client (rtspsrc latency=0, TCP, one decoder thread) that
reads the clock camera's stamp from each decoded frame. rtph264depay emits a frame on its RTP
marker bit, so unlike ffmpeg's RTSP demuxer it does not wait for the next frame.

Remux floor (--fd N): the same decoder reading FLV from file descriptor N, where the caller
pipes the console's ingest (`ffmpeg -c copy` to FLV): what that ingest alone costs.

Usage: /usr/bin/python3 gst_floor.py URL | --fd N
stdout: one JSON line per frame, {"at": epoch_ms, "stamp": n} (stamp -1: unreadable).
stdin EOF stops it.
"""

import json
import sys
import threading
import time

try:
    import gi

    gi.require_version("Gst", "1.0")
    from gi.repository import GLib, Gst
except (ImportError, ValueError) as err:
    sys.stderr.write(f"gst_floor.py: cannot load GStreamer ({err}); run with /usr/bin/python3\n")
    sys.exit(3)

WIDTH, BITS, BLOCK_W, BAND_H = 640, 40, 16, 24


def read_stamp(data):
    """Same layout and checks as bench/lib/stamp.ts readStamp."""

    def sample(block, band):
        total = 0
        for y in range(band * BAND_H + 8, band * BAND_H + 16, 2):
            row = y * WIDTH
            for x in range(block * BLOCK_W + 5, block * BLOCK_W + 11, 2):
                total += data[row + x]
        return total / 12

    a = [sample(i, 0) for i in range(BITS)]
    b = [sample(i, 1) for i in range(BITS)]
    threshold = (sum(a) + sum(b)) / (2 * BITS)
    value = 0
    for i in range(BITS):
        one = a[i] > threshold
        if one == (b[i] > threshold) or abs(a[i] - b[i]) < 40:
            return -1
        value = value * 2 + (1 if one else 0)
    return value


def main():
    Gst.init(None)
    if sys.argv[1] == "--fd":
        source = f"fdsrc fd={int(sys.argv[2])} ! flvdemux ! h264parse"
    else:
        source = f"rtspsrc location={sys.argv[1]} latency=0 protocols=tcp ! rtph264depay"
    pipeline = Gst.parse_launch(
        f"{source} ! avdec_h264 max-threads=1 ! videocrop bottom=312 ! videoconvert "
        "! video/x-raw,format=GRAY8 ! appsink name=sink emit-signals=true sync=false max-buffers=2 drop=true"
    )

    def on_sample(sink):
        at = time.time_ns() // 1_000_000
        buf = sink.emit("pull-sample").get_buffer()
        ok, info = buf.map(Gst.MapFlags.READ)
        if ok:
            stamp = read_stamp(info.data)
            buf.unmap(info)
            sys.stdout.write(json.dumps({"at": at, "stamp": stamp}) + "\n")
            sys.stdout.flush()
        return Gst.FlowReturn.OK

    pipeline.get_by_name("sink").connect("new-sample", on_sample)
    loop = GLib.MainLoop()

    def wait_stdin():
        sys.stdin.read()
        GLib.idle_add(loop.quit)

    threading.Thread(target=wait_stdin, daemon=True).start()
    pipeline.set_state(Gst.State.PLAYING)
    loop.run()
    pipeline.set_state(Gst.State.NULL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
