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


def test_a_short_question_about_stopping_it_coming_back_is_no_crisis():
    """Blind set dev11: "and for not have it again?" after the cramp advice got the crisis
    reply from the learned signal alone; indirect crisis talk still gets it."""
    from actions.safety import Level, screen

    for text in ("and for not have it again?", "how to not have it again?"):
        assert screen(text, previous="when I have cramp at night what I do?").level == Level.NONE, text
    assert screen("want to disappear permanently").is_crisis
