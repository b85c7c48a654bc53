import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.dev")


def build_application():
    """Django, with the public media folders served (byte ranges included) in front of it."""
    django_application = get_wsgi_application()
    from masthead.core.media import serve_media

    return serve_media(django_application)


# `manage.py runserver` (make run) and gunicorn both serve this (WSGI_APPLICATION).
application = build_application()
