"""The outbox: every task the services send goes through `versturen`, which keeps it in the
database while the broker (Redis) is down; `uitgaand_flush` sends what was kept.

It lives in loket because only loket's services send tasks; kandidaten and regio run their
work inside beat tasks and send none. Should a lower app need to send one, it takes
`versturen` as a function passed in (the layers allow no import of loket).
"""

import logging
from datetime import timedelta
from uuid import uuid4

from celery import Task
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .celery import app
from .models import Uitgaand

log = logging.getLogger(__name__)

# What sending raises when the broker cannot be reached (kombu wraps most of it).
BROKER_DOWN = (OperationalError, RedisConnectionError, RedisTimeoutError, OSError)
# How many kept tasks one flush sends; the next flush (a minute later) takes the rest.
FLUSH_BATCH = 500
# Sent rows are kept this long, for the operator to see what happened during an outage.
BEWAAR_VERSTUURD = timedelta(days=7)


def versturen(task: Task, *args, task_id: str | None = None, **kwargs) -> str:
    """Send `task(*args, **kwargs)`; if the broker is down, keep it in the outbox instead.

    Never raises for a broker outage: the caller's work (a booking, a report request) is
    already committed and stands. Returns the task id, which stays the same when the kept
    task is sent later. Call it after commit (`transaction.on_commit`), as before.
    """
    task_id = task_id or str(uuid4())
    try:
        _send(task, args, kwargs, task_id)
    except BROKER_DOWN as exc:
        if app.conf.task_always_eager:
            raise  # no broker involved: this is the task's own error
        log.warning("Broker unreachable, %s %s kept in the outbox: %r", task.name, task_id, exc)
        Uitgaand.objects.get_or_create(
            task_id=task_id,
            defaults={
                "taak": task.name,
                "args": list(args),
                "kwargs": kwargs,
                "pogingen": 1,
                "foutmelding": repr(exc)[:2000],
            },
        )
        return task_id
    # The broker answers again: have a worker send what waited (beat does it too, within a
    # minute; this only makes it sooner).
    if Uitgaand.objects.wachtend().exists():
        try:
            _send(app.tasks["loket.tasks.uitgaand_versturen"], (), {}, str(uuid4()))
        except BROKER_DOWN:
            if app.conf.task_always_eager:
                raise
    return task_id


def uitgaand_flush(*, limit: int = FLUSH_BATCH) -> int:
    """Send the kept tasks, oldest first, under their own task ids; returns how many went.

    Rows are claimed with SKIP LOCKED, so two flushes at once (beat's and one after a
    send) never send the same task twice at the same time. If the broker is still down the
    flush stops at the first failure and leaves the rest for the next one.
    """
    verstuurd = []
    with transaction.atomic():
        wachtend = list(
            Uitgaand.objects.wachtend()
            .select_for_update(skip_locked=True)
            .order_by("aangemaakt_op", "pk")[:limit]
        )
        for uitgaand in wachtend:
            try:
                _send(_task(uitgaand.taak), uitgaand.args, uitgaand.kwargs, uitgaand.task_id)
            except BROKER_DOWN as exc:
                if app.conf.task_always_eager:
                    raise
                log.warning(
                    "Broker still unreachable, %s tasks wait: %r",
                    len(wachtend) - len(verstuurd),
                    exc,
                )
                Uitgaand.objects.filter(pk=uitgaand.pk).update(
                    pogingen=F("pogingen") + 1, foutmelding=repr(exc)[:2000]
                )
                break
            verstuurd.append(uitgaand.pk)
        Uitgaand.objects.filter(pk__in=verstuurd).update(verstuurd_op=timezone.now())
    Uitgaand.objects.filter(verstuurd_op__lt=timezone.now() - BEWAAR_VERSTUURD).delete()
    return len(verstuurd)


def _send(task: Task, args, kwargs, task_id: str) -> None:
    # One quick retry at most (CELERY_TASK_PUBLISH_RETRY_POLICY): a web request must not
    # wait for a broker that is down.
    task.apply_async(args=list(args), kwargs=dict(kwargs), task_id=task_id)


def _task(name: str) -> Task:
    if name not in app.tasks:
        # A web process has imported only the task modules it used so far.
        app.loader.import_default_modules()
    return app.tasks[name]
