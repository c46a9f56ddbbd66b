"""What is searchable: one `Provider` per kind of record.

A provider says how to describe its records for the index (`documents`), how to tell cheaply
whether its source changed (`stamp`, `changed`), who may see a hit (`visible`) and which record's
page shows a hit (`target`: a kind of record, not a URL — the interfaces own their URLs, see
`vanort.pages`). Adding a kind (needs and offers, say) is one more entry in `PROVIDERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from django.conf import settings
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vanort.cooperation import selectors as cooperation_selectors
from vanort.cooperation.models import Need, NeedStatus, Offer, OfferStatus
from vanort.documents import selectors as document_selectors
from vanort.documents.models import Repair, SourceDocument
from vanort.motions import selectors as motion_selectors
from vanort.motions.models import Motion
from vanort.registry.models import Activity, Country, Partnership, Place, PlaceName
from vanort.search.text import document_terms, kind_words

BATCH = 2000


@dataclass(frozen=True)
class Doc:
    object_id: int
    title: str
    snippet: str
    title_texts: tuple[str, ...]
    body_texts: tuple[str, ...]
    names: tuple[str, ...] = ()
    boost: float = 0.0
    link_id: int | None = None  # the record whose page shows this one (default: itself)

    def row(self, kind: str) -> dict[str, Any]:
        return {
            "kind": kind,
            "object_id": self.object_id,
            "title": self.title[:300],
            "snippet": self.snippet[:300],
            "title_terms": document_terms(*self.title_texts, names=self.names),
            "body_terms": document_terms(*self.body_texts),
            "boost": self.boost,
            "link_id": self.object_id if self.link_id is None else self.link_id,
        }


@dataclass(frozen=True)
class Provider:
    kind: str
    label: Any
    # Scalar SQL subqueries whose values change when the source changes (all providers' are
    # read in one query by `index.refresh`).
    stamp: tuple[str, ...]
    # (old stamp, new stamp, floor) → the ids to re-describe, or None for "all of them". The
    # floor is the start of the oldest transaction that was still open when the old stamp was
    # read (None if none or unknown): its rows may carry times older than the stamp's newest.
    changed: Callable[[tuple[Any, ...], tuple[Any, ...], datetime | None], Iterable[int] | None]
    documents: Callable[[Iterable[int] | None], Iterator[Doc]]
    # The kind of record whose page shows a hit (with the index row's `link_id` as its key).
    target: str
    visible: Callable[[list[int], Any], set[int]] | None = None
    # Snippets around the query for these hits (else the stored snippet is shown).
    snippets: Callable[[list[int], str], dict[int, str]] | None = None


def _in_reader_language(
    describe: Callable[[list[int], str], dict[int, str]],
) -> Callable[[list[int], str], dict[int, str]]:
    """Snippets of the shown hits described again in the reader's language: the index stores
    them in the source language (Swedish), which an English or Ukrainian reader should not get
    ("Kommun, Sverige"). A Swedish reader costs nothing."""

    def snippets(ids: list[int], _q: str) -> dict[int, str]:
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        return {} if language == settings.LANGUAGE_CODE[:2] else describe(ids, language)

    return snippets


def _batches(qs: QuerySet[Any], ids: Iterable[int] | None) -> Iterator[Any]:
    if ids is None:
        yield from qs.order_by("pk").iterator(chunk_size=BATCH)
        return
    id_list = sorted(set(ids))
    for i in range(0, len(id_list), BATCH):
        yield from qs.filter(pk__in=id_list[i : i + BATCH]).order_by("pk")


def _words(section: str, key: str) -> str:
    value = kind_words().get(section, {})
    found = value.get(key, []) if isinstance(value, dict) else value
    return " ".join(found)


def _scalar(expr: str, model: Any, where: str = "") -> str:
    return f"SELECT {expr} FROM {model._meta.db_table}{where}"  # noqa: S608 - names from the models


def _timestamped(model: Any) -> tuple[str, ...]:
    return (_scalar("COUNT(*)", model), _scalar("MAX(id)", model), _scalar("MAX(updated_at)", model))


def _when(value: Any) -> datetime | None:
    """A stamp's MAX(updated_at) (a datetime on PostgreSQL, text on SQLite, stored as text)."""
    parsed = parse_datetime(str(value)) if value else None
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, UTC)
    return parsed


Changed = Callable[[tuple[Any, ...], tuple[Any, ...], datetime | None], Iterable[int] | None]


def _changed_since(model: Any) -> Changed:
    def changed(old: tuple[Any, ...], new: tuple[Any, ...], floor: datetime | None) -> Iterable[int] | None:
        if not old or new[0] < old[0]:
            return None
        q = Q(pk__gt=old[1] or 0)
        since = _when(old[2])
        if since is not None and floor is not None:
            since = min(since, floor)  # rows written by a transaction open at the last refresh
        if since is not None:
            q |= Q(updated_at__gte=since)
        return list(model.objects.filter(q).values_list("pk", flat=True))

    return changed


# --- places ------------------------------------------------------------------------------


def _place_stamp() -> tuple[str, ...]:
    return (*_timestamped(Place), _scalar("COUNT(*)", PlaceName), _scalar("MAX(id)", PlaceName))


def _place_changed(old: tuple[Any, ...], new: tuple[Any, ...], floor: datetime | None) -> Iterable[int] | None:
    ids = _changed_since(Place)(old[:3], new[:3], floor)
    if ids is None or new[3] < old[3]:
        return None
    # Names have no times of their own; one added in a transaction open at the last refresh is
    # found through its place, whose services save it in the same transaction (updated_at).
    renamed = PlaceName.objects.filter(pk__gt=old[4]).values_list("place_id", flat=True)
    return {*ids, *renamed}


def _place_names(place: Place) -> tuple[str, ...]:
    return tuple(dict.fromkeys([place.name, place.official_name, *(n.name for n in place.names.all())]))


def _countries(*places: Place) -> list[str]:
    return [f"{p.country.name_sv} {p.country.name_en} {p.country.name_uk}" for p in places]


def _place_snippet(place: Place, language: str) -> str:
    return f"{place.get_kind_display()}, {place.country.name_for(language)}"


def _place_snippets(ids: list[int], language: str) -> dict[int, str]:
    return {p.pk: _place_snippet(p, language) for p in Place.objects.select_related("country").filter(pk__in=ids)}


def _place_docs(ids: Iterable[int] | None) -> Iterator[Doc]:
    qs = Place.objects.select_related("country").prefetch_related("names")
    for place in _batches(qs, ids):
        yield Doc(
            object_id=place.pk,
            title=place.name,
            snippet=_place_snippet(place, settings.LANGUAGE_CODE),
            title_texts=(),
            names=_place_names(place),
            body_texts=(_words("place", place.kind), place.code, *_countries(place), place.description[:2000]),
            boost=2.0,
        )


# --- partnerships ------------------------------------------------------------------------


def _partnership_changed(old: tuple[Any, ...], new: tuple[Any, ...], floor: datetime | None) -> Iterable[int] | None:
    ids = _changed_since(Partnership)(old[:3], new[:3], floor)
    if ids is None:
        return None
    # A renamed place renames its partnerships.
    places = _place_changed(old[3:], new[3:], floor)
    if places is None:
        return None
    places = list(places)
    if places:
        ids = {
            *ids,
            *Partnership.objects.filter(Q(place_a__in=places) | Q(place_b__in=places)).values_list("pk", flat=True),
        }
    return ids


def _value_batches(qs: QuerySet[Any], ids: Iterable[int] | None) -> Iterator[list[tuple[Any, ...]]]:
    """Rows of a values_list queryset (pk first), BATCH at a time."""
    if ids is None:
        rows = qs.order_by("pk").iterator(chunk_size=BATCH)
        while chunk := list(islice(rows, BATCH)):
            yield chunk
        return
    id_list = sorted(set(ids))
    for i in range(0, len(id_list), BATCH):
        yield list(qs.filter(pk__in=id_list[i : i + BATCH]).order_by("pk"))


class _PlaceTexts:
    """Place names and country names for partnership documents, read once per batch of places
    rather than as model instances per partnership (100k partnerships share 25k places)."""

    def __init__(self) -> None:
        self.countries = {
            code: f"{sv} {en} {uk}"
            for code, sv, en, uk in Country.objects.values_list("pk", "name_sv", "name_en", "name_uk")
        }
        self.places: dict[int, tuple[tuple[str, ...], str, str]] = {}

    MAX_PLACES = 100_000  # then start afresh: memory stays bounded for any register

    def load(self, ids: set[int]) -> None:
        if len(self.places) > self.MAX_PLACES:
            self.places.clear()
        missing = ids - self.places.keys()
        if not missing:
            return
        extra: dict[int, list[str]] = {}
        for place_id, name in (
            PlaceName.objects.filter(place_id__in=missing).order_by("id").values_list("place_id", "name")
        ):
            extra.setdefault(place_id, []).append(name)
        for pk, name, official, country in Place.objects.filter(pk__in=missing).values_list(
            "pk", "name", "official_name", "country_id"
        ):
            names = tuple(dict.fromkeys([name, official, *extra.get(pk, [])]))
            self.places[pk] = (names, name, self.countries.get(country, ""))


def _partnership_snippet(kind_label: str, start: Any) -> str:
    return f"{kind_label} {start or ''}".strip()


def _partnership_snippets(ids: list[int], language: str) -> dict[int, str]:
    rows = Partnership.objects.filter(pk__in=ids).only("kind", "start")
    return {p.pk: _partnership_snippet(str(p.get_kind_display()), p.start) for p in rows}


def _partnership_docs(ids: Iterable[int] | None) -> Iterator[Doc]:
    places = _PlaceTexts()
    kinds = {value: str(label) for value, label in Partnership._meta.get_field("kind").flatchoices}
    through = Partnership.areas.through
    qs = Partnership.objects.annotate(start_text=Cast("start", CharField())).values_list(
        "pk", "place_a_id", "place_b_id", "kind", "start_text", "description"
    )
    for chunk in _value_batches(qs, ids):
        places.load({place for row in chunk for place in row[1:3]})
        areas: dict[int, list[str]] = {}
        for pid, sv, en in (
            through.objects.filter(partnership_id__in=[row[0] for row in chunk])
            .order_by("sector__position")
            .values_list("partnership_id", "sector__label_sv", "sector__label_en")
        ):
            areas.setdefault(pid, []).append(f"{sv} {en}")
        for pk, a_id, b_id, kind, start, description in chunk:
            (a_names, a_name, a_country), (b_names, b_name, b_country) = places.places[a_id], places.places[b_id]
            yield Doc(
                object_id=pk,
                title=f"{a_name} – {b_name}",
                snippet=_partnership_snippet(kinds.get(kind, kind), start),
                title_texts=(),
                names=(*a_names, *b_names),
                body_texts=(
                    _words("partnership", kind),
                    a_country,
                    b_country,
                    " ".join(areas.get(pk, [])),
                    start[:4].replace("X", "0") if start else "",
                    description[:2000],
                ),
                boost=0.5,
            )


# --- activities --------------------------------------------------------------------------


def _activity_docs(ids: Iterable[int] | None) -> Iterator[Doc]:
    qs = Activity.objects.select_related("municipality", "counterpart", "organiser")
    for a in _batches(qs, ids):
        yield Doc(
            object_id=a.pk,
            title=a.title,
            snippet=f"{a.start} · {a.municipality.name}",
            link_id=a.municipality_id,
            title_texts=(a.title,),
            body_texts=(
                _words("activity", a.kind),
                a.topics[:2000],
                a.description[:2000],
                a.municipality.name,
                a.counterpart.name if a.counterpart_id else "",
                a.organiser.name if a.organiser_id else "",
            ),
        )


# --- motions -----------------------------------------------------------------------------


def _motion_snippet(motion: Motion) -> str:
    return " · ".join(x for x in (motion.diarienummer, str(motion.get_state_display())) if x)


def _motion_snippets(ids: list[int], language: str) -> dict[int, str]:
    return {m.pk: _motion_snippet(m) for m in Motion.objects.filter(pk__in=ids)}


def _motion_docs(ids: Iterable[int] | None) -> Iterator[Doc]:
    qs = Motion.objects.select_related("municipality").prefetch_related("proposers")
    for m in _batches(qs, ids):
        proposers = " ".join(f"{p.name} {p.party}" for p in m.proposers.all())
        yield Doc(
            object_id=m.pk,
            title=m.title,
            snippet=_motion_snippet(m),
            title_texts=(m.title, m.diarienummer),
            body_texts=(
                _words("motion", ""),
                proposers,
                m.municipality.name,
                m.body[:5000],
                m.text[:20000],
                " ".join(str(c) for c in m.att_clauses),
            ),
            boost=1.0,
        )


def _motion_visible(ids: list[int], viewer: Any) -> set[int]:
    return set(
        Motion.objects.filter(pk__in=ids).filter(motion_selectors.visible_to(viewer)).values_list("pk", flat=True)
    )


# --- documents ---------------------------------------------------------------------------


def _document_stamp() -> tuple[str, ...]:
    decided = f" WHERE decision <> '{Repair.Decision.PENDING.value}'"
    return (
        _scalar("COUNT(*)", SourceDocument),
        _scalar("MAX(id)", SourceDocument),
        _scalar("COUNT(*)", Repair, decided),
    )


def _document_changed(old: tuple[Any, ...], new: tuple[Any, ...], floor: datetime | None) -> Iterable[int] | None:
    if not old or new[0] < old[0]:
        return None
    new_rows = Q(pk__gt=old[1])
    if floor is not None:
        new_rows |= Q(created_at__gte=floor)  # made by a transaction open at the last refresh
    ids = set(SourceDocument.objects.filter(new_rows).values_list("pk", flat=True))
    if new[2] != old[2]:  # repairs decided: the documents still under review may read differently
        ids |= set(SourceDocument.objects.filter(status=SourceDocument.Status.REVIEW).values_list("pk", flat=True))
    return ids


def _document_docs(ids: Iterable[int] | None) -> Iterator[Doc]:
    qs = SourceDocument.objects.only("pk", "title", "filename", "repaired_text", "document_kind")
    for d in _batches(qs, ids):
        yield Doc(
            object_id=d.pk,
            title=d.title or d.filename,
            snippet=" ".join(d.repaired_text[:240].split()),
            title_texts=(d.title, d.filename),
            body_texts=(_words("document", ""), d.repaired_text[:30000]),
            boost=0.5,
        )


def _document_visible(ids: list[int], viewer: Any) -> set[int]:
    return set(
        SourceDocument.objects.filter(pk__in=ids)
        .filter(document_selectors.visible_to(viewer))
        .values_list("pk", flat=True)
    )


# --- needs and offers (cooperation) ------------------------------------------------------


def _translated_terms(text: str, language: str) -> str:
    """The key terms of a need or offer in the other languages, so «brandbil» finds «пожежний автомобіль»."""
    return " ".join(
        target
        for lang in ("sv", "en", "uk")
        if lang != language
        for _source, target in cooperation_selectors.key_terms(text, language, lang)
    )


def _posting_doc(kind: str, record: Any, place: Any) -> Doc:
    """A need or an offer: what it is, where, its sector in two languages and its key terms in the others."""
    text = f"{record.title}\n{record.description[:5000]}"
    return Doc(
        object_id=record.pk,
        title=record.title,
        snippet=" ".join(f"{place.name} · {record.description[:240]}".split()),
        title_texts=(record.title,),
        body_texts=(
            _words(kind, ""),
            place.name,
            f"{record.sector.label_sv} {record.sector.label_en}",
            record.description[:5000],
            _translated_terms(text, record.language),
        ),
    )


def _need_docs(ids: Iterable[int] | None) -> Iterator[Doc]:
    for n in _batches(Need.objects.select_related("place", "sector"), ids):
        yield _posting_doc("need", n, n.place)


def _offer_docs(ids: Iterable[int] | None) -> Iterator[Doc]:
    for o in _batches(Offer.objects.select_related("municipality", "sector"), ids):
        yield _posting_doc("offer", o, o.municipality)


def _need_visible(ids: list[int], viewer: Any) -> set[int]:
    """Published needs only: they are public; withdrawn or fulfilled ones are not searchable."""
    return set(Need.objects.filter(pk__in=ids, status=NeedStatus.PUBLISHED).values_list("pk", flat=True))


def _offer_visible(ids: list[int], viewer: Any) -> set[int]:
    return set(Offer.objects.filter(pk__in=ids, status=OfferStatus.PUBLISHED).values_list("pk", flat=True))


def _document_snippets(ids: list[int], q: str) -> dict[int, str]:
    texts = SourceDocument.objects.filter(pk__in=ids).values_list("pk", "repaired_text")
    words = [w for w in q.split() if len(w) > 2] or [q]
    out = {}
    for pk, text in texts:
        folded = text.casefold()
        word = next((w for w in [q, *words] if w.casefold() in folded), q)
        out[pk] = document_selectors.snippet(text, word)
    return out


# The apps whose rows the providers describe, and the kinds a write to them can change.
WATCHED: dict[str, tuple[str, ...]] = {
    "registry": ("place", "partnership", "activity"),
    "motions": ("motion",),
    "documents": ("document",),
    "cooperation": ("need", "offer"),
}

PROVIDERS: dict[str, Provider] = {
    p.kind: p
    for p in [
        Provider(
            "place",
            _("Ort"),
            _place_stamp(),
            _place_changed,
            _place_docs,
            "place",
            snippets=_in_reader_language(_place_snippets),
        ),
        Provider(
            "partnership",
            _("Partnerskap"),
            (*_timestamped(Partnership), *_place_stamp()),
            _partnership_changed,
            _partnership_docs,
            "partnership",
            snippets=_in_reader_language(_partnership_snippets),
        ),
        Provider("activity", _("Aktivitet"), _timestamped(Activity), _changed_since(Activity), _activity_docs, "place"),
        Provider(
            "motion",
            _("Motion"),
            _timestamped(Motion),
            _changed_since(Motion),
            _motion_docs,
            "motion",
            _motion_visible,
            _in_reader_language(_motion_snippets),
        ),
        Provider(
            "document",
            _("Dokument"),
            _document_stamp(),
            _document_changed,
            _document_docs,
            "document",
            _document_visible,
            _document_snippets,
        ),
        Provider(
            "need",
            _("Behov"),
            _timestamped(Need),
            _changed_since(Need),
            _need_docs,
            "need",
            _need_visible,
        ),
        Provider(
            "offer",
            _("Erbjudande"),
            _timestamped(Offer),
            _changed_since(Offer),
            _offer_docs,
            "offer",
            _offer_visible,
        ),
    ]
}
