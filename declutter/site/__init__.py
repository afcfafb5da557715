"""Learning each site's template from its other pages (issue 16).

A scraped folder usually holds many pages of the same few sites, and the lines that recur
across a site's pages (notices, appeals, sign-up boxes, menus, footers, "read also"
headings) are the surest boilerplate signal. Runs over many pages (folders, JSON Lines,
WARC) take two passes: the count pass fingerprints every block of every page
(``fingerprint``) and counts, per site (``key``), on how many pages each stands, with
near-duplicate pages counted once (``counts``); then each page is cleaned with its site's
counts as evidence (``evidence``, the ``site_template`` rule in ``template``). Counts can
be saved and reused (``profile``). ``learn`` runs the count pass.

One module a job: ``fingerprint`` (normalised text -> 64-bit hash), ``key`` (a page's
site), ``counts`` (the streaming counts), ``evidence`` (thresholds and what a page is
told), ``template`` (the rule), ``profile`` (the saved counts), ``learn`` (the pass).
"""

from .evidence import MIN_PAGES, MIN_SHARE, STRONG_SHARE, SiteEvidence, Thresholds

__all__ = ["MIN_PAGES", "MIN_SHARE", "STRONG_SHARE", "SiteEvidence", "Thresholds"]
