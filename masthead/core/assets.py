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


def accent(value):
    return value if COLOUR.match(value or "") else DEFAULT_ACCENT


def bundle_key(names, kind):
    """The components of `names` that have a file of `kind` ("css" or "js"), as a URL-safe key."""
    with_files = [component.name for component in resolve(names) if getattr(component, kind)]
    return "+".join(with_files) or ("base" if kind == "css" else "")


def stylesheet_name(names, accent_colour):
    """The stylesheet's file name: its components and a digest of its content ("news-feed+player.1a2b3c4d5e")."""
    key = bundle_key(names, "css")
    return f"{key}.{bundle(key, 'css', accent_colour)[0]}"


def script_name(names):
    """The deferred script's file name, or "" when no component has a script."""
    key = bundle_key(names, "js")
    return f"{key}.{bundle(key, 'js')[0]}" if key else ""


def bundle(key, kind, accent_colour=""):
    """(digest, text) of the CSS or JS bundle `key` ("news-feed+player"); kept per process."""
    colour = accent(accent_colour) if kind == "css" else ""
    cached = _bundles.get((key, kind, colour))
    if cached is not None and not settings.DEBUG:
        return cached
    components = resolve([] if key == "base" else key.split("+"))
    paths = [path for component in components for path in getattr(component, kind)]
    if kind == "css":
        text = "\n".join(minify_css(read_static(path)) for path in [BASE_CSS, *paths])
        text += f"\n:root{{--accent:{colour}}}\n"
    else:
        # Each script is its own function scope (an IIFE); ";" keeps them apart.
        text = "\n;".join(minify_js(read_static(path)) for path in paths)
    digest = hashlib.blake2b(text.encode(), digest_size=5).hexdigest()
    _bundles[(key, kind, colour)] = (digest, text)
    return digest, text


CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
CSS_SPACE = re.compile(r"\s*([{};,])\s*")
JS_BLOCK_COMMENT = re.compile(r"^\s*/\*.*?\*/\s*$", re.S | re.M)
JS_LINE_COMMENT = re.compile(r"^\s*//.*$", re.M)


def minify_css(text):
    """Comments and most whitespace out; nothing that changes a rule's meaning."""
    text = CSS_COMMENT.sub("", text)
    text = CSS_SPACE.sub(r"\1", text)
    text = re.sub(r":\s+", ":", text)
    return re.sub(r"\s+", " ", text).strip()


def minify_js(text):
    """Whole-line comments and indentation out (our scripts use no template literals)."""
    text = JS_BLOCK_COMMENT.sub("", text)
    text = JS_LINE_COMMENT.sub("", text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def known(key):
    return key == "base" or all(name in COMPONENTS for name in key.split("+"))


def read_static(path):
    found = finders.find(path)
    if found:
        with open(found, encoding="utf-8") as handle:
            return handle.read()
    with staticfiles_storage.open(path) as handle:
        return handle.read().decode()
