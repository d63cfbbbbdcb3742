"""Scoring arithmetic and the ranking: pure functions, no database.

A scored item counts between 0 and its maximum; a heading counts the sum of its children, capped at
its own maximum. Standard criteria make the base (typically out of 100); bonus items add, penalty
items subtract, each within their caps; a total never goes below zero.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal("0")

TIE_RULE = (
    "Xếp hạng theo tổng điểm từ cao xuống thấp. Bằng tổng điểm thì đơn vị có điểm tiêu chí (chưa tính điểm thưởng) "
    "cao hơn xếp trên; vẫn bằng thì đơn vị có ít điểm trừ hơn xếp trên; vẫn bằng nữa thì đồng hạng."
)


@dataclass(frozen=True)
class Node:
    id: int
    parent_id: int | None
    kind: str  # CriterionKind value
    max_points: Decimal


@dataclass
class Totals:
    base: Decimal
    bonus: Decimal
    penalty: Decimal
    total: Decimal
    values: dict[int, Decimal] = field(default_factory=dict)
    capped: set[int] = field(default_factory=set)  # nodes whose claimed points exceeded the cap


def compute(nodes: Iterable[Node], points: Mapping[int, Decimal | None]) -> Totals:
    nodes = list(nodes)
    children: dict[int | None, list[Node]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)
    values: dict[int, Decimal] = {}
    capped: set[int] = set()

    def value(node: Node) -> Decimal:
        kids = children.get(node.id)
        raw = sum((value(k) for k in kids), ZERO) if kids else Decimal(points.get(node.id) or 0)
        raw = max(raw, ZERO)
        if raw > node.max_points:
            capped.add(node.id)
            raw = node.max_points
        values[node.id] = raw
        return raw

    sums = {"tieu_chi": ZERO, "cong": ZERO, "tru": ZERO}
    for top in children.get(None, []):
        sums[top.kind] += value(top)
    total = max(sums["tieu_chi"] + sums["cong"] - sums["tru"], ZERO)
    return Totals(base=sums["tieu_chi"], bonus=sums["cong"], penalty=sums["tru"], total=total, values=values, capped=capped)


@dataclass(frozen=True)
class Ranked:
    rank: int
    key: object
    name: str
    total: Decimal
    base: Decimal
    penalty: Decimal


def rank(rows: Iterable[tuple[object, str, Decimal, Decimal, Decimal]]) -> list[Ranked]:
    """rows: (key, name, total, base, penalty). Ties follow TIE_RULE; equal units share a rank
    (1, 2, 2, 4) and are listed by name."""
    ordered = sorted(rows, key=lambda r: (-r[2], -r[3], r[4], r[1]))
    result: list[Ranked] = []
    for position, (key, name, total, base, penalty) in enumerate(ordered, start=1):
        previous = result[-1] if result else None
        same = previous is not None and (previous.total, previous.base, previous.penalty) == (total, base, penalty)
        result.append(Ranked(previous.rank if same else position, key, name, total, base, penalty))
    return result


def format_points(value: Decimal | None) -> str:
    """12.50 → "12,5"; 10.00 → "10"."""
    if value is None:
        return "—"
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")
