"""CRM export reading: domains, numbers, headers, encodings, delimiters and row errors with line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from watcher.csvimport import (
    AccountRow,
    CsvImport,
    RowError,
    normalize_domain,
    parse_employees,
    parse_number,
    read_accounts_csv,
)
from watcher.errors import ConfigError

FIXTURES = Path(__file__).parent / "fixtures" / "accounts"


def write(tmp_path: Path, text: str | bytes, name: str = "accounts.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


def read(tmp_path: Path, text: str | bytes) -> CsvImport:
    return read_accounts_csv(write(tmp_path, text))


def errors(result: CsvImport) -> list[tuple[int, str | None, bool]]:
    return [(e.line, e.column, e.skipped) for e in result.errors]


# --- domains ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("acme.io", "acme.io", id="bare"),
    pytest.param("https://www.Acme.io/about?x=1", "acme.io", id="url-www-path-query"),
    pytest.param("WWW.ACME.IO.", "acme.io", id="upper-www-trailing-dot"),
    pytest.param("http://acme.io:8080", "acme.io", id="port"),
    pytest.param("acme.io:8080/x", "acme.io", id="port-no-scheme"),
    pytest.param("acme.io/path", "acme.io", id="path-no-scheme"),
    pytest.param("  acme.io  ", "acme.io", id="padded"),
    pytest.param("user@acme.io", "acme.io", id="email"),
    pytest.param("mailto:Sales@Acme.io", "acme.io", id="mailto"),
    pytest.param("https://user:pw@www.acme.io/", "acme.io", id="userinfo"),
    pytest.param("//acme.io/x", "acme.io", id="protocol-relative"),
    pytest.param("shop.acme.co.uk", "shop.acme.co.uk", id="subdomain-kept"),
    pytest.param("www2.acme.io", "www2.acme.io", id="only-www-stripped"),
    pytest.param("bücher.de", "xn--bcher-kva.de", id="idn"),
    pytest.param("https://www.MÜLLER.de/kontakt", "xn--mller-kva.de", id="idn-upper-url"),
    pytest.param("xn--bcher-kva.de", "xn--bcher-kva.de", id="punycode-kept"),
    pytest.param("my-company.io", "my-company.io", id="hyphen"),
    pytest.param("", None, id="empty"),
    pytest.param("acme", None, id="no-dot"),
    pytest.param("Acme Inc", None, id="spaces"),
    pytest.param("acme .io", None, id="inner-space"),
    pytest.param("acme_corp.io", None, id="underscore"),
    pytest.param("-acme.io", None, id="leading-hyphen"),
    pytest.param("acme..io", None, id="empty-label"),
    pytest.param("acme.io..", None, id="two-trailing-dots"),
    pytest.param("10.0.0.1", None, id="ipv4"),
    pytest.param("http://", None, id="scheme-only"),
    pytest.param("n/a", None, id="n-a"),
    pytest.param("acme.i", None, id="one-letter-tld"),
    pytest.param("http://[::1]/", None, id="ipv6"),
    pytest.param("acme.io,acme.com", None, id="two-domains"),
])
def test_normalize_domain(value: str, expected: str | None) -> None:
    assert normalize_domain(value) == expected


# --- numbers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("1200", 1200, id="plain"),
    pytest.param("1,200", 1200, id="thousands-comma"),
    pytest.param("1,200,000.50", 1_200_000.5, id="us-decimal"),
    pytest.param("1.200.000", 1_200_000, id="eu-thousands"),
    pytest.param("1.234.567,5", 1_234_567.5, id="eu-decimal"),
    pytest.param("12,5", 12.5, id="decimal-comma"),
    pytest.param("1 200 000", 1_200_000, id="space-thousands"),
    pytest.param("1\u00a0200", 1200, id="nbsp-thousands"),
    pytest.param("1.2k", 1200, id="k"),
    pytest.param("1.2K", 1200, id="K"),
    pytest.param("$12.5M", 12_500_000, id="dollar-M"),
    pytest.param("5M", 5_000_000, id="M"),
    pytest.param("5MM", 5_000_000, id="MM"),
    pytest.param("2.5bn", 2_500_000_000, id="bn"),
    pytest.param("1B", 1_000_000_000, id="B"),
    pytest.param("5 million", 5_000_000, id="million-word"),
    pytest.param("USD 12,500,000.00", 12_500_000, id="usd-prefix"),
    pytest.param("12.5M USD", 12_500_000, id="usd-suffix"),
    pytest.param("US$3M", 3_000_000, id="us-dollar"),
    pytest.param("1-10", 10, id="range-small"),
    pytest.param("51-200", 200, id="range-upper-bound"),
    pytest.param("51 - 200", 200, id="range-spaced"),
    pytest.param("1,001–5,000", 5000, id="range-en-dash"),
    pytest.param("10 to 50", 50, id="range-to"),
    pytest.param("$1M-$10M", 10_000_000, id="range-money"),
    pytest.param("10000+", 10000, id="open-ended"),
    pytest.param("10,001+", 10001, id="open-ended-comma"),
    pytest.param("", None, id="empty"),
    pytest.param("   ", None, id="blank"),
    pytest.param("n/a", None, id="n-a"),
    pytest.param("-", None, id="dash"),
    pytest.param("Unknown", None, id="unknown"),
])
def test_parse_number(value: str, expected: float | None) -> None:
    assert parse_number(value) == expected


@pytest.mark.parametrize(("value", "message"), [
    pytest.param("abc", "'abc' is not a number", id="word"),
    pytest.param("12 apples", "is not a number", id="unknown-unit"),
    pytest.param("-5", "is not a number", id="negative"),
    pytest.param("1.2.3", "is not a number", id="two-dots"),
    pytest.param("1-2-3", "is not a number", id="two-dashes"),
    pytest.param("€5M", "is not in US dollars", id="euro"),
    pytest.param("5M EUR", "is not in US dollars", id="eur-code"),
    pytest.param("£200k", "is not in US dollars", id="pound"),
])
def test_parse_number_refuses(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_number(value)


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("240", 240, id="plain"),
    pytest.param("1.2k", 1200, id="k"),
    pytest.param("1.200", 1200, id="eu-thousands-not-1.2"),
    pytest.param("12.4", 12, id="rounded"),
    pytest.param("51-200", 200, id="range"),
    pytest.param("", None, id="empty"),
])
def test_parse_employees(value: str, expected: int | None) -> None:
    result = parse_employees(value)
    assert result == expected
    assert result is None or isinstance(result, int)


# --- headers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("header", "field"), [
    pytest.param(h, f, id=f"{f}:{h}") for f, headers in {
        "name": ["Name", "Company", "Company Name", "Account Name", "Organization", "company_name"],
        "industry": ["Industry", "Vertical", "Sector"],
        "employees": ["Employees", "# Employees", "Number of Employees", "Employee Count", "Headcount",
                      "Company Size", "Size", "NUMBER_OF_EMPLOYEES"],
        "revenue": ["Annual Revenue", "Revenue", "ARR"],
        "country": ["Country", "Billing Country", "HQ Country", "Country/Region"],
        "technologies": ["Technologies", "Tech Stack", "Tech", "Web Technologies"],
        "owner_email": ["Owner", "Owner Email", "Account Owner", "Account Owner Email", "Owner E-mail"],
        "owner_slack": ["Owner Slack", "Owner Slack ID", "Slack ID"],
        "tags": ["Tags", "Labels"],
        "aliases": ["Aliases", "Also Known As", "AKA"],
        "pricing_url": ["Pricing URL", "Pricing Page"],
        "job_board": ["Job Board", "ATS", "Careers"],
        "news_query": ["News Query"],
        "feeds": ["Feeds", "RSS", "Feed URLs"],
    }.items() for h in headers
])
def test_header_synonyms(tmp_path: Path, header: str, field: str) -> None:
    result = read(tmp_path, f"Domain,{header}\nacme.io,\n")
    assert result.columns == {"Domain": "domain", header: field}
    assert result.ignored_columns == []


@pytest.mark.parametrize("header", [
    "Domain", "Website", "Company Domain", "Company Domain Name", "URL", "Web Site", "  WEBSITE  ", "website_url",
])
def test_domain_header_synonyms(tmp_path: Path, header: str) -> None:
    result = read(tmp_path, f'"{header}"\nhttps://www.acme.io\n')
    assert [r.domain for r in result.rows] == ["acme.io"]


def test_domain_column_preferred_then_website_fallback(tmp_path: Path) -> None:
    result = read(tmp_path, "Website,Name,Domain\n"
                            "https://acme.io,Acme,acme.com\n"       # Domain wins over Website
                            "https://beta.io,Beta,\n"                # empty Domain: Website
                            "https://gamma.io,Gamma,not a domain\n")  # unusable Domain: Website
    assert [r.domain for r in result.rows] == ["acme.com", "beta.io", "gamma.io"]
    assert result.errors == []


def test_best_ranked_column_only_for_other_fields(tmp_path: Path) -> None:
    result = read(tmp_path, "Domain,Account Owner,Account Owner Email\nacme.io,Jane Doe,\n")
    assert result.rows[0].owner_email is None
    assert result.errors == []
    assert result.ignored_columns == ["Account Owner"]


def test_missing_domain_column_names_file_and_headers(tmp_path: Path) -> None:
    path = write(tmp_path, "Company,Industry,Employees\nAcme,SaaS,10\n")
    with pytest.raises(ConfigError) as info:
        read_accounts_csv(path)
    message = str(info.value)
    assert str(path) in message
    assert "no domain or website column" in message
    assert "'Company', 'Industry', 'Employees'" in message


@pytest.mark.parametrize("text", [
    pytest.param(b"", id="empty"), pytest.param(b"\r\n\r\n", id="blank-lines"), pytest.param(b"\xef\xbb\xbf", id="bom"),
])
def test_empty_file_is_a_config_error(tmp_path: Path, text: bytes) -> None:
    with pytest.raises(ConfigError, match="empty file"):
        read(tmp_path, text)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        read_accounts_csv(tmp_path / "nope.csv")


def test_unknown_columns_are_listed(tmp_path: Path) -> None:
    result = read(tmp_path, "Record ID,Domain,Lifecycle Stage,,Name\n1,acme.io,Lead,,Acme\n")
    assert result.ignored_columns == ["Record ID", "Lifecycle Stage"]
    assert result.rows[0].name == "Acme"


# --- realistic exports -----------------------------------------------------------------------------

def test_hubspot_export() -> None:
    result = read_accounts_csv(FIXTURES / "hubspot_companies.csv")
    assert result.errors == []
    assert result.ignored_columns == ["Record ID", "City", "Company owner", "Create Date", "Lifecycle Stage"]
    assert [(r.line, r.name, r.domain) for r in result.rows] == [
        (2, "Northwind Analytics", "northwind-analytics.io"),
        (3, "Brightlane Logistics", "brightlane-logistics.com"),  # empty domain, from Website URL
        (4, "Quillfeather", "quillfeather.app"),
        (5, "Harborpeak Health", "harborpeak.health"),
        (6, "Tidewater Fintech", "tidewater.finance"),
    ]
    first = result.rows[0]
    assert first == AccountRow(
        line=2, name="Northwind Analytics", domain="northwind-analytics.io", industry="Computer Software",
        employees=240, revenue=18_000_000.0, country="United States",
        technologies=("salesforce", "hubspot", "google_analytics"),
    )
    assert result.rows[3].employees is None and result.rows[3].revenue is None


def test_salesforce_export() -> None:
    result = read_accounts_csv(FIXTURES / "salesforce_accounts.csv")
    assert result.errors == []
    assert result.columns["Account Owner Email"] == "owner_email"
    assert "Account Owner" in result.ignored_columns
    assert [(r.name, r.domain, r.employees, r.revenue, r.country, r.owner_email) for r in result.rows] == [
        ("Cobalt Ridge Software", "cobaltridge.com", 1200, 250_000_000.0, "USA", "priya.natarajan@example.com"),
        ("Fernhill Retail Group", "fernhill-retail.co.uk", 5400, 1_200_000_000.0, "United Kingdom",
         "priya.natarajan@example.com"),
        ("Ostwind Maschinenbau GmbH", "ostwind-maschinenbau.de", 850, 140_000_000.0, "Germany",
         "tom.becker@example.com"),
        ("Lumen Ledger", "lumenledger.io", 60, 4_500_000.0, "United States", "tom.becker@example.com"),
    ]


# --- encodings and delimiters ----------------------------------------------------------------------

SOCIETE = "Name,Domain,Country\nSociété Générale,societegenerale.com,France\n"


@pytest.mark.parametrize(("data", "encoding"), [
    pytest.param(SOCIETE.encode("utf-8"), "utf-8", id="utf-8"),
    pytest.param(b"\xef\xbb\xbf" + SOCIETE.encode("utf-8"), "utf-8-sig", id="utf-8-bom"),
    pytest.param(SOCIETE.encode("cp1252"), "cp1252", id="cp1252"),
    pytest.param(SOCIETE.encode("utf-16"), "utf-16", id="utf-16-bom"),
    pytest.param(SOCIETE.encode("utf-16-le"), "utf-16-le", id="utf-16-le-no-bom"),
    pytest.param(SOCIETE.encode("utf-16-be"), "utf-16-be", id="utf-16-be-no-bom"),
])
def test_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    result = read(tmp_path, data)
    assert result.encoding == encoding
    assert result.columns == {"Name": "name", "Domain": "domain", "Country": "country"}  # no BOM in "Name"
    assert [(r.name, r.domain) for r in result.rows] == [("Société Générale", "societegenerale.com")]


def test_cp1252_typographic_characters(tmp_path: Path) -> None:
    data = "Name,Domain\nL’Atelier “Bleu” – Paris,atelier-bleu.fr\n".encode("cp1252")
    assert read(tmp_path, data).rows[0].name == "L’Atelier “Bleu” – Paris"


def test_latin1_fallback_when_not_cp1252(tmp_path: Path) -> None:
    data = b"Name,Domain\nCaf\xe9\x81,cafe.fr\n"  # 0x81 is undefined in cp1252
    result = read(tmp_path, data)
    assert result.encoding == "latin-1"
    assert result.rows[0].name == "Café\x81"


@pytest.mark.parametrize(("text", "delimiter", "line"), [
    pytest.param("Name,Domain,Employees\nAcme,acme.io,\"1,200\"\n", ",", 2, id="comma"),
    pytest.param("Name;Domain;Employees\nAcme;acme.io;1.200\n", ";", 2, id="semicolon"),
    pytest.param("Name\tDomain\tEmployees\nAcme\tacme.io\t1200\n", "\t", 2, id="tab"),
    pytest.param("sep=;\nName;Domain;Employees\nAcme;acme.io;1200\n", ";", 3, id="excel-sep-line"),
    pytest.param("Name;Domain;Employees\r\nAcme;acme.io;1200\r\n", ";", 2, id="crlf"),
    pytest.param("Name;Domain;Employees\rAcme;acme.io;1200\r", ";", 2, id="old-mac-cr"),
    pytest.param("\n\nName,Domain,Employees\n\nAcme,acme.io,1200\n", ",", 5, id="blank-lines"),
])
def test_delimiters(tmp_path: Path, text: str, delimiter: str, line: int) -> None:
    result = read(tmp_path, text)
    assert result.delimiter == delimiter
    assert result.errors == []
    assert [(r.line, r.name, r.domain, r.employees) for r in result.rows] == [(line, "Acme", "acme.io", 1200)]


# --- row errors ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected", "kept"), [
    pytest.param("Name,Domain\nAcme,\n", [(2, "Domain", True)], [], id="no-domain"),
    pytest.param("Name,Domain\n,\nBeta,beta.io\n", [], [3], id="all-empty-row-skipped-silently"),
    pytest.param("Name,Domain,Industry\n,,SaaS\n", [(2, "Domain", True)], [], id="no-name-no-domain"),
    pytest.param("Name,Domain\nAcme,Acme Inc\n", [(2, "Domain", True)], [], id="garbage-domain"),
    pytest.param("Name,Domain,Website\nAcme,,\n", [(2, "Domain", True)], [], id="no-domain-no-website"),
    pytest.param("Name,Domain,Employees\nAcme,acme.io,lots\n", [(2, "Employees", False)], [2], id="bad-employees"),
    pytest.param("Name,Domain,ARR\nAcme,acme.io,€5M\n", [(2, "ARR", False)], [2], id="foreign-revenue"),
    pytest.param("Name,Domain,Owner\nAcme,acme.io,Jane Doe\n", [(2, "Owner", False)], [2], id="owner-not-email"),
    pytest.param("Name,Domain,ATS\nAcme,acme.io,taleo:acme\n", [(2, "ATS", False)], [2], id="unknown-ats"),
    pytest.param("Name,Domain,Feeds\nAcme,acme.io,ftp://acme.io/x\n", [(2, "Feeds", False)], [2], id="bad-feed"),
    pytest.param("Name,Domain,Pricing URL\nAcme,acme.io,not a url\n", [(2, "Pricing URL", False)], [2],
                 id="bad-pricing-url"),
    pytest.param("Name,Domain\nAcme,acme.io,extra\n", [(2, None, True)], [], id="too-many-cells"),
    pytest.param("Name,Domain\nAcme,acme.io,,\n", [], [2], id="trailing-empty-cells-ok"),
    pytest.param("Domain,Name\nacme.io\n", [], [2], id="too-few-cells-ok"),
    pytest.param('Name,Domain,Employees\n"Acme\nCorp",acme.io,1\nBeta,beta.io,x\n', [(4, "Employees", False)], [2, 4],
                 id="multiline-cell-keeps-line-numbers"),
])
def test_row_errors(tmp_path: Path, text: str, expected: list[tuple[int, str | None, bool]],
                    kept: list[int]) -> None:
    result = read(tmp_path, text)
    assert errors(result) == expected
    assert [r.line for r in result.rows] == kept


def test_bad_cell_is_left_empty_and_message_names_value(tmp_path: Path) -> None:
    result = read(tmp_path, "Name,Domain,Employees,Industry\nAcme,acme.io,lots,SaaS\n")
    assert result.rows == [AccountRow(line=2, name="Acme", domain="acme.io", industry="SaaS")]
    assert result.errors == [RowError(line=2, column="Employees", message="'lots' is not a number")]
    assert str(result.errors[0]) == "line 2, Employees: 'lots' is not a number"


def test_row_error_str_for_skipped_row(tmp_path: Path) -> None:
    result = read(tmp_path, "Name,Website\nAcme,\n")
    assert [str(e) for e in result.errors] == ["line 2, Website: no domain or website (row skipped)"]


def test_name_falls_back_to_domain(tmp_path: Path) -> None:
    result = read(tmp_path, "Name,Domain\n,https://www.acme.io\n")
    assert [(r.name, r.domain) for r in result.rows] == [("acme.io", "acme.io")]
    assert result.errors == []


def test_duplicate_domain_keeps_first(tmp_path: Path) -> None:
    result = read(tmp_path, "Name,Domain\nAcme,acme.io\nBeta,beta.io\nAcme Corp,https://www.ACME.io/\n")
    assert [(r.line, r.name) for r in result.rows] == [(2, "Acme"), (3, "Beta")]
    assert result.errors == [RowError(line=4, column="Domain", message="acme.io is a duplicate of line 2",
                                      skipped=True)]


def test_duplicate_names_the_column_the_domain_came_from(tmp_path: Path) -> None:
    result = read(tmp_path, "Domain,Website\nacme.io,\n,https://www.acme.io\n")
    assert errors(result) == [(3, "Website", True)]


def test_stray_nul_bytes_are_dropped(tmp_path: Path) -> None:
    assert read(tmp_path, b"Name,Domain\nAc\x00me,acme.io\n").rows[0].name == "Acme"


def test_oversized_cell_is_a_config_error_with_line(tmp_path: Path) -> None:
    path = write(tmp_path, "Name,Domain\nAcme,acme.io\nBeta," + "x" * 200_000 + "\n")
    with pytest.raises(ConfigError, match=rf"{tmp_path}.*line 3: field larger than field limit"):
        read_accounts_csv(path)


# --- lists and watch columns -----------------------------------------------------------------------

def test_lists_split_and_dedupe(tmp_path: Path) -> None:
    text = ('Domain,Tech Stack,Tags,Aliases\n'
            'acme.io,"Salesforce, HubSpot;Segment|Salesforce","tier-1; emea","Acme, Inc.; ACME|Acme Robotics"\n')
    row = read(tmp_path, text).rows[0]
    assert row.technologies == ("Salesforce", "HubSpot", "Segment")
    assert row.tags == ("tier-1", "emea")
    assert row.aliases == ("Acme, Inc.", "ACME", "Acme Robotics")  # commas belong to legal names


def test_text_cells_are_tidied(tmp_path: Path) -> None:
    text = ('Domain,Name,Owner Email,Owner Slack,News Query\n'
            'acme.io,"  Acme   Corp ",Jane <Jane@Acme.io>, U01AB ,"""Acme Corp"" funding"\n')
    row = read(tmp_path, text).rows[0]
    assert (row.name, row.owner_email, row.owner_slack, row.news_query) == (
        "Acme Corp", "jane@acme.io", "U01AB", '"Acme Corp" funding')


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("greenhouse:acme", "greenhouse:acme", id="greenhouse"),
    pytest.param("Lever: acme-inc", "lever:acme-inc", id="kind-case-and-space"),
    pytest.param("ashby:Acme.Labs", "ashby:Acme.Labs", id="token-case-kept"),
    pytest.param("workable:acme", "workable:acme", id="workable"),
    pytest.param("smartrecruiters:AcmeGmbH", "smartrecruiters:AcmeGmbH", id="smartrecruiters"),
    pytest.param("recruitee:acme", "recruitee:acme", id="recruitee"),
    pytest.param("https://boards.greenhouse.io/acme/jobs/123", "greenhouse:acme", id="greenhouse-url"),
    pytest.param("https://job-boards.greenhouse.io/acme", "greenhouse:acme", id="greenhouse-new-url"),
    pytest.param("https://jobs.lever.co/acme", "lever:acme", id="lever-url"),
    pytest.param("https://jobs.ashbyhq.com/acme", "ashby:acme", id="ashby-url"),
    pytest.param("https://apply.workable.com/acme/", "workable:acme", id="workable-url"),
    pytest.param("https://careers.smartrecruiters.com/AcmeGmbH", "smartrecruiters:AcmeGmbH", id="sr-url"),
    pytest.param("https://acme.recruitee.com/", "recruitee:acme", id="recruitee-url"),
    pytest.param("acme", None, id="no-kind"),
    pytest.param("greenhouse:", None, id="no-token"),
    pytest.param("greenhouse:acme inc", None, id="space-in-token"),
    pytest.param("taleo:acme", None, id="unknown-kind"),
    pytest.param("https://acme.io/careers", None, id="own-careers-page"),
])
def test_job_board(tmp_path: Path, value: str, expected: str | None) -> None:
    result = read(tmp_path, f'Domain,Job Board\nacme.io,"{value}"\n')
    assert result.rows[0].job_board == expected
    assert [e.column for e in result.errors] == ([] if expected else ["Job Board"])


def test_job_board_kinds_can_be_passed(tmp_path: Path) -> None:
    path = write(tmp_path, "Domain,ATS\nacme.io,personio:acme\nbeta.io,lever:beta\n")
    result = read_accounts_csv(path, job_board_kinds={"personio"})
    assert [r.job_board for r in result.rows] == ["personio:acme", None]
    assert result.errors == [RowError(line=3, column="ATS", message=(
        "'lever:beta' is not a job board; expected KIND:TOKEN, KIND one of personio"))]


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("https://acme.io/feed.xml", ("https://acme.io/feed.xml",), id="one"),
    pytest.param("https://a.io/rss; https://b.io/atom|https://c.io/f https://a.io/rss",
                 ("https://a.io/rss", "https://b.io/atom", "https://c.io/f"), id="separators-and-dedupe"),
    pytest.param("acme.io/blog/rss", ("https://acme.io/blog/rss",), id="scheme-added"),
])
def test_feeds(tmp_path: Path, value: str, expected: tuple[str, ...]) -> None:
    assert read(tmp_path, f'Domain,Feeds\nacme.io,"{value}"\n').rows[0].feeds == expected


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("https://acme.io/pricing", "https://acme.io/pricing", id="full"),
    pytest.param("acme.io/pricing", "https://acme.io/pricing", id="scheme-added"),
    pytest.param("http://acme.io/pricing", "http://acme.io/pricing", id="http-kept"),
])
def test_pricing_url(tmp_path: Path, value: str, expected: str) -> None:
    assert read(tmp_path, f"Domain,Pricing Page\nacme.io,{value}\n").rows[0].pricing_url == expected
