"""Holds a bounded loopback load for bench/sockets.sh: one listener on 127.0.0.1:PORT and CONNECTIONS connections
to it (2 sockets each: the client end and the accepted end). Prints "ready SOCKETS" when all are open, then holds
them until it is killed, at most HOLD seconds. Gives up when not ready within DEADLINE seconds. Only ever connects to
its own listener.

Usage: sockets-load.py PORT CONNECTIONS DEADLINE HOLD"""
import resource
import socket
import sys
import time

port, connections = int(sys.argv[1]), int(sys.argv[2])
deadline, hold = time.monotonic() + float(sys.argv[3]), float(sys.argv[4])
need = 2 * connections + 64
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
if soft < need:
    resource.setrlimit(resource.RLIMIT_NOFILE, (need, max(hard, need)))

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", port))
listener.listen(4096)
held = []
while len(held) < 2 * connections:
    if time.monotonic() > deadline:
        sys.exit(f"sockets-load: only {len(held)} sockets after the deadline")
    # Connect a batch, then accept it: the backlog bounds how many wait.
    batch = min(1000, connections - len(held) // 2)
    for _ in range(batch):
        client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        client.connect(("127.0.0.1", port))
        held.append(client)
    for _ in range(batch):
        accepted, _ = listener.accept()
        held.append(accepted)

print(f"ready {len(held) + 1}", flush=True)
time.sleep(hold)
