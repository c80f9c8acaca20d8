#!/usr/bin/env python3
"""Time to the first 220: runs COMMAND, connects to 127.0.0.1:PORT every 5 ms until something listens, reads the
greeting and prints "<milliseconds from the start of COMMAND to the 220> <pid of COMMAND>". COMMAND keeps running
(an MTA, or the command that starts one); the caller stops it.

    first220.py PORT COMMAND...
"""
import socket
import subprocess
import sys
import time

port = int(sys.argv[1])
started = time.monotonic()
process = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)
deadline = started + 60
while True:
    try:
        connection = socket.create_connection(("127.0.0.1", port), timeout=10)
        break
    except OSError:
        if time.monotonic() > deadline:
            sys.exit("nothing listens on 127.0.0.1:%d after 60 s" % port)
        time.sleep(0.005)
greeting = b""
while not greeting.endswith(b"\n"):
    chunk = connection.recv(512)
    if not chunk:
        break
    greeting += chunk
took = time.monotonic() - started
connection.sendall(b"QUIT\r\n")
connection.close()
if not greeting.startswith(b"220"):
    sys.exit("no 220 from 127.0.0.1:%d but %r" % (port, greeting))
print("%.0f %d" % (took * 1000, process.pid))
