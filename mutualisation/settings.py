"""Settings of Mutualisation, read from environment variables.

Every knob has a safe default for a laptop (SQLite, console e-mail, DEBUG off);
production sets DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS and EMAIL_URL.
"""

import importlib.util
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is convenient in development; the real environment always wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off. "
            "Set SECRET_KEY in the environment, or DEBUG=1 for local development."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The public address of the site (« https://mutualisation.example.org ») behind a reverse
# proxy, for links in e-mails; empty: links use the address of the request.
SITE_URL = env.str("SITE_URL", default="").rstrip("/")
if SITE_URL and not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "SITE_URL must be an absolute address such as https://mutualisation.example.org."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    # Login throttling: failed attempts are counted in the database (issue 9).
    "axes",
    # Background jobs: Django's task API (django_tasks) with the database backend, run by
    # `manage.py db_worker` (issue 16).
    "django_tasks",
    "django_tasks_db",
    "projects",
    "steps",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mutualisation.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "mutualisation.middleware.RefuseNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mutualisation.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a lockout into our French page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mutualisation.urls"
WSGI_APPLICATION = "mutualisation.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The bell's count of unread notifications, queried only when shown.
                "notifications.context_processors.unread_notifications",
            ],
            # The tags of steps/followup/templatetags (the app is `steps`): the to-do
            # block and the target dates on the pages of `projects`.
            "libraries": {
                "followup": "steps.followup.templatetags.followup",
                # The « Documents » box of resources, risks and actions (steps/attachments).
                "attachments": "steps.attachments.templatetags",
            },
        },
    },
]

# SQLite file by default (git-ignored); DATABASE_URL=postgres://… in production.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Persistent connections: a new connection per request costs a TCP + authentication
# handshake on PostgreSQL and a re-read of the schema on SQLite (~1 ms a request, measured
# with `make bench`). Not for SQLite under DEBUG: the development server runs each request
# in a new thread, which would leave one open connection per finished thread.
_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DATABASES["default"]["CONN_MAX_AGE"] = env.int(
    "CONN_MAX_AGE", default=60 if _POSTGRES or not DEBUG else 0
)
if _POSTGRES:
    # One `SELECT 1` per request on a reused connection: a restarted database server
    # costs a reconnection, not an error page.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    # Take SQLite's write lock when a transaction starts, so two concurrent saves queue
    # up (and the second sees a clean conflict) instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "projects.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "projects:list"
LOGOUT_REDIRECT_URL = "login"

# AxesStandaloneBackend refuses logins while locked out; ModelBackend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins for one e-mail from one IP address lock that pair out for 15 minutes;
# a successful login clears the count. Behind a proxy, REMOTE_ADDR is the proxy's address:
# without TRUSTED_PROXY_COUNT (below) the lockout then works per e-mail.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"  # the e-mail field of EmailAuthenticationForm
AXES_USERNAME_CALLABLE = "mutualisation.throttling.login_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_VERBOSE = False
# Behind N reverse proxies that each append the address they received the request from
# to X-Forwarded-For, TRUSTED_PROXY_COUNT=N makes the lockout count per client address:
# the N-th entry from the right (entries further left can be forged by the client).
# 0, the default, ignores the header and uses REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "mutualisation.throttling.client_ip"
# Password spraying: failures of all accounts from one address within AXES_COOLOFF_TIME
# before that address may not try any more (an office behind one address stays usable).
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=30)

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr-ca"
LOCALE_PATHS = [BASE_DIR / "locale"]
# English is offered only once its catalogue is compiled (`manage.py compile_translations`,
# run by make): otherwise a page would say lang="en" and show French. A system check
# says so (mutualisation.W002).
LANGUAGES = [("fr-ca", _("Français"))]
if (LOCALE_PATHS[0] / "en" / "LC_MESSAGES" / "django.mo").exists():
    LANGUAGES.append(("en", _("English")))
TIME_ZONE = "America/Montreal"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Bootstrap from the npm package (package.json); never from a CDN.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Files the app writes (the generated reports: steps/reports/cache.py) go through the
# default storage: a local folder by default (MEDIA_ROOT, git-ignored); with
# AWS_STORAGE_BUCKET_NAME, an S3-compatible bucket (`pip install -e '.[s3]'`) that every
# app server and worker shares. Nothing serves these files as they are: a report is sent
# by its view, after the access check.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured(
            "AWS_STORAGE_BUCKET_NAME needs django-storages: pip install -e '.[s3]'."
        )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # The address of an S3-compatible service (MinIO, Ceph, OVHcloud, Scaleway…);
            # empty for Amazon S3 itself.
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "location": env.str("AWS_LOCATION", default=""),
            # Private files, never overwritten. The keys come from AWS_ACCESS_KEY_ID and
            # AWS_SECRET_ACCESS_KEY (read by django-storages and boto3 themselves).
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
# Tests and `runserver` find static files through the finders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_MANIFEST_STRICT = False

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: console by default; EMAIL_URL=smtp+tls://user:password@host:587 in production.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Mutualisation <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# PDF reports asked for in a request: past this time (under gunicorn's 30 s) or this HTML
# size, a report fails with a French message instead of holding a worker (the
# 30-organisation dossier: 10–17 s).
PDF_TIME_LIMIT_SECONDS = env.float("PDF_TIME_LIMIT_SECONDS", default=25.0)
PDF_MAX_HTML_BYTES = env.int("PDF_MAX_HTML_BYTES", default=8_000_000)
# Reports built by jobs (steps/reports/jobs.py): a job stops a report past this time
# with a French message (the dossier at 30 organisations: 10–30 s); generated files are
# kept this many days (`manage.py prune_reports`, run by the hourly job).
REPORT_JOB_TIME_LIMIT_SECONDS = env.float("REPORT_JOB_TIME_LIMIT_SECONDS", default=60.0)
REPORTS_KEEP_DAYS = env.int("REPORTS_KEEP_DAYS", default=7)
# Background jobs: the database queue in production and under `make run` (several
# `db_worker` processes, on several hosts, share one PostgreSQL); TASK_BACKEND=immediate
# runs each job at once in the process that asks for it (the tests).
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[env.str("TASK_BACKEND", default="database")]
    }
}
# Mails are sent by jobs in batches; a worker's claim on a mail lasts this long (a worker
# killed mid-send frees its mail after it; see notifications/delivery.py).
MAIL_BATCH_SIZE = env.int("MAIL_BATCH_SIZE", default=50)
MAIL_CLAIM_SECONDS = env.int("MAIL_CLAIM_SECONDS", default=300)
# Mails sent by jobs link to SITE_URL; without it (development), to this address.
SITE_URL_FALLBACK = "http://127.0.0.1:8000"
# The daily digest leaves from this hour (America/Montreal); unsubscribe links last this long.
DIGEST_HOUR = env.int("DIGEST_HOUR", default=7)
UNSUBSCRIBE_LINK_MAX_AGE_DAYS = env.int("UNSUBSCRIBE_LINK_MAX_AGE_DAYS", default=180)
INVITATION_MAX_AGE_DAYS = env.int("INVITATION_MAX_AGE_DAYS", default=14)
# Mail abuse: one invitation is sent again at most every N minutes; a person sends at
# most N new invitations an hour, a project at most N a day (30 organisations fit).
INVITATION_RESEND_MINUTES = env.int("INVITATION_RESEND_MINUTES", default=10)
INVITATIONS_PER_SENDER_PER_HOUR = env.int("INVITATIONS_PER_SENDER_PER_HOUR", default=60)
INVITATIONS_PER_PROJECT_PER_DAY = env.int("INVITATIONS_PER_PROJECT_PER_DAY", default=150)

# Who may create (and restore) projects, and self sign-up (projects/creation.py, signup.py).
# PROJECT_CREATION="approved" (default): accounts that staff approved, i.e. holding the
# permission « projects | projet | Can add projet » (granted in the admin, or by the action
# « Approuver » on pending requests), and staff; "anyone": every signed-in account.
PROJECT_CREATION = env.str("PROJECT_CREATION", default="approved")
if PROJECT_CREATION not in ("approved", "anyone"):
    raise ImproperlyConfigured('PROJECT_CREATION must be "approved" or "anyone".')
# SIGNUP_OPEN=1 (default): « Créer un compte » on the login page; the address is confirmed
# by a signed link valid SIGNUP_LINK_MAX_AGE_HOURS; under "approved", the new account then
# waits for staff approval (staff accounts are told by e-mail). 0: accounts come only from
# invitations and the admin.
SIGNUP_OPEN = env.bool("SIGNUP_OPEN", default=True)
SIGNUP_LINK_MAX_AGE_HOURS = env.int("SIGNUP_LINK_MAX_AGE_HOURS", default=48)
# Restoring a backup in the browser: files above this size are refused before being read;
# an uploaded file waits this long (in the default storage) between preview and confirmation.
RESTORE_MAX_BYTES = env.int("RESTORE_MAX_BYTES", default=20 * 1024 * 1024)
RESTORE_UPLOAD_MAX_AGE_MINUTES = env.int("RESTORE_UPLOAD_MAX_AGE_MINUTES", default=60)
# Shared documents (steps/attachments): an uploaded file above this size is refused, from
# its announced size before the body is read, then byte by byte as it streams.
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "steps.transfer.restore.RestoreSizeLimit",  # before any byte of a too big backup is read
    "steps.attachments.uploads.AttachmentSizeLimit",  # the same for a shared document
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Production hardening: on whenever DEBUG is off; a reverse proxy terminates TLS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
# SECURE_COOKIES=0 only for plain HTTP on the loopback (make loadtest): check --deploy warns.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
# No script reads the CSRF cookie: autosave.js takes the token from the form's hidden input.
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Every script and stylesheet is a static file (no inline <script>, no on*="" handler,
# no style="" attribute in pages); see mutualisation/middleware.py.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'"],
    "script-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals_on_one_line": {"()": "mutualisation.middleware.RefusalsOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {"django.request": {"filters": ["refusals_on_one_line"]}},
}
