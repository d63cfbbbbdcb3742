"""Settings of the TĐKT Portal: one module, fed by environment variables.

See README.md for the table of variables. With no variables at all the portal runs on the
embedded default: SQLite in var/, Celery over a folder-based broker in var/celery (no Redis).
"""

import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Under pytest the security redirects and secure-only cookies are off: tests talk plain HTTP.
TESTING = "pytest" in sys.modules

DEBUG = env_bool("DEBUG", False)
# Without SECRET_KEY an insecure development key is used; `check --deploy` flags it (security.W009).
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-development-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")

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
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "django_tables2",
    "django_celery_beat",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Services that import no domain app
    "core",
    "notifications",
    "documents",
    # Who is who
    "units",
    "clusters",
    "accounts",
    # The work
    "dossiers",
    "campaigns",
    "awards",
    # Statistics and dashboards
    "reports",
    # The versioned API for other systems (imports the work apps, which never import it)
    "rest_framework",
    "drf_spectacular",
    "api",
]

MIDDLEWARE = [
    "core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.ActingAuthorityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "accounts.middleware.ForcePasswordChangeMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tdkt_portal.urls"
WSGI_APPLICATION = "tdkt_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "units.context_processors.authority",
                "accounts.context_processors.navigation",
            ],
        },
    },
]

if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded default keeps its SQLite file here
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default: every transaction takes the write lock when it begins (BEGIN IMMEDIATE), so two
    # clicks at once queue behind each other for up to `timeout` seconds instead of failing with
    # "database is locked" halfway through; WAL lets pages be read while one request writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    if TESTING:
        # Tests use a file too (one per process), never the in-memory database: its shared cache answers
        # "table is locked" at once instead of waiting, so two simultaneous clicks would not be tested as run.
        import tempfile

        DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"tdkt-test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:  # test users are made by the hundred; production keeps Django's default (PBKDF2)
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

# Login throttling (django-axes): 5 failures for one username from one address lock it for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES")  # e.g. "admin,office_staff": must set up 2FA

# Vietnamese everywhere a person looks.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt"))]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["tdkt_portal.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploaded and generated files (attachments, printed PDFs, Excel exports) go through Django's storage API only,
# never by local path: on one machine they live under MEDIA_ROOT; with S3_BUCKET set they live in S3-compatible
# object storage (django-storages; MinIO, Ceph, a cloud's S3), so a file written by one web node or worker is read
# by any other. Either way they are never served directly: only through views that check permissions
# (core/files.py streams them from the storage), so the bucket stays private and URLs are never signed.
S3_BUCKET = os.environ.get("S3_BUCKET", "").strip()
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,  # empty: AWS itself
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,  # empty: boto3's own chain (role, profile)
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "location": os.environ.get("S3_PREFIX", "").strip("/"),  # a folder inside a shared bucket
            "default_acl": "private",
            "querystring_auth": False,  # no URL of the bucket is ever given out
            "file_overwrite": False,  # a second file of the same name gets a suffix, as on disk
            "addressing_style": os.environ.get("S3_ADDRESSING_STYLE") or ("path" if os.environ.get("S3_ENDPOINT_URL") else None),
            "signature_version": "s3v4",
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Attachments of dossiers: checked by content (PDF, DOCX, XLSX, JPG, PNG) and size.
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_MB", "20")) * 1024 * 1024
# Office files (DOCX, XLSX) are zip packages: refused when they would unpack past these limits (read from
# the package's directory, never by unpacking), or when they carry macros. PDFs with active content
# (JavaScript, Launch, embedded files) are refused too (core.uploads).
UPLOAD_MAX_UNCOMPRESSED_BYTES = int(os.environ.get("UPLOAD_MAX_UNCOMPRESSED_MB", "200")) * 1024 * 1024
UPLOAD_MAX_ZIP_RATIO = int(os.environ.get("UPLOAD_MAX_ZIP_RATIO", "100"))
UPLOAD_MAX_ZIP_ENTRIES = int(os.environ.get("UPLOAD_MAX_ZIP_ENTRIES", "5000"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table table-hover align-middle"}

# E-mail
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cổng TĐKT <tdkt@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery. Without CELERY_BROKER_URL the broker is a folder (kombu's filesystem transport), so the
# worker and beat run on the embedded default with no Redis. Production sets redis://.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {"visibility_timeout": 3600}
)
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- Background work that survives (issue 11: items 3, 4 and the heartbeat of 10) ---------------
# The worker and beat reconnect to the broker forever (Celery's default gives up after 100 tries)
# and notice a dead Redis connection quickly (socket timeouts + a health check ping).
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None  # None: retry forever
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The AttributeError that used to stop the worker when Redis went away is turned into a connection
# error it retries (tdkt_portal/celery.py, _survive_a_closed_broker_connection).
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,
        # acks_late messages of a worker that died come back after this; every task is safe to run
        # twice (jobs claim their row, e-mails claim theirs) and none is queued with a longer countdown.
        "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT") or 1800),
        "socket_timeout": 15,
        "socket_connect_timeout": 5,
        "socket_keepalive": True,
        "health_check_interval": 25,
        "retry_on_timeout": True,
    }
CELERY_TASK_REJECT_ON_WORKER_LOST = True  # a task whose pool process was killed goes back to the queue
# A hung task (a stuck render, a stuck SMTP call) never holds a worker slot for good: the soft limit
# raises inside the task (a job records its failure, with its retry button), the hard one ends the process;
# both stay below the visibility timeout so Redis never hands a live task to a second worker.
CELERY_TASK_SOFT_TIME_LIMIT = int(os.environ.get("CELERY_TASK_SOFT_TIME_LIMIT") or 1200)
CELERY_TASK_TIME_LIMIT = CELERY_TASK_SOFT_TIME_LIMIT + 300
# A job (Excel export, certificate print) whose worker stopped reporting is failed by the sweep
# (reports.tasks.export_jobs_sweep, awards.tasks.print_jobs_sweep, every minute): a running job after
# JOB_STALE_MINUTES without a heartbeat, a queued one after JOB_QUEUED_STALE_MINUTES.
JOB_STALE_MINUTES = int(os.environ.get("JOB_STALE_MINUTES") or 5)
JOB_QUEUED_STALE_MINUTES = int(os.environ.get("JOB_QUEUED_STALE_MINUTES") or 30)
# The worker and beat each record a heartbeat every minute (core.tasks.heartbeat); the office dashboard
# and /healthz/jobs say when one has not reported for this many minutes.
WORKER_STALE_MINUTES = int(os.environ.get("WORKER_STALE_MINUTES") or 10)
# The outbox (notifications/outbox.py) retries an e-mail after 1, 2, 5, 10, 20, 40 minutes, then every
# hour, and marks it failed only when it is still undelivered OUTBOX_GIVE_UP_HOURS after its first failure.
OUTBOX_GIVE_UP_HOURS = int(os.environ.get("OUTBOX_GIVE_UP_HOURS") or 48)
# The office dashboard warns when an e-mail has been failing for this long.
OUTBOX_ALERT_MINUTES = int(os.environ.get("OUTBOX_ALERT_MINUTES") or 60)
# --- end of background work ------------------------------------------------------------------------

# Excel exports (reports/exports/): a list up to this many rows downloads at once, a bigger one is made
# by Celery with a progress bar; its file is kept this many days.
EXPORT_SYNC_MAX_ROWS = int(os.environ.get("EXPORT_SYNC_MAX_ROWS") or 2000)
EXPORT_KEEP_DAYS = int(os.environ.get("EXPORT_KEEP_DAYS") or 7)
# One-time tokens of create forms (core/actions.py) are forgotten after this many days (beat, nightly).
FORM_TOKEN_KEEP_DAYS = int(os.environ.get("FORM_TOKEN_KEEP_DAYS") or 30)

# Production security: on by default whenever DEBUG is off (and not under tests). Each can be
# turned off by its variable, e.g. behind a TLS-terminating proxy on a closed network.
SECURE_DEFAULT = not DEBUG and not TESTING
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", True) else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE_DEFAULT)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", SECURE_DEFAULT)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", SECURE_DEFAULT)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if SECURE_DEFAULT else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE_DEFAULT)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SECURE_DEFAULT)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp 4): scripts only from this site's static files — no inline
# <script>, no on*= attributes, no eval (htmx is told so by its meta tag in base.html); a test walks
# every template for them. style-src keeps 'unsafe-inline' because templates use style="…" attributes
# (and the printed documents an inline <style>); images allow data: for Bootstrap's SVG icons in CSS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# One cache shared by every web process when CACHE_URL is set (the API's per-client request budget
# is then one budget, not one per process); otherwise each process keeps its own in memory.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["CACHE_URL"]}
        if os.environ.get("CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- The API for other systems (api/) ------------------------------------------------------------
# /api/v1/: token per client (Authorization: Bearer …), deny by default, JSON only, one request
# budget per client; the OpenAPI schema at /api/v1/schema/ (no Swagger/Redoc UI: they load from a CDN).
API_MAX_REQUEST_BYTES = int(os.environ.get("API_MAX_REQUEST_MB", "60")) * 1024 * 1024  # attachments travel as base64
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "api.permissions.HasClientScope",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ApiClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_client": os.environ.get("API_THROTTLE_RATE", "600/minute")},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.LimitedJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": None,
    "DATE_INPUT_FORMATS": ["iso-8601"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Cổng thi đua, khen thưởng",
    "DESCRIPTION": (
        "API cho các hệ thống khác: nhận hồ sơ điện tử từ Cổng dịch vụ công, tra cứu tình trạng hồ sơ, "
        "quyết định và khen thưởng đã quyết định cho cơ sở dữ liệu TĐKT của tỉnh. Mỗi hệ thống có một khóa "
        "truy cập riêng (Authorization: Bearer <khóa>) và chỉ gọi được các phạm vi đã được cấp; quyền trên dữ liệu "
        "là quyền của tài khoản dịch vụ của hệ thống, theo đúng quy tắc của Cổng. Mọi thông báo lỗi bằng tiếng Việt."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVERS": [{"url": SITE_URL}],
}
