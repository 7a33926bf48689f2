"""The demo world's script: who the companies are and what happens to them, step by step.

Each entry is published at a step and stays published after it. Later issues add their
kinds (job boards, pricing pages, reviews) as more entries here.
"""

from __future__ import annotations

from dataclasses import dataclass

STEPS = 5  # step 0 is the baseline the daemon records silently


@dataclass(frozen=True, slots=True, kw_only=True)
class Company:
    slug: str
    name: str
    domain: str
    industry: str
    employees: int
    country: str
    owner_email: str
    owner_slack: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    step: int
    feed: str  # "<slug>" for a company blog, "wire" for the global venture feed
    guid: str
    title: str
    summary: str


COMPANIES = (
    Company(slug="acme", name="Acme Robotics", domain="acme-robotics.io", industry="Software", employees=180,
            country="US", owner_email="dana@seller.example", owner_slack="U0DANA"),
    Company(slug="northwind", name="Northwind Data", domain="northwind.dev", industry="SaaS", employees=420,
            country="GB", owner_email="sam@seller.example"),
    Company(slug="globex", name="Globex", domain="globex.example", industry="Manufacturing", employees=9000,
            country="DE", owner_email="kim@seller.example"),
)

STORIES = (
    # Back catalogue: present at the baseline, never alerted.
    Story(step=0, feed="acme", guid="acme-1", title="Acme Robotics opens Austin office",
          summary="We are growing in Texas."),
    Story(step=0, feed="wire", guid="wire-1", title="Northwind Data named a Gartner Cool Vendor",
          summary="Northwind Data was recognised for its pipeline tooling."),
    # Step 1: the company's own blog and the wire both carry news.
    Story(step=1, feed="acme", guid="acme-2", title="Introducing Acme Fleet Manager",
          summary="Acme Robotics ships its fleet product to general availability."),
    Story(step=1, feed="wire", guid="wire-2", title="Acme Robotics raises $40M Series B led by Foo Ventures",
          summary="Acme Robotics, the warehouse automation company, raised $40 million."),
    # Step 2: a second outlet reports the same raise; a look-alike company is in the news.
    Story(step=2, feed="wire", guid="wire-3", title="Acme Robotics raises $40M Series B led by Foo Ventures",
          summary="Second outlet, same event."),
    Story(step=2, feed="wire", guid="wire-4", title="Acme Roboticsworks recalls toy arms",
          summary="A toy maker with a similar name recalls a product."),
    # Step 3: Northwind appears on the wire; a story about nobody we follow.
    Story(step=3, feed="wire", guid="wire-5", title="Northwind Data appoints Jane Roe as Chief Revenue Officer",
          summary="Northwind Data hires a CRO from Snowflake."),
    Story(step=3, feed="wire", guid="wire-6", title="Initech lays off 10% of staff",
          summary="Unrelated company news."),
    # Step 4: nothing new on the feeds: the daemon stays quiet.
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Posting:
    step: int
    board: str  # company slug
    id: int
    title: str
    location: str
    department: str


POSTINGS = (
    Posting(step=0, board="acme", id=4012345, title="Senior Software Engineer, Platform", location="Remote - US",
            department="Engineering"),
    Posting(step=0, board="acme", id=4012346, title="Account Executive - Mid-Market", location="New York, NY",
            department="Sales"),
    Posting(step=2, board="acme", id=4099001, title="VP of Sales, North America", location="New York, NY",
            department="Sales"),
)

# Pricing pages: (company slug, step from which the price list applies, plans as (name, price or None)).
PRICING = (
    ("acme", 0, (("Starter", "$19"), ("Pro", "$49"), ("Enterprise", None))),
    ("acme", 3, (("Pro", "$59"), ("Enterprise", None))),
    ("northwind", 0, (("Team", "$29"), ("Business", "$99"))),
)
TESTIMONIALS = ("It changed how we work. — Jo, Initech", "Best tool we bought this year. — Sam, Globex",
                "Our team loves it. — Kim, Umbrella")
