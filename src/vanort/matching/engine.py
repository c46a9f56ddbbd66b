"""Ranking offers for needs: an inverted index over concepts with candidate pruning.

For each need the candidates are the offers that share a text feature with it (a sparse
matrix product of tf-idf concept vectors, in blocks of needs) plus a few offers of the same
sector and a compatible form, so that a need with an unusual text still gets proposals. Each
candidate gets a score in [0, 1]:

    0.55 text + 0.18 sector + 0.12 form + 0.05 quantity + 0.05 availability + 0.05 urgency fit

- text: cosine similarity of the concept vectors (title words count more than description words;
  broader concepts count half; words outside the term list count through their skeleton);
- sector / form: 1 for the same code, the neighbour table's weight for neighbours, else 0;
- quantity: 1 when the offer covers the need (or either is unknown: 0.5), else the share covered;
- availability: 1 when the offer is available until the need's deadline (or no date), else 0.5;
  offers no longer available today are never proposed;
- urgency fit: for high or critical needs, spare equipment (ready to hand over) scores 1, else 0.5.

``legal_check`` (optional) is asked for the best candidates in order; an outcome starting with
``not_permitted`` removes the candidate, the next one moves up.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse

from vanort.matching.lexicon import Features, Lexicon, default_lexicon
from vanort.matching.tables import Compatibility, default_compatibility
from vanort.matching.types import MatchResult, NeedInput, OfferInput, Reason

W_TEXT, W_SECTOR, W_FORM, W_QUANTITY, W_AVAIL, W_URGENCY = 0.55, 0.18, 0.12, 0.05, 0.05, 0.05
BLOCK = 512  # needs per sparse product
COMMON_SKELETON_SHARE = 0.02  # a word outside the term list in more texts than this is ignored
COMMON_SKELETON_MIN = 20
BROAD_MIN_OFFERS = 20_000  # below this many offers every shared feature makes a candidate
BROAD_SHARE = 0.03
NEAR_SIMILARITY = 0.3  # candidates this close to their need's best similarity are scored first
PRUNE_MARGIN = 0.3  # candidates scoring this far below their need's best are pruned first
_SAFETY = 1e-3  # room for float32 rounding when candidates are dropped on a bound of their score
FILL = 3  # same-sector offers added per wanted result when text finds too few
_NO_DATE = 10**7  # ordinal "never expires"

LegalCheck = Callable[[NeedInput, OfferInput], "str | None"]
Progress = Callable[[int, int], None]


def _codes(values: Iterable[str]) -> dict[str, int]:
    return {code: i for i, code in enumerate(sorted(set(values)))}


def _matrix(rows: Sequence[Features], vocab: dict[str, int], idf: np.ndarray) -> sparse.csr_matrix:
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for feats in rows:
        for key, weight in feats.weights.items():
            col = vocab.get(key)
            if col is not None:
                indices.append(col)
                data.append(weight)
        indptr.append(len(indices))
    cols = np.asarray(indices, dtype=np.int32)
    vals = np.asarray(data, dtype=np.float32) * idf[cols] if indices else np.zeros(0, dtype=np.float32)
    matrix = sparse.csr_matrix((vals, cols, np.asarray(indptr, dtype=np.int64)), shape=(len(rows), len(vocab)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix, dtype=np.float32)


class _Index:
    """Everything about the offers that the scoring needs, as arrays."""

    def __init__(
        self,
        offers: list[OfferInput],
        offer_features: list[Features],
        need_features: list[Features],
        compat: Compatibility,
        sectors: dict[str, int],
        forms: dict[str, int],
    ) -> None:
        df: dict[str, int] = {}
        for feats in (*offer_features, *need_features):
            for key in feats.weights:
                df[key] = df.get(key, 0) + 1
        total = len(offer_features) + len(need_features)
        common = max(COMMON_SKELETON_MIN, COMMON_SKELETON_SHARE * total)
        kept = [key for key, n in df.items() if not (key.startswith("~") and n > common)]
        self.vocab = {key: i for i, key in enumerate(kept)}
        self.idf = np.asarray([math.log((1 + total) / (1 + df[key])) + 1.0 for key in kept], dtype=np.float32)
        offer_matrix = _matrix(offer_features, self.vocab, self.idf)
        self.offer_matrix_t = offer_matrix.T.tocsr()
        # Very common features (in more than BROAD_SHARE of many offers) do not make candidates;
        # their part of the similarity is added from dense columns for the candidates found.
        self.broad = np.zeros(0, dtype=np.intp)
        self.spec_mask: np.ndarray | None = None
        if len(offers) >= BROAD_MIN_OFFERS:
            offer_df = np.bincount(offer_matrix.indices, minlength=len(kept))
            self.broad = np.flatnonzero(offer_df > BROAD_SHARE * len(offers))
        if len(self.broad):
            mask = np.ones(len(kept), dtype=np.float32)
            mask[self.broad] = 0.0
            self.spec_mask = mask
            self.spec_t = (offer_matrix @ sparse.diags(mask)).T.tocsr()
            self.spec_t.eliminate_zeros()
            self.broad_dense = np.asarray(offer_matrix[:, self.broad].T.toarray(), dtype=np.float32)
            self.broad_pos = {int(col): i for i, col in enumerate(self.broad)}
        self.sector = np.asarray([sectors[o.sector] for o in offers], dtype=np.intp)
        self.form = np.asarray([forms[o.form] for o in offers], dtype=np.intp)
        self.quantity = np.asarray([o.quantity if o.quantity else np.nan for o in offers], dtype=np.float32)
        self.bounded = not np.any(self.quantity < 0)  # quantity fit then stays within [0, 1]
        self.spare = np.asarray([o.spare for o in offers], dtype=bool)
        self.until = np.asarray(
            [o.available_until.toordinal() if o.available_until else _NO_DATE for o in offers], dtype=np.int64
        )
        sector_codes = sorted(sectors, key=sectors.__getitem__)
        form_codes = sorted(forms, key=forms.__getitem__)
        self.sector_w = np.asarray([[compat.sector(a, b) for b in sector_codes] for a in sector_codes], np.float32)
        self.form_w = np.asarray([[compat.form(a, b) for b in form_codes] for a in form_codes], np.float32)
        # sector and form fit of every (need sector+form, offer sector+form) pair in one flat table,
        # so that scoring gathers once per pair instead of six times
        self.n_fit = len(sector_codes) * len(form_codes)
        self.fit = self.sector * len(form_codes) + self.form
        fit_s = np.repeat(np.arange(len(sector_codes)), len(form_codes))
        fit_f = np.tile(np.arange(len(form_codes)), len(sector_codes))
        table = W_SECTOR * self.sector_w[fit_s[:, None], fit_s] + W_FORM * self.form_w[fit_f[:, None], fit_f]
        self.fit_w = np.asarray(table, dtype=np.float64).ravel()
        self._fill: dict[tuple[int, int], np.ndarray] = {}

    def fill(self, sector: int, form: int, count: int) -> np.ndarray:
        """Offers of the same sector with the best form fit (spare and long-available first)."""
        key = (sector, form)
        cached = self._fill.get(key)
        if cached is None or len(cached) < count:
            same = np.flatnonzero(self.sector == sector)
            order = np.lexsort((-self.until[same], ~self.spare[same], -self.form_w[form][self.form[same]]))
            cached = same[order[: max(count, 64)]]
            self._fill[key] = cached
        return cached[:count]


class _NeedArrays:
    """Per-need attributes of a block of needs, as arrays."""

    def __init__(self, needs: Sequence[NeedInput], sectors: dict[str, int], forms: dict[str, int]) -> None:
        self.sector = np.asarray([sectors[n.sector] for n in needs], dtype=np.intp)
        self.form = np.asarray([forms[n.form] for n in needs], dtype=np.intp)
        self.quantity = np.asarray([n.quantity if n.quantity else np.nan for n in needs], dtype=np.float32)
        self.deadline = np.asarray([n.deadline.toordinal() if n.deadline else 0 for n in needs], dtype=np.int64)
        self.urgent = np.asarray([n.urgency in ("high", "critical") for n in needs], dtype=bool)
        self.fit_row = (self.sector * len(forms) + self.form) * (len(sectors) * len(forms))
        self.bounded = not np.any(self.quantity < 0)  # quantity fit then stays within [0, 1]

    def rest_high(self) -> np.ndarray:
        """The most that quantity, availability and urgency fit add to each need's scores.

        A need without a quantity gets the half quantity fit at most, one that is not urgent
        the half urgency fit (what :func:`_add_rest` adds for them).
        """
        quantity = np.where(np.isnan(self.quantity), 0.5 * W_QUANTITY, W_QUANTITY)
        return quantity + W_AVAIL + np.where(self.urgent, W_URGENCY, 0.5 * W_URGENCY)


def _text_and_fit(rows: np.ndarray, cand: np.ndarray, sims: np.ndarray, na: _NeedArrays, ix: _Index) -> np.ndarray:
    """The text, sector and form part of the scores of (need row, offer) pairs (vectorised)."""
    total = ix.fit_w.take(na.fit_row.take(rows) + ix.fit.take(cand))
    total += W_TEXT * sims
    return total


#: The least and the most that quantity, availability and urgency fit add to a score (with
#: quantities that are not negative).
_REST_LOW = (W_AVAIL + W_URGENCY) * 0.5
_REST_HIGH = W_QUANTITY + W_AVAIL + W_URGENCY


def _add_rest(total: np.ndarray, rows: np.ndarray, cand: np.ndarray, na: _NeedArrays, ix: _Index) -> np.ndarray:
    """Complete :func:`_text_and_fit` (in place) with quantity, availability and urgency fit."""
    with np.errstate(invalid="ignore", divide="ignore"):
        qty = ix.quantity.take(cand) / na.quantity.take(rows)
    np.minimum(qty, 1.0, out=qty)
    qty[np.isnan(qty)] = 0.5
    total += W_QUANTITY * qty
    # availability and urgency fit are 0.5 or 1 each: 0.5 + 0.5 * condition
    avail = ix.until.take(cand) >= na.deadline.take(rows)  # a need without deadline has 0
    urgent = na.urgent.take(rows) & ix.spare.take(cand)
    total += (W_AVAIL + W_URGENCY) * 0.5
    total += (W_AVAIL * 0.5) * avail + (W_URGENCY * 0.5) * urgent
    return total


@lru_cache(maxsize=4096)
def _reason(code: str, *params: tuple[str, str]) -> Reason:
    return Reason(code, tuple(params))


def _fit_reasons(
    need_sector: str, need_form: str, offer_sector: str, offer_form: str, compat: Compatibility
) -> tuple[Reason, ...]:
    reasons: list[Reason] = []
    if need_sector == offer_sector:
        reasons.append(Reason("same_sector", (("sector", need_sector),)))
    elif compat.sector(need_sector, offer_sector) > 0:
        reasons.append(Reason("neighbour_sector", (("need_sector", need_sector), ("offer_sector", offer_sector))))
    else:
        reasons.append(Reason("other_sector", (("need_sector", need_sector), ("offer_sector", offer_sector))))
    if need_form == offer_form:
        reasons.append(Reason("same_form", (("form", need_form),)))
    elif compat.form(need_form, offer_form) > 0:
        reasons.append(Reason("compatible_form", (("need_form", need_form), ("offer_form", offer_form))))
    return tuple(reasons)


@lru_cache(maxsize=65536)
def _quantity_reason(need: int, offer: int) -> Reason:
    code = "quantity_covers" if offer >= need else "quantity_partial"
    return Reason(code, (("need", str(need)), ("offer", str(offer))))


@lru_cache(maxsize=65536)
def _availability_reason(until: date, deadline: date | None) -> Reason:
    if deadline is not None and until < deadline:
        return Reason("available_before_deadline", (("until", until.isoformat()), ("deadline", deadline.isoformat())))
    return Reason("available_until", (("until", until.isoformat()),))


@lru_cache(maxsize=65536)
def _shared_reason(shared: tuple[str, ...]) -> Reason:
    return Reason("shared_terms", (("concepts", ",".join(shared)),))


#: An offer's id, (sector, form) code, quantity, available until (with its reason when the
#: need has no earlier deadline), spare reason and text features.
_OfferFacts = tuple[str, int, "int | None", "tuple[date, Reason] | None", tuple[Reason, ...], dict[str, float]]

#: Needs (rows of a block) whose best offers are known, and needs with the few candidates
#: they are to be picked from (:func:`_top_by_bound`).
_Bounded = tuple[dict[int, tuple[list[int], list[float]]], dict[int, tuple[np.ndarray, np.ndarray]]]

_SIMILAR = Reason("similar_words")
_SPARE = Reason("spare")


def rank_matches(
    needs: Iterable[NeedInput],
    offers: Iterable[OfferInput],
    *,
    top_k: int = 10,
    today: date | None = None,
    legal_check: LegalCheck | None = None,
    progress: Progress | None = None,
    lexicon: Lexicon | None = None,
    compatibility: Compatibility | None = None,
    workers: int = 1,
) -> list[MatchResult]:
    """The best ``top_k`` offers for every need, in the order of the needs, best first.

    ``workers`` > 1 forks that many processes (POSIX only) for large inputs; keep the default
    of 1 inside a threaded server.
    """
    need_list = list(needs)
    today = today or date.today()
    offer_list = [o for o in offers if o.available_until is None or o.available_until >= today]
    if top_k <= 0 or not need_list or not offer_list:
        if progress is not None:
            progress(len(need_list), len(need_list))
        return []
    lex = lexicon or default_lexicon()
    compat = compatibility or default_compatibility()
    parallel = workers > 1 and len(need_list) * len(offer_list) >= PARALLEL_MIN_PAIRS and _can_fork()
    with _collector_paused():
        if parallel:
            return _rank_forked(need_list, offer_list, lex, compat, top_k, legal_check, progress, workers)
        run = _Run(need_list, offer_list, lex, compat, top_k, legal_check, _features(lex, [*need_list, *offer_list]))
        results: list[MatchResult] = []
        for start in range(0, len(need_list), BLOCK):
            results.extend(run.block(start))
            if progress is not None:
                progress(min(start + BLOCK, len(need_list)), len(need_list))
        return results


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection during a run.

    A run allocates hundreds of thousands of small containers (features, reasons, results) and
    makes no reference cycles, so the collector's full passes it triggers find nothing and cost
    about a seventh of the national run. Reference counting still frees everything; the
    collector is switched back on afterwards only if this call switched it off (a concurrent run
    in another thread then just runs with it on).

    Switched back on, the collector's first pass would walk every container the run left (about
    half a million results, reasons and features: a tenth of a second at national scale) to find
    nothing. Unless someone else has frozen objects, freeze + unfreeze moves them all to the
    oldest generation without a pass (two list splices); a full collection still looks at them.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def _rank_forked(
    need_list: list[NeedInput],
    offer_list: list[OfferInput],
    lex: Lexicon,
    compat: Compatibility,
    top_k: int,
    legal_check: LegalCheck | None,
    progress: Progress | None,
    workers: int,
) -> list[MatchResult]:
    """rank_matches in ``workers`` forked processes: features in chunks, then blocks of needs."""
    import multiprocessing

    global _FORK_STATE
    docs = [*need_list, *offer_list]
    _FORK_STATE = (lex, docs)
    gc.freeze()  # the workers' garbage collector then leaves the shared pages alone (less copy-on-write)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunk = max(1, len(docs) // (workers * 8))
            parts = pool.map(_features_chunk, [(i, min(i + chunk, len(docs))) for i in range(0, len(docs), chunk)])
        feats = [f for part in parts for f in part]
        run = _Run(need_list, offer_list, lex, compat, top_k, legal_check, feats)
        _FORK_STATE = run
        gc.freeze()
        results = []
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            starts = range(0, len(need_list), BLOCK)
            for start, part_results in zip(starts, pool.imap(_block_in_child, starts), strict=True):
                results.extend(part_results)
                if progress is not None:
                    progress(min(start + BLOCK, len(need_list)), len(need_list))
        return results
    finally:
        _FORK_STATE = None
        gc.unfreeze()


PARALLEL_MIN_PAIRS = 100_000_000  # smaller runs are faster in one process (pickling costs more)
_FORK_STATE: Any = None  # what forked workers read (set only while a pool runs)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _features(lex: Lexicon, docs: Sequence[NeedInput | OfferInput]) -> list[Features]:
    return [lex.cached_features(d.title, d.description, d.language) for d in docs]


def _features_chunk(bounds: tuple[int, int]) -> list[Features]:
    lex, docs = _FORK_STATE
    return _features(lex, docs[bounds[0] : bounds[1]])


def _block_in_child(start: int) -> list[MatchResult]:
    run: _Run = _FORK_STATE
    return run.block(start)


class _Run:
    """One ranking: features, the offer index and the need matrix; ranks a block of needs."""

    def __init__(
        self,
        need_list: list[NeedInput],
        offer_list: list[OfferInput],
        lex: Lexicon,
        compat: Compatibility,
        top_k: int,
        legal_check: LegalCheck | None,
        feats: list[Features],
    ) -> None:
        need_feats, offer_feats = feats[: len(need_list)], feats[len(need_list) :]
        self.need_list = need_list
        self.sectors = _codes([*(n.sector for n in need_list), *(o.sector for o in offer_list)])
        self.forms = _codes([*(n.form for n in need_list), *(o.form for o in offer_list)])
        self.ix = _Index(offer_list, offer_feats, need_feats, compat, self.sectors, self.forms)
        self.need_matrix = _matrix(need_feats, self.ix.vocab, self.ix.idf)
        self.need_spec: sparse.csr_matrix | None = None
        if self.ix.spec_mask is not None:
            self.need_spec = sparse.csr_matrix(self.need_matrix @ sparse.diags(self.ix.spec_mask))
            self.need_spec.eliminate_zeros()
            self.need_broad = self.need_matrix[:, self.ix.broad].tocsr()
        self.picker = _Picker(need_list, need_feats, offer_list, offer_feats, top_k, legal_check, compat)
        self.top_k = top_k
        self.enough = top_k * 3 if legal_check else top_k

    def _specific_block(self, start: int, stop: int, wanted: int) -> sparse.csr_matrix:
        """Similarities of a block of needs to the offers sharing a specific feature with them.

        The common features' part is added from dense columns; needs with too few such offers
        get the full product (all shared features make candidates).
        """
        ix = self.ix
        assert self.need_spec is not None
        block = (self.need_spec[start:stop] @ ix.spec_t).tocsr()
        block.sort_indices()
        data = block.data
        broad = self.need_broad[start:stop]
        counts = np.diff(block.indptr)
        for row in range(stop - start):
            lo, hi = block.indptr[row], block.indptr[row + 1]
            if hi == lo:
                continue
            cols = block.indices[lo:hi]
            for k in range(broad.indptr[row], broad.indptr[row + 1]):
                data[lo:hi] += broad.data[k] * ix.broad_dense[broad.indices[k], cols]
        short = np.flatnonzero(counts < wanted)
        if len(short) == 0:
            return block
        full = (self.need_matrix[start + short] @ ix.offer_matrix_t).tocsr()
        full_pos = {int(r): i for i, r in enumerate(short)}
        indices, values, indptr = [], [], [0]
        for row in range(stop - start):
            source, at = (full, full_pos[row]) if row in full_pos else (block, row)
            lo, hi = source.indptr[at], source.indptr[at + 1]
            indices.append(source.indices[lo:hi])
            values.append(source.data[lo:hi])
            indptr.append(indptr[-1] + hi - lo)
        return sparse.csr_matrix(
            (np.concatenate(values), np.concatenate(indices), np.asarray(indptr, dtype=np.int64)),
            shape=(stop - start, ix.offer_matrix_t.shape[1]),
        )

    def block(self, start: int) -> list[MatchResult]:
        """The results of the needs ``start`` .. ``start + BLOCK`` (in their order).

        Without a legal check (asked in order, beyond the top_k), needs with enough text
        candidates are ranked from the few that can be among their best (:func:`_top_by_bound`);
        the others, and every need with a legal check, from all their candidates (:meth:`_select`).
        """
        stop = min(start + BLOCK, len(self.need_list))
        wanted = self.top_k * 2 + 8
        if self.need_spec is None:
            block = (self.need_matrix[start:stop] @ self.ix.offer_matrix_t).tocsr()
        else:
            block = self._specific_block(start, stop, wanted)
        na = _NeedArrays(self.need_list[start:stop], self.sectors, self.forms)
        short = np.diff(block.indptr) < wanted
        ready: dict[int, tuple[list[int], list[float]]] = {}
        spread: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        if not self.picker.legal_check and na.bounded and self.ix.bounded:
            ready, spread = _top_by_bound(block, short, na, self.ix, self.top_k)
        others = np.flatnonzero([row not in ready and row not in spread for row in range(stop - start)])
        chosen = self._select(start, block, others, short, na) if len(others) else {}
        results: list[MatchResult] = []
        for row in range(stop - start):
            if row in ready:
                results.extend(self.picker.build(start + row, *ready[row]))
            elif row in spread:
                results.extend(self.picker.pick(start + row, *spread[row]))
            else:
                results.extend(chosen.get(row, ()))
        return results

    def _select(
        self, start: int, block: sparse.csr_matrix, others: np.ndarray, short: np.ndarray, na: _NeedArrays
    ) -> dict[int, list[MatchResult]]:
        """The results of the block's rows ``others`` from all their candidates.

        Needs with few text candidates also get same-sector offers; the legal check (if any)
        is asked here.
        """
        ix, need_list, top_k = self.ix, self.need_list, self.top_k
        size = block.shape[0]
        sub = block[others]
        counts = np.diff(sub.indptr)
        rows = np.repeat(others, counts)
        cand = sub.indices.astype(np.intp, copy=False)
        sims = sub.data
        fill = others[short[others]]
        if len(fill):  # needs with few text candidates also get same-sector offers
            extra_rows, extra_cand = [], []
            for short_row in fill:
                need = need_list[start + int(short_row)]
                have = block.indices[block.indptr[short_row] : block.indptr[short_row + 1]]
                extra = ix.fill(self.sectors[need.sector], self.forms[need.form], top_k * FILL)
                extra = extra[~np.isin(extra, have)]
                extra_rows.append(np.full(len(extra), short_row, dtype=rows.dtype))
                extra_cand.append(extra)
            rows = np.concatenate([rows, *extra_rows])
            cand = np.concatenate([cand, *extra_cand])
            sims = np.concatenate([sims, np.zeros(len(rows) - len(sims), dtype=sims.dtype)])
            order = np.argsort(rows, kind="stable")
            rows, cand, sims = rows[order], cand[order], sims[order]
        partial = _text_and_fit(rows, cand, sims, na, ix)
        all_bounds = bounds = np.searchsorted(rows, np.arange(size + 1))
        every = (rows, cand, partial)
        if na.bounded and ix.bounded:
            # Candidates that cannot come within PRUNE_MARGIN of their need's best score whatever
            # the rest adds are dropped before the rest is computed (the kept ones below are the
            # same); a need that must fall back to all its candidates gets them back.
            nonempty = bounds[:-1] < bounds[1:]
            top = np.full(size, -1.0)
            top[nonempty] = np.maximum.reduceat(partial, bounds[:-1][nonempty])
            close = partial >= top[rows] - (PRUNE_MARGIN + _REST_HIGH - _REST_LOW + _SAFETY)
            rows, cand, partial = rows[close], cand[close], partial[close]
            bounds = np.searchsorted(rows, np.arange(size + 1))
        scores = _add_rest(partial, rows, cand, na, ix)
        # Prune: only candidates close to their need's best score go to the exact selection;
        # a need left with too few of them is selected from all its candidates.
        nonempty = bounds[:-1] < bounds[1:]
        best = np.full(size, -1.0)
        best[nonempty] = np.maximum.reduceat(scores, bounds[:-1][nonempty])
        keep = scores >= best[rows] - PRUNE_MARGIN
        kept_bounds = np.searchsorted(rows[keep], np.arange(size + 1))
        kept_cand, kept_scores = cand[keep], scores[keep]
        results: dict[int, list[MatchResult]] = {}
        if not self.picker.legal_check:
            # without a legal filter the best top_k of every need come from one sort of the block
            full_rows = np.flatnonzero(np.diff(kept_bounds) >= top_k)
            if len(full_rows):
                keys = _order_keys(rows[keep], kept_cand, kept_scores, len(ix.sector))
                for row, picked in _firsts(keys, kept_bounds, full_rows, top_k, len(ix.sector)).items():
                    results[row] = self.picker.build(start + row, *picked)
        for row in others.tolist():
            if row in results:
                continue
            lo, hi = kept_bounds[row], kept_bounds[row + 1]
            if hi - lo >= self.enough:
                chosen = self.picker.pick(start + row, kept_cand[lo:hi], kept_scores[lo:hi])
                if len(chosen) == top_k:
                    results[row] = chosen
                    continue
            lo, hi = all_bounds[row], all_bounds[row + 1]
            if hi > lo:
                all_rows, all_cand, all_partial = (part[lo:hi] for part in every)
                all_scores = scores[bounds[row] : bounds[row + 1]]
                if hi - lo > len(all_scores):  # some were dropped before the rest was added
                    all_scores = _add_rest(all_partial.copy(), all_rows, all_cand, na, ix)
                results[row] = self.picker.pick(start + row, all_cand, all_scores)
        return results


def _firsts(
    keys: np.ndarray, bounds: np.ndarray, rows: np.ndarray, top_k: int, n_offers: int
) -> dict[int, tuple[list[int], list[float]]]:
    """The first ``top_k`` offers and their scores of each of ``rows`` in sorted keys (see _order_keys)."""
    taken = keys[(bounds[rows][:, None] + np.arange(top_k)).ravel()]
    offer_idx = (taken & ((1 << max(1, n_offers.bit_length())) - 1)).tolist()
    scores = _shown_scores(_key_steps(taken, n_offers))
    return {
        row: (offer_idx[n * top_k : (n + 1) * top_k], scores[n * top_k : (n + 1) * top_k])
        for n, row in enumerate(rows.tolist())
    }


def _top_by_bound(block: sparse.csr_matrix, skip: np.ndarray, na: _NeedArrays, ix: _Index, top_k: int) -> _Bounded:
    """The best ``top_k`` offers of a block's needs, scoring only the candidates that can be among them.

    A candidate's score is at most W_TEXT × its similarity + the most that everything else adds.
    First the candidates close to their need's best similarity are scored (all of a need's if
    fewer than top_k are close); the top_k-th best of them is a lower bound of the need's
    top_k-th score, so candidates whose bound is below it cannot be chosen and are never scored
    (four in five at national scale). The rest go to the same selection as in :meth:`_Run._select`,
    which chooses the same offers with the same scores from them as from all candidates. Needs
    in ``skip`` are left to _select.
    """
    counts = np.diff(block.indptr)
    size = len(counts)
    nonempty = counts > 0
    near = np.full(size, np.inf, dtype=np.float32)  # rows with +inf select nothing
    near[nonempty] = np.maximum.reduceat(block.data, block.indptr[:-1][nonempty]) - NEAR_SIMILARITY
    near[skip] = np.inf
    at = np.flatnonzero(block.data >= np.repeat(near, counts))
    lacking = (np.diff(np.searchsorted(at, block.indptr)) < top_k) & ~skip
    if lacking.any():
        near[lacking] = -np.inf
        at = np.flatnonzero(block.data >= np.repeat(near, counts))
    rows, cand, scores = _scored(block, at, na, ix)
    bounds = np.searchsorted(rows, np.arange(size + 1))
    enough = np.flatnonzero(np.diff(bounds) >= top_k)
    low = np.full(size, np.inf)  # a lower bound of each need's top_k-th score (+inf: unknown)
    if len(enough):
        keys = _order_keys(rows, cand, scores, len(ix.sector))
        low[enough] = (_key_steps(keys[bounds[enough] + top_k - 1], len(ix.sector)) - 1) / _SCORE_STEPS
    floor = ((low - (W_SECTOR + W_FORM) - na.rest_high() - _SAFETY) / W_TEXT).astype(np.float32)
    rows, cand, scores = _scored(block, np.flatnonzero(block.data >= np.repeat(floor, counts)), na, ix)
    bounds = np.searchsorted(rows, np.arange(size + 1))
    found = np.flatnonzero(bounds[:-1] < bounds[1:])
    best = np.full(size, np.inf)
    best[found] = np.maximum.reduceat(scores, bounds[found])
    # as in _select: needs with top_k candidates within PRUNE_MARGIN of their best are sorted,
    # the others picked from all their candidates
    keep = scores >= best[rows] - PRUNE_MARGIN
    kept_bounds = np.searchsorted(rows[keep], np.arange(size + 1))
    sure = np.diff(kept_bounds) >= top_k
    spread = {int(r): (cand[bounds[r] : bounds[r + 1]], scores[bounds[r] : bounds[r + 1]]) for r in found[~sure[found]]}
    keys = _order_keys(rows[keep], cand[keep], scores[keep], len(ix.sector))
    return _firsts(keys, kept_bounds, np.flatnonzero(sure), top_k, len(ix.sector)), spread


def _scored(
    block: sparse.csr_matrix, at: np.ndarray, na: _NeedArrays, ix: _Index
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Need rows, offers and full scores of the block's entries ``at`` (as :meth:`_Run._select` scores them)."""
    rows = np.repeat(np.arange(block.shape[0]), np.diff(np.searchsorted(at, block.indptr)))
    cand = block.indices.take(at).astype(np.intp)
    scores = _add_rest(_text_and_fit(rows, cand, block.data.take(at), na, ix), rows, cand, na, ix)
    return rows, cand, scores


_SCORE_STEPS = 1_000_000  # scores are ordered rounded to 6 decimals (ties go to the first offer)
_SCORE_BITS = 21  # room for _SCORE_STEPS + 1 (a score can round up to 1.000001)


def _order_keys(rows: np.ndarray, cand: np.ndarray, scores: np.ndarray, n_offers: int) -> np.ndarray:
    """Sorted int64 keys ordering candidates by need row, best rounded score, offer position.

    One integer key sorts several times faster than a three-key lexsort; rows (< BLOCK, 10 bits)
    and 21 score bits leave 31 bits for the offer position.
    """
    offer_bits = max(1, n_offers.bit_length())
    steps = np.rint(scores * _SCORE_STEPS).astype(np.int64)  # what np.round(scores, 6) rounds to
    keys = rows.astype(np.int64) << (_SCORE_BITS + offer_bits)
    keys |= ((1 << _SCORE_BITS) - 1 - steps) << offer_bits
    keys |= cand
    keys.sort()
    return keys


def _key_steps(keys: np.ndarray, n_offers: int) -> np.ndarray:
    """The rounded scores (in steps of 1e-6) of keys made by :func:`_order_keys`."""
    offer_bits = max(1, n_offers.bit_length())
    return (1 << _SCORE_BITS) - 1 - ((keys >> offer_bits) & ((1 << _SCORE_BITS) - 1))


def _shown_scores(steps: np.ndarray) -> list[float]:
    """``round(step / 1e6, 4)`` of each rounded score (what a result shows), for a whole block at once.

    Python's round is exact on the binary value; away from a tie (…50 steps) that is the
    nearest float to the rounded decimal, which one integer division gives. Ties and scores
    near or below 0 (the sign of a zero) are left to round itself.
    """
    whole, part = np.divmod(steps, _SCORE_STEPS // 10_000)
    shown: list[float] = ((whole + (part > 50)) / 10_000).tolist()
    for i in np.flatnonzero((part == 50) | (steps <= 50)).tolist():
        shown[i] = round(int(steps[i]) / _SCORE_STEPS, 4)
    return shown


def _result(
    need_id: str,
    offer_id: str,
    score: float,
    rank: int,
    reasons: tuple[Reason, ...],
    shared_terms: tuple[str, ...],
    legal_outcome: str | None,
) -> MatchResult:
    """A MatchResult without the frozen dataclass's per-field ``object.__setattr__`` (hot path).

    Its fields go straight into the instance dictionary (in their declared order), which is
    faster than building a dictionary and setting ``__dict__``.
    """
    result = object.__new__(MatchResult)
    fields = result.__dict__
    fields["need_id"] = need_id
    fields["offer_id"] = offer_id
    fields["score"] = score
    fields["rank"] = rank
    fields["reasons"] = reasons
    fields["shared_terms"] = shared_terms
    fields["legal_outcome"] = legal_outcome
    return result


class _Picker:
    """Chooses the best candidates of one need (asking the legal check) and builds the results."""

    def __init__(
        self,
        need_list: list[NeedInput],
        need_feats: list[Features],
        offer_list: list[OfferInput],
        offer_feats: list[Features],
        top_k: int,
        legal_check: LegalCheck | None,
        compat: Compatibility,
    ) -> None:
        self.need_list, self.need_feats = need_list, need_feats
        self.offer_list, self.offer_feats = offer_list, offer_feats
        self.top_k, self.legal_check, self.compat = top_k, legal_check, compat
        pairs = sorted({(o.sector, o.form) for o in offer_list} | {(n.sector, n.form) for n in need_list})
        self._fit_pairs = pairs  # (sector, form) codes of this run
        self._fit_codes_of = {pair: i for i, pair in enumerate(pairs)}
        self._fit_codes = [self._fit_codes_of[(o.sector, o.form)] for o in offer_list]
        self._fit_rows: dict[int, list[tuple[Reason, ...] | None]] = {}  # need code -> reasons by offer code
        self._facts: list[_OfferFacts | None] = [None] * len(offer_list)

    def _offer_facts(self, offer_index: int) -> _OfferFacts:
        """What the reasons need of one offer, gathered once per run (an offer is in many results)."""
        offer = self.offer_list[offer_index]
        until = offer.available_until
        facts = (
            offer.id,
            self._fit_codes[offer_index],
            offer.quantity,
            (until, _availability_reason(until, None)) if until is not None else None,
            (_SPARE,) if offer.spare else (),
            self.offer_feats[offer_index].weights,
        )
        self._facts[offer_index] = facts
        return facts

    def _fit_row(self, need: NeedInput) -> list[tuple[Reason, ...] | None]:
        """The sector/form reasons of a need's codes against each offer code, filled on first use."""
        key = self._fit_codes_of[(need.sector, need.form)]
        row = self._fit_rows.get(key)
        if row is None:
            row = self._fit_rows[key] = [None] * len(self._fit_pairs)
        return row

    def build(
        self,
        need_index: int,
        offer_indices: list[int],
        scores: list[float],
        outcomes: list[str | None] | None = None,
    ) -> list[MatchResult]:
        """Results for offers already chosen and ordered, with the legal check's outcomes if any.

        The hot path of a run (every result shown is built here): what depends on the need only
        is looked up once, what depends on the offer only once per run (:meth:`_offer_facts`),
        the sector/form reasons once per code pair of this run.
        """
        need = self.need_list[need_index]
        need_weights = self.need_feats[need_index].weights
        need_concepts = [k for k in need_weights if k[0] != "~"]  # title first, then description, broader
        need_skel = [k for k in need_weights if k[0] == "~"]
        urgent = (_reason("urgent", ("urgency", need.urgency)),) if need.urgency in ("high", "critical") else ()
        need_id, quantity, deadline = need.id, need.quantity, need.deadline
        fit_row, all_facts = self._fit_row(need), self._facts
        chosen: list[MatchResult] = []
        for rank, (offer_index, score) in enumerate(zip(offer_indices, scores, strict=True), start=1):
            facts = all_facts[offer_index] or self._offer_facts(offer_index)
            offer_id, fit_code, offer_quantity, available, spare, offer_weights = facts
            shared = tuple([c for c in need_concepts if c in offer_weights])
            if shared:
                reasons = [_shared_reason(shared)]
            elif need_skel and not offer_weights.keys().isdisjoint(need_skel):
                reasons = [_SIMILAR]
            else:
                reasons = []
            fit = fit_row[fit_code]
            if fit is None:
                fit = fit_row[fit_code] = _fit_reasons(need.sector, need.form, *self._fit_pairs[fit_code], self.compat)
            reasons += fit
            if quantity and offer_quantity:
                reasons.append(_quantity_reason(quantity, offer_quantity))
            if available is not None:
                until, plain = available
                reasons.append(_availability_reason(until, deadline) if deadline and until < deadline else plain)
            outcome = outcomes[rank - 1] if outcomes is not None else None
            tail = spare + urgent
            if outcome is not None:
                tail += (_reason("legal_outcome", ("outcome", outcome)),)
            chosen.append(_result(need_id, offer_id, score, rank, (*reasons, *tail), shared, outcome))
        return chosen

    def pick(self, need_index: int, cand: np.ndarray, scores: np.ndarray) -> list[MatchResult]:
        """The best ``top_k`` of a need's candidates that the legal check does not refuse."""
        need = self.need_list[need_index]
        top_k = self.top_k
        take = min(len(cand), top_k * 3 if self.legal_check else top_k)
        seen: set[int] = set()
        offer_indices: list[int] = []
        shown: list[float] = []
        outcomes: list[str | None] = []
        while True:
            size = len(cand)
            if take < size:
                # all candidates tied with the take-th best, so that ties go to the first offer
                threshold = scores[np.argpartition(scores, size - take)[size - take]]
                part = np.flatnonzero(scores >= threshold)
            else:
                part = np.arange(size)
            # best first; ties by offer position so that results are deterministic
            ranked = sorted(zip((-np.round(scores[part], 6)).tolist(), cand[part].tolist(), part.tolist(), strict=True))
            for neg_score, offer_index, _ in ranked:
                if offer_index in seen:
                    continue
                seen.add(offer_index)
                outcome = self.legal_check(need, self.offer_list[offer_index]) if self.legal_check else None
                if outcome is not None and outcome.startswith("not_permitted"):
                    continue
                offer_indices.append(offer_index)
                shown.append(round(-neg_score, 4))
                outcomes.append(outcome)
                if len(offer_indices) == top_k:
                    return self.build(need_index, offer_indices, shown, outcomes)
            if take >= len(cand):
                return self.build(need_index, offer_indices, shown, outcomes)
            take = min(len(cand), take * 4)
