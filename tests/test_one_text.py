"""The one-message arithmetic (actions/one_text.py) equals scikit-learn's, so fact
selection ranks exactly as it did with `transform` and `predict_proba`."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics.pairwise import linear_kernel

from actions import knowledge, retrieval, selection

TEXTS = [
    "what causes twitching in my sleep?",
    "calcuim levels too low??",  # typos: character n-grams only
    "I'm 7 months pregnant and get calf cramps at night. What helps?",
    "",  # nothing at all
    "zzzz qqqq",  # no known feature
    "HOW LONG DOES A CRAMP LAST " * 30,  # long and repeated (counts > 1)
]


@pytest.fixture(scope="module")
def selector() -> selection.FactSelector:
    return selection.FactSelector(knowledge.default(), retrieval.default())


def _dense(weights: dict[int, float], size: int) -> np.ndarray:
    out = np.zeros(size)
    for j, v in weights.items():
        out[j] = v
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_the_message_vector_equals_scikit_learns(selector, text):
    expected = selector._vectors([text]).toarray()[0]
    assert np.allclose(_dense(selector._vector(text), expected.size), expected, atol=1e-9)


@pytest.mark.parametrize("text", TEXTS)
def test_example_similarities_and_probabilities_equal_scikit_learns(selector, text):
    matrix = selector._vectors([text])
    vector = selector._vector(text)
    expected_sims = (selector.example_matrix @ matrix.T).toarray().ravel()
    assert np.allclose(selector._example_products(vector), expected_sims, atol=1e-9)
    expected_p = selector.model.predict_proba(matrix)[0]
    assert np.allclose(selector._probabilities(vector), expected_p, atol=1e-9)


@pytest.mark.parametrize("text", TEXTS)
def test_retrieval_scores_equal_scikit_learns(text):
    retriever = retrieval.default()
    expected = linear_kernel(retriever.vectorizer.transform([text]), retriever.matrix)[0]
    assert np.allclose(retriever._scores(retriever._query.weights(text)), expected, atol=1e-9)
