"""config.toml → validated, typed settings.

Every setting is declared once here, with its default and help text; unknown keys are refused.
Secrets are never in the file: the file names the environment variable that holds them.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from watcher.errors import ConfigError

DEFAULT_CONFIG = "config.toml"
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, None: 1}


def parse_duration(value: Any) -> float:
    """Seconds from ``90``, ``"90s"``, ``"15m"``, ``"6h"``, ``"7d"``."""
    if isinstance(value, bool):
        raise ValueError("expected a duration such as 30s, 15m, 6h or 7d")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = _DURATION.match(str(value))
        if not match:
            raise ValueError(f"{value!r} is not a duration such as 30s, 15m, 6h or 7d")
        seconds = float(match.group(1)) * _UNITS[match.group(2)]
    if seconds < 0:
        raise ValueError("a duration cannot be negative")
    return seconds


Duration = Annotated[float, BeforeValidator(parse_duration)]


def check_timezone(value: str) -> str:
    """An IANA timezone name, or a ValueError that says so."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{value!r} is not an IANA timezone such as Europe/Berlin") from None
    return value


TimeZone = Annotated[str, AfterValidator(check_timezone)]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabaseSettings(Section):
    path: str = Field("watcher.db", description="SQLite file, relative to config.toml, used when no URL is set.")
    url_env: str = Field(
        "WATCHER_DATABASE_URL",
        description="Name of the environment variable that may hold a database URL (postgresql+psycopg://…).",
    )
    retention: Duration = Field(
        180 * 86400, description="How long gone item ids, old page versions, delivered messages and their "
        "decisions are kept (signals are kept)."
    )


class AccountsSettings(Section):
    file: str | None = Field(None, description="CSV of accounts imported by `watcher accounts import` without FILE.")


class FetchSettings(Section):
    user_agent: str = Field("watcher/0.1", description="Product token sent as User-Agent.")
    contact: str = Field(
        "https://github.com/watcher/watcher",
        description="Contact URL or e-mail added to the User-Agent so site owners can reach you.",
    )
    connect_timeout: Duration = Field(10, description="Seconds to wait for a TCP/TLS connection.")
    read_timeout: Duration = Field(20, description="Seconds to wait between two reads.")
    deadline: Duration = Field(60, description="Seconds a whole request (redirects and body) may take.")
    max_body_bytes: int = Field(10_000_000, gt=0, description="Cap on a decoded response body.")
    max_redirects: int = Field(5, ge=0, le=20, description="Redirects followed, each hop re-checked.")
    per_host_concurrency: int = Field(2, ge=1, description="Requests in flight to one host at once.")
    per_host_interval: Duration = Field(1.0, description="Minimum spacing between two requests to one host.")
    concurrency: int = Field(64, ge=1, description="Requests in flight in total.")
    respect_robots: bool = Field(True, description="Honour robots.txt for pages (not for APIs and feeds).")
    robots_ttl: Duration = Field(86400, description="How long a robots.txt is cached.")
    max_retry_after: Duration = Field(6 * 3600, description="Longest Retry-After honoured (longer is capped).")
    allow_networks: list[str] = Field(
        default_factory=list,
        description="CIDRs that may be reached although not globally routable (e.g. 127.0.0.0/8 for the demo).",
    )

    @field_validator("allow_networks")
    @classmethod
    def _cidrs(cls, value: list[str]) -> list[str]:
        for cidr in value:
            try:
                ipaddress.ip_network(cidr, strict=False)
            except ValueError as exc:
                raise ValueError(f"{cidr!r} is not a CIDR network") from exc
        return value


class ScheduleSettings(Section):
    tick: Duration = Field(15, description="How often due watches are claimed.")
    batch: int = Field(500, ge=1, description="Most watches claimed by one tick.")
    concurrency: int = Field(32, ge=1, description="Checks running at once.")
    lease: Duration = Field(600, description="How long a claimed watch is reserved for its checker.")
    jitter: float = Field(0.1, ge=0, le=0.5, description="Share of the interval used to spread watches.")
    backoff_base: Duration = Field(300, description="First retry delay after a failure.")
    backoff_max: Duration = Field(86400, description="Longest delay between two tries of a failing watch.")
    broken_after: int = Field(5, ge=1, description="Consecutive failures after which a watch is reported broken.")
    intervals: dict[str, Duration] = Field(
        default_factory=lambda: {"news": 3600.0},
        description="Interval per source kind (news = \"1h\"); kinds not listed use default_interval.",
    )
    default_interval: Duration = Field(6 * 3600, description="Interval of kinds not in [schedule.intervals].")
    confirm_after: Duration = Field(600, description="A changed page is re-fetched this soon to confirm the change "
                                    "before it is reported (0: report at once).")

    def interval_for(self, kind: str) -> float:
        return self.intervals.get(kind, self.default_interval)


class Range(Section):
    min: float | None = None
    max: float | None = None

    def contains(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class IcpWeights(Section):
    industry: float = 30
    employees: float = 25
    revenue: float = 15
    region: float = 15
    technologies: float = 15


class IcpTiers(Section):
    A: float = 80
    B: float = 60
    C: float = 40


class IcpSettings(Section):
    industries: list[str] = Field(default_factory=list, description="Industries that fit (case-insensitive).")
    employees: Range = Field(default_factory=Range, description="Headcount range that fits.")
    revenue: Range = Field(default_factory=Range, description="Annual revenue range (USD) that fits.")
    countries: list[str] = Field(default_factory=list, description="Countries or ISO codes that fit.")
    technologies: list[str] = Field(default_factory=list, description="Technologies of which any fits.")
    weights: IcpWeights = Field(default_factory=IcpWeights, description="Points per criterion.")
    tiers: IcpTiers = Field(default_factory=IcpTiers, description="Lowest score of each tier.")


class FeedSettings(Section):
    url: str = Field(description="RSS/Atom URL whose items are matched against all followed accounts.")
    name: str | None = Field(None, description="Label shown in status.")
    interval: Duration | None = Field(None, description="Overrides the news interval for this feed.")


class NewsSettings(Section):
    google_news: bool = Field(True, description="Watch a Google News search feed per account.")
    google_news_url: str = Field(
        "https://news.google.com/rss/search?q={query}&hl=en-US&gl=US&ceid=US:en",
        description="Template of the search feed; {query} is the URL-encoded account query.",
    )
    edgar_search_url: str = Field(
        'https://efts.sec.gov/LATEST/search-index?q="{query}"&forms=D',
        description="EDGAR full-text search used by `watcher discover` to find a company's CIK; {query} is its "
        "URL-encoded name.",
    )


class RulesSettings(Section):
    builtin: bool = Field(True, description="Load the built-in rule set (rules/builtin.toml) first.")
    files: list[str] = Field(default_factory=list, description="The team's own rule files, relative to config.toml.")
    group_window: Duration = Field(60, description="Signals for one account within this window go out as one message.")


class SlackSettings(Section):
    token_env: str = Field("SLACK_BOT_TOKEN", description="Environment variable holding a bot token (xoxb-…).")
    webhook_env: str = Field("SLACK_WEBHOOK_URL",
                             description="Environment variable holding an incoming-webhook URL (used without a token).")
    base_url: str = Field("https://slack.com/api/", description="Slack Web API base URL (tests point it elsewhere).")
    default_channel: str = Field("#signals", description="Channel used when a route names none (e.g. no owner).")
    timeout: Duration = Field(15, description="Seconds one Slack API call may take.")


class EmailSettings(Section):
    host: str = Field("localhost", description="SMTP server.")
    port: int = Field(587, ge=1, le=65535, description="SMTP port (587 STARTTLS, 465 TLS, 25 plain).")
    security: Literal["starttls", "tls", "none"] = Field("starttls", description="Transport security.")
    username_env: str = Field("SMTP_USERNAME", description="Environment variable holding the SMTP user name.")
    password_env: str = Field("SMTP_PASSWORD", description="Environment variable holding the SMTP password.")
    sender: str = Field("watcher@localhost", description="From address.")
    timeout: Duration = Field(30, description="Seconds one SMTP conversation may take.")


class DeliverySettings(Section):
    tick: Duration = Field(5, description="How often pending messages are sent.")
    max_attempts: int = Field(20, ge=1, description="Tries before a message is parked.")
    backoff_base: Duration = Field(30, description="First retry delay, doubling each time ...")
    backoff_max: Duration = Field(3600, description="... up to this.")
    max_retry_after: Duration = Field(3600, description="Longest Retry-After waited for; a message is rescheduled.")
    admin_route: str | None = Field(None, description="Where parked messages and broken sources are reported once.")


class DigestSettings(Section):
    name: str = Field("daily", description="Routes name it as digest:NAME.")
    recipients: list[str] = Field(default_factory=list,
                                  description="E-mail addresses, or `owners` for one digest per account owner.")
    at: str = Field("08:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="Local time it is sent (HH:MM).")
    timezone: TimeZone = Field("UTC", description="IANA timezone of `at`, e.g. Europe/Berlin.")
    send_empty: bool = Field(False, description="Send a digest even when the day had no signals.")
    max_items: int = Field(50, ge=1, description="Most signals listed; the rest are counted.")


class ReviewSourceSettings(Section):
    kind: str = Field(description="Source kind: reviews_page, app_store, reddit, hackernews.")
    target: str = Field(description="What to watch: a URL, an app id, a query.")
    platform: str | None = Field(None, description="Name shown for the site (G2, Capterra …) when the URL "
                                 "does not say.")


class CompetitorSettings(Section):
    name: str = Field(description="The competitor's name, as reviewers write it.")
    aliases: list[str] = Field(default_factory=list, description="Other names: product names, old names.")
    domain: str = Field(description="The competitor's domain (identifies it; also matched in posts).")
    context: list[str] = Field(default_factory=list, description="Category words that tell posts about this "
                               "competitor from others with its name (e.g. payroll, invoicing).")
    sources: list[str | ReviewSourceSettings] = Field(
        default_factory=list, description="Review sources as KIND:TARGET (reviews_page:https://…, "
        "app_store:us:123456, reddit:Initech alternative, hackernews:Initech) or as tables "
        "{ kind, target, platform }.")

    @field_validator("sources")
    @classmethod
    def _sources(cls, value: list[str | ReviewSourceSettings]) -> list[str | ReviewSourceSettings]:
        for source in value:
            if isinstance(source, str):
                kind, sep, target = source.partition(":")
                if not sep or not kind.strip() or not target.strip():
                    raise ValueError(f"{source!r} is not KIND:TARGET (e.g. reddit:Initech alternative)")
        return value

    def source_specs(self) -> list[tuple[str, str, str | None]]:
        """(kind, target, platform) of every source."""
        out: list[tuple[str, str, str | None]] = []
        for source in self.sources:
            if isinstance(source, str):
                kind, _, target = source.partition(":")
                out.append((kind.strip(), target.strip(), None))
            else:
                out.append((source.kind, source.target, source.platform))
        return out


class LoggingSettings(Section):
    level: str = Field("INFO", description="DEBUG, INFO, WARNING or ERROR.")

    @field_validator("level")
    @classmethod
    def _level(cls, value: str) -> str:
        if value.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("must be DEBUG, INFO, WARNING or ERROR")
        return value.upper()


class Settings(Section):
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    accounts: AccountsSettings = Field(default_factory=AccountsSettings)
    fetch: FetchSettings = Field(default_factory=FetchSettings)
    schedule: ScheduleSettings = Field(default_factory=ScheduleSettings)
    icp: IcpSettings = Field(default_factory=IcpSettings)
    news: NewsSettings = Field(default_factory=NewsSettings)
    feeds: list[FeedSettings] = Field(default_factory=list)
    rules: RulesSettings = Field(default_factory=RulesSettings)
    slack: SlackSettings = Field(default_factory=SlackSettings)
    email: EmailSettings = Field(default_factory=EmailSettings)
    delivery: DeliverySettings = Field(default_factory=DeliverySettings)
    digests: list[DigestSettings] = Field(default_factory=list)
    competitors: list[CompetitorSettings] = Field(default_factory=list)
    logging: LoggingSettings = Field(default_factory=LoggingSettings)

    @model_validator(mode="after")
    def _unique_digests(self) -> Settings:
        names = [d.name for d in self.digests]
        for name in names:
            if names.count(name) > 1:
                raise ValueError(f"digest name {name!r} is used twice")
        return self

    # Where the file was read from; relative paths are resolved against its folder.
    base_dir: Path = Field(default_factory=Path.cwd, exclude=True)

    def database_url(self, environ: dict[str, str] | None = None) -> str:
        """The database URL: the named environment variable if set, else the SQLite file."""
        env = os.environ if environ is None else environ
        url = env.get(self.database.url_env)
        if url:
            return url
        return f"sqlite:///{self.resolve(self.database.path)}"

    def resolve(self, path: str) -> Path:
        candidate = Path(path).expanduser()
        return candidate if candidate.is_absolute() else self.base_dir / candidate


def _key_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _describe(error: dict[str, Any]) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key"
    msg = str(error["msg"])
    msg = msg.removeprefix("Value error, ")
    if error["type"] not in {"missing"} and "input" in error and not isinstance(error["input"], dict | list):
        msg += f" (got {error['input']!r})"
    return msg


def settings_from_dict(data: dict[str, Any], *, source: str, base_dir: Path) -> Settings:
    """Validate ``data``; errors name ``source``, the key path and the problem, one per line."""
    try:
        return Settings.model_validate({**data, "base_dir": base_dir})
    except ValidationError as exc:
        lines = [f"{source}: {_key_path(err['loc'])}: {_describe(dict(err))}" for err in exc.errors()]
        raise ConfigError("\n".join(lines)) from None


def config_path(explicit: str | Path | None = None) -> Path:
    """The file chosen by ``--config``, then ``WATCHER_CONFIG``, then ./config.toml."""
    return Path(explicit or os.environ.get("WATCHER_CONFIG") or DEFAULT_CONFIG)


def load_settings(path: str | Path | None = None) -> Settings:
    """Read and validate a config file."""
    file = config_path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{file}: no such file (set --config or WATCHER_CONFIG)") from None
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read: {exc.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{file}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: invalid TOML: {exc}") from None
    return settings_from_dict(data, source=str(file), base_dir=file.resolve().parent)
