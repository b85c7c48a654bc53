"""The background queues and priorities every app's tasks use, so mail never waits behind audio.

Each task names its queue and priority in its `@task(...)` decorator. `make run`
starts one worker for `mail` and `default` and one for `narration`; in
production run workers per queue (see the README). A single worker that serves
every queue (`db_worker --queue-name '*'`) still takes the higher priority first.
"""

DEFAULT = "default"  # quick jobs: Wagtail's reference index, cache purges
MAIL = "mail"  # confirmation, welcome and test emails, edition batches
NARRATION = "narration"  # speech synthesis: long, CPU-bound
QUEUES = [DEFAULT, MAIL, NARRATION]

# Higher runs first (django-tasks allows -100 to 100; Wagtail's own tasks use 0).
TRANSACTIONAL_MAIL = 50  # a reader is waiting for it
EDITION_MAIL = 20
HOUSEKEEPING = -10  # forgetting old task results
NARRATION_ON_PUBLISH = -20
NARRATION_BULK = -50  # re-narration after a lexicon change, imports, `narrate --all --enqueue`

# The workers `make run` starts, and the README's production section recommends: mail and quick jobs share one,
# narration has its own.
WORKERS = [[DEFAULT, MAIL], [NARRATION]]


def worker_command(queue):
    """The command of the worker that serves `queue`."""
    names = next((group for group in WORKERS if queue in group), [queue])
    return f"manage.py db_worker --queue-name {','.join(names)}"
