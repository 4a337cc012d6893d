"""Base settings: everything lives here and environment variables switch behaviour."""

import os
from pathlib import Path

from iamconsole.env import database_config, env_bool, env_list, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(os.environ.get("SECRET_KEY"), debug=DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "django_htmx",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "iamconsole",
    "accounts",
    "policies",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "iamconsole.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "iamconsole.middleware.TrailMiddleware",
    "accounts.middleware.PrincipalMiddleware",
    "accounts.middleware.SignInRequiredMiddleware",
    "iamconsole.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "iamconsole.urls"
WSGI_APPLICATION = "iamconsole.wsgi.application"

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
                "iamconsole.context_processors.console",
            ],
        },
    },
]

DATABASES = {"default": database_config(os.environ.get("DATABASE_URL"), base_dir=BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's own user model is for site operators of /admin only; IAM identities live apart.
AUTH_USER_MODEL = "accounts.SiteOperator"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:signin"

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 12 * 3600))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
)
# Behind TLS, browsers are told to use HTTPS only (a year; SECURE_HSTS_SECONDS overrides).
SECURE_HSTS_SECONDS = int(os.environ.get(
    "SECURE_HSTS_SECONDS", 31_536_000 if env_bool("BEHIND_TLS_PROXY", False) else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "iamconsole",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": ["iamconsole.api.authentication.PrincipalAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["iamconsole.api.authentication.IsSignedIn"],
    "DEFAULT_PAGINATION_CLASS": "iamconsole.api.pagination.MarkerPagination",
    "EXCEPTION_HANDLER": "iamconsole.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "iamconsole.api.parsers.LimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "iamconsole API",
    "DESCRIPTION": "Manage an AWS-style account's identities and permissions.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Organizations' policy types, beside other choice sets of fields named "type".
    "ENUM_NAME_OVERRIDES": {
        "OrganizationPolicyTypeEnum": ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO", "propagate": True},
    },
}

# Secrets that must be read back (secret access keys, MFA seeds) are encrypted with Fernet.
# FIELD_ENCRYPTION_KEY: comma-separated Fernet keys, the first encrypts and all decrypt (so keys
# can be rotated); without one, a key is derived from SECRET_KEY with HKDF.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEY", [])

# Throttling of failed authentication (console and /admin/ sign-in, MFA codes, current
# passwords, access keys over the REST and wire APIs), counted in the database: an identity
# that failed THROTTLE_FAILURES_PER_IDENTITY_AND_ADDRESS times from one client address waits
# there until THROTTLE_WINDOW_SECONDS after its first failure; after
# THROTTLE_FAILURES_PER_IDENTITY failures from all addresses it waits everywhere. An address
# is never throttled on its own (a class behind one NAT keeps signing in).
THROTTLE_FAILURES_PER_IDENTITY_AND_ADDRESS = int(
    os.environ.get("THROTTLE_FAILURES_PER_IDENTITY_AND_ADDRESS", 5))
THROTTLE_FAILURES_PER_IDENTITY = int(os.environ.get("THROTTLE_FAILURES_PER_IDENTITY", 50))
THROTTLE_WINDOW_SECONDS = int(os.environ.get("THROTTLE_WINDOW_SECONDS", 900))

# IAM is global: last-used regions of keys and roles are reported as this region.
IAM_REGION = "us-east-1"
# The issuer name authenticator apps show for virtual MFA devices.
IAM_MFA_ISSUER = "iamconsole"
# An OpenID Connect provider without an uploaded JWKS has its keys fetched from its issuer
# (/.well-known/openid-configuration, then jwks_uri), waiting at most this many seconds;
# 0 never fetches (offline: only uploaded keys verify tokens).
IAM_OIDC_DISCOVERY_TIMEOUT = float(os.environ.get("IAM_OIDC_DISCOVERY_TIMEOUT", 3))

# AWS IAM quotas (defaults as in AWS); raise them here where AWS lets customers raise them.
IAM_MAX_ATTACHED_POLICIES_USER = 10
IAM_MAX_ATTACHED_POLICIES_ROLE = 10
IAM_MAX_ATTACHED_POLICIES_GROUP = 10
IAM_MAX_GROUPS_PER_USER = 10
IAM_MAX_ACCESS_KEYS_PER_USER = 2
IAM_MAX_MFA_DEVICES_PER_USER = 8
IAM_MAX_SIGNING_CERTIFICATES_PER_USER = 2
IAM_MAX_SSH_PUBLIC_KEYS_PER_USER = 5
# Per user and per service (CodeCommit, Keyspaces...).
IAM_MAX_SERVICE_SPECIFIC_CREDENTIALS = 2
IAM_MAX_POLICY_VERSIONS = 5
IAM_MANAGED_POLICY_MAX_SIZE = 6144
IAM_INLINE_POLICY_MAX_SIZE_USER = 2048
IAM_INLINE_POLICY_MAX_SIZE_GROUP = 5120
IAM_INLINE_POLICY_MAX_SIZE_ROLE = 10240
IAM_TRUST_POLICY_MAX_SIZE = int(os.environ.get("IAM_TRUST_POLICY_MAX_SIZE", 2048))
# Per-account quotas; None switches a quota off.
IAM_QUOTA_USERS = 5000
IAM_QUOTA_GROUPS = 300
IAM_QUOTA_ROLES = 1000
IAM_QUOTA_INSTANCE_PROFILES = 1000
IAM_QUOTA_SAML_PROVIDERS = 100
IAM_QUOTA_OIDC_PROVIDERS = 100
IAM_QUOTA_CUSTOMER_POLICIES = 1500
IAM_QUOTA_SERVER_CERTIFICATES = 20
# GetAccountSummary's PolicyVersionsInUseQuota (versions of all customer policies).
IAM_QUOTA_POLICY_VERSIONS_IN_USE = 10000
