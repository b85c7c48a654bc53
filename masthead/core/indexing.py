"""An object saved several times in a row is indexed once, for search and for Wagtail's usage index.

Wagtail queues two tasks after every save of a page, an image or a snippet: one updates the search index, the
other the usage index ("Used by"). A story made by code is saved four or five times (created, its revision saved,
published, its dates set), so the demo, an import and the tests' factories queued about ten tasks a story, each
reading the whole story to index a state the next save replaced. Inside `index_once()` those tasks are held, one
per object, and queued when the block ends, for the object as it then is. Outside the block nothing changes: an
editor's Publish queues them as before.

Both libraries' save handlers queue their task by its module-level name, and neither has a setting or a hook for
it (core.apps already puts core.tasks.update_usage_index in the usage index's place), so `hold` puts a
`HeldTask` there.
"""

import threading
from contextlib import contextmanager

from django.apps import apps

_held = threading.local()


class HeldTask:
    """Stands in for an index task in a library's save handler: queued at once, or held inside index_once()."""

    def __init__(self, task):
        self.task = task

    def enqueue(self, app_label, model_name, pk):
        held = getattr(_held, "tasks", None)
        if held is None:
            return self.task.enqueue(app_label, model_name, pk)
        held.setdefault((self.task.module_path, app_label, model_name, pk), self.task)
        return None


def hold(module, name):
    """Puts a HeldTask in place of the task `module` queues by `name` (once: a second call changes nothing)."""
    task = getattr(module, name)
    if not isinstance(task, HeldTask):
        setattr(module, name, HeldTask(task))


@contextmanager
def index_once():
    """Holds the index tasks of the saves inside the block, and queues one per object when it ends.

    Nested blocks are one: the outermost queues. If the block raises, nothing is queued (the saves it made are
    usually rolled back with it; an object left saved is indexed at its next save, or by `update_index`).
    """
    if getattr(_held, "tasks", None) is not None:
        yield
        return
    _held.tasks = {}
    try:
        yield
        held = _held.tasks
    finally:
        _held.tasks = None
    for (_path, app_label, model_name, pk), task in held.items():
        # Deleted in the block: its deletion took it out of both indexes already, and the task would fail.
        if apps.get_model(app_label, model_name)._default_manager.filter(pk=pk).exists():
            task.enqueue(app_label, model_name, pk)
