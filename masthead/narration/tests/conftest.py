"""Narration test helpers: audio goes to a temporary media folder; publishing runs the queued narration."""

import pytest

from masthead.articles import factories as f
from masthead.narration import services


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    # Narration is on here even if the test settings turn it off for the other apps' tests.
    settings.MASTHEAD_NARRATION_ENABLED = True
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def run_commit_hooks(django_capture_on_commit_callbacks):
    """Run `function` and then what it queued for after the commit (the narration task, inline)."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def desk(db):
    home = f.make_site()
    return {
        "home": home,
        "section": f.make_section(home, "Politics"),
        "olena": f.make_contributor("Olena Marchenko", role="Kyiv correspondent"),
    }


@pytest.fixture
def publish_article(desk, run_commit_hooks):
    """Publish a short article and run its narration, as the worker would."""

    def publish(title="Parliament passes the budget", body=None, **fields):
        body = body or ["Lawmakers approved the spending plan after a long night of debate in the capital."]
        fields.setdefault("contributors", [desk["olena"]])
        return run_commit_hooks(f.make_article, desk["section"], title, body=body, **fields)

    return publish


@pytest.fixture
def republish(run_commit_hooks):
    def publish_again(article):
        run_commit_hooks(lambda: article.save_revision().publish())
        article.refresh_from_db()
        return article

    return publish_again


@pytest.fixture
def synthesis_count(monkeypatch):
    """How many times audio was synthesised (the real engine still does the work)."""
    calls = []
    real_render = services.render

    def counting_render(*args, **kwargs):
        calls.append(args)
        return real_render(*args, **kwargs)

    monkeypatch.setattr(services, "render", counting_render)
    return calls
