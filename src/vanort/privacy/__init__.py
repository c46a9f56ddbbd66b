"""Personal data: what Vänort holds about one person, its export and its erasure.

Cross-domain on purpose (like `search`): it reads every app's records through Django's app
registry, so a model added later that points at a user is covered without a list to keep.
What is kept and why is written in docs/personal-data.md (the record of processing).
"""
