"""Two-step sign-in (TOTP, RFC 6238) helpers: the device, its QR code, recovery codes, the half-login marker.

The TOTP device is django-otp's TOTPDevice (replay protection through its `last_t`, throttling after
failures). Recovery codes are our own RecoveryCode rows holding only a SHA-256 of the code: django-otp's
StaticToken keeps its codes in clear text.
"""

import hashlib
import secrets
from base64 import b32encode
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.core import signing
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: a code copied from paper is read without doubt. 31 symbols, 12 of them: ~59 bits.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_GROUPS = 3
RECOVERY_GROUP_LEN = 4
ISSUER = "Cổng TĐKT"

# The half-authenticated marker: who gave a right password, signed, for a few minutes.
PENDING_SESSION_KEY = "two_factor_pending"
PENDING_SALT = "accounts.two_factor.pending"
PENDING_MAX_AGE = 5 * 60
MAX_CODE_FAILURES = 5


def confirmed_device(user) -> TOTPDevice | None:
    if user is None or not user.is_authenticated or user.pk is None:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_two_factor(user) -> bool:
    return confirmed_device(user) is not None


def required_for(user) -> bool:
    """The administrator requires two-step sign-in for one of this user's roles (TWO_FACTOR_REQUIRED_ROLES)."""
    roles = getattr(settings, "TWO_FACTOR_REQUIRED_ROLES", [])
    return bool(roles) and user.is_authenticated and (user.has_role(*roles) or ("admin" in roles and user.is_superuser))


def secret_b32(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode("ascii").rstrip("=")


def secret_display(device: TOTPDevice) -> str:
    """The secret in groups of four, as an authenticator app's "enter a key" screen accepts it."""
    secret = secret_b32(device)
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def config_url(device: TOTPDevice) -> str:
    label = f"{ISSUER}:{device.user.get_username()}"
    params = urlencode(
        {"secret": secret_b32(device), "issuer": ISSUER, "algorithm": "SHA1", "digits": device.digits, "period": device.step},
        quote_via=quote,
    )
    return f"otpauth://totp/{quote(label)}?{params}"


def qr_svg(device: TOTPDevice) -> str:
    code = segno.make(config_url(device), error="m", micro=False)
    return code.svg_inline(scale=1, border=2, omitsize=True, dark="#000", light="#fff", svgclass="qr", lineclass="qr-path")


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_LEN))
    return "-".join(raw[i : i + RECOVERY_GROUP_LEN] for i in range(0, len(raw), RECOVERY_GROUP_LEN))


def normalize_code(code: str) -> str:
    """What the user typed, without spaces and dashes, lower case."""
    return "".join(ch for ch in (code or "").lower() if ch not in " -\t")


def recovery_hash(code: str) -> str:
    return hashlib.sha256(normalize_code(code).encode()).hexdigest()


def looks_like_totp(code: str) -> bool:
    code = normalize_code(code)
    return len(code) == 6 and code.isdigit()


def pending_dump(*, user, backend: str, redirect_to: str) -> str:
    return signing.dumps({"uid": user.pk, "backend": backend, "next": redirect_to}, salt=PENDING_SALT)


def pending_load(value) -> dict | None:
    """The marker's content, or None when it is missing, tampered with or older than PENDING_MAX_AGE."""
    if not value:
        return None
    try:
        return signing.loads(value, salt=PENDING_SALT, max_age=PENDING_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
