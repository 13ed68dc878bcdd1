#!/usr/bin/env python3
"""TradeBot under failure and under time: the all-in-one jar with traffic running.

  python3 compose/resilience.py outage            the dependency-down suite (about 3 minutes)
  python3 compose/resilience.py soak [--minutes N] the soak (10 minutes by default; CI runs 1)

Both start private servers of their own, never the machine's shared ones, which other test runs
use: a PostgreSQL cluster (initdb in a temporary directory, on a free port), a redis-server on a
free port, and, for RabbitMQ, a vhost of this run on the machine's broker reached through a TCP
proxy of this script. The proxy stands in for a private RabbitMQ node (a second Erlang node on one
machine needs its own node name, cookie and distribution port, and takes a long time to boot):
cutting it closes every connection and refuses new ones, which is what the application sees of a
broker that stopped; restoring it is the broker coming back. PostgreSQL and Redis are stopped and
started for real (pg_ctl stop -m fast, SIGTERM).

The jar runs as one process (gateway, worker and scheduler) against them, with Binance on a closed
port. Four clients register, sign in, import candles (each user's own), read their profile, create
paper accounts, list them and submit backtests over their candles, counting every answer by phase.

outage: PostgreSQL, Redis and RabbitMQ are stopped and restarted in turn. Passes when
  - every answer is 2xx, 429, or 503 application/problem+json with Retry-After (never another 5xx,
    never a dropped connection or an HTML page);
  - while RabbitMQ is down, sign-in and backtest submission still succeed (the outbox keeps
    their audit events and tasks);
  - after each restart writes succeed again within 30 s, and the process is the one started
    first (it recovered by itself);
  - nothing accepted is lost: every user that got 201 exists, every account that got 201 exists,
    every backtest that got 202 ends succeeded, audit_events holds one row per accepted
    registration and sign-in, and the outbox is empty.
soak: no outage; passes with 0 answers of 5xx, nothing lost (as above) and memory flat (resident
  set of the last quarter within 20 % of the second quarter, heap fixed at 384 MiB).

Needs java, the built jar (gateway/target/tradebot.jar), PostgreSQL's server binaries, redis-server,
a RabbitMQ on 127.0.0.1:5672 and rabbitmqctl (root) to add and delete the run's vhost.
Exit status 0 when every check passes.
"""
import argparse
import base64
import glob
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, 'gateway', 'target', 'tradebot.jar')
CANDLES = os.path.join(ROOT, 'functions', 'src', 'test', 'resources', 'candles',
                       'coinbase-btcusd-4h-20160518-20251028.csv')
IS_ROOT = os.geteuid() == 0
# Candles for the backtests: the real 4h file's header and first 3000 rows, which each client imports.
with open(CANDLES) as candle_file:
    CANDLES_3000 = ''.join(candle_file.readlines()[:3001])
BACKTEST = {"symbol": "BTCUSD", "interval": "4h", "strategy": "sma-cross", "params": {"fast": 10, "slow": 30},
            "from": "2016-01-01T00:00:00Z", "to": "2026-01-01T00:00:00Z", "startingBalance": "10000.00",
            "feeBps": 10, "slippageBps": 5, "sizing": {"type": "percent", "value": 100}}


CLEANUP = []  # every server this run started, stopped in reverse order on exit


def say(*parts):
    print(time.strftime('%H:%M:%S'), *parts, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def wait_until(what, seconds, probe):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if probe():
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f'{what} not within {seconds}s')


# --- private servers -----------------------------------------------------------------------------

class Postgres:
    def __init__(self, work):
        bins = sorted(glob.glob('/usr/lib/postgresql/*/bin'), key=lambda p: int(p.split('/')[-2]))
        if not bins:
            raise SystemExit('no PostgreSQL server binaries under /usr/lib/postgresql')
        self.bin, self.dir, self.port = bins[-1], os.path.join(work, 'pg'), free_port()
        os.makedirs(self.dir)
        if IS_ROOT:
            shutil.chown(self.dir, 'postgres', 'postgres')
        self.run('initdb', '-D', self.dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync')
        self.start()
        subprocess.run(['psql', '-h', '127.0.0.1', '-p', str(self.port), '-U', 'postgres', '-qc',
                        'create database tradebot'], check=True)

    def run(self, tool, *args):
        command = [os.path.join(self.bin, tool), *args]
        if IS_ROOT:  # initdb and postgres refuse to run as root
            command = ['runuser', '-u', 'postgres', '--', *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)

    def start(self):
        self.run('pg_ctl', '-D', self.dir, '-l', os.path.join(self.dir, 'server.log'), '-w', '-o',
                 f'-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100',
                 'start')

    def stop(self):
        self.run('pg_ctl', '-D', self.dir, '-m', 'fast', '-w', 'stop')

    def query(self, sql):
        out = subprocess.run(['psql', '-h', '127.0.0.1', '-p', str(self.port), '-U', 'postgres', '-d', 'tradebot',
                              '-qtAc', sql], check=True, capture_output=True, text=True).stdout
        return out.strip()

    def url(self):
        return f'postgresql://postgres@127.0.0.1:{self.port}/tradebot'


class Redis:
    def __init__(self, work):
        self.port, self.dir, self.process = free_port(), os.path.join(work, 'redis'), None
        os.makedirs(self.dir)
        self.start()

    def start(self):
        self.process = subprocess.Popen(['redis-server', '--port', str(self.port), '--bind', '127.0.0.1',
                                         '--save', '', '--appendonly', 'no', '--dir', self.dir],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        wait_until('redis', 20, lambda: socket.create_connection(('127.0.0.1', self.port), 1).close() or True)

    def stop(self):
        self.process.terminate()
        self.process.wait(20)

    def url(self):
        return f'redis://127.0.0.1:{self.port}/0'


class BrokerProxy:
    """A TCP proxy to the machine's RabbitMQ that can be cut (every connection closed, new ones refused)."""

    def __init__(self, vhost):
        self.port, self.vhost, self.lock = free_port(), vhost, threading.Lock()
        self.listener, self.sockets = None, set()
        subprocess.run(['rabbitmqctl', '-q', 'add_vhost', vhost], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(['rabbitmqctl', '-q', 'set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*'],
                       check=True, stdout=subprocess.DEVNULL)
        self.restore()

    def restore(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(('127.0.0.1', self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self.accept, args=(listener,), daemon=True).start()

    def accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(('127.0.0.1', 5672), 5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pipe, args=(a, b), daemon=True).start()

    def pipe(self, source, target):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                target.sendall(data)
        except OSError:
            pass
        for s in (source, target):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cut(self):
        self.listener.close()
        with self.lock:
            for s in self.sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                    s.close()
                except OSError:
                    pass
            self.sockets.clear()

    def delete(self):
        subprocess.run(['rabbitmqctl', '-q', 'delete_vhost', self.vhost], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)

    def url(self):
        return f'amqp://guest:guest@127.0.0.1:{self.port}/{self.vhost}'


class Launcher:
    def __init__(self, work, postgres, redis, broker, heap):
        self.port, self.management = free_port(), free_port()
        self.log = os.path.join(work, 'tradebot.log')
        env = {k: v for k, v in os.environ.items() if not k.startswith(('SPRING_', 'TRADEBOT_'))}
        env.update({
            'DATABASE_URL': postgres.url(), 'REDIS_URL': redis.url(), 'RABBITMQ_URL': broker.url(),
            'PORT': str(self.port), 'MANAGEMENT_SERVER_PORT': str(self.management), 'ENVIRONMENT': 'development',
            'SECRET_KEY': base64.urlsafe_b64encode(os.urandom(64)).decode().rstrip('='),
            'FERNET_KEY': base64.urlsafe_b64encode(os.urandom(32)).decode(),
            'TRADEBOT_DATA_DIR': os.path.join(work, 'data'),
            'TRADEBOT_EXCHANGE_BINANCE_BASE_URL': 'http://127.0.0.1:9',
            'TRADEBOT_EXCHANGE_BINANCE_TESTNET_BASE_URL': 'http://127.0.0.1:9',
            'LOG_LEVEL': 'INFO',
        })
        java = shutil.which('java')
        self.process = None
        CLEANUP.append(self)
        self.process = subprocess.Popen([java, f'-Xms{heap}', f'-Xmx{heap}', '-XX:TieredStopAtLevel=1', '-jar', JAR],
                                        env=env, stdout=open(self.log, 'w'), stderr=subprocess.STDOUT)
        self.pid = self.process.pid
        wait_until('the launcher to answer /health', 300, lambda: self.alive() and request(self.port, 'GET', '/health')[0] == 200)

    def alive(self):
        if self.process.poll() is not None:
            raise SystemExit(f'the launcher exited with {self.process.returncode}; log: {self.log}')
        return True

    def rss_kib(self):
        with open(f'/proc/{self.pid}/status') as status:
            return next(int(line.split()[1]) for line in status if line.startswith('VmRSS:'))

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()


def request(port, method, path, body=None, token=None, content_type='application/json', timeout=30):
    connection = http.client.HTTPConnection('127.0.0.1', port, timeout=timeout)
    headers = {}
    if body is not None:
        headers['Content-Type'] = content_type
        body = body if isinstance(body, (bytes, str)) else json.dumps(body)
    if token:
        headers['Authorization'] = 'Bearer ' + token
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data
    finally:
        connection.close()


# --- traffic -------------------------------------------------------------------------------------

class Traffic:
    """Clients that write and read through the gateway, counting every answer per phase."""

    def __init__(self, port, clients=4):
        self.port, self.clients = port, clients
        self.phase, self.stop_flag, self.lock = 'warm-up', threading.Event(), threading.Lock()
        self.counts = {}            # phase -> {label: n}
        self.violations = []        # (phase, operation, status, detail)
        self.last_write_ok = {}     # phase -> time of the last accepted write
        self.first_write_ok = {}    # phase -> time of the first accepted write
        self.users, self.accounts, self.backtests = [], [], []
        self.logins = 0
        self.threads = []

    def start(self):
        for n in range(self.clients):
            thread = threading.Thread(target=self.client, args=(n,), daemon=True)
            thread.start()
            self.threads.append(thread)

    def finish(self):
        self.stop_flag.set()
        for thread in self.threads:
            thread.join(60)

    def set_phase(self, phase):
        with self.lock:
            self.phase = phase

    def record(self, operation, status, headers, data, write_id=None, kind=None):
        with self.lock:
            phase = self.phase
            counts = self.counts.setdefault(phase, {})
            label = f'{operation} {status}'
            counts[label] = counts.get(label, 0) + 1
            ok = 200 <= status < 300
            if ok and kind:
                getattr(self, kind).append(write_id)
                self.first_write_ok.setdefault(phase, time.time())
                self.last_write_ok[phase] = time.time()
            if operation == 'login' and status == 200:
                self.logins += 1
        if ok or status == 429:
            return
        problem = headers.get('content-type', '').startswith('application/problem+json')
        if status == 503 and problem and headers.get('retry-after'):
            return
        self.violations.append((phase, operation, status, data[:200].decode('utf-8', 'replace')))

    def call(self, operation, method, path, body=None, token=None, kind=None, key=None, content_type='application/json'):
        try:
            status, headers, data = request(self.port, method, path, body, token, content_type)
        except OSError as e:
            with self.lock:
                self.violations.append((self.phase, operation, 'no answer', str(e)))
            return None, None
        parsed = None
        if data and headers.get('content-type', '').startswith('application/json'):
            parsed = json.loads(data)
        write_id = parsed.get(key) if parsed and key and 200 <= status < 300 else None
        self.record(operation, status, headers, data, write_id, kind)
        return status, parsed

    def client(self, n):
        rng = random.Random(n)
        email = password = token = None
        imported = False
        while not self.stop_flag.is_set():
            if token is None:
                if email is None:
                    candidate = f'resilience-{uuid.uuid4().hex[:12]}@example.com'
                    status, body = self.call('register', 'POST', '/api/auth/register',
                                             {'email': candidate, 'password': 'correct horse battery'},
                                             kind='users', key='email')
                    if status == 201:
                        email, password = candidate, 'correct horse battery'
                    else:
                        time.sleep(1)
                        continue
                status, body = self.call('login', 'POST', '/api/auth/login', {'email': email, 'password': password})
                if status == 200:
                    token = body['accessToken']
                else:
                    time.sleep(1)
                continue
            if not imported:
                # imported candles are the importer's own: each user backtests and reads their own
                status, _ = self.call('import candles', 'POST', '/api/market/candles/import?symbol=BTCUSD&interval=4h',
                                      CANDLES_3000, token=token, content_type='text/csv')
                imported = status == 200
                if not imported:
                    time.sleep(1)
                continue
            choice = rng.random()
            if choice < 0.30:
                self.call('me', 'GET', '/api/auth/me', token=token)
            elif choice < 0.50:
                self.call('list accounts', 'GET', '/api/accounts', token=token)
            elif choice < 0.70:
                self.call('create account', 'POST', '/api/accounts',
                          {'name': f'paper {uuid.uuid4().hex[:6]}', 'kind': 'paper', 'balances': {'USDT': '1000'}},
                          token=token, kind='accounts', key='id')
            elif choice < 0.80:
                self.call('submit backtest', 'POST', '/api/backtests', BACKTEST, token=token, kind='backtests', key='id')
            elif choice < 0.90:
                status, body = self.call('login', 'POST', '/api/auth/login', {'email': email, 'password': password})
                if status == 200:
                    token = body['accessToken']
            else:
                self.call('candles', 'GET', '/api/market/candles?symbol=BTCUSD&interval=4h&limit=50', token=token)
            time.sleep(0.05 + rng.random() * 0.1)


# --- checks --------------------------------------------------------------------------------------

class Checks:
    def __init__(self):
        self.passed, self.failed = 0, 0

    def check(self, ok, message):
        if ok:
            self.passed += 1
            say('ok   ', message)
        else:
            self.failed += 1
            say('FAIL ', message)


def in_list(ids):
    return ','.join("'" + str(i).replace("'", "''") + "'" for i in ids) or "''"


def nothing_lost(checks, traffic, postgres, launcher):
    users = int(postgres.query(f'select count(*) from users where email in ({in_list(traffic.users)})'))
    checks.check(users == len(traffic.users), f'{users} of {len(traffic.users)} registered users (201) stored')
    accounts = int(postgres.query(f'select count(*) from exchange_accounts where id in ({in_list(traffic.accounts)})'))
    checks.check(accounts == len(traffic.accounts), f'{accounts} of {len(traffic.accounts)} created accounts (201) stored')
    backtests = in_list(traffic.backtests)
    deadline = time.time() + 180
    while time.time() < deadline:
        pending = int(postgres.query(f"select count(*) from backtests where id in ({backtests}) and status in ('queued','running')"))
        if pending == 0:
            break
        time.sleep(2)
    succeeded = int(postgres.query(f"select count(*) from backtests where id in ({backtests}) and status = 'succeeded'"))
    checks.check(succeeded == len(traffic.backtests),
                 f'{succeeded} of {len(traffic.backtests)} accepted backtests (202) ran and succeeded')
    deadline = time.time() + 60
    expected = len(traffic.users) + traffic.logins
    while time.time() < deadline:
        outbox = int(postgres.query('select count(*) from outbox'))
        audit = int(postgres.query(f"select count(*) from audit_events where type in ('user.registered','user.login') "
                                   f"and user_id in (select id from users where email in ({in_list(traffic.users)}))"))
        if outbox == 0 and audit >= expected:
            break
        time.sleep(2)
    checks.check(outbox == 0, f'the outbox is empty ({outbox} rows left)')
    checks.check(audit == expected, f'{audit} audit events for {len(traffic.users)} registrations and {traffic.logins} sign-ins')
    checks.check(launcher.process.poll() is None and launcher.process.pid == launcher.pid,
                 f'the launcher (pid {launcher.pid}) ran throughout: no restart')


def report(traffic):
    for phase, counts in traffic.counts.items():
        say(f'  {phase:<22}', ', '.join(f'{k}: {v}' for k, v in sorted(counts.items())))


def setup(work, heap):
    say('private PostgreSQL, Redis and broker proxy')
    postgres = Postgres(work)
    CLEANUP.append(postgres)
    redis = Redis(work)
    CLEANUP.append(redis)
    broker = BrokerProxy('tradebot_resilience_' + uuid.uuid4().hex[:8])
    CLEANUP.append(broker)
    say(f'  postgres :{postgres.port}, redis :{redis.port}, rabbitmq proxy :{broker.port} vhost {broker.vhost}')
    say('starting the all-in-one jar')
    launcher = Launcher(work, postgres, redis, broker, heap)
    say(f'  gateway :{launcher.port} (pid {launcher.pid}, log {launcher.log})')
    return postgres, redis, broker, launcher


def outage(args, work):
    postgres, redis, broker, launcher = setup(work, '384m')
    checks = Checks()
    traffic = Traffic(launcher.port)
    traffic.start()
    time.sleep(args.settle)
    outages = (('PostgreSQL', postgres.stop, postgres.start), ('Redis', redis.stop, redis.start),
               ('RabbitMQ', broker.cut, broker.restore))
    for name, stop, start in outages:
        say(f'stopping {name}')
        traffic.set_phase(f'{name} down')
        stop()
        time.sleep(args.down)
        say(f'starting {name}')
        restarted = time.time()
        traffic.set_phase(f'after {name}')
        start()
        time.sleep(args.settle)
        first = traffic.first_write_ok.get(f'after {name}')
        checks.check(first is not None and first - restarted < 30,
                     f'{name} back: writes accepted again after '
                     f'{"never" if first is None else f"{first - restarted:.1f}s"} without restarting TradeBot')
    traffic.set_phase('end')
    time.sleep(3)
    traffic.finish()
    report(traffic)
    down = traffic.counts.get('RabbitMQ down', {})
    checks.check(down.get('login 200', 0) > 0 and not any(k.startswith('login 5') for k in down),
                 f'sign-in with RabbitMQ down: {down.get("login 200", 0)} succeeded, none failed')
    checks.check(down.get('submit backtest 202', 0) > 0 and not any(k.startswith('submit backtest 5') for k in down),
                 f'backtests submitted with RabbitMQ down: {down.get("submit backtest 202", 0)} accepted, none refused')
    pg_down = traffic.counts.get('PostgreSQL down', {})
    checks.check(any(k.endswith(' 503') for k in pg_down),
                 f'PostgreSQL down answers 503 problem+json: {sum(v for k, v in pg_down.items() if k.endswith(" 503"))} of them')
    for violation in traffic.violations[:20]:
        say('  violation:', violation)
    checks.check(not traffic.violations, f'{len(traffic.violations)} answers other than 2xx, 429 or 503 problem+json with Retry-After')
    nothing_lost(checks, traffic, postgres, launcher)
    return checks


def soak(args, work):
    postgres, redis, broker, launcher = setup(work, '384m')
    checks = Checks()
    traffic = Traffic(launcher.port)
    traffic.set_phase('soak')
    traffic.start()
    samples, duration, started = [], args.minutes * 60, time.time()
    while time.time() - started < duration:
        time.sleep(max(1.0, duration / 60))
        launcher.alive()
        samples.append(launcher.rss_kib())
    traffic.finish()
    report(traffic)
    counts = traffic.counts.get('soak', {})
    errors = sum(v for k, v in counts.items() if k.split()[-1].startswith('5'))
    total = sum(counts.values())
    checks.check(total > 0 and errors == 0 and not traffic.violations,
                 f'{total} requests in {args.minutes} min, {errors} answered 5xx, {len(traffic.violations)} not as expected')
    quarter = max(1, len(samples) // 4)
    second, last = samples[quarter:2 * quarter] or samples, samples[-quarter:]
    growth = (sum(last) / len(last)) / (sum(second) / len(second)) - 1
    say(f'  resident set (MiB): ' + ' '.join(str(s // 1024) for s in samples))
    checks.check(growth < 0.20, f'memory flat: resident set of the last quarter {growth:+.1%} against the second')
    nothing_lost(checks, traffic, postgres, launcher)
    return checks


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = parser.add_subparsers(dest='suite', required=True)
    o = sub.add_parser('outage')
    o.add_argument('--down', type=float, default=12, help='seconds each server stays down')
    o.add_argument('--settle', type=float, default=15, help='seconds of traffic before and after each outage')
    s = sub.add_parser('soak')
    s.add_argument('--minutes', type=float, default=10)
    args = parser.parse_args()
    if not os.path.isfile(JAR):
        raise SystemExit(f'{JAR} is missing: mvn -B -pl gateway -am package -DskipTests')
    work = tempfile.mkdtemp(prefix='tradebot-resilience.')
    os.chmod(work, 0o755)
    checks = Checks()
    try:
        checks = (outage if args.suite == 'outage' else soak)(args, work)
    except SystemExit as e:
        say('FAIL ', e)
        checks.failed += 1
    finally:
        for server in reversed(CLEANUP):
            try:
                if isinstance(server, BrokerProxy):
                    server.cut()
                    server.delete()
                else:
                    server.stop()
            except Exception as e:  # cleanup goes on
                say('cleanup:', e)
    say(f'{args.suite}: {checks.passed} checks passed, {checks.failed} failed')
    if checks.failed == 0:
        shutil.rmtree(work, ignore_errors=True)
    else:
        say('logs kept in', work)
    sys.exit(1 if checks.failed else 0)


if __name__ == '__main__':
    main()
