"""The learned red-flag signal's one-text arithmetic equals scikit-learn's."""

from __future__ import annotations

import numpy as np

from actions import safety_model
from actions.safety import _normalise


def test_the_compiled_estimate_equals_predict_proba():
    model = safety_model.default_model()
    assert model is not None
    texts = [_normalise(c["text"]) for c in safety_model.examples()[::7]]
    texts += ["", "hello", "zzzz qqqq", "CAN'T BREATHE!!!", "calcium 1.2 mmol/L"]
    for text in texts:
        fast = safety_model._compiled(model).probabilities(text)
        slow = model.predict_proba([text])[0]
        assert np.allclose(fast, slow, atol=1e-9), text
