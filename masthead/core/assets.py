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


# Text in the accent colour (links, kickers, times) must be readable, WCAG AA's 4.5:1, on the light and on the
# dark paper (--paper and --paper-alt in css/masthead.css), whatever colour the newsroom picked: a red that
# reads well on white is 2.8:1 on the dark paper. The accent is tinted towards black or white until it is.
# The WCAG formulas are a few lines; a colour library would be a dependency for them alone.
LIGHT_PAPERS = ("#ffffff", "#f5f3ef")
DARK_PAPERS = ("#151515", "#1f1e1c")


def _channels(colour):
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(digit * 2 for digit in colour)
    return [int(colour[index : index + 2], 16) for index in (0, 2, 4)]


def luminance(colour):
    """WCAG 2's relative luminance of a "#rrggbb" colour."""

    def linear(channel):
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    """WCAG 2's contrast ratio of two colours, 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable(colour, papers, towards, ratio=4.5, steps=40):
    """`colour`, mixed with `towards` (black or white) in small steps until it reaches `ratio` on every paper."""
    start, end = _channels(colour), _channels(towards)
    for step in range(steps + 1):
        mixed = "#" + "".join(f"{round(a + (b - a) * step / steps):02x}" for a, b in zip(start, end, strict=True))
        if all(contrast(mixed, paper) >= ratio for paper in papers):
            return mixed
    return towards


def accent_rules(colour):
    """The CSS giving the accent (for fills under white text) and its readable text colour, light and dark."""
    fill = readable(colour, ("#ffffff",), "#000000")  # the buttons' white text on it
    light, dark = readable(colour, LIGHT_PAPERS, "#000000"), readable(colour, DARK_PAPERS, "#ffffff")
    return (
        f":root{{--accent:{fill};--accent-text:{light}}}\n"
        f"@media (prefers-color-scheme: dark){{:root{{--accent-text:{dark}}}}}\n"
    )


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
        text += "\n" + accent_rules(colour)
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
