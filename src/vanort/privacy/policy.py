"""Which named-person fields are public records and which are erased on request.

Motion records (proposers, the officer report's signatories) are allmänna handlingar and are
archived under arkivlagen: GDPR art. 17(3)(b) exempts them from erasure. Fields listed as
`ERASABLE_NAME_FIELDS` hold names that no law requires us to keep.
"""

from __future__ import annotations

# (app_label.ModelName, field): a person's name in a public record; exported, never erased.
PUBLIC_RECORD_NAME_FIELDS: tuple[tuple[str, str], ...] = (
    ("motions.Proposer", "name"),
    ("motions.Signatory", "name"),
)
# (app_label.ModelName, field): a person's name that is erased (blanked) on request.
ERASABLE_NAME_FIELDS: tuple[tuple[str, str], ...] = ()
# (app_label.ModelName, field): free text that may name people (study-visit participants); on
# request the name is replaced by ERASED_MARK wherever it occurs, the rest of the text stays.
ERASABLE_TEXT_FIELDS: tuple[tuple[str, str], ...] = (("registry.Activity", "participants_note"),)
ERASED_MARK = "[raderat]"
