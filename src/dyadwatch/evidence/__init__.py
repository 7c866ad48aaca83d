"""The curated evidence base: records in our own words, each tied to public sources.

``schema`` (one record), ``load`` (files → records with file/line), ``validate``
(cross-record checks), ``stats`` (counts and coverage targets), ``tables`` (the
``evidence_records`` / ``evidence_events`` store tables), ``timeline`` (filtering; the
public ``dyadwatch.timeline``) and ``cite`` (citations of a record's sources).
"""
