#!/usr/bin/python3
"""PORT PATH TOTAL RATE OUT [HEADER...]: a chunked upload of TOTAL random bytes at RATE bytes/s that stops
sending once the answer arrives (the service may answer a failed upload before the body ends), then prints
"<status> <epoch seconds of the answer>" and saves the answer's body to OUT. Sends are non-blocking: a store
that stops taking data must not hold the sender once answered. Used by store-faults.sh.
"""
import os, select, socket, sys, time
port, path, total, rate, out = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
headers = "".join(h + "\r\n" for h in sys.argv[6:])
s = socket.create_connection(("127.0.0.1", port))
s.sendall(("PUT %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
           "Accept: application/json\r\nTransfer-Encoding: chunked\r\n%s\r\n" % (path, headers)).encode())
s.setblocking(False)
block = os.urandom(1 << 16)
pending, sent, t0, answered_at = b"", 0, time.time(), None
while sent < total or pending:
    if not pending:
        n = min(len(block), total - sent)
        pending, sent = b"%x\r\n" % n + block[:n] + b"\r\n" + (b"0\r\n\r\n" if sent + n == total else b""), sent + n
    readable, writable, _ = select.select([s], [s], [], 1)
    if readable:
        break
    if writable:
        try:
            pending = pending[s.send(pending):]
        except BlockingIOError:
            pass
        except OSError:
            break
    lead = sent / rate - (time.time() - t0)
    if lead > 0 and not pending:
        time.sleep(min(lead, 0.5))
s.setblocking(True)
s.settimeout(180)
data = b""
try:
    while b"\r\n\r\n" not in data:
        piece = s.recv(65536)
        if answered_at is None:
            answered_at = time.time()
        if not piece:
            break
        data += piece
    head, _, body = data.partition(b"\r\n\r\n")
    length = next((int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")), 0)
    while len(body) < length:
        piece = s.recv(65536)
        if not piece:
            break
        body += piece
except OSError:
    head, body = data, b""
with open(out, "wb") as f:
    f.write(body)
status = head.split(b" ")[1].decode() if head.startswith(b"HTTP/") else "000"
print(status, "%.3f" % (answered_at or time.time()))
