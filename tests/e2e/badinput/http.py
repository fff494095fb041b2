"""HTTP for the cases: http.client where the request is well formed, raw sockets where framing is the point.

Every response goes through a recorder, so the runner sees each status a case caused (a 5xx on a
set-up or clean-up request counts too). A request that gets no answer within the timeout raises Hang.
"""
import http.client
import json
import socket
import time


class Hang(Exception):
    """No complete response within the per-request timeout."""


class Response:
    def __init__(self, status, reason, headers, body, closed=None):
        self.status = status
        self.reason = reason
        self.headers = {k.lower(): v for k, v in headers}
        self.header_list = headers
        self.body = body
        # raw requests only: whether the server closed the connection after the response
        self.closed = closed

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None

    def __repr__(self):
        return f"{self.status} {self.body[:200]!r}"


class Client:
    def __init__(self, host, port, timeout, record):
        self.host = host
        self.port = port
        self.timeout = timeout
        self._record = record

    def request(self, method, path, body=None, headers=None, timeout=None):
        """One request on a fresh connection; JSON errors are asked for unless Accept is given."""
        all_headers = {"Accept": "application/json"}
        all_headers.update(headers or {})
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout or self.timeout)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            if isinstance(body, str):
                body = body.encode("utf-8")
            for name, value in all_headers.items():
                conn.putheader(name, value)
            chunked = all_headers.get("Transfer-Encoding") == "chunked"
            if body is not None and "Content-Length" not in all_headers and not chunked:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body, encode_chunked=chunked)
            res = conn.getresponse()
            data = res.read()
            response = Response(res.status, res.reason, res.getheaders(), data)
        except (socket.timeout, TimeoutError) as e:
            self._record(method, path, None)
            raise Hang(f"{method} {path}: no response within {timeout or self.timeout}s") from e
        finally:
            conn.close()
        self._record(method, path, response.status)
        return response

    def raw(self, parts, half_close=False, timeout=None, label="raw", wait_close=0.0):
        """Sends bytes as they are (parts: bytes, or floats meaning "pause this long"), then reads one
        response. half_close shuts the sending side after the last part; wait_close > 0 waits that
        long for the server to close the connection after the response."""
        timeout = timeout or self.timeout
        sock = socket.create_connection((self.host, self.port), timeout=timeout)
        try:
            for part in parts:
                if isinstance(part, (int, float)):
                    time.sleep(part)
                    continue
                try:
                    sock.sendall(part)
                except (BrokenPipeError, ConnectionResetError):
                    break  # the server answered early and closed; read what it said
            if half_close:
                try:
                    sock.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
            response = _read_response(_SocketReader(sock, time.monotonic() + timeout))
            if response is None:
                self._record("RAW", label, None)
                raise Hang(f"{label}: connection closed without a response")
            if wait_close > 0:
                response.closed = _closes_within(sock, wait_close)
        except (socket.timeout, TimeoutError) as e:
            self._record("RAW", label, None)
            raise Hang(f"{label}: no complete response within {timeout}s") from e
        finally:
            sock.close()
        self._record("RAW", label, response.status)
        return response


class _SocketReader:
    def __init__(self, sock, deadline):
        self.sock = sock
        self.deadline = deadline
        self.buf = b""
        self.eof = False

    def _fill(self):
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise socket.timeout("deadline")
        self.sock.settimeout(remaining)
        try:
            data = self.sock.recv(65536)
        except ConnectionResetError:
            data = b""
        if not data:
            self.eof = True
        self.buf += data

    def line(self):
        while b"\r\n" not in self.buf:
            if self.eof:
                return None
            self._fill()
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def exactly(self, n):
        while len(self.buf) < n and not self.eof:
            self._fill()
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def rest(self):
        while not self.eof:
            self._fill()
        data, self.buf = self.buf, b""
        return data


def _read_response(reader):
    while True:
        status_line = reader.line()
        if status_line is None:
            return None
        parts = status_line.decode("latin-1").split(" ", 2)
        if len(parts) < 2 or not parts[1].isdigit():
            return Response(0, f"unparsable status line {status_line[:80]!r}", [], b"")
        headers = []
        while True:
            line = reader.line()
            if line is None or line == b"":
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers.append((name.strip(), value.strip()))
        status = int(parts[1])
        if status == 100:
            continue  # an interim answer to Expect: 100-continue
        lower = {k.lower(): v for k, v in headers}
        if status in (204, 304):
            body = b""
        elif "chunked" in lower.get("transfer-encoding", "").lower():
            body = b""
            while True:
                size_line = reader.line()
                if size_line is None:
                    break
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while reader.line() not in (None, b""):
                        pass
                    break
                body += reader.exactly(size)
                reader.line()
        elif "content-length" in lower:
            body = reader.exactly(int(lower["content-length"]))
        else:
            body = reader.rest()
        response = Response(status, parts[2] if len(parts) > 2 else "", headers, body)
        response.version = parts[0]
        return response


def _closes_within(sock, seconds):
    deadline = time.monotonic() + seconds
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        sock.settimeout(remaining)
        try:
            if sock.recv(4096) == b"":
                return True
        except (socket.timeout, TimeoutError):
            return False
        except OSError:
            return True
