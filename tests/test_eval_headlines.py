"""The headline evaluation's measures (training/eval_headlines.py)."""

from __future__ import annotations

from training.eval_headlines import rouge_l, span_ceiling


def test_the_span_ceiling_is_the_best_single_span_of_the_body() -> None:
    body = "今年以来，岭口镇新建村级卫生室12个，覆盖全部行政村。"
    assert span_ceiling(body, "岭口镇新建村级卫生室12个") == 1.0
    assert span_ceiling("天气晴朗", "岭口镇新建村级卫生室") == 0.0
    # against every span, scored one by one (punctuation removed first, as rouge_l does)
    text, title = "岭口镇新建卫生室另有村级道路12条其中硬化道路8条", "岭口镇新建村级道路"
    spans = [text[i:j] for i in range(len(text)) for j in range(i + 1, min(i + 30, len(text)) + 1)]
    assert span_ceiling(text, title) == max(rouge_l(s, title) for s in spans)
    assert span_ceiling(text, title, longest=5) == rouge_l("岭口镇新建", title)
