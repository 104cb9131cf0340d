"""Test settings: the real PostgreSQL and Redis on loopback, as CI runs them."""

import os

from .base import *  # noqa: F403
from .base import env

DATABASES = {"default": env.db("TEST_DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/linli")}
REDIS_URL = env("TEST_REDIS_URL", default="redis://127.0.0.1:6379/14")
# Parallel test processes (pytest-xdist) share the Redis database: each keeps to its own keys.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("PYTEST_XDIST_WORKER", ""),
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # as in production, where Redis is configured

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
# Unit tests run tasks in-process; tests marked "worker" switch this off and use a real worker.
CELERY_TASK_ALWAYS_EAGER = True
# A queue of this test run's own, so a concurrent run or a dev worker never takes its tasks.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default=f"linli-test-{os.getpid()}")

# Tests serve static files through Django's finders; WhiteNoise would want a collected STATIC_ROOT.
MIDDLEWARE = [name for name in MIDDLEWARE if not name.startswith("whitenoise")]  # noqa: F405
INSTALLED_APPS = [name for name in INSTALLED_APPS if not name.startswith("whitenoise")]  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.path("TEST_MEDIA_ROOT", default="/tmp/linli-test-media")
DEBUG = False
