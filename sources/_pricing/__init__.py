"""The insides of the ``pricing_page`` source kind (a private package: not registered as a kind).

    page.py      bytes → a parsed tree without scripts and chrome, the JSON islands, the pricing region
    layout.py    the region cleaned (widgets, testimonials, icons → ✓/✗), marked and serialised once (XSLT)
    text.py      normalisation: whitespace and volatile tokens (dates, counters, nonces, ids …)
    money.py     "$1,200.00", "1.200,00 €", "US$49 per seat/month" → amount, currency, period, unit, billing
    cards.py     plan cards → plans (name, prices, toggle values, contact sales, free, features)
    tables.py    comparison grids (features per plan) and tier / rate tables (one plan per row)
    islands.py   JSON-LD offers and Next.js / Nuxt JSON islands → plans
    model.py     the structured model kept in Document.data, and Document.text
    diff.py      two models → the list of changes
    describe.py  changes → the title, evidence and facts a seller reads
"""
