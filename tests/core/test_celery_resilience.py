"""The worker's settings and guard that keep it alive when Redis goes away (tdkt_portal/celery.py)."""

import types

import pytest
from kombu.transport.redis import Channel, Transport
from redis.exceptions import ConnectionError as RedisConnectionError

from tdkt_portal.celery import app


def test_worker_retries_the_broker_forever():
    assert (app.conf.broker_connection_retry, app.conf.broker_connection_max_retries) == (True, None)
    assert app.conf.broker_connection_retry_on_startup is True
    assert app.conf.task_acks_late is True


def test_a_channel_of_a_closed_connection_raises_a_connection_error_the_worker_retries():
    closed = types.SimpleNamespace(connection=types.SimpleNamespace(client=None))  # what kombu leaves after close()
    with pytest.raises(RedisConnectionError) as raised:
        Channel._connparams(closed)
    assert isinstance(raised.value, Transport.connection_errors)  # so the consumer reconnects instead of dying


MINUTE_ENTRIES = {
    "core-heartbeat": "core.tasks.heartbeat",
    "reports-export-jobs-sweep": "reports.tasks.export_jobs_sweep",
    "awards-print-jobs-sweep": "awards.tasks.print_jobs_sweep",
    "notifications-flush-outbox": "notifications.tasks.outbox_flush",
}


def test_beat_schedules_heartbeat_sweeps_and_the_flush_every_minute():
    entries = {name: app.conf.beat_schedule[name] for name in MINUTE_ENTRIES}
    assert {name: entry["task"] for name, entry in entries.items()} == MINUTE_ENTRIES
    assert {entry["schedule"].total_seconds() for entry in entries.values()} == {60.0}
