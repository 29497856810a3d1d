#!/usr/bin/env python3
"""The clients of bench/memory-attacks.sh: a MySQL wire-protocol client in plain Python 3 (no driver needed).

  victim   HOST PORT USER PASSWORD DB CONNECTIONS ROWS OUT
           point selects on CONNECTIONS connections until SIGTERM; one line per query to OUT:
           start_epoch_s  latency_ms  ok|error|dropped|timeout  connection  detail
  bigin    HOST PORT USER PASSWORD DB BYTES CLIENTS TIMEOUT_S
           each of CLIENTS logged-in connections sends a BYTES-long SELECT COUNT(*) ... WHERE id IN (1,1,...) at once
           and waits up to TIMEOUT_S for the answer; one line per client on stdout
  unauth   HOST PORT SOCKETS FRAME_BYTES HOLD_S
           SOCKETS connections that never log in: each sends the header of a FRAME_BYTES frame and FRAME_BYTES bytes,
           then holds the socket open up to HOLD_S, watching for the proxy to close it; one line per socket
  stall    HOST PORT USER PASSWORD DB CLIENTS FRAME_BYTES SENT_BYTES HOLD_S
           CLIENTS logged-in connections each send the header of a FRAME_BYTES packet and SENT_BYTES of it, then
           nothing; held up to HOLD_S, watching for the proxy to close them; one line per client

Every output line of bigin/unauth/stall is tab-separated: index, outcome, seconds (from the attack's start),
detail. Exit status 0 unless the arguments are wrong.
"""
import hashlib
import random
import signal
import socket
import struct
import sys
import threading
import time

MAX_CHUNK = 0xFFFFFF
CAPS = (0x1 | 0x8 | 0x200 | 0x2000 | 0x8000 | 0x20000 | 0x80000)  # long password, connect with db, protocol 41,
# transactions, secure connection, multi results, plugin auth


class MySQLError(Exception):
    def __init__(self, code, message):
        super().__init__(f"ERROR {code}: {message}")
        self.code = code


def recv_exact(sock, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(min(n - len(buf), 1 << 20))
        if not chunk:
            raise ConnectionError("closed by the proxy")
        buf += chunk
    return bytes(buf)


def read_packet(sock):
    payload = bytearray()
    while True:
        header = recv_exact(sock, 4)
        length = header[0] | header[1] << 8 | header[2] << 16
        payload += recv_exact(sock, length)
        if length < MAX_CHUNK:
            return header[3], bytes(payload)


def frames(payload, seq=0):
    """The frames of one packet: chunks of 0xFFFFFF bytes, an empty last frame when the size divides evenly."""
    out = []
    pos = 0
    while True:
        chunk = payload[pos:pos + MAX_CHUNK]
        out.append(struct.pack('<I', len(chunk))[:3] + bytes([seq & 0xFF]) + chunk)
        seq += 1
        pos += len(chunk)
        if len(chunk) < MAX_CHUNK:
            return out


def error_of(payload):
    code = struct.unpack('<H', payload[1:3])[0]
    message = payload[3:]
    if message[:1] == b'#':
        message = message[6:]
    return MySQLError(code, message.decode('utf-8', 'replace'))


def native_scramble(password, salt):
    if not password:
        return b''
    h1 = hashlib.sha1(password.encode()).digest()
    h2 = hashlib.sha1(h1).digest()
    h3 = hashlib.sha1(salt + h2).digest()
    return bytes(a ^ b for a, b in zip(h1, h3))


def connect(host, port, user, password, db, timeout=10.0):
    sock = socket.create_connection((host, port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    _, greeting = read_packet(sock)
    if greeting[0] == 0xFF:
        raise error_of(greeting)
    pos = greeting.index(b'\0', 1) + 1 + 4
    salt = greeting[pos:pos + 8]
    pos += 8 + 1 + 2 + 1 + 2 + 2
    salt_len = greeting[pos]
    pos += 1 + 10
    salt += greeting[pos:pos + max(13, salt_len - 8) - 1]
    response = (struct.pack('<IIB', CAPS, MAX_CHUNK, 33) + b'\0' * 23 + user.encode() + b'\0'
                + bytes([20 if password else 0]) + native_scramble(password, salt)
                + db.encode() + b'\0' + b'mysql_native_password\0')
    sock.sendall(frames(response, 1)[0])
    while True:
        seq, answer = read_packet(sock)
        if answer[0] == 0x00:
            return sock
        if answer[0] == 0xFF:
            raise error_of(answer)
        if answer[0] == 0xFE:  # auth switch: plugin name, then the new salt
            end = answer.index(b'\0', 1)
            plugin, new_salt = answer[1:end].decode(), answer[end + 1:].rstrip(b'\0')
            if plugin != 'mysql_native_password':
                raise MySQLError(0, f"auth switch to {plugin} not supported by this client")
            sock.sendall(frames(native_scramble(password, new_salt), seq + 1)[0])
            continue
        raise MySQLError(0, f"unexpected login answer 0x{answer[0]:02x}")


def lenenc(data, pos):
    first = data[pos]
    if first < 0xFB:
        return first, pos + 1
    if first == 0xFB:
        return None, pos + 1
    size = {0xFC: 2, 0xFD: 3, 0xFE: 8}[first]
    return int.from_bytes(data[pos + 1:pos + 1 + size], 'little'), pos + 1 + size


def read_result(sock):
    """Reads a COM_QUERY answer: the rows (lists of str/None) of a result set, or [] for an OK."""
    _, first = read_packet(sock)
    if first[0] == 0xFF:
        raise error_of(first)
    if first[0] == 0x00:
        return []
    columns, _ = lenenc(first, 0)
    for _ in range(columns):
        read_packet(sock)
    _, eof = read_packet(sock)  # no CLIENT_DEPRECATE_EOF: an EOF after the column definitions
    rows = []
    while True:
        _, row = read_packet(sock)
        if row[0] == 0xFE and len(row) < 9:
            return rows
        if row[0] == 0xFF:
            raise error_of(row)
        values, pos = [], 0
        for _ in range(columns):
            n, pos = lenenc(row, pos)
            if n is None:
                values.append(None)
            else:
                values.append(row[pos:pos + n].decode('utf-8', 'replace'))
                pos += n
        rows.append(values)


def query(sock, sql):
    for frame in frames(b'\x03' + sql.encode()):
        sock.sendall(frame)
    return read_result(sock)


def describe(exc):
    text = str(exc) or type(exc).__name__
    return ' '.join(text.split())[:200]


# --------------------------------------------------------------------------------------------------------------
def victim(host, port, user, password, db, connections, rows, out):
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    lock = threading.Lock()
    log = open(out, 'a', buffering=1)

    def write(start, ms, status, conn, detail=''):
        with lock:
            log.write(f"{start:.3f}\t{ms:.3f}\t{status}\t{conn}\t{detail}\n")

    def run(conn):
        rnd = random.Random(conn)
        sock = None
        while not stop.is_set():
            start = time.time()
            try:
                if sock is None:
                    sock = connect(host, port, user, password, db, timeout=5.0)
                    sock.settimeout(30.0)
                    start = time.time()
                key = rnd.randint(1, rows)
                t0 = time.perf_counter()
                result = query(sock, f"SELECT name FROM customers WHERE id = {key}")
                ms = (time.perf_counter() - t0) * 1000
                ok = len(result) == 1 and result[0][0] == f"customer-{key}"
                write(start, ms, 'ok' if ok else 'error', conn, '' if ok else f"wrong answer {result!r}"[:100])
            except MySQLError as e:
                write(start, (time.time() - start) * 1000, 'error', conn, describe(e))
            except socket.timeout as e:
                write(start, (time.time() - start) * 1000, 'timeout', conn, describe(e))
                sock = close_quietly(sock)
            except OSError as e:
                write(start, (time.time() - start) * 1000, 'dropped', conn, describe(e))
                sock = close_quietly(sock)
                stop.wait(0.2)
            stop.wait(0.005)
        close_quietly(sock)

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(connections)]
    for t in threads:
        t.start()
    while not stop.is_set():
        stop.wait(0.2)
    for t in threads:
        t.join(timeout=2)


def close_quietly(sock):
    if sock is not None:
        try:
            sock.close()
        except OSError:
            pass
    return None


def in_list_statement(size):
    head, tail = "SELECT COUNT(*) FROM customers WHERE id IN (", "1)"
    n = max(0, (size - len(head) - len(tail)) // 2)
    return head + "1," * n + tail


def run_all(run, indexes, lines):
    """Runs run(i) for every index on a thread of its own, waits for all, then prints the report lines."""
    threads = [threading.Thread(target=run, args=(i,)) for i in indexes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for line in lines:
        print(line)


def report(lines, index, outcome, seconds, detail):
    lines[index] = f"{index}\t{outcome}\t{seconds:.1f}\t{detail}"


def bigin(host, port, user, password, db, size, clients, timeout):
    sql = in_list_statement(size)
    payload = b'\x03' + sql.encode()
    lines = [None] * clients
    ready = threading.Barrier(clients + 1)
    start_box = []

    def run(i):
        sock = None
        try:
            sock = connect(host, port, user, password, db)
            sock.settimeout(timeout)
        except Exception as e:  # noqa: BLE001 - any failure is the outcome
            report(lines, i, 'login-failed', 0, describe(e))
        try:
            ready.wait()
        except threading.BrokenBarrierError:
            pass
        if sock is None:
            return
        start = start_box[0]
        try:
            for frame in frames(payload):
                sock.sendall(frame)
            rows = read_result(sock)
            value = rows[0][0] if rows and rows[0] else None
            outcome = 'ok' if value == '1' else 'wrong'
            report(lines, i, outcome, time.time() - start, f"COUNT(*) = {value}")
        except MySQLError as e:
            report(lines, i, 'error', time.time() - start, describe(e))
        except socket.timeout:
            report(lines, i, 'timeout', time.time() - start, f"no answer within {timeout} s")
        except OSError as e:
            report(lines, i, 'closed', time.time() - start, describe(e))
        finally:
            close_quietly(sock)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    start_box.append(time.time())
    ready.wait()
    for t in threads:
        t.join()
    print(f"# statement of {len(payload) - 1} bytes ({len(frames(payload))} frames), {clients} client(s)")
    for line in lines:
        print(line)


def watch_close(sock, start, deadline):
    """Waits until the peer closes the socket or the deadline passes: (closed?, seconds, detail)."""
    received = bytearray()
    while time.time() < deadline:
        sock.settimeout(max(0.05, min(0.5, deadline - time.time())))
        try:
            data = sock.recv(65536)
        except socket.timeout:
            continue
        except OSError as e:
            return True, time.time() - start, describe(e)
        if not data:
            return True, time.time() - start, 'EOF' + answer_text(received)
        received += data
    return False, time.time() - start, 'still open' + answer_text(received)


def drain(sock):
    """What the proxy sent before it closed (its greeting, an ERR), as far as the kernel still has it."""
    received = bytearray()
    sock.settimeout(0.5)
    try:
        while True:
            data = sock.recv(65536)
            if not data:
                break
            received += data
    except OSError:
        pass
    return received


def answer_text(received):
    """The last ERR packet the proxy sent, if any (after the greeting)."""
    pos, err = 0, ''
    while pos + 4 <= len(received):
        length = received[pos] | received[pos + 1] << 8 | received[pos + 2] << 16
        payload = received[pos + 4:pos + 4 + length]
        if payload[:1] == b'\xff':
            err = describe(error_of(payload))
        pos += 4 + length
    return f" after {err}" if err else ''


def send_then_hold(sock, data_frames, start, deadline, lines, i):
    sent = 'all sent'
    try:
        for frame in data_frames:
            sock.sendall(frame)
    except socket.timeout:
        sent = 'sending blocked'  # the proxy stopped reading: hold the rest back and watch
    except OSError as e:
        seconds = time.time() - start
        report(lines, i, 'closed-while-sending', seconds, describe(e) + answer_text(drain(sock)))
        return
    sent += f" at {time.time() - start:.1f} s"
    closed, seconds, detail = watch_close(sock, start, deadline)
    report(lines, i, 'closed' if closed else 'open', seconds, f"{detail} ({sent})")


def unauth(host, port, sockets, frame_bytes, hold):
    frame_bytes = min(frame_bytes, MAX_CHUNK)
    body = b'\x00' * frame_bytes
    header = struct.pack('<I', frame_bytes)[:3] + b'\x01'
    lines = [None] * sockets
    start = time.time()
    deadline = start + hold

    def run(i):
        try:
            sock = socket.create_connection((host, port), timeout=10)
        except OSError as e:
            report(lines, i, 'refused', time.time() - start, describe(e))
            return
        sock.settimeout(max(1.0, deadline - time.time()))
        try:
            send_then_hold(sock, [header, body], start, deadline, lines, i)
        finally:
            close_quietly(sock)

    run_all(run, range(sockets), lines)


def stall(host, port, user, password, db, clients, frame_bytes, sent_bytes, hold):
    frame_bytes = min(frame_bytes, MAX_CHUNK)
    header = struct.pack('<I', frame_bytes)[:3] + b'\x00'
    body = b'\x03' + b'S' * (min(sent_bytes, frame_bytes) - 1)
    lines = [None] * clients
    socks = [None] * clients
    for i in range(clients):
        try:
            socks[i] = connect(host, port, user, password, db)
        except Exception as e:  # noqa: BLE001
            report(lines, i, 'login-failed', 0, describe(e))
    start = time.time()
    deadline = start + hold

    def run(i):
        sock = socks[i]
        sock.settimeout(max(1.0, deadline - time.time()))
        try:
            send_then_hold(sock, [header, body], start, deadline, lines, i)
        finally:
            close_quietly(sock)

    run_all(run, [i for i in range(clients) if socks[i] is not None], lines)


def main(argv):
    if len(argv) < 2 or argv[1] in ('-h', '--help'):
        print(__doc__)
        return 0 if len(argv) >= 2 else 2
    cmd, a = argv[1], argv[2:]
    try:
        if cmd == 'victim' and len(a) == 8:
            victim(a[0], int(a[1]), a[2], a[3], a[4], int(a[5]), int(a[6]), a[7])
        elif cmd == 'bigin' and len(a) == 8:
            bigin(a[0], int(a[1]), a[2], a[3], a[4], int(a[5]), int(a[6]), float(a[7]))
        elif cmd == 'unauth' and len(a) == 5:
            unauth(a[0], int(a[1]), int(a[2]), int(a[3]), float(a[4]))
        elif cmd == 'stall' and len(a) == 9:
            stall(a[0], int(a[1]), a[2], a[3], a[4], int(a[5]), int(a[6]), int(a[7]), float(a[8]))
        else:
            print(f"memory-attacks-client.py: bad arguments for '{cmd}' (see --help)", file=sys.stderr)
            return 2
    except ValueError as e:
        print(f"memory-attacks-client.py: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
