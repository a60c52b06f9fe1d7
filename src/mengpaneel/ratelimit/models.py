from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Django's database cache reads and writes this table by these column names.
CACHE_TABLE = "mengpaneel_cache"


class CacheEntry(models.Model):
    """A row of the shared cache when there is no Redis (rate-limit counters, mostly).

    A model rather than ``createcachetable``, so that ``migrate`` makes the table on
    every database and the cleanup command can delete expired rows with the ORM.
    """

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = CACHE_TABLE
        verbose_name = _("cache entry")
        verbose_name_plural = _("cache entries")

    def __str__(self) -> str:
        return self.cache_key
