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

import math
from collections.abc import Callable, Iterable, Sequence
from datetime import date

import numpy as np
from scipy import sparse

from vanort.matching.lexicon import Features, Lexicon, default_lexicon
from vanort.matching.tables import Compatibility, default_compatibility
from vanort.matching.types import MatchResult, NeedInput, OfferInput, Reason

W_TEXT, W_SECTOR, W_FORM, W_QUANTITY, W_AVAIL, W_URGENCY = 0.55, 0.18, 0.12, 0.05, 0.05, 0.05
BLOCK = 256  # needs per sparse product
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
    """Everything about the offers that the per-need scoring needs, as arrays."""

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
        self.vocab = {key: i for i, key in enumerate(df)}
        total = len(offer_features) + len(need_features)
        self.idf = np.asarray([math.log((1 + total) / (1 + n)) + 1.0 for n in df.values()], dtype=np.float32)
        self.offer_matrix_t = _matrix(offer_features, self.vocab, self.idf).T.tocsr()
        self.sector = np.asarray([sectors[o.sector] for o in offers], dtype=np.int16)
        self.form = np.asarray([forms[o.form] for o in offers], dtype=np.int16)
        self.quantity = np.asarray([o.quantity if o.quantity else np.nan for o in offers], dtype=np.float32)
        self.spare = np.asarray([o.spare for o in offers], dtype=bool)
        self.until = np.asarray(
            [o.available_until.toordinal() if o.available_until else _NO_DATE for o in offers], dtype=np.int64
        )
        sector_codes = sorted(sectors, key=sectors.__getitem__)
        form_codes = sorted(forms, key=forms.__getitem__)
        self.sector_w = np.asarray([[compat.sector(a, b) for b in sector_codes] for a in sector_codes], np.float32)
        self.form_w = np.asarray([[compat.form(a, b) for b in form_codes] for a in form_codes], np.float32)
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


def _need_scores(need: NeedInput, ns: int, nf: int, cand: np.ndarray, sims: np.ndarray, ix: _Index) -> np.ndarray:
    sector = ix.sector_w[ns][ix.sector[cand]]
    form = ix.form_w[nf][ix.form[cand]]
    if need.quantity:
        qty = np.minimum(ix.quantity[cand] / float(need.quantity), 1.0)
        qty = np.where(np.isnan(qty), 0.5, qty)
    else:
        qty = np.full(len(cand), 0.5, dtype=np.float32)
    if need.deadline is not None:
        avail = np.where(ix.until[cand] >= need.deadline.toordinal(), 1.0, 0.5)
    else:
        avail = np.ones(len(cand), dtype=np.float32)
    if need.urgency in ("high", "critical"):
        urgency = np.where(ix.spare[cand], 1.0, 0.5)
    else:
        urgency = np.full(len(cand), 0.5, dtype=np.float32)
    return np.asarray(
        W_TEXT * sims + W_SECTOR * sector + W_FORM * form + W_QUANTITY * qty + W_AVAIL * avail + W_URGENCY * urgency,
        dtype=np.float64,
    )


def _reasons(
    need: NeedInput,
    offer: OfferInput,
    shared: list[str],
    similar_words: bool,
    compat: Compatibility,
) -> tuple[Reason, ...]:
    reasons: list[Reason] = []
    if shared:
        reasons.append(Reason("shared_terms", (("concepts", ",".join(shared)),)))
    elif similar_words:
        reasons.append(Reason("similar_words"))
    if need.sector == offer.sector:
        reasons.append(Reason("same_sector", (("sector", need.sector),)))
    elif compat.sector(need.sector, offer.sector) > 0:
        reasons.append(Reason("neighbour_sector", (("need_sector", need.sector), ("offer_sector", offer.sector))))
    else:
        reasons.append(Reason("other_sector", (("need_sector", need.sector), ("offer_sector", offer.sector))))
    if need.form == offer.form:
        reasons.append(Reason("same_form", (("form", need.form),)))
    elif compat.form(need.form, offer.form) > 0:
        reasons.append(Reason("compatible_form", (("need_form", need.form), ("offer_form", offer.form))))
    if need.quantity and offer.quantity:
        code = "quantity_covers" if offer.quantity >= need.quantity else "quantity_partial"
        reasons.append(Reason(code, (("need", str(need.quantity)), ("offer", str(offer.quantity)))))
    if offer.available_until is not None:
        if need.deadline is not None and offer.available_until < need.deadline:
            reasons.append(
                Reason(
                    "available_before_deadline",
                    (("until", offer.available_until.isoformat()), ("deadline", need.deadline.isoformat())),
                )
            )
        else:
            reasons.append(Reason("available_until", (("until", offer.available_until.isoformat()),)))
    if offer.spare:
        reasons.append(Reason("spare"))
    if need.urgency in ("high", "critical"):
        reasons.append(Reason("urgent", (("urgency", need.urgency),)))
    return tuple(reasons)


def _shared(need: Features, offer: Features) -> tuple[list[str], bool]:
    common = [(need.weights[k] * offer.weights[k], k) for k in need.weights.keys() & offer.weights.keys()]
    common.sort(key=lambda item: (-item[0], item[1]))
    concepts = [k for _, k in common if not k.startswith("~")]
    return concepts, len(concepts) < len(common)


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
) -> list[MatchResult]:
    """The best ``top_k`` offers for every need, in the order of the needs, best first."""
    need_list = list(needs)
    today = today or date.today()
    offer_list = [o for o in offers if o.available_until is None or o.available_until >= today]
    if top_k <= 0 or not need_list or not offer_list:
        if progress is not None:
            progress(len(need_list), len(need_list))
        return []
    lex = lexicon or default_lexicon()
    compat = compatibility or default_compatibility()
    need_feats = [lex.features(n.title, n.description, n.language) for n in need_list]
    offer_feats = [lex.features(o.title, o.description, o.language) for o in offer_list]
    sectors = _codes([*(n.sector for n in need_list), *(o.sector for o in offer_list)])
    forms = _codes([*(n.form for n in need_list), *(o.form for o in offer_list)])
    ix = _Index(offer_list, offer_feats, need_feats, compat, sectors, forms)
    need_matrix = _matrix(need_feats, ix.vocab, ix.idf)
    results: list[MatchResult] = []
    wanted = top_k * 2 + 8
    total = len(need_list)
    for start in range(0, total, BLOCK):
        block = (need_matrix[start : start + BLOCK] @ ix.offer_matrix_t).tocsr()
        for row in range(block.shape[0]):
            i = start + row
            need = need_list[i]
            ns, nf = sectors[need.sector], forms[need.form]
            lo, hi = block.indptr[row], block.indptr[row + 1]
            cand = block.indices[lo:hi]
            sims = block.data[lo:hi]
            if len(cand) < wanted:
                extra = ix.fill(ns, nf, top_k * FILL)
                extra = extra[~np.isin(extra, cand)]
                cand = np.concatenate([cand, extra])
                sims = np.concatenate([sims, np.zeros(len(extra), dtype=sims.dtype)])
            if len(cand) == 0:
                continue
            scores = _need_scores(need, ns, nf, cand, sims, ix)
            results.extend(
                _select(need, need_feats[i], cand, scores, offer_list, offer_feats, top_k, legal_check, compat)
            )
        if progress is not None:
            progress(min(start + BLOCK, total), total)
    return results


def _select(
    need: NeedInput,
    need_feat: Features,
    cand: np.ndarray,
    scores: np.ndarray,
    offer_list: list[OfferInput],
    offer_feats: list[Features],
    top_k: int,
    legal_check: LegalCheck | None,
    compat: Compatibility,
) -> list[MatchResult]:
    chosen: list[MatchResult] = []
    take = min(len(cand), top_k * 3 if legal_check else top_k)
    while True:
        part = np.argpartition(-scores, take - 1)[:take] if take < len(cand) else np.arange(len(cand))
        # best first; ties by offer position so results are deterministic
        order = part[np.lexsort((cand[part], -np.round(scores[part], 6)))]
        chosen = []
        for j in order:
            offer_index = int(cand[j])
            offer = offer_list[offer_index]
            outcome = legal_check(need, offer) if legal_check else None
            if outcome is not None and outcome.startswith("not_permitted"):
                continue
            shared, similar = _shared(need_feat, offer_feats[offer_index])
            reasons = _reasons(need, offer, shared, similar, compat)
            if outcome is not None:
                reasons = (*reasons, Reason("legal_outcome", (("outcome", outcome),)))
            chosen.append(
                MatchResult(
                    need_id=need.id,
                    offer_id=offer.id,
                    score=round(float(scores[j]), 4),
                    rank=len(chosen) + 1,
                    reasons=reasons,
                    shared_terms=tuple(shared),
                    legal_outcome=outcome,
                )
            )
            if len(chosen) == top_k:
                return chosen
        if take >= len(cand):
            return chosen
        take = min(len(cand), take * 4)
