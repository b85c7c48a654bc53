"""The real worker process (`manage.py db_worker`) sending editions, killed partway and started again."""

import os
import signal
from collections import Counter

import pytest

from .processes import LightSMTPServer, environment, scenario, shared_database_url, start_worker, stop, wait_for

CONFIRMED, PENDING = 2000, 40
KILL_AT = 701  # the worker dies while offering the 701st message


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_resumes_and_every_confirmed_subscriber_gets_exactly_one_copy(tmp_path):
    with LightSMTPServer() as server:
        env = environment(shared_database_url(tmp_path), server.port, MASTHEAD_NEWSLETTER_LEASE_SECONDS=2)
        edition_id = scenario(env, "prepare_edition", CONFIRMED, PENDING)["edition"]
        log = tmp_path / "worker.log"
        worker = start_worker(env, log)
        killed = {"at": None}

        def kill_mid_edition(address):
            # Called by the SMTP server for each recipient. At the 701st, before
            # the server answers, the worker process is killed with SIGKILL (no
            # clean-up of any kind): that message is never accepted, and its
            # delivery is left with an intent recorded but no outcome.
            if killed["at"] is None and server.count() == KILL_AT - 1:
                os.kill(worker.pid, signal.SIGKILL)
                worker.wait()
                killed["at"] = address
                return "421 4.3.2 Shutting down"
            return None

        server.on_recipient = kill_mid_edition
        try:
            assert wait_for(lambda: killed["at"], timeout=150), log.read_text()[-3000:]
            assert worker.returncode == -signal.SIGKILL
            halfway = scenario(env, "edition_stats", edition_id)
            assert (halfway["state"], halfway["sent"]) == ("sending", KILL_AT - 1)
            assert halfway["sending"] > 0  # the dead worker's claimed batch, waiting for its lease to run out

            worker = start_worker(env, log)
            assert wait_for(lambda: server.count() >= CONFIRMED, timeout=150), log.read_text()[-3000:]
            done = wait_for(lambda: (s := scenario(env, "edition_stats", edition_id))["state"] == "sent" and s, 30)
        finally:
            stop(worker)

    assert done and (done["sent"], done["total"], done["failed"]) == (CONFIRMED, CONFIRMED, 0)
    copies = Counter(recipient for recipient, _ in server.received)
    assert set(copies) == {f"reader{n}@example.com" for n in range(CONFIRMED)}  # nobody skipped, no pending reader
    assert set(copies.values()) == {1}  # nobody got two
    # The interrupted message went out once, after the restart, with the Message-ID chosen before the crash.
    assert copies[killed["at"]] == 1
    assert len({message_id for _, message_id in server.received}) == CONFIRMED


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_several_connections_in_one_worker_send_each_message_once(tmp_path):
    with LightSMTPServer() as server:
        env = environment(shared_database_url(tmp_path), server.port, MASTHEAD_NEWSLETTER_CONNECTIONS=4)
        edition_id = scenario(env, "prepare_edition", 400, 0)["edition"]
        worker = start_worker(env, tmp_path / "worker.log")
        try:
            assert wait_for(lambda: server.count() >= 400, timeout=120)
            done = wait_for(lambda: (s := scenario(env, "edition_stats", edition_id))["state"] == "sent" and s, 30)
        finally:
            stop(worker)
    assert done["sent"] == 400
    assert sorted(Counter(recipient for recipient, _ in server.received).values()) == [1] * 400
