"""Slack through slack_sdk: a bot token (chat.postMessage to channels, DMs by user id or e-mail
lookup) or an incoming webhook. Block Kit cards; outside text is escaped so it cannot mention
@channel, spoof a link or break formatting; Slack's block and length limits are respected.

slack_sdk's own retry handlers are switched off: retries, Retry-After and parking belong to the
outbox, which reschedules instead of sleeping.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.webhook import WebhookClient

from watcher.config import Settings
from watcher.domain import iso
from watcher.errors import NotifyError
from watcher.notify.base import register_notifier
from watcher.notify.message import KIND_LABEL, Card, Message

logger = logging.getLogger(__name__)
MAX_BLOCKS = 50
SECTION_TEXT = 3000
FIELD_TEXT = 1900
HEADER_TEXT = 150
PERMANENT = frozenset({"channel_not_found", "invalid_auth", "not_authed", "not_in_channel", "is_archived",
                       "account_inactive", "token_revoked", "token_expired", "missing_scope", "users_not_found",
                       "user_not_found", "no_permission", "restricted_action", "invalid_blocks", "msg_too_long",
                       "no_service", "no_service_id", "team_disabled", "invalid_token", "action_prohibited",
                       "channel_is_archived", "posting_to_general_channel_denied"})


def escape(text: str) -> str:
    """Slack's three control characters, so outside text can never become a mention or a link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plain(text: str, limit: int = FIELD_TEXT) -> dict[str, Any]:
    return {"type": "plain_text", "text": cut(text, limit) or " ", "emoji": False}


def _safe_url(url: str) -> str | None:
    return url if url.startswith(("https://", "http://")) and len(url) <= 3000 and " " not in url else None


def card_blocks(card: Card) -> list[dict[str, Any]]:
    """An insight card: header, account line, facts, evidence, links, why."""
    label = KIND_LABEL.get(card.kind, card.kind)
    blocks: list[dict[str, Any]] = [{"type": "header", "text": _plain(f"{label}: {card.headline}", HEADER_TEXT)}]
    context = []
    if card.account:
        context.append(_plain(f"{card.account} ({card.account_domain}) · ICP tier {card.tier} · score {card.score}"))
    if card.when:
        context.append(_plain(f"{iso(card.when)}"))
    if context:
        blocks.append({"type": "context", "elements": context})
    fields = [_plain(f"{name}: {value}") for name, value in card.facts][:10]
    if fields:
        blocks.append({"type": "section", "fields": fields})
    if card.evidence:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "> " + cut(escape(card.evidence)
                                                                                       .replace("\n", "\n> "),
                                                                                       SECTION_TEXT - 2),
                                                   "verbatim": True}})
    buttons = [{"type": "button", "text": _plain(name, 70), "url": url}
               for name, raw in card.links if (url := _safe_url(raw))][:5]
    if buttons:
        blocks.append({"type": "actions", "elements": buttons})
    if card.why:
        blocks.append({"type": "context", "elements": [_plain("Why you are seeing this: " + "; ".join(card.why))]})
    return blocks


def message_blocks(message: Message) -> list[dict[str, Any]]:
    """All cards that fit in Slack's 50 blocks; the rest summarised in one line, never a failure."""
    if message.notice:
        return [{"type": "section", "text": _plain(message.notice, SECTION_TEXT)}]
    blocks: list[dict[str, Any]] = []
    for index, card in enumerate(message.cards):
        rendered = card_blocks(card) + [{"type": "divider"}]
        if len(blocks) + len(rendered) > MAX_BLOCKS - 1:
            rest = len(message.cards) - index
            blocks.append({"type": "context", "elements": [_plain(f"…and {rest} more signal(s); see the digest or "
                                                                  "`watcher signals list`.")]})
            break
        blocks += rendered
    return blocks[:MAX_BLOCKS]


class SlackNotifier:
    """Sends to ``slack:#channel``, ``slack:@U123`` or ``slack:email:someone@example.com``."""

    def __init__(self, settings: Settings, environ: dict[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self.settings = settings.slack
        self._token = env.get(self.settings.token_env) or None
        self._webhook = env.get(self.settings.webhook_env) or None
        self._ids: dict[str, str] = {}

    def _client(self) -> WebClient:
        return WebClient(token=self._token, base_url=self.settings.base_url, timeout=int(self.settings.timeout),
                         retry_handlers=[])

    def _channel(self, client: WebClient, target: str) -> str:
        if target.startswith("@"):
            return target[1:]
        if target.startswith("email:"):
            email = target[6:]
            if email not in self._ids:
                self._ids[email] = client.users_lookupByEmail(email=email)["user"]["id"]
            return self._ids[email]
        return target

    def send(self, message: Message) -> None:
        target = message.destination.removeprefix("slack:")
        text = cut(escape(message.text), SECTION_TEXT)
        blocks = message_blocks(message)
        try:
            if self._token:
                client = self._client()
                client.chat_postMessage(channel=self._channel(client, target), text=text, blocks=blocks,
                                        unfurl_links=False, unfurl_media=False)
            elif self._webhook:
                response = WebhookClient(self._webhook, timeout=int(self.settings.timeout),
                                         retry_handlers=[]).send(text=text, blocks=blocks, unfurl_links=False)
                _check_webhook(response.status_code, response.body, response.headers)
            else:
                raise NotifyError(f"no Slack credentials: set {self.settings.token_env} or {self.settings.webhook_env}",
                                  retryable=False)
        except SlackApiError as exc:
            raise _api_error(exc) from None
        except (SlackClientError, OSError) as exc:  # connection refused, reset, timeout
            raise NotifyError(f"Slack unreachable: {type(exc).__name__}", retryable=True) from None


def _retry_after(headers: dict[str, Any]) -> float | None:
    for key in ("Retry-After", "retry-after"):
        value = headers.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value is not None:
            try:
                return float(value)
            except ValueError:
                return None
    return None


def _api_error(exc: SlackApiError) -> NotifyError:
    response = exc.response
    status = response.status_code
    data = response.data if isinstance(response.data, dict) else {}
    error = str(data.get("error") or f"HTTP {status}")
    if status == 429 or error == "ratelimited":
        return NotifyError(f"Slack rate limit ({error})", retryable=True,
                           retry_after=_retry_after(dict(response.headers)) or 30.0)
    if status >= 500:
        return NotifyError(f"Slack server error: HTTP {status}", retryable=True)
    return NotifyError(f"Slack refused the message: {error}", retryable=error not in PERMANENT)


def _check_webhook(status: int, body: str, headers: dict[str, Any]) -> None:
    if 200 <= status < 300:
        return
    reason = (body or "").strip()[:80] or f"HTTP {status}"
    if status == 429:
        raise NotifyError("Slack webhook rate limit", retryable=True, retry_after=_retry_after(headers) or 30.0)
    if status >= 500:
        raise NotifyError(f"Slack webhook server error: HTTP {status}", retryable=True)
    raise NotifyError(f"Slack webhook refused the message: {reason}", retryable=False)


@register_notifier("slack")
def slack_notifier(settings: Settings) -> SlackNotifier:
    return SlackNotifier(settings)
