"""WSGI entry point (`vanort serve` runs it under waitress)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanort.config.settings")
application = get_wsgi_application()
