"""Cooperation the new way (issue 10): initiatives of known actors, contributions checked by the
aid engine, partner officials' needs, municipalities' offers and the matches between them.

Django side only; the ranking itself is the pure engine `vanort.matching`.
"""
