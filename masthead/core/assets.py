"""Component CSS and JavaScript, declared once and emitted in <head>.

Each app registers the stylesheet and script of the components it owns (the
news feed, the sign-up forms, the audio player) in its AppConfig.ready(); a
page lists the components it shows in its PageMeta. The page then has one
render-blocking stylesheet: the base CSS, each component's CSS once and the
newsroom's accent colour, joined by core.views.stylesheet under a name that
changes with its content (so browsers and CDNs keep it for a year), and one
deferred <script> per component. No inline <style> or <script>, so a strict
Content-Security-Policy needs no exception.

We join files ourselves instead of adding an asset pipeline (django-compressor,
a bundler): four small stylesheets, no build step, and the accent colour
is a site setting that no build step could know.
"""

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

BASE_CSS = "css/masthead.css"
DEFAULT_ACCENT = "#b3261e"
COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


@dataclass(frozen=True)
class Component:
    name: str
    css: tuple = ()
    js: tuple = ()
    requires: tuple = ()


COMPONENTS = {}
_bundles = {}


def register(name, css=(), js=(), requires=()):
    COMPONENTS[name] = Component(name, tuple(css), tuple(js), tuple(requires))


def resolve(names):
    """The components `names` stand for, with what they require, each once, in a stable order."""
    seen = []

    def add(name):
        component = COMPONENTS.get(name)
        if component is None or component in seen:
            return
        for required in component.requires:
            add(required)
        seen.append(component)

    for name in names:
        add(name)
    return sorted(seen, key=lambda component: component.name)


def scripts(names):
    """Static paths of the components' scripts, each once."""
    found = []
    for component in resolve(names):
        found += [path for path in component.js if path not in found]
    return found


def accent(value):
    return value if COLOUR.match(value or "") else DEFAULT_ACCENT


def stylesheet_name(names, accent_colour):
    """The bundle's file name: its components and a digest of its content ("news-feed+player.1a2b3c4d5e")."""
    key = "+".join(component.name for component in resolve(names)) or "base"
    return f"{key}.{bundle(key, accent_colour)[0]}"


def bundle(key, accent_colour):
    """(digest, CSS text) for a bundle key such as "news-feed+player"; kept per process."""
    colour = accent(accent_colour)
    cached = _bundles.get((key, colour))
    if cached is not None and not settings.DEBUG:
        return cached
    components = resolve([] if key == "base" else key.split("+"))
    paths = [BASE_CSS] + [path for component in components for path in component.css]
    parts = [read_static(path) for path in paths]
    parts.append(f":root{{--accent:{colour}}}\n")
    text = "\n".join(parts)
    digest = hashlib.blake2b(text.encode(), digest_size=5).hexdigest()
    _bundles[(key, colour)] = (digest, text)
    return digest, text


def known(key):
    return key == "base" or all(name in COMPONENTS for name in key.split("+"))


def read_static(path):
    found = finders.find(path)
    if found:
        with open(found, encoding="utf-8") as handle:
            return handle.read()
    with staticfiles_storage.open(path) as handle:
        return handle.read().decode()
