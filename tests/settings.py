"""Test settings: the real settings module, with test-only defaults for its inputs."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from mutualisation.settings import *  # noqa: E402, F403

# Hashing passwords with argon2 in every fixture would dominate the suite's time.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
STATIC_ROOT = None  # served through the finders in tests; no collectstatic needed
# Jobs run at once, in the test's process and transaction; tests of the real worker
# (tests/notifications/test_worker.py) switch to the database backend.
os.environ.setdefault("TASK_BACKEND", "immediate")
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Generated reports are written to a throwaway folder, never to the repository's media/.
MEDIA_ROOT = tempfile.mkdtemp(prefix="mutualisation-media-")
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
