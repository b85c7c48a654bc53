"""Sending an edition: batches of deliveries over reused connections, paced, retried, and safe to crash.

How a delivery is never sent twice and never skipped
----------------------------------------------------
1. A worker *claims* a batch of due deliveries (state "sending", its claim
   token, a lease time). Claims never overlap: SKIP LOCKED on PostgreSQL, the
   write lock on SQLite. A live worker renews its lease every lease/3 seconds.
2. Before each message it records its *intent* in the database
   (attempt_started_at, attempts + 1, the Message-ID) and commits. Only then
   does it talk to the mail server.
3. Right after the server's answer it records the *outcome* (sent / deferred
   / failed); that write is committed together with the next message's intent,
   so there is one commit per message.
4. If a worker dies, its lease runs out. The next run frees its deliveries:
   those with no intent recorded were certainly not sent and are queued again.
   At most one delivery per worker connection can have an intent but no outcome:
   the server may or may not have accepted it in the instant before the crash.
   That one is sent again with the *same* Message-ID, so mail apps that
   de-duplicate show one copy. This window (between the server's "250 OK" and
   our commit, a fraction of a millisecond) cannot be closed with SMTP, which
   has no idempotent send; we keep it to one message per connection.

Who runs again after a crash
----------------------------
django-tasks' database worker does not re-run a task whose worker died (it
stays "running"). So each run of `send_edition` first schedules one follow-up
run at now + lease (deduplicated through Edition.next_check_at). If the worker
is killed, the restarted worker picks that follow-up up and resumes; if all
went well, the follow-up finds nothing left and ends the chain.
"""

import logging
import secrets
import smtplib
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from email.utils import parseaddr

from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.db import connection as db_connection
from django.db import connections as db_connections
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import conf
from .emails import PreparedEdition
from .models import Delivery, Edition, Subscriber, Subscription

logger = logging.getLogger(__name__)

try:  # django-anymail is optional at run time: only ESP backends raise its errors
    from anymail.exceptions import AnymailError, AnymailRecipientsRefused
except ImportError:  # pragma: no cover
    AnymailError = AnymailRecipientsRefused = ()


def offer(smtp, sender, recipient, data):
    """One message over an open smtplib connection: what smtplib's sendmail() does, minus its per-message costs.

    sendmail() parses both addresses again and scans the whole message to
    double leading dots, for each of 100,000 copies. Here the addresses are
    already plain (validated when they were stored) and the edition's template
    was dot-stuffed once (PreparedEdition.personal_bytes), so the commands go
    out as they are. The answers and errors are sendmail()'s own, so classify()
    reads them the same way.
    """
    smtp.ehlo_or_helo_if_needed()
    size = f" SIZE={len(data)}" if smtp.does_esmtp and smtp.has_extn("size") else ""
    code, reply = smtp.docmd("mail", f"FROM:<{sender}>{size}")
    if code != 250:
        _reset(smtp, code)
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    code, reply = smtp.docmd("rcpt", f"TO:<{recipient}>")
    if code not in (250, 251):
        _reset(smtp, code)
        raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
    smtp.putcmd("data")
    code, reply = smtp.getreply()
    if code != 354:
        _reset(smtp, code)
        raise smtplib.SMTPDataError(code, reply)
    smtp.send(data + (b"" if data.endswith(b"\r\n") else b"\r\n") + b".\r\n")
    code, reply = smtp.getreply()
    if code != 250:
        _reset(smtp, code)
        raise smtplib.SMTPDataError(code, reply)


def _reset(smtp, code):
    if code == 421:
        smtp.close()  # the server is closing the connection, as sendmail() treats it
    else:
        try:
            smtp.rset()
        except smtplib.SMTPServerDisconnected:
            pass


@dataclass
class Outcome:
    state: str
    error: str = ""
    esp_id: str = ""
    hard_bounce: bool = False
    reconnect: bool = False


def classify(error):
    """What a sending error means: a permanent failure (5xx) or a temporary one (4xx, network) to retry."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, reply = next(iter(error.recipients.values()), (0, b""))
        return _by_code(code, reply, recipient=True)
    if isinstance(error, smtplib.SMTPSenderRefused):
        # Our sender address was refused: a configuration problem, not the
        # reader's. Retrying later is kinder than failing the whole list.
        return Outcome(Delivery.State.DEFERRED, _describe(error.smtp_code, error.smtp_error))
    if isinstance(error, smtplib.SMTPResponseException):
        return _by_code(error.smtp_code, error.smtp_error, recipient=False)
    # Anymail's errors come before OSError: its HTTP errors are OSErrors too.
    if AnymailRecipientsRefused and isinstance(error, AnymailRecipientsRefused):
        return Outcome(Delivery.State.FAILED, f"Refused by the email service: {error}"[:2000], hard_bounce=True)
    if AnymailError and isinstance(error, AnymailError):
        return Outcome(Delivery.State.DEFERRED, f"Email service error: {error}"[:2000])
    if isinstance(error, OSError):  # includes SMTPServerDisconnected, refused connections, time-outs
        return Outcome(Delivery.State.DEFERRED, f"Connection problem: {error}", reconnect=True)
    raise error


def _describe(code, reply):
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    return f"{code} {reply}".strip()


def _by_code(code, reply, recipient):
    text = _describe(code, reply)
    if 500 <= code < 600:
        return Outcome(Delivery.State.FAILED, text, hard_bounce=recipient)
    return Outcome(Delivery.State.DEFERRED, text)


class Pace:
    """At most `rate` messages a second (0: no limit), shared by all of a worker's connections."""

    def __init__(self, rate):
        self.interval = 1.0 / rate if rate and rate > 0 else 0.0
        self.next_at = time.monotonic()
        self.lock = threading.Lock()

    def wait(self):
        if not self.interval:
            return
        with self.lock:
            now = time.monotonic()
            slot = max(self.next_at, now)
            self.next_at = slot + self.interval
        if slot > now:
            time.sleep(slot - now)


class GroupCommit:
    """One transaction for the journal writes of all of a worker's sending threads that are waiting at once.

    Each thread needs its intent committed before it may send. Rather than each
    committing on its own (on SQLite they queue for the one write lock, and a
    thread that finds it taken sleeps at least a millisecond), the first thread
    to arrive while no write is under way takes every write queued so far, runs
    them in one transaction on its own connection, commits and wakes their
    threads. The rule "intent committed before the message is offered" holds for
    every message; there are just fewer commits (group commit).
    """

    def __init__(self):
        self.condition = threading.Condition()
        self.queue = []
        self.writing = False

    def run(self, work):
        """Runs `work()` inside a committed transaction (perhaps with other threads' work); returns its result."""
        entry = {"work": work, "done": False, "result": None, "error": None}
        with self.condition:
            self.queue.append(entry)
            while not entry["done"]:
                if self.writing:
                    self.condition.wait()
                    continue
                self.writing, batch, self.queue = True, self.queue, []
                self.condition.release()
                try:
                    self._write(batch)
                finally:
                    self.condition.acquire()
                    self.writing = False
                    for done in batch:
                        done["done"] = True
                    self.condition.notify_all()
        if entry["error"] is not None:
            raise entry["error"]
        return entry["result"]

    @staticmethod
    def _write(batch):
        try:
            with transaction.atomic():
                for entry in batch:
                    entry["result"] = entry["work"]()
        except Exception as error:  # the whole transaction is gone: every thread in it hears why
            for entry in batch:
                entry["error"] = error


class Journal:
    """Writes each outcome together with the next intent, intent always committed before sending.

    The writes of a worker's threads share commits through a GroupCommit.
    """

    # The two writes made for every message, as plain SQL: this loop runs 100,000
    # times an edition, and building the same ORM UPDATE each time cost more
    # than the database did. Every other transition goes through the ORM.
    INTENT_SQL = (
        "UPDATE {table} SET attempt_started_at = %s, last_attempt_at = %s, attempts = %s, message_id = %s"
        " WHERE id = %s AND claim = %s"
    )
    SENT_SQL = (
        "UPDATE {table} SET state = %s, sent_at = %s, last_error = '', esp_message_id = %s, claim = '',"
        " lease_until = NULL, attempt_started_at = NULL WHERE id = %s AND claim = %s"
    )

    def __init__(self, token, lease, group=None):
        self.token, self.lease = token, lease
        self.group = group or GroupCommit()
        self.pending = None
        self.renewed_at = time.monotonic()
        table = db_connection.ops.quote_name(Delivery._meta.db_table)
        self.intent_sql, self.sent_sql = self.INTENT_SQL.format(table=table), self.SENT_SQL.format(table=table)

    def _mine(self, delivery):
        return Delivery.objects.filter(pk=delivery.pk, claim=self.token)

    def _execute(self, sql, params):
        with db_connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount

    def _write_pending(self, now):
        if self.pending is None:
            return
        delivery, outcome = self.pending
        self.pending = None
        released = {"claim": "", "lease_until": None, "attempt_started_at": None}
        if outcome.state == Delivery.State.SENT:
            moment = db_connection.ops.adapt_datetimefield_value(now)
            self._execute(
                self.sent_sql, [Delivery.State.SENT.value, moment, outcome.esp_id[:255], delivery.pk, self.token]
            )
        elif outcome.state == Delivery.State.SKIPPED:
            self._mine(delivery).update(state=Delivery.State.SKIPPED, **released)
        elif outcome.state == Delivery.State.FAILED:
            self._mine(delivery).update(state=Delivery.State.FAILED, last_error=outcome.error[:2000], **released)
            if outcome.hard_bounce:
                Subscriber.objects.filter(pk=delivery.subscriber_id).mark_bounced(outcome.error, now)
        else:
            delays = conf.retry_delays()
            if delivery.attempts > len(delays):
                error = f"Gave up after {delivery.attempts} attempts. Last error: {outcome.error}"
                self._mine(delivery).update(state=Delivery.State.FAILED, last_error=error[:2000], **released)
            else:
                retry_at = now + timedelta(seconds=delays[delivery.attempts - 1])
                self._mine(delivery).update(
                    state=Delivery.State.DEFERRED, next_attempt_at=retry_at, last_error=outcome.error[:2000], **released
                )

    def _renew_if_due(self, now):
        if time.monotonic() - self.renewed_at >= self.lease.total_seconds() / 3:
            Delivery.objects.filter(claim=self.token, state=Delivery.State.SENDING).update(lease_until=now + self.lease)
            self.renewed_at = time.monotonic()

    def begin(self, delivery, message_id):
        """Records the intent to send `delivery` (after writing the previous outcome).

        Returns False if the delivery is no longer ours (our lease ran out and
        another worker took it): then it must not be sent from here.
        """
        delivery.attempts += 1

        def write():
            now = timezone.now()
            self._write_pending(now)
            moment = db_connection.ops.adapt_datetimefield_value(now)
            mine = self._execute(
                self.intent_sql, [moment, moment, delivery.attempts, message_id, delivery.pk, self.token]
            )
            self._renew_if_due(now)
            return bool(mine)

        return self.group.run(write)

    def release_unstarted(self):
        """Gives back claimed deliveries not yet attempted (when the mail server is down)."""
        self.flush()
        Delivery.objects.filter(claim=self.token, state=Delivery.State.SENDING, attempt_started_at__isnull=True).update(
            state=Delivery.State.QUEUED, claim="", lease_until=None
        )

    def record(self, delivery, outcome):
        self.pending = (delivery, outcome)

    def skip(self, delivery):
        self.flush()
        self.pending = (delivery, Outcome(Delivery.State.SKIPPED))

    def flush(self):
        if self.pending is not None:
            self.group.run(lambda: self._write_pending(timezone.now()))


class MailServerUnavailable(Exception):
    """Several connection failures in a row: stop, and try again later instead of deferring everyone."""


class Sender:
    """One mail connection's sending loop for one edition; it claims its own batches under its own token."""

    max_connection_failures = 3

    def __init__(self, edition, prepared, pace, group=None):
        self.edition = edition
        self.group = group or GroupCommit()
        self.token = secrets.token_hex(16)
        self.lease = timedelta(seconds=conf.lease_seconds())
        self.prepared = prepared
        self.pace = pace
        self.envelope_address = parseaddr(sanitize_address(prepared.from_address, "utf-8"))[1]
        self.connection = None
        self.sent_on_connection = 0
        self.connection_failures = 0
        self.counts = {"sent": 0, "deferred": 0, "failed": 0, "skipped": 0}

    def run(self, deadline):
        """Claims and sends batches until none is due or `deadline` (monotonic) passes.

        Returns "done" (nothing due), "time" (deadline reached) or "paused" (mail server unavailable).
        """
        try:
            while True:
                if time.monotonic() >= deadline:
                    return "time"
                ids = self.edition.deliveries.claim(self.token, conf.batch_size(), self.lease)
                if not ids:
                    return "done"
                try:
                    self.send_batch(ids)
                except MailServerUnavailable:
                    return "paused"
        finally:
            self.close()

    def send_batch(self, ids):
        deliveries = list(
            Delivery.objects.filter(pk__in=ids, claim=self.token).select_related("subscriber").order_by("pk")
        )
        # Someone may have unsubscribed, or bounced, since the edition began.
        wanted = set(
            Subscription.objects.confirmed()
            .filter(newsletter_id=self.edition.newsletter_id, subscriber_id__in=[d.subscriber_id for d in deliveries])
            .filter(subscriber__suppressed_reason="")
            .values_list("subscriber_id", flat=True)
        )
        journal = Journal(self.token, self.lease, self.group)
        try:
            for delivery in deliveries:
                if delivery.subscriber_id not in wanted:
                    journal.skip(delivery)
                    self.counts["skipped"] += 1
                    continue
                self.pace.wait()
                message_id = delivery.message_id or self.prepared.new_message_id()
                if not journal.begin(delivery, message_id):
                    continue
                outcome = self.deliver(delivery, message_id)
                journal.record(delivery, outcome)
                self.counts[outcome.state] += 1
                if self.connection_failures >= self.max_connection_failures:
                    journal.release_unstarted()
                    raise MailServerUnavailable(outcome.error)
        finally:
            journal.flush()

    def deliver(self, delivery, message_id):
        try:
            connection = self.open()
            data = None
            if isinstance(connection, SMTPBackend):
                # The copy's bytes come straight from the edition's template and go to Django's open
                # smtplib connection (same errors, same TLS and login): Django would otherwise build,
                # re-parse and re-serialise a message object for each of 100,000 readers.
                data = self.prepared.personal_bytes(delivery.subscriber, message_id, delivery.pk, dot_stuffed=True)
            if data is not None:
                offer(connection.connection, self.envelope_address, delivery.subscriber.email, data)
                message = None
            else:  # email services, the file outbox, addresses that are not ASCII
                message = self.prepared.message_for(delivery.subscriber, message_id, connection, delivery.pk)
                connection.send_messages([message])
        except Exception as error:  # every sending error is classified; unknown ones re-raise
            outcome = classify(error)
            if outcome.reconnect:
                self.connection_failures += 1
                self.close()
            logger.info("Delivery %s: %s", delivery.pk, outcome.error)
            return outcome
        self.connection_failures = 0
        self.sent_on_connection += 1
        if self.sent_on_connection >= conf.messages_per_connection():
            self.close()
        status = getattr(message, "anymail_status", None)
        return Outcome(Delivery.State.SENT, esp_id=str(getattr(status, "message_id", "") or ""))

    def open(self):
        if self.connection is None:
            connection = get_connection(fail_silently=False)
            connection.open()
            self.connection, self.sent_on_connection = connection, 0
        return self.connection

    def close(self):
        if self.connection is not None:
            try:
                self.connection.close()
            except Exception:  # a broken connection cannot be closed politely; it is dropped anyway
                logger.debug("Closing the mail connection failed", exc_info=True)
            self.connection = None


def send_due(edition, deadline):
    """Sends what is due over several mail connections at once; returns (how it stopped, counts).

    One thread per connection: sending is mostly waiting for the mail server,
    so the waits overlap. Each thread claims its own batches.
    """
    prepared, pace = PreparedEdition(edition, track=True), Pace(conf.send_rate())
    group = GroupCommit()
    senders = [Sender(edition, prepared, pace, group) for _ in range(max(1, conf.connections()))]
    if len(senders) == 1:
        return senders[0].run(deadline), senders[0].counts
    outcomes = [None] * len(senders)

    def work(index):
        try:
            outcomes[index] = senders[index].run(deadline)
        except Exception:
            logger.exception("A sending connection stopped")
            outcomes[index] = "paused"
        finally:
            db_connections.close_all()  # each thread has its own database connection

    threads = [threading.Thread(target=work, args=(index,), daemon=True) for index in range(len(senders))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counts = {key: sum(sender.counts[key] for sender in senders) for key in senders[0].counts}
    for reason in ("paused", "time", "done"):
        if reason in outcomes:
            return reason, counts
    return "done", counts


def schedule_check(edition_id, at):
    """Makes sure a send_edition run happens at `at` (or earlier), without piling up duplicate runs."""
    from .tasks import send_edition

    if not send_edition.get_backend().supports_defer:
        return False  # the immediate backend (tests) runs everything inline; nothing to come back to
    stale = timezone.now() - timedelta(seconds=conf.lease_seconds())
    free_slot = Q(next_check_at__isnull=True) | Q(next_check_at__gt=at) | Q(next_check_at__lt=stale)
    taken = (
        Edition.objects.filter(pk=edition_id, state__in=[Edition.State.SCHEDULED, Edition.State.SENDING])
        .filter(free_slot)
        .update(next_check_at=at)
    )
    if taken:
        send_edition.using(run_after=at).enqueue(edition_id)
    return bool(taken)


def run(edition_id):
    """One run of the send_edition task: begin the edition if due, then send what is due. Returns a summary."""
    edition = Edition.objects.select_related("newsletter").filter(pk=edition_id).first()
    if edition is None:
        return {"state": "missing"}
    now = timezone.now()
    lease = timedelta(seconds=conf.lease_seconds())
    if edition.state == Edition.State.SCHEDULED:
        if edition.scheduled_at and edition.scheduled_at > now:
            return {"state": edition.state, "note": "not due yet"}
        if edition.link_problems():  # never reached through the admin, which refuses such links; kept for safety
            edition.unschedule()
            logger.warning("Edition %s has unsafe links and was not sent", edition.pk)
            return {"state": Edition.State.DRAFT, "note": "unsafe links"}
        schedule_check(edition.pk, now + lease)  # in case this worker dies while creating deliveries
        edition.begin_sending()
        edition.refresh_from_db()
    if edition.state != Edition.State.SENDING:
        return {"state": edition.state}

    # This run is the check that was due, if any: free the slot for the next one.
    Edition.objects.filter(pk=edition.pk, next_check_at__lte=now).update(next_check_at=None)
    freed, uncertain = edition.deliveries.recover_expired(now)
    if uncertain:
        logger.warning(
            "Edition %s: %s deliveries were interrupted mid-send and will be sent again", edition.pk, uncertain
        )
    if not edition.deliveries.unfinished().exists():
        edition.finish_if_done()
        return {"state": edition.state}
    schedule_check(edition.pk, now + lease)

    stopped, counts = send_due(edition, deadline=time.monotonic() + conf.task_seconds())
    edition.refresh_counts()
    if edition.finish_if_done():
        return {"state": edition.state, **counts}
    if stopped == "time":
        from .tasks import send_edition

        send_edition.enqueue(edition.pk)  # hand over to a fresh task so other jobs get a turn
    elif stopped == "paused":
        schedule_check(edition.pk, timezone.now() + timedelta(seconds=conf.retry_delays()[0]))
    else:
        next_due = edition.deliveries.next_due_time()
        if next_due:
            schedule_check(edition.pk, max(next_due, timezone.now()))
    return {"state": edition.state, "stopped": stopped, **counts}
