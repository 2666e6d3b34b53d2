"""The model card: a short Markdown summary stored with each version."""

from __future__ import annotations

from models.report import CATEGORY_NAMES


def _table(m: dict) -> list[str]:
    lines = ["| 类别 | 精确率 | 召回率 | F1 | 样本数 |", "|---|---|---|---|---|"]
    for lab, v in m["per_class"].items():
        lines.append(
            f"| {CATEGORY_NAMES[lab]} | {v['precision']:.3f} | {v['recall']:.3f} | "
            f"{v['f1']:.3f} | {v['support']} |"
        )
    lines += [
        "",
        "混淆矩阵（行：真实，列：预测）：",
        "",
        "| | " + " | ".join(CATEGORY_NAMES[x] for x in m["labels"]) + " |",
        "|---|" + "---|" * len(m["labels"]),
    ]
    for lab, row in zip(m["labels"], m["confusion"], strict=True):
        lines.append(f"| {CATEGORY_NAMES[lab]} | " + " | ".join(str(x) for x in row) + " |")
    return lines


def category_card(counts: dict[str, int], metrics: dict, news: dict | None = None) -> str:
    lines = [
        "# 分类模型卡",
        "",
        "训练数据：" + "，".join(f"{CATEGORY_NAMES.get(k, k)} {v} 篇" for k, v in counts.items()),
        "",
    ]
    for key, title in (
        ("cv", "按撰稿人分组交叉验证（5 折）"),
        ("held_out", "留出集"),
        ("recent", "最近审核稿件留出集"),
        ("active_on_recent", "现用模型在同一留出集"),
    ):
        if key in metrics:
            m = metrics[key]
            extra = f"，Brier {m['brier']:.3f}，ECE {m['ece']:.3f}" if "brier" in m else ""
            lines += [
                f"## {title}",
                "",
                f"macro-F1 {m['macro_f1']:.3f}，准确率 {m['accuracy']:.3f}，n={m['n']}{extra}",
                "",
                *_table(m),
                "",
            ]
    if news:
        lines += [
            "## 新闻稿式写法判定（按撰稿人分组 5 折交叉验证，含规则标记）",
            "",
            f"F1 {news['f1']:.3f}，精确率 {news['precision']:.3f}，召回率 {news['recall']:.3f}；"
            f"信息稿被误判为新闻稿的比例 {news['info_called_news_rate']:.1%}（n={news['n']}）",
            "",
        ]
    return "\n".join(lines)
