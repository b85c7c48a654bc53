"""Background jobs of the newsroom as a whole, run by the worker of the default queue."""

from django_tasks import task

from . import background, queues


@task(queue_name=queues.DEFAULT, priority=queues.HOUSEKEEPING)
def prune_task_results():
    """Once a day: forgets finished background tasks past their keeping time, then plans the next day's run."""
    forgotten = background.prune()
    background.plan_pruning()
    return forgotten
