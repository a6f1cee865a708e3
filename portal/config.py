"""Configuration read from the environment, in one place.

Every setting is a ``PORTAL_*`` variable. Production is the default environment, so a
forgotten variable makes the app refuse to start instead of running insecurely.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from portal.talen import TALEN

ROOT = Path(__file__).resolve().parent.parent

# DigiD assurance levels that count as "Substantieel" or higher, in the notations DigiD
# brokers use: SAML authentication contexts, eIDAS and eToegang.
DEFAULT_LOA_SUBSTANTIEEL = ",".join(
    [
        "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
        "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
        "http://eidas.europa.eu/LoA/substantial",
        "http://eidas.europa.eu/LoA/high",
        "urn:etoegang:core:assurance-class:loa3",
        "urn:etoegang:core:assurance-class:loa4",
    ]
)


class ConfigError(RuntimeError):
    """The configuration is unsafe or incomplete; the app must not start."""


def _flag(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "ja", "on"}


def _list(value: str | None, default: str = "") -> list[str]:
    return [item.strip() for item in (value or default).split(",") if item.strip()]


def load_config(environ: Mapping[str, str] | None = None) -> dict[str, object]:
    """Build the Flask config from ``environ`` (default: the process environment)."""
    env = os.environ if environ is None else environ
    omgeving = env.get("PORTAL_ENV", "production")
    development = omgeving in {"development", "test"}
    instance = Path(env.get("PORTAL_INSTANCE_PATH", ROOT / "instance"))

    config: dict[str, object] = {
        "PORTAL_ENV": omgeving,
        "PORTAL_DEMO": _flag(env.get("PORTAL_DEMO")),
        "SECRET_KEY": env.get("PORTAL_SECRET_KEY", "dev-only-not-secret" if development else ""),
        "DATABASE_URL": env.get("PORTAL_DATABASE_URL", f"sqlite:///{instance / 'portal.db'}"),
        "INSTANCE_PATH": str(instance),
        # Sessions: DESIGN.md section 4.
        "SESSION_COOKIE_NAME": "__Host-portal" if not development else "portal",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": not development,
        "SESSIE_IDLE_MINUTEN": int(env.get("PORTAL_SESSIE_IDLE_MINUTEN", "30")),
        "SESSIE_MAX_UREN": int(env.get("PORTAL_SESSIE_MAX_UREN", "12")),
        "PROXY_FIX": int(env.get("PORTAL_PROXY_FIX", "0")),
        # Languages and time.
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "vertalingen"),
        "TALEN": list(TALEN),
        # Citizen login: DigiD through an OpenID Connect broker.
        "BURGER_OIDC_ISSUER": env.get("PORTAL_BURGER_OIDC_ISSUER", ""),
        "BURGER_OIDC_CLIENT_ID": env.get("PORTAL_BURGER_OIDC_CLIENT_ID", ""),
        "BURGER_OIDC_CLIENT_SECRET": env.get("PORTAL_BURGER_OIDC_CLIENT_SECRET", ""),
        "BURGER_OIDC_SCOPE": env.get("PORTAL_BURGER_OIDC_SCOPE", "openid"),
        "BURGER_BSN_CLAIM": env.get("PORTAL_BURGER_BSN_CLAIM", "bsn"),
        "BURGER_LOA_CLAIM": env.get("PORTAL_BURGER_LOA_CLAIM", "acr"),
        "BURGER_LOA_WAARDEN": _list(env.get("PORTAL_BURGER_LOA_WAARDEN"), DEFAULT_LOA_SUBSTANTIEEL),
        # DigiD Machtigen through the same broker: who acts, for whom, and for which service.
        # A dotted name is also read as a path in the claims ({"aanvrager": {"bsn": ...}}).
        "BURGER_MACHTIGING_VERTEGENWOORDIGDE_CLAIM": env.get(
            "PORTAL_BURGER_MACHTIGING_VERTEGENWOORDIGDE_CLAIM", "aanvrager.bsn"
        ),
        "BURGER_MACHTIGING_VERTEGENWOORDIGER_CLAIM": env.get(
            "PORTAL_BURGER_MACHTIGING_VERTEGENWOORDIGER_CLAIM", "gemachtigde.bsn"
        ),
        "BURGER_MACHTIGING_DIENST_CLAIM": env.get(
            "PORTAL_BURGER_MACHTIGING_DIENST_CLAIM", "service_id"
        ),
        # The service ids (DigiD Machtigen "dienst") that open this portal; others are refused.
        "BURGER_MACHTIGING_DIENSTEN": _list(
            env.get("PORTAL_BURGER_MACHTIGING_DIENSTEN"), "urn:nl:uwv:wia-clientportaal"
        ),
        "BURGER_MACHTIGING_SOORT_CLAIM": env.get(
            "PORTAL_BURGER_MACHTIGING_SOORT_CLAIM", "vertegenwoordiging"
        ),
        # Staff login: the organisation's OpenID Connect provider.
        "MEDEWERKER_OIDC_ISSUER": env.get("PORTAL_MEDEWERKER_OIDC_ISSUER", ""),
        "MEDEWERKER_OIDC_CLIENT_ID": env.get("PORTAL_MEDEWERKER_OIDC_CLIENT_ID", ""),
        "MEDEWERKER_OIDC_CLIENT_SECRET": env.get("PORTAL_MEDEWERKER_OIDC_CLIENT_SECRET", ""),
        "MEDEWERKER_OIDC_SCOPE": env.get("PORTAL_MEDEWERKER_OIDC_SCOPE", "openid profile email"),
        "MEDEWERKER_ROLLEN_CLAIM": env.get("PORTAL_MEDEWERKER_ROLLEN_CLAIM", "roles"),
        "MEDEWERKER_MFA_VEREIST": _flag(env.get("PORTAL_MEDEWERKER_MFA_VEREIST"), not development),
        "MEDEWERKER_MFA_AMR": _list(env.get("PORTAL_MEDEWERKER_MFA_AMR"), "mfa,otp,hwk,swk,sms"),
        # Contact details shown on every dossier page.
        "KCC_TELEFOON": env.get("PORTAL_KCC_TELEFOON", "088 - 898 92 94"),
        # Where objections and notices of default go; the decision letter names it too.
        "BEZWAAR_POSTADRES": env.get(
            "PORTAL_BEZWAAR_POSTADRES", "UWV, Postbus 58285, 1040 HG Amsterdam"
        ),
        # Rate limits (Flask-Limiter storage: memory:// for one process, redis:// for many).
        "RATELIMIT_STORAGE_URI": env.get("PORTAL_RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_INLOGGEN": env.get("PORTAL_RATELIMIT_INLOGGEN", "20 per minute"),
        # Per API token: a runaway back-office job cannot crowd out the others.
        "RATELIMIT_API": env.get("PORTAL_RATELIMIT_API", "600 per minute"),
        "RATELIMIT_FEEDBACK": env.get("PORTAL_RATELIMIT_FEEDBACK", "10 per minute"),
        # Bel mij terug: the promise shown to the person, in working hours (08-17, Mon-Fri).
        "TERUGBELLEN_BINNEN_UREN": int(env.get("PORTAL_TERUGBELLEN_BINNEN_UREN", "24")),
        # Readiness: the planner's lease must have been renewed this recently (it is every 15 s).
        "HARTSLAG_MAX_SECONDEN": int(env.get("PORTAL_HARTSLAG_MAX_SECONDEN", "120")),
        "WTF_CSRF_TIME_LIMIT": None,  # the session's own lifetime bounds the token
        # The address people reach the portal at: for links in e-mails and to check the
        # signatures on Twilio's webhooks (Twilio signs the public URL, not the proxied one).
        "PUBLIEKE_URL": env.get("PORTAL_PUBLIEKE_URL", "").rstrip("/"),
        # SMS through Twilio. Without an account SID, SMS goes to the dev channel in demo
        # and development, and nowhere in tests (an unfaked send fails instead of sending).
        "TWILIO_ACCOUNT_SID": env.get("PORTAL_TWILIO_ACCOUNT_SID", ""),
        "TWILIO_AUTH_TOKEN": env.get("PORTAL_TWILIO_AUTH_TOKEN", ""),
        "TWILIO_MESSAGING_SERVICE_SID": env.get("PORTAL_TWILIO_MESSAGING_SERVICE_SID", ""),
        "TWILIO_AFZENDER": env.get("PORTAL_TWILIO_AFZENDER", ""),
        "TWILIO_API_URL": env.get("PORTAL_TWILIO_API_URL", ""),  # only for a fake in tests
        "TWILIO_TIMEOUT": float(env.get("PORTAL_TWILIO_TIMEOUT", "10")),
        # E-mail over SMTP.
        "SMTP_HOST": env.get("PORTAL_SMTP_HOST", ""),
        "SMTP_PORT": int(env.get("PORTAL_SMTP_PORT", "587")),
        "SMTP_BEVEILIGING": env.get("PORTAL_SMTP_BEVEILIGING", "starttls"),  # starttls, ssl, geen
        "SMTP_GEBRUIKER": env.get("PORTAL_SMTP_GEBRUIKER", ""),
        "SMTP_WACHTWOORD": env.get("PORTAL_SMTP_WACHTWOORD", ""),
        "SMTP_TIMEOUT": float(env.get("PORTAL_SMTP_TIMEOUT", "20")),
        "EMAIL_AFZENDER": env.get("PORTAL_EMAIL_AFZENDER", "UWV <noreply@uwv.example>"),
        # The dispatcher.
        # The dev inbox stands in for SMS and e-mail in development and demo; in tests an
        # unfaked send fails instead, so no test can send by accident.
        "DEV_KANAAL": _flag(env.get("PORTAL_DEV_KANAAL"), omgeving == "development"),
        "SMS_STILTIJD": _flag(env.get("PORTAL_SMS_STILTIJD"), True),  # off: tests only
        "SMS_STILTIJD_VAN": env.get("PORTAL_SMS_STILTIJD_VAN", "08:00"),
        "SMS_STILTIJD_TOT": env.get("PORTAL_SMS_STILTIJD_TOT", "21:00"),
        "NOTIFICATIE_OPNIEUW_UREN": float(env.get("PORTAL_NOTIFICATIE_OPNIEUW_UREN", "4")),
        "ONGELEZEN_HERINNERING_DAGEN": int(env.get("PORTAL_ONGELEZEN_HERINNERING_DAGEN", "7")),
        "SMS_PER_SECONDE": int(env.get("PORTAL_SMS_PER_SECONDE", "100")),
        "EMAIL_PER_SECONDE": int(env.get("PORTAL_EMAIL_PER_SECONDE", "50")),
        "DISPATCHER_DRADEN": int(env.get("PORTAL_DISPATCHER_DRADEN", "16")),
        # Inzage: documents live outside static/, under their content hash.
        "DOCUMENTEN_MAP": env.get("PORTAL_DOCUMENTEN_MAP", str(instance / "documenten")),
        "DOCUMENT_MAX_MB": int(env.get("PORTAL_DOCUMENT_MAX_MB", "20")),
        # "Wie heeft mijn dossier bekeken": the role always, the employee's name only by policy.
        "VERWERKINGSLOG_NAAM_TONEN": _flag(env.get("PORTAL_VERWERKINGSLOG_NAAM_TONEN")),
    }
    return config


def check_config(config: Mapping[str, object]) -> None:
    """Refuse configurations that would be unsafe in production."""
    if config["PORTAL_ENV"] not in {"production", "development", "test"}:
        raise ConfigError("PORTAL_ENV must be production, development or test.")
    if config["PORTAL_ENV"] != "production":
        return
    if config["PORTAL_DEMO"]:
        raise ConfigError("PORTAL_DEMO=1 is not allowed with PORTAL_ENV=production.")
    missing = [
        name
        for name, key in [
            ("PORTAL_SECRET_KEY", "SECRET_KEY"),
            ("PORTAL_BURGER_OIDC_ISSUER", "BURGER_OIDC_ISSUER"),
            ("PORTAL_BURGER_OIDC_CLIENT_ID", "BURGER_OIDC_CLIENT_ID"),
            ("PORTAL_BURGER_OIDC_CLIENT_SECRET", "BURGER_OIDC_CLIENT_SECRET"),
            ("PORTAL_MEDEWERKER_OIDC_ISSUER", "MEDEWERKER_OIDC_ISSUER"),
            ("PORTAL_MEDEWERKER_OIDC_CLIENT_ID", "MEDEWERKER_OIDC_CLIENT_ID"),
            ("PORTAL_MEDEWERKER_OIDC_CLIENT_SECRET", "MEDEWERKER_OIDC_CLIENT_SECRET"),
            ("PORTAL_PUBLIEKE_URL", "PUBLIEKE_URL"),
            ("PORTAL_TWILIO_ACCOUNT_SID", "TWILIO_ACCOUNT_SID"),
            ("PORTAL_TWILIO_AUTH_TOKEN", "TWILIO_AUTH_TOKEN"),
            ("PORTAL_SMTP_HOST", "SMTP_HOST"),
        ]
        if not config.get(key)
    ]
    if missing:
        raise ConfigError("Missing production settings: " + ", ".join(missing))
    if not config.get("SMS_STILTIJD", True):
        raise ConfigError("PORTAL_SMS_STILTIJD=0 is not allowed with PORTAL_ENV=production.")
    if not (config.get("TWILIO_MESSAGING_SERVICE_SID") or config.get("TWILIO_AFZENDER")):
        raise ConfigError("Set PORTAL_TWILIO_MESSAGING_SERVICE_SID or PORTAL_TWILIO_AFZENDER.")
    if len(str(config["SECRET_KEY"])) < 32:
        raise ConfigError("PORTAL_SECRET_KEY must be at least 32 characters.")
