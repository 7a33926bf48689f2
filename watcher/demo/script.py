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
    # Step 1: the company's own blog and the wire both carry news; the raise is first reported.
    Story(step=1, feed="acme", guid="acme-2", title="Introducing Acme Fleet Manager",
          summary="Acme Robotics ships its fleet product to general availability."),
    Story(step=1, feed="wire", guid="wire-2",
          title="Acme Robotics raises $40M Series B led by Foo Ventures - TechCrunch",
          summary="Acme Robotics, the warehouse automation company, raised $40 million in a Series B round led by "
                  "Foo Ventures, with participation from Bar Capital."),
    # Step 2: a second outlet reports the same raise; a look-alike company raises too.
    Story(step=2, feed="wire", guid="wire-3",
          title="Warehouse robot maker Acme Robotics lands $40 million Series B - VentureBeat",
          summary="Acme Robotics said Foo Ventures led the round."),
    Story(step=2, feed="wire", guid="wire-4", title="Acme Roboticsworks raises $5M seed round for toy robot arms",
          summary="Acme Roboticsworks, a toy maker in Ohio, raised a $5 million seed round."),
    # Step 3: a third outlet, a leadership move at Northwind, and a story about nobody we follow.
    Story(step=3, feed="wire", guid="wire-5",
          title="Acme Robotics secures $40M in Series B funding - Crunchbase News",
          summary="The Series B brings Acme Robotics' total funding to $55 million."),
    Story(step=3, feed="wire", guid="wire-6", title="Northwind Data appoints Jane Roe as Chief Revenue Officer",
          summary="Northwind Data hires a CRO from Snowflake."),
    Story(step=3, feed="wire", guid="wire-7", title="Initech lays off 10% of staff",
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
    # Step 3: five SDR roles in a week: one surge, not five alerts.
    *(Posting(step=3, board="acme", id=4099100 + n, title=title, location=city, department="Sales Development")
      for n, (title, city) in enumerate([("Sales Development Representative", "Austin, TX"),
                                         ("Sales Development Representative", "Denver, CO"),
                                         ("Sales Development Representative, EMEA", "London, UK"),
                                         ("Senior Sales Development Representative", "Austin, TX"),
                                         ("Business Development Representative", "Remote - US")])),
)

# Pricing pages: (company slug, step from which the price list applies, plans as (name, price or None)).
PRICING = (
    ("acme", 0, (("Starter", "$19"), ("Pro", "$49"), ("Enterprise", None))),
    ("acme", 3, (("Pro", "$59"), ("Enterprise", None))),
    ("northwind", 0, (("Team", "$29"), ("Business", "$99"))),
)
TESTIMONIALS = ("It changed how we work. — Jo, Initech", "Best tool we bought this year. — Sam, Globex",
                "Our team loves it. — Kim, Umbrella")


@dataclass(frozen=True, slots=True, kw_only=True)
class Review:
    step: int
    id: str
    rating: int
    title: str
    body: str
    author: str
    company: str | None = None
    industry: str | None = None
    size: tuple[int, int] | None = None


COMPETITOR = ("Initech", "initech.example")
REVIEWS = (
    Review(step=0, id="r-100", rating=4, title="Solid CRM", body="Reporting is good; setup took a while.",
           author="Sam K."),
    Review(step=3, id="r-200", rating=1, title="Price doubled at renewal",
           body="Our renewal quote came in at twice last year's price for the same seats. We are evaluating "
                "alternatives.", author="Verified User", company="Umbrella Analytics", industry="Computer Software",
           size=(51, 200)),
    Review(step=3, id="r-201", rating=5, title="Our team's single source of truth",
           body="Forecasting and the Outlook add-in are great.", author="Maya P."),
)
POSTS = (  # Reddit search results for the competitor
    (3, "t3_demo1", "How do I export my data from Initech?",
     "Trying to get a CSV of all contacts out of Initech for a board report. Where is the export button?"),
)
