"""The cache of the embedded setup: Django's database cache with an increment that counts.

django-ratelimit keeps its counters in the cache, and the web process and the worker of
`make run` share no memory, so the embedded default keeps them in the database. Django's own
DatabaseCache increments in two steps (read, then write), which django-ratelimit rightly refuses
(django_ratelimit.E003): two failed logins at the same moment both read 4 and both write 5, and
the write also resets the expiry to the cache's default timeout, so a count for an hour's window
could vanish after five minutes. Here one transaction reads and writes the row, holding it, and
the expiry stays as django-ratelimit set it. At scale, Redis (CACHE_URL=redis://...) increments
atomically by itself.
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction
from django.utils import timezone


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, cache_key, value_column = quote(self._table), quote("cache_key"), quote("value")
        # PostgreSQL locks the row; SQLite has no FOR UPDATE, but its IMMEDIATE transactions
        # (settings.py) take the database's write lock at BEGIN, so a second increment waits.
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        now = timezone.now().replace(microsecond=0, tzinfo=None)
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {value_column} FROM {table} "  # noqa: S608 (quoted names only)
                f"WHERE {cache_key} = %s AND {quote('expires')} > %s{lock}",
                [key, connection.ops.adapt_datetimefield_value(now)],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            # Our own pickles, written by this cache (as Django's DatabaseCache reads them).
            stored = connection.ops.process_clob(row[0])
            value = pickle.loads(base64.b64decode(stored.encode())) + delta  # noqa: S301
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {value_column} = %s WHERE {cache_key} = %s",  # noqa: S608
                [encoded, key],
            )
        return value
