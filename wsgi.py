"""The WSGI entry point of a deployment: `gunicorn -c gunicorn.conf.py` serves `wsgi:app`.

Behind TERREAU_PROXY_FIX proxies (1 with nginx in front; 0, the default, when exposed directly), create_app trusts
the X-Forwarded-For, -Proto and -Host headers those proxies set, so the login rate limits count each visitor rather
than the proxy, cookies are Secure and generated URLs say https (see app.security).
"""

from app import create_app

app = create_app()
