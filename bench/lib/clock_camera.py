#!/usr/bin/python3
"""A live RTSP camera whose frames carry the wall-clock time, for latency benchmarks.

Serves rtsp://127.0.0.1:PORT/clock (loopback only): 640x360 at 15 fps, H.264 from
x264enc (zerolatency, one slice, a keyframe every 15 frames), one shared media for
every client, so the console and the floor client see the same frames.

Each frame is stamped just before it enters the encoder. The stamp is the epoch time in
milliseconds modulo 2^40, drawn in the top 48 rows as two bands of 40 blocks (16x24 px
each), most significant bit first: band A holds the bits (white = 1), band B their
complement. Exactly half the blocks are white, so a reader can threshold at the mean
and check every pair (see bench/lib/stamp.ts).

With --vbr the encoder spends bits by need (constant quality), as most village cameras do, and
a patch of the picture is stirred with noise: a still picture ("still" below: the bars and the
patch stop, the stamp goes on) then costs a fraction of a moving one, which the recorder's
activity signal shows.

With --h265 it sends H.265 instead (x265enc, zerolatency, a keyframe every --fps frames, its
headers on each, steady rate; not with --vbr): an H.265 camera whose recording the page plays back.

Usage: /usr/bin/python3 clock_camera.py [--fps 15] [--vbr | --h265]
Protocol, JSON lines (like tests/fixtures/rtsp_server.py):
  stdout: {"ready": true, "port": N}
  stdin:  {"id": 1, "cmd": "freeze"|"unfreeze"|"still"|"move"}  ->  {"id": 1, "ok": true}
stdin EOF stops the camera and exits.
"""

import argparse
import json
import os
import sys
import threading
import time

try:
    import gi

    gi.require_version("Gst", "1.0")
    gi.require_version("GstRtspServer", "1.0")
    from gi.repository import GLib, Gst, GstRtspServer
except (ImportError, ValueError) as err:
    sys.stderr.write(f"clock_camera.py: cannot load GStreamer RTSP bindings ({err}); run with /usr/bin/python3\n")
    sys.exit(3)

HOST = "127.0.0.1"
NOISE = 96  # the side of the --vbr camera's moving patch, px
WIDTH, HEIGHT = 640, 360
BITS = 40
BLOCK_W, BAND_H = WIDTH // BITS, 24
BLACK, WHITE, GREY = 16, 235, 128
MASK = (1 << BITS) - 1


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def stamp_rows(value):
    """48 rows of luma: band A = bits of value, band B = their complement."""
    bits = [(value >> (BITS - 1 - i)) & 1 for i in range(BITS)]
    row_a = b"".join(bytes([WHITE if b else BLACK]) * BLOCK_W for b in bits)
    row_b = b"".join(bytes([BLACK if b else WHITE]) * BLOCK_W for b in bits)
    return row_a * BAND_H + row_b * BAND_H


class Picture:
    """The rest of the frame: moving diagonal bars, so the stream has a realistic bitrate."""

    def __init__(self):
        period = 64
        pattern = bytes(40 + (x % period) * 3 for x in range(WIDTH + 2 * period))
        self.rows = [pattern[(y // 8) % period:] for y in range(HEIGHT - 2 * BAND_H)]
        self.chroma = bytes([128]) * (WIDTH * HEIGHT // 2)

    def body(self, frame, still=False):
        shift = 0 if still else (frame * 4) % 64
        return b"".join(row[shift:shift + WIDTH] for row in self.rows)

    @staticmethod
    def stirred(body):
        """A patch of noise, new each frame: motion no encoder predicts (bars that only slide cost
        next to nothing), so a moving picture costs clearly more bits than a still one."""
        out = bytearray(body)
        for y in range(NOISE):
            start = (HEIGHT // 3 + y) * WIDTH + WIDTH // 2
            out[start:start + NOISE] = os.urandom(NOISE)
        return bytes(out)


class Clock:
    """Pushes stamped frames into the shared media's appsrc at a steady rate."""

    def __init__(self, fps, stir=False):
        self.interval = 1.0 / fps
        self.stir = stir
        self.picture = Picture()
        self.lock = threading.Lock()
        self.appsrc = None
        self.frozen = False
        self.still = False
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def attach(self, appsrc):
        with self.lock:
            self.appsrc = appsrc

    def run(self):
        start = time.monotonic()
        frame = 0
        while not self.stopped.is_set():
            frame += 1
            delay = start + frame * self.interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            elif delay < -1.0:  # fell far behind (machine stalled): skip ahead
                start = time.monotonic() - frame * self.interval
            with self.lock:
                appsrc, frozen, still = self.appsrc, self.frozen, self.still
            if appsrc is None or frozen:
                continue
            body = self.picture.body(frame, still)
            if self.stir and not still:
                body = self.picture.stirred(body)
            stamp = time.time_ns() // 1_000_000
            data = stamp_rows(stamp & MASK) + body + self.picture.chroma
            appsrc.emit("push-buffer", Gst.Buffer.new_wrapped(data))


def encoder(fps, vbr, h265):
    """The encoder and payloader after the stamped raw frames."""
    if h265:
        # Headers on every keyframe from the encoder itself, so the payloader inserts none.
        return (
            f"x265enc tune=zerolatency speed-preset=ultrafast key-int-max={fps} bitrate=1000 "
            'option-string="repeat-headers=1:bframes=0:scenecut=0" '
            "! video/x-h265,profile=main ! rtph265pay name=pay0 pt=96"
        )
    rate = "pass=qual quantizer=24" if vbr else "bitrate=1000"
    return (
        f"x264enc tune=zerolatency speed-preset=ultrafast threads=1 key-int-max={fps} {rate} "
        "! video/x-h264,profile=main ! rtph264pay name=pay0 pt=96 config-interval=-1"
    )


class ClockFactory(GstRtspServer.RTSPMediaFactory):
    def __init__(self, clock, fps, vbr, h265):
        super().__init__()
        self.clock = clock
        self.set_shared(True)
        self.set_launch(
            "( appsrc name=src is-live=true format=time do-timestamp=true "
            f"caps=video/x-raw,format=I420,width={WIDTH},height={HEIGHT},framerate={fps}/1 "
            f"! {encoder(fps, vbr, h265)} )"
        )

    def do_configure(self, media):
        GstRtspServer.RTSPMediaFactory.do_configure(self, media)
        self.clock.attach(media.get_element().get_by_name("src"))
        media.connect("unprepared", lambda _m: self.clock.attach(None))


def control(clock, loop, status):
    try:
        emit({"ready": True, "port": status["port"]})
        for line in sys.stdin:
            if not line.strip():
                continue
            request = json.loads(line)
            cmd = request.get("cmd")
            ok = cmd in ("freeze", "unfreeze", "still", "move")
            if ok:
                with clock.lock:
                    if cmd in ("freeze", "unfreeze"):
                        clock.frozen = cmd == "freeze"
                    else:
                        clock.still = cmd == "still"
            emit({"id": request.get("id"), "ok": ok, **({} if ok else {"error": f"unknown cmd {cmd!r}"})})
    except Exception as err:  # noqa: BLE001 - report and exit
        sys.stderr.write(f"clock_camera.py: {err}\n")
        status["code"] = 1
    finally:
        clock.stopped.set()
        GLib.idle_add(loop.quit)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fps", type=int, default=15)
    parser.add_argument("--vbr", action="store_true")
    parser.add_argument("--h265", action="store_true")
    args = parser.parse_args()
    if args.vbr and args.h265:
        parser.error("--vbr is for the H.264 camera only")
    Gst.init(None)
    clock = Clock(args.fps, stir=args.vbr)
    server = GstRtspServer.RTSPServer()
    server.set_address(HOST)
    server.set_service("0")
    server.get_mount_points().add_factory("/clock", ClockFactory(clock, args.fps, args.vbr, args.h265))
    server.attach(None)
    status = {"code": 0, "port": server.get_bound_port()}
    clock.thread.start()
    loop = GLib.MainLoop()
    threading.Thread(target=control, args=(clock, loop, status), daemon=True).start()
    loop.run()
    return status["code"]


if __name__ == "__main__":
    sys.exit(main())
