"""E-mail through SMTP (STARTTLS, TLS or plain; auth from the environment) as multipart/alternative:
an HTML part from Jinja2 templates (autoescaped, inline CSS) and a plain-text part.

Headers are built with the stdlib's strict SMTP policy after removing CR/LF from every value, so a
company called ``Acme\\r\\nBcc: x@y`` adds no header.
"""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import make_msgid
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from watcher.config import Settings
from watcher.errors import NotifyError
from watcher.notify.base import register_notifier
from watcher.notify.message import KIND_LABEL, Message

TEMPLATES = Environment(loader=PackageLoader("watcher.notify", "templates"),
                        autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
_CONTROL = re.compile(r"[\r\n\x00-\x1f\x7f]+")


def header_safe(value: str, limit: int = 200) -> str:
    """One line, no control characters, bounded: safe for any header."""
    clean = _CONTROL.sub(" ", value).strip()
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def render_html(template: str, **context: Any) -> str:
    return TEMPLATES.get_template(template).render(kind_label=KIND_LABEL, **context)


def build_email(*, sender: str, recipient: str, subject: str, text: str, html: str) -> EmailMessage:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = header_safe(sender)
    msg["To"] = header_safe(recipient)
    msg["Subject"] = header_safe(subject)
    msg["Message-ID"] = make_msgid(domain=header_safe(sender).rpartition("@")[2] or "watcher.local")
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    return msg


class EmailNotifier:
    """Sends alert messages (and digests, through ``send_email``) to ``email:someone@example.com``."""

    def __init__(self, settings: Settings, environ: dict[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self.settings = settings.email
        self._username = env.get(self.settings.username_env) or None
        self._password = env.get(self.settings.password_env) or None

    def send(self, message: Message) -> None:
        recipient = message.destination.removeprefix("email:")
        html = render_html("alert.html", message=message)
        self.send_email(build_email(sender=self.settings.sender, recipient=recipient, subject=message.subject,
                                    text=message.text, html=html), recipient)

    def send_email(self, msg: EmailMessage, recipient: str) -> None:
        s = self.settings
        try:
            smtp: smtplib.SMTP
            if s.security == "tls":
                smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=ssl.create_default_context())
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            with smtp:
                if s.security == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
                if self._username and self._password:
                    smtp.login(self._username, self._password)
                smtp.send_message(msg, from_addr=header_safe(s.sender), to_addrs=[recipient])
        except smtplib.SMTPAuthenticationError:
            raise NotifyError("SMTP authentication failed (check the user name and password variables)",
                              retryable=False) from None
        except smtplib.SMTPRecipientsRefused as exc:
            code = next(iter(exc.recipients.values()))[0] if exc.recipients else 550
            raise NotifyError(f"SMTP refused the recipient: {code}", retryable=400 <= code < 500) from None
        except smtplib.SMTPResponseException as exc:
            raise NotifyError(f"SMTP error {exc.smtp_code}", retryable=exc.smtp_code < 500) from None
        except smtplib.SMTPNotSupportedError:
            raise NotifyError("the SMTP server does not support STARTTLS (set [email] security)",
                              retryable=False) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise NotifyError(f"SMTP server unreachable: {type(exc).__name__}", retryable=True) from None


@register_notifier("email")
def email_notifier(settings: Settings) -> EmailNotifier:
    return EmailNotifier(settings)
