"""Model cards (Markdown, Chinese), the one writer for every version a model kind registers:
the starter model (`category_card`), a retrained classifier (`retrain_card`: the same card plus
its data and the comparison with the active model) and the adoption model (`adoption_card`)."""

from __future__ import annotations

from typing import Any

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


def _labels(counts: dict[str, int]) -> str:
    return "，".join(f"{CATEGORY_NAMES.get(k, k)} {v}" for k, v in counts.items())


def _data_lines(d: dict[str, Any]) -> list[str]:
    w = d["weights"]
    return [
        "## 训练数据",
        "",
        f"- 内置语料 {d['corpus']} 篇，审核确认的稿件 {d['history']} 篇，"
        f"去重（按规范化正文）去掉 {d['duplicates']} 篇",
        f"- 训练集 {d['train']} 篇（语料 {d['train_corpus']}，历史稿件 {d['train_history']}）："
        + _labels(d["train_by_label"]),
        f"- 留出集：最近审核的 {d['eval_share']:.0%} 稿件共 {d['eval']} 篇"
        + (f"（{d['eval_from'][:10]} 至 {d['eval_to'][:10]}）：" if d["eval"] else "：")
        + _labels(d["eval_by_label"]),
        f"- 审核员改过分类的稿件 {d['corrected']} 篇（权重 ×{w['corrected']:g}）；"
        f"历史稿件权重 {w['history']:g}×(1 + {w['recent_bonus']:g}×2^(−天数/{w['half_life_days']:g}))，"
        f"语料权重 {w['corpus']:g}",
        *([f"- 无存储分词、重新分词的稿件 {d['retokenized']} 篇"] if d.get("retokenized") else []),
        "",
    ]


def retrain_card(metrics: dict[str, Any]) -> str:
    c = metrics["comparison"]
    lines = [category_card(metrics["counts"], metrics, metrics.get("news_style")), ""]
    lines += _data_lines(metrics["data"])
    lines += ["## 与现用模型比较", ""]
    if c["active_version"]:
        cand, act = c["candidate_macro_f1"], c["active_macro_f1"]
        if cand is not None and act is not None:
            lines.append(
                f"同一留出集上 macro-F1：候选 {cand:.3f}，现用 {c['active_version']} {act:.3f}，"
                f"差 {cand - act:+.3f}（容差 {c['margin']:g}）"
            )
    lines += [f"结论：{c['reason']}", ""]
    if c.get("news_style_from"):
        lines += [f"新闻稿式写法模型沿用 {c['news_style_from']}（只由语料训练）。", ""]
    return "\n".join(lines)


def adoption_card(m: dict[str, Any]) -> str:
    r, c = m["recent"], m["comparison"]
    auc = "—" if r["roc_auc"] is None else f"{r['roc_auc']:.3f}"
    lines = [
        "# 采用可能性模型卡",
        "",
        f"已知采用结果的稿件 {m['outcomes']} 篇（采用 {m['adopted']} 篇）；"
        f"训练 {m['n_train']} 篇，最近决定的 {m['n_eval']} 篇留出评估。",
        f"通过审核 {m['settle_days']} 天仍未登记采用的稿件计为未采用。",
        "",
        "## 留出集",
        "",
        f"ROC AUC {auc}，Brier {r['brier']:.3f}，对数损失 {r['log_loss']:.3f}，"
        f"ECE {r['ece']:.3f}，实际采用率 {r['base_rate']:.1%}",
        "",
        "| 预测区间 | 稿件数 | 平均预测 | 实际采用率 |",
        "|---|---|---|---|",
        *(
            f"| {b['lo']:.1f}–{b['hi']:.1f} | {b['n']} | {b['predicted']:.2f} | {b['observed']:.2f} |"
            for b in r["reliability"]
        ),
        "",
        *_coefficient_lines(m.get("coefficients") or {}),
        f"结论：{c['reason']}",
        "",
    ]
    return "\n".join(lines)


def _coefficient_lines(coefficients: dict[str, float]) -> list[str]:
    """The factors by weight: + raises the chance of adoption, − lowers it."""
    from training.likelihood import FEATURE_NAMES

    ranked = sorted(coefficients.items(), key=lambda kv: -abs(kv[1]))[:8]
    if not ranked:
        return []
    return [
        "## 影响采用的因素（标准化系数，+ 提高、− 降低采用可能性）",
        "",
        "，".join(f"{FEATURE_NAMES.get(k, k)} {v:+.2f}" for k, v in ranked),
        "",
    ]
