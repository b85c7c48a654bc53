"""Small jobs the multi-process tests run in a subprocess against the shared database.

    python -m masthead.newsletters.tests.scenario <command> [args]   (prints JSON)

They use the same settings as the worker (worker_settings), so the test
process never needs the subprocess's database connection.
"""

import json
import sys


def prepare_edition(confirmed, pending):
    from masthead.newsletters.admin_views import start_edition
    from masthead.newsletters.factories import bulk_subscribers, create_newsletter, make_edition
    from masthead.newsletters.models import Subscription

    newsletter = create_newsletter("daily", "The Daily", "Every day.", sender_email="daily@news.example.com")
    bulk_subscribers(newsletter, int(confirmed), prefix="reader")
    bulk_subscribers(newsletter, int(pending), Subscription.State.PENDING, prefix="waiting")
    edition = make_edition(newsletter, "Two thousand readers")
    start_edition(edition)  # queues the send_edition job in the database
    return {"edition": edition.pk}


def edition_stats(edition_id):
    from masthead.newsletters.models import Edition

    edition = Edition.objects.get(pk=edition_id)
    return {**edition.progress(), "state": edition.state}


def subscriptions(slug):
    from masthead.newsletters.models import Subscription

    rows = Subscription.objects.filter(newsletter__slug=slug).values_list("subscriber__email", "state")
    return {email: state for email, state in rows}


def create_newsletter(slug):
    from masthead.newsletters.factories import create_newsletter as create

    return {"newsletter": create(slug, "Load Test Letter", "Under load.").pk}


COMMANDS = {
    "prepare_edition": prepare_edition,
    "edition_stats": edition_stats,
    "subscriptions": subscriptions,
    "create_newsletter": create_newsletter,
}

if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(COMMANDS[sys.argv[1]](*sys.argv[2:])))
