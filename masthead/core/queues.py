"""The background queues and priorities every app's tasks use, so mail never waits behind audio or an import.

Each task names its queue and priority in its `@task(...)` decorator. A worker runs one task at a time, and
priority only chooses the next one, so the long jobs have queues of their own, served by another worker (WORKERS):
`make run` starts one worker for `default` and `mail` and one for `narration` and `imports`; in production run
workers per queue (see the README). A single worker that serves every queue (`db_worker --queue-name '*'`) still
takes the higher priority first, but mail then waits for whatever long job is running.
"""

DEFAULT = "default"  # quick jobs: Wagtail's reference index, cache purges
MAIL = "mail"  # confirmation, welcome and test emails, edition batches
NARRATION = "narration"  # speech synthesis: long, CPU-bound
IMPORTS = "imports"  # moving a site in: many minutes for a large one
QUEUES = [DEFAULT, MAIL, NARRATION, IMPORTS]

# Higher runs first (django-tasks allows -100 to 100; Wagtail's own tasks use 0).
TRANSACTIONAL_MAIL = 50  # a reader is waiting for it
EDITION_MAIL = 20
SCHEDULED_PUBLISHING = 10  # an article due to go live at seven
IMPORT = 0  # before the audio on the same worker: an editor is watching its progress
HOUSEKEEPING = -10  # forgetting old task results
NARRATION_ON_PUBLISH = -20
NARRATION_BULK = -50  # re-narration after a lexicon change, imports, `narrate --all --enqueue`

# The workers `make run` starts, and the README's production section recommends: mail and quick jobs share one,
# the long jobs another.
WORKERS = [[DEFAULT, MAIL], [NARRATION, IMPORTS]]


def worker_command(queue):
    """The command of the worker that serves `queue`."""
    names = next((group for group in WORKERS if queue in group), [queue])
    return f"manage.py db_worker --queue-name {','.join(names)}"
