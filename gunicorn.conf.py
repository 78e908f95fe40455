"""gunicorn's settings for `make serve` and deploy/serviceplans-web.service, from the environment.

WEB_CONCURRENCY   worker processes (default: 2 per CPU core + 1, at most 8)
GUNICORN_THREADS  threads per worker (default 1: gunicorn's sync workers; see below)
PORT / BIND       where to listen (default 127.0.0.1:8000; the proxy in front talks to this)
GUNICORN_TIMEOUT  seconds before a stuck worker is restarted (default 60; big PDFs run in db_worker)
GUNICORN_ACCESS_LOG  "-" (default) writes the access log to standard output; empty turns it off
                     (the application logs every request itself, as JSON with its request id)
"""

import multiprocessing
import os

wsgi_app = "serviceplans.wsgi:application"
bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * multiprocessing.cpu_count() + 1, 8))
# One request at a time per worker; the workers carry the concurrency. A page here is Python's work more than
# the database's (about 25 ms of CPU against 5 of waiting), and threads of one process take turns on
# Python's interpreter lock: a thread back from each of its dozen queries waits for the lock while another
# computes. With 50 users at 10x (make loadtest, 2 workers, PostgreSQL), 4 threads a worker gave p95 720 ms
# and 1 gave 400 ms, for the same requests a second. PDFs and big downloads are made by the task worker,
# not in a request. More threads only pay where requests mostly wait (GUNICORN_THREADS=4 with
# DATABASE_POOL=true, see docs/deploy.md).
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Restart each worker now and then, so a slow leak (WeasyPrint, big workbooks) never grows for ever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The proxy in front sets X-Forwarded-For/Proto; trust it only from where the proxy runs.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Load the application before forking: a configuration error stops the server at once, with its message.
preload_app = True
# gunicorn's control socket (for gunicornc) is one path per user: several servers on one machine would
# fight over it, and nothing here uses it. GUNICORN_CONTROL_SOCKET=/run/serviceplans/gunicorn.ctl turns it on.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or "gunicorn.ctl"
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")

# Python's cycle collector, tuned for a web worker (GUNICORN_GC_GEN0, default 50,000 objects between young
# collections, against Python's 2,000): a request makes tens of thousands of short-lived objects (query
# compilation, template nodes), so with the default the collector runs several times a request and walks the
# young objects each time. What the master loaded before forking (Django, the URL patterns, the templates) is
# frozen: never walked again, and not copied into each worker by the collector touching it. About 5-8% less
# CPU a request, measured over the load test's mix of pages; the older generations keep Python's defaults.
GC_GEN0 = int(os.environ.get("GUNICORN_GC_GEN0", "50000"))


def pre_fork(server, worker):
    import gc

    gc.freeze()


def post_fork(server, worker):
    import gc

    _, older, oldest = gc.get_threshold()
    gc.set_threshold(GC_GEN0, older, oldest)
