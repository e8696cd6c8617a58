"""gunicorn settings for Terreau, all overridable from the environment (see deploy/terreau.env.example).

    gunicorn -c gunicorn.conf.py              # serves wsgi:app (the app, behind TERREAU_PROXY_FIX proxies)
    gunicorn -c gunicorn.conf.py 'app:create_app()'

Threaded workers (gthread): a request mostly waits on the database or the disk, and tus uploads stream for a
long time, so a few processes with several threads each serve more people than many single-threaded ones. Each
process keeps nothing another one needs (sessions are signed cookies, uploads and jobs live in the database,
Redis and the shared media folder), so processes and machines can be added freely.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


#: where to listen: `127.0.0.1:8000` (nginx in front), or `unix:/run/terreau/web.sock`
bind = [address.strip() for address in os.environ.get("TERREAU_BIND", "127.0.0.1:8000").split(",")]
wsgi_app = "wsgi:app"
worker_class = "gthread"
#: processes: two per core plus one, at most 8 by default (each holds its own database pool)
workers = _int("TERREAU_WEB_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8))
threads = _int("TERREAU_WEB_THREADS", 4)
#: a worker silent this long is restarted (threads keep answering while one request streams an upload)
timeout = _int("TERREAU_WEB_TIMEOUT", 60)
graceful_timeout = _int("TERREAU_WEB_GRACEFUL_TIMEOUT", 30)
keepalive = 5
#: recycle processes now and then, so a slow leak in a library never grows for weeks
max_requests = _int("TERREAU_WEB_MAX_REQUESTS", 5000)
max_requests_jitter = max_requests // 10
#: the proxies whose X-Forwarded-Proto is believed (nginx on the same machine by default)
forwarded_allow_ips = os.environ.get("TERREAU_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
#: logs to stdout/stderr: the journal (systemd) or the terminal keeps them
accesslog = os.environ.get("TERREAU_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("TERREAU_LOG_LEVEL", "info")
#: client (behind TERREAU_PROXY_FIX proxies, as the proxy saw it), X-Forwarded-For, time, request, status,
#: bytes, duration in ms, referrer, user agent, worker pid
access_log_format = '%(h)s [%({x-forwarded-for}i)s] %(t)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s" %(p)s'
proc_name = "terreau-web"
#: gunicorn >= 25.1 opens a control socket under $HOME by default: two servers on one machine would share it;
#: off unless TERREAU_WEB_CONTROL_SOCKET names a path of this server's own (for `gunicornc`)
control_socket = os.environ.get("TERREAU_WEB_CONTROL_SOCKET") or "gunicorn.ctl"
control_socket_disable = not os.environ.get("TERREAU_WEB_CONTROL_SOCKET")


def post_worker_init(worker):
    """Once the worker has built the app, what start-up made (the app, its mappers, templates, translations:
    ~200,000 objects that live as long as the process) is put out of the garbage collector's reach: a full
    collection no longer walks them, which took ~100 ms each and came back every few hundred requests."""
    import gc

    gc.freeze()
