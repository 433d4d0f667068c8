"""Half of the bounded loopback load of bench/sockets.sh, run as two processes (a process may hold only so many
descriptors): "server" listens on 127.0.0.1:PORT and accepts COUNT connections; "client" opens COUNT connections to
it. Each prints "ready SOCKETS" once all are open, then holds them until it is killed, at most HOLD seconds, and
gives up when not ready within DEADLINE seconds. The client only ever connects to the server's own port.

Usage: sockets-load.py server|client PORT COUNT DEADLINE HOLD"""
import resource
import socket
import sys
import time

role, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
deadline, hold = time.monotonic() + float(sys.argv[4]), float(sys.argv[5])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
need = count + 64
if soft < need:
    if hard != resource.RLIM_INFINITY and hard < need:
        sys.exit(f"sockets-load: {count} sockets need {need} descriptors; the hard limit is {hard}")
    resource.setrlimit(resource.RLIMIT_NOFILE, (need, hard))

held = []
if role == "server":
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(4096)
    listener.settimeout(1)
    print("listening", flush=True)
    while len(held) < count:
        if time.monotonic() > deadline:
            sys.exit(f"sockets-load: accepted only {len(held)} connections before the deadline")
        try:
            held.append(listener.accept()[0])
        except socket.timeout:
            pass
    held.append(listener)
else:
    for _ in range(count):
        if time.monotonic() > deadline:
            sys.exit(f"sockets-load: opened only {len(held)} connections before the deadline")
        client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        client.settimeout(5)
        client.connect(("127.0.0.1", port))
        held.append(client)

print(f"ready {len(held)}", flush=True)
time.sleep(hold)
