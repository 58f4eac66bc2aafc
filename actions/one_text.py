"""Tf-idf of one message and its products with fitted matrices, in plain Python.

Fact selection scores every message against about 1,600 example questions, the facts'
texts and a classifier. For one short message, scikit-learn's `transform`, sparse
`hstack`/`normalize` and `predict_proba` spend more time validating input and building
sparse matrices than on the arithmetic (about 2 ms of the action server's 3 ms per
message, measured with cProfile). These functions do the same arithmetic on a dict of
the message's few non-zero features; `tests/test_one_text.py` checks they equal
scikit-learn's results to 1e-9. Fitting still uses scikit-learn.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import numpy as np
from scipy.sparse import csc_matrix
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

Weights = dict[int, float]  # feature index -> value, the non-zero features of one text


def _l2(weights: Weights) -> Weights:
    norm = math.sqrt(sum(v * v for v in weights.values()))
    return {j: v / norm for j, v in weights.items()} if norm else weights


class OneText:
    """`vectorizer.transform([text])` for one text, as a dict of its non-zero features."""

    def __init__(self, vectorizer: TfidfVectorizer, offset: int = 0) -> None:
        if vectorizer.norm not in ("l2", None):
            raise ValueError(f"unsupported norm {vectorizer.norm!r}")
        self.analyze = vectorizer.build_analyzer()
        self.vocabulary: dict[str, int] = vectorizer.vocabulary_
        self.idf = vectorizer.idf_ if vectorizer.use_idf else np.ones(len(self.vocabulary))
        self.binary, self.sublinear, self.norm = vectorizer.binary, vectorizer.sublinear_tf, vectorizer.norm
        self.offset = offset  # where these features start when stacked after others

    def weights(self, text: str) -> Weights:
        counts = Counter(self.vocabulary[t] for t in self.analyze(text) if t in self.vocabulary)
        out: Weights = {}
        for j, count in counts.items():
            tf = 1.0 if self.binary else (1.0 + math.log(count) if self.sublinear else float(count))
            out[j] = tf * float(self.idf[j])
        if self.norm == "l2":
            out = _l2(out)
        return {j + self.offset: v for j, v in out.items()}


def stacked(*parts: Weights) -> Weights:
    """`normalize(hstack(parts))`: the parts side by side (disjoint indices), L2-normalised."""
    merged: Weights = {}
    for part in parts:
        merged.update(part)
    return _l2(merged)


class RowProducts:
    """`matrix @ vector.T` for a fixed sparse matrix and one sparse vector: per row."""

    def __init__(self, matrix: Any) -> None:
        columns = csc_matrix(matrix)
        columns.sort_indices()
        self.rows = columns.shape[0]
        self.indptr, self.indices, self.data = columns.indptr, columns.indices, columns.data

    def __call__(self, vector: Weights) -> np.ndarray:
        out = np.zeros(self.rows)
        for j, value in vector.items():
            start, end = self.indptr[j], self.indptr[j + 1]
            out[self.indices[start:end]] += value * self.data[start:end]
        return out


class Probabilities:
    """`model.predict_proba` of a fitted multinomial LogisticRegression for one vector."""

    def __init__(self, model: LogisticRegression) -> None:
        if len(model.classes_) < 3 or model.multi_class not in ("auto", "multinomial"):
            raise ValueError("only a multinomial model of three or more classes is supported")
        self.coef = np.ascontiguousarray(model.coef_.T)  # feature -> per-class weights
        self.intercept = model.intercept_

    def __call__(self, vector: Weights) -> np.ndarray:
        scores = self.intercept.copy()
        if vector:
            columns = np.fromiter(vector.keys(), dtype=np.intp, count=len(vector))
            values = np.fromiter(vector.values(), dtype=float, count=len(vector))
            scores += values @ self.coef[columns]
        scores -= scores.max()
        exp = np.exp(scores)
        return exp / exp.sum()
