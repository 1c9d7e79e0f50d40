"""The cache that holds the rate-limit counts: shared by every process, counting every attempt."""

import importlib
import threading
from datetime import timedelta

import pytest
from django.core import checks
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

DATABASE_CACHE = {
    "default": {
        "BACKEND": "videoklub.core.cache.DatabaseCache",
        "LOCATION": "videoklub_test_cache",
    }
}


@pytest.fixture
def database_cache(settings):
    settings.CACHES = DATABASE_CACHE
    call_command("createcachetable")
    return caches["default"]


def expiry(key: str):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT expires FROM videoklub_test_cache WHERE cache_key = %s",
            [caches["default"].make_key(key)],
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_an_increment_keeps_the_expiry_the_count_was_given(database_cache):
    # Django's own DatabaseCache rewrote the row with its default timeout (five minutes), so a
    # count meant to last an hour was forgotten long before.
    database_cache.add("count", 1, 60 * 60)
    before = expiry("count")
    assert database_cache.incr("count") == 2
    assert database_cache.incr("count", 3) == 5
    assert expiry("count") == before
    assert database_cache.get("count") == 5


@pytest.mark.django_db
def test_an_expired_or_missing_count_cannot_be_incremented(database_cache):
    with pytest.raises(ValueError):
        database_cache.incr("nothing")
    database_cache.add("old", 1, 1)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE videoklub_test_cache SET expires = %s",
            [connection.ops.adapt_datetimefield_value(timezone.now() - timedelta(minutes=1))],
        )
    with pytest.raises(ValueError):
        database_cache.incr("old")


@pytest.mark.django_db(transaction=True)
def test_concurrent_increments_are_all_counted(database_cache):
    database_cache.add("attempts", 0, 60 * 60)
    threads, per_thread = 6, 15

    def hammer():
        try:
            for _ in range(per_thread):
                caches["default"].incr("attempts")
        finally:
            connections.close_all()

    workers = [threading.Thread(target=hammer) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert database_cache.get("attempts") == threads * per_thread


@pytest.mark.django_db
def test_migrate_makes_the_cache_table_so_no_deployment_forgets_it(settings):
    settings.CACHES = DATABASE_CACHE
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS videoklub_test_cache")
    call_command("migrate", verbosity=0)
    assert "videoklub_test_cache" in connection.introspection.table_names()
    caches["default"].add("count", 1, 60)
    assert caches["default"].incr("count") == 2


def ratelimit_problems():
    return [
        message.id
        for message in checks.run_checks(tags=[checks.Tags.caches])
        if message.id.startswith("django_ratelimit") and not message.is_silenced()
    ]


def test_the_default_database_cache_and_redis_pass_the_rate_limit_checks(settings):
    settings.CACHES = DATABASE_CACHE
    assert ratelimit_problems() == []
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
        }
    }
    assert ratelimit_problems() == []


@pytest.mark.parametrize(
    "backend",
    [
        # Each process would count on its own: the web server and the worker, every gunicorn
        # worker, would each allow the whole limit.
        "django.core.cache.backends.locmem.LocMemCache",
        # Increments in two steps, losing counts (and it forgets the expiry).
        "django.core.cache.backends.db.DatabaseCache",
    ],
)
def test_a_cache_that_cannot_count_for_everyone_is_refused(settings, backend):
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "x"}}
    assert ratelimit_problems() == ["django_ratelimit.E003"]


def test_without_cache_url_the_settings_use_the_shared_database_cache(monkeypatch):
    import videoklub.settings as production

    monkeypatch.delenv("CACHE_URL", raising=False)
    try:
        importlib.reload(production)
        assert production.CACHES["default"] == {
            "BACKEND": "videoklub.core.cache.DatabaseCache",
            "LOCATION": "videoklub_cache",
        }
        monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/1")
        importlib.reload(production)
        assert production.CACHES["default"] == {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/1",
        }
    finally:
        monkeypatch.undo()
        importlib.reload(production)
