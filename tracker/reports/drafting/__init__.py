"""Drafting a committee's report from tracked cooperation: the facts snapshot, the four sections' sentences with
their sources, fitting them within the limits, and the check that every sentence is true of its sources.

The drafts are pure functions of the snapshot (`facts`), so a stored snapshot reproduces its draft exactly. The
editor (`tracker.reports.services`, `views`, `pages`) stores and shows what is drafted here.
"""
