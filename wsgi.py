"""The WSGI entry point of a deployment: `gunicorn -c gunicorn.conf.py` serves `wsgi:app`.

Behind TERREAU_PROXY_HOPS proxies (1 with nginx in front; 0, the default, when exposed directly), the client's
address and scheme come from the X-Forwarded-For and X-Forwarded-Proto headers those proxies set, so the login
rate limits count each visitor rather than the proxy, and generated URLs say https.
"""

import os

from werkzeug.middleware.proxy_fix import ProxyFix

from app import create_app

app = create_app()
_hops = int(os.environ.get("TERREAU_PROXY_HOPS") or 0)
if _hops:
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=_hops, x_proto=_hops)
