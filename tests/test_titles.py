"""Title interpretation measured on a hand-labelled table of real-style titles, plus its sharp edges.

The table (tests/fixtures/titles/labelled.tsv) was written before the classifier; holdout.tsv was
written after it and never used to tune it, so its figures are the honest ones. Both are printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from watcher.titles import DEPARTMENTS, SENIORITIES, at_least, classify_title, clean_title

TABLES = Path(__file__).parent / "fixtures" / "titles"


@dataclass(frozen=True)
class Row:
    title: str
    seniority: str
    department: str


def load(name: str) -> list[Row]:
    rows = []
    for line in (TABLES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            title, seniority, department = line.split("\t")
            rows.append(Row(title, seniority, department))
    return rows


@dataclass(frozen=True)
class Scores:
    size: int
    precision: float  # of "Director or above"
    recall: float
    seniority: float
    department: float
    misses: tuple[str, ...]

    def __str__(self) -> str:
        return (f"{self.size} titles: Director+ precision {self.precision:.3f} recall {self.recall:.3f}, "
                f"seniority accuracy {self.seniority:.3f}, department accuracy {self.department:.3f}")


def score(rows: list[Row]) -> Scores:
    tp = fp = fn = seniority_ok = department_ok = 0
    misses = []
    for row in rows:
        info = classify_title(row.title)
        truth = at_least(row.seniority, "Director")
        tp += info.is_leadership and truth
        fp += info.is_leadership and not truth
        fn += truth and not info.is_leadership
        seniority_ok += info.seniority == row.seniority
        department_ok += info.department == row.department
        if (info.seniority, info.department) != (row.seniority, row.department):
            misses.append(f"{row.title!r}: got {info.seniority}/{info.department}, "
                          f"labelled {row.seniority}/{row.department}")
    return Scores(len(rows), tp / ((tp + fp) or 1), tp / ((tp + fn) or 1), seniority_ok / len(rows),
                  department_ok / len(rows), tuple(misses))


@pytest.mark.parametrize("table", ["labelled.tsv", "holdout.tsv", "blind.tsv", "blind2.tsv", "blind3.tsv"])
def test_the_labels_use_the_documented_vocabulary(table: str) -> None:
    for row in load(table):
        assert row.seniority in SENIORITIES and row.department in DEPARTMENTS, row


def test_labelled_table_meets_the_bar(capsys: pytest.CaptureFixture[str]) -> None:
    rows = load("labelled.tsv")
    result, holdout = score(rows), score(load("holdout.tsv"))
    blind, blind2, blind3 = score(load("blind.tsv")), score(load("blind2.tsv")), score(load("blind3.tsv"))
    report = (f"labelled: {result}\nholdout (not tuned on): {holdout}\nblind (another author; tuned on once): {blind}\n"
              f"blind2 (a third author; tuned on once): {blind2}\nblind3 (a fourth author; tuned on once): {blind3}\n"
              + "\n".join(result.misses + holdout.misses + blind.misses + blind2.misses + blind3.misses))
    with capsys.disabled():
        print(f"\n{report}")
    assert len(rows) >= 300
    assert result.precision >= 0.95 and result.department >= 0.90, report
    assert holdout.precision >= 0.95 and holdout.department >= 0.80, report
    assert blind.precision >= 0.95 and blind.recall >= 0.95 and blind.department >= 0.90, report
    assert blind2.precision >= 0.95 and blind2.recall >= 0.95 and blind2.department >= 0.90, report
    # blind3 was measured once at precision 0.878, recall 0.860, department 0.772 (boards' noise, typos, Japanese
    # and Chinese, interns); what is left are labels the authors read differently (SOURCES.md)
    assert blind3.precision >= 0.95 and blind3.recall >= 0.93 and blind3.department >= 0.85, report


@pytest.mark.parametrize(("title", "seniority", "department"), [
    ("Chief of Staff", "IC", "Executive"),
    # European words and the noun-first order (what the blind table taught, in other titles than its rows)
    ("Ingeniero de Datos", "IC", "Data"), ("Ingénieur Commercial (H/F)", "IC", "Sales"),
    ("Ingénieur", "IC", "Engineering"), ("Dyrektor Sprzedaży", "Director", "Sales"),
    ("Kierownik Sprzedaży", "Manager", "Sales"), ("Consejero Delegado", "C-level", "Executive"),
    ("Analytical Chemist – GC/MS", "IC", "Other"), ("Patentanwalt (m/w/d)", "IC", "Legal"),
    ("Affärsutvecklare B2B", "IC", "Other"), ("Informatica ETL Developer", "IC", "Engineering"),
    ("Cyber Account Executive", "IC", "Sales"), ("Datenschutzbeauftragter (m/w/d)", "IC", "Legal"),
    ("Audit Committee Chair", "IC", "Finance"), ("Chairman of the Board", "C-level", "Executive"),
    ("GC Superintendent", "IC", "Other"), ("Lager Brewer", "IC", "Other"),
    # the second blind table's lessons, in other titles
    ("AGM - Marketing", "Manager", "Marketing"), ("DGM - Human Resources", "Director", "People"),
    ("Inside Sales Rep (BDR), Nordics", "IC", "Sales Development"), ("CPQ Administrator", "IC", "RevOps"),
    ("Plant Manager - Monterrey", "Manager", "Operations"), ("Quality Assurance Engineer", "IC", "Engineering"),
    ("Security Guard - Night Shift", "IC", "Other"), ("Chief Security Officer", "C-level", "Security"),
    ("MD Physician", "IC", "Other"), ("Data Chief Architect", "IC", "Data"),
    ("MD, India", "C-level", "Executive"), ("MD, PhD", "IC", "Other"),
    ("VP Sales (SDR, AE, AM)", "VP", "Sales"), ("Account Executive (ex-SDR)", "IC", "Sales"),
    ("Executive Assistant to the CEO", "IC", "Executive"),
    ("Head Chef", "Manager", "Other"),
    ("Director of Photography", "IC", "Other"),
    ("Sales Director Assistant", "IC", "Sales"),
    ("CRO", "C-level", "Sales"),
    ("CRO Specialist (Conversion Rate Optimisation)", "IC", "Demand Gen"),
    ("Account Manager", "IC", "Sales"),
    ("Manager, Customer Success", "Manager", "Customer Success"),
    ("Vice President Ventes", "VP", "Sales"),
    ("Leiter Vertrieb (m/w/d)", "Head", "Sales"),
    ("AVP", "Director", "Other"),
    # the third blind table's lessons, in other titles
    ("Regional Sales Mangaer – Texas", "Manager", "Sales"), ("Vice Presdient of Marketing", "VP", "Marketing"),
    ("Direcor, Customer Success", "Director", "Customer Success"), ("Office Manager", "IC", "Operations"),
    ("Executivo de Contas", "IC", "Sales"), ("営業本部長", "Head", "Sales"), ("首席技术官", "C-level", "Engineering"),
    ("市场总监", "Director", "Marketing"), ("営業部長 / Sales Director", "Director", "Sales"),
    ("Intern – Office of the CFO", "IC", "Finance"), ("Werkstudent (m/w/d) Geschäftsführung", "IC", "Executive"),
    ("Field CTO, EMEA", "IC", "Sales Engineering"), ("Data Protection Officer", "IC", "Legal"),
    ("Senior HRBP", "IC", "People"), ("Trust & Safety Lead", "IC", "Operations"),
    ("Loan Officer", "IC", "Sales"), ("Chef de projet digital (H/F)", "IC", "Other"),
    ("Associate Creative Director", "Manager", "Marketing"), ("VD till SaaS-bolag", "C-level", "Executive"),
    ("Toimitusjohtaja", "C-level", "Executive"), ("Teamleider Verkoop", "Manager", "Sales"),
    # the review of those lessons: the rules must not reach further than the role they name
    ("VP, Volunteer Engagement", "VP", "Other"), ("Director of Internship Programs", "Director", "Other"),
    ("Chief Volunteer Officer", "C-level", "Other"), ("VP Marketing | Volunteer at Red Cross", "VP", "Marketing"),
    ("CFO (ex-Trainee at KPMG)", "C-level", "Finance"), ("VP of Sales, Internship.com", "VP", "Sales"),
    ("Founder & CEO, Head Start Ventures", "C-level", "Executive"), ("VP of Broadcast Sales", "VP", "Sales"),
    ("Field CTO & VP Solutions Engineering", "VP", "Sales Engineering"), ("总经理助理", "IC", "Executive"),
    ("社長室", "IC", "Executive"), ("Associate Principal, Director of Sales", "Director", "Sales"),
    ("Manager, Enablement (Sales & CS)", "Manager", "RevOps"),
], ids=lambda value: str(value))
def test_traps(title: str, seniority: str, department: str) -> None:
    info = classify_title(title)
    assert (info.seniority, info.department) == (seniority, department)


@pytest.mark.parametrize(("raw", "cleaned"), [
    ("Leiter Vertrieb Süd (m/w/d)", "Leiter Vertrieb Süd"),
    ("Directeur Marketing (H/F)", "Directeur Marketing"),
    ("Mid-Market Account Executive #2187", "Mid-Market Account Executive"),
    ("VP of Sales &amp; Marketing", "VP of Sales & Marketing"),
    ("  Head of Demand Gen (EMEA)  ", "Head of Demand Gen (EMEA)"),
    ("Vertriebsleiter m/w/d", "Vertriebsleiter"),
    ("Head of Sales（m/w/d）", "Head of Sales"),
    ("Account Executive Req ID: 48213", "Account Executive"),
    ("SDR (Requisition #904)", "SDR"),
    ("Head of RevOps, 2025 Plan", "Head of RevOps, 2025 Plan"),
], ids=["gender-de", "gender-fr", "requisition", "entity", "spaces", "gender-bare", "gender-fullwidth",
        "requisition-id", "requisition-bracket", "year-kept"])
def test_clean_title(raw: str, cleaned: str) -> None:
    assert clean_title(raw) == cleaned


def test_at_least_orders_seniority() -> None:
    assert at_least("VP", "Director") and at_least("Director", "Director") and not at_least("Manager", "Director")
