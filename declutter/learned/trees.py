"""Gradient-boosted trees without a library: a model file in, one scoring function out.

The model is trained with LightGBM (``train.py``) and saved as plain JSON: the feature
names and, per tree, nested nodes ``[feature, threshold, left, right]`` down to leaf
values (LightGBM's rule: ``x[feature] <= threshold`` goes left). Loading turns the whole
ensemble into the source of one Python function of nested ``if``s and compiles it once,
so scoring a block is a few dozen comparisons in bytecode, with no dependency at run
time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Node = Any  # float (a leaf) or [feature, threshold, left, right]


@dataclass(frozen=True, slots=True)
class Ensemble:
    """A loaded model: its features, its decision threshold and its compiled score."""

    features: tuple[str, ...]
    threshold: float  # keep a block whose probability is at least this
    raw: Callable[[Sequence[float]], float]  # sum of the trees' leaf values (log-odds)
    about: dict[str, Any]
    # Per page type, a threshold other than ``threshold`` (none: the one for every page).
    type_thresholds: dict[str, float] = field(default_factory=dict)

    def threshold_for(self, page_type: str | None) -> float:
        """The threshold for a page of ``page_type``."""
        return self.type_thresholds.get(page_type or "", self.threshold)

    def probability(self, row: Sequence[float]) -> float:
        return 1.0 / (1.0 + math.exp(-self.raw(row)))


def _source(node: Node, depth: int, out: list[str]) -> None:
    pad = "    " * depth
    if not isinstance(node, list):
        out.append(f"{pad}s += {float(node)!r}")
        return
    feature, threshold, left, right = node
    out.append(f"{pad}if x[{int(feature)}] <= {float(threshold)!r}:")
    _source(left, depth + 1, out)
    out.append(f"{pad}else:")
    _source(right, depth + 1, out)


def compile_trees(trees: Sequence[Node], base: float = 0.0) -> Callable[[Sequence[float]], float]:
    """One function ``x -> base + sum of leaf values`` for ``trees``."""
    lines = ["def score(x):", f"    s = {float(base)!r}"]
    for tree in trees:
        _source(tree, 1, lines)
    lines.append("    return s")
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(lines), "<declutter model>", "exec"), namespace)  # noqa: S102
    return namespace["score"]


def load(path: Path) -> Ensemble:
    """The model saved at ``path`` by ``train.py``."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    return Ensemble(
        features=tuple(doc["features"]),
        threshold=float(doc["threshold"]),
        raw=compile_trees(doc["trees"], doc.get("base", 0.0)),
        about=doc.get("about", {}),
        type_thresholds={k: float(v) for k, v in doc.get("type_thresholds", {}).items()},
    )


def from_lightgbm(dump: dict[str, Any]) -> list[Node]:
    """The trees of a LightGBM ``Booster.dump_model()`` as nested nodes."""

    def walk(node: dict[str, Any]) -> Node:
        if "leaf_value" in node:
            return round(node["leaf_value"], 6)
        assert node["decision_type"] == "<=", "numerical splits only"
        return [
            node["split_feature"],
            node["threshold"],
            walk(node["left_child"]),
            walk(node["right_child"]),
        ]

    return [walk(tree["tree_structure"]) for tree in dump["tree_info"]]
