"""Scoring arithmetic and the ranking's tie rule (pure functions)."""

from decimal import Decimal as D

from clusters.scoring import TIE_RULE, Node, compute, format_points, rank

# I (30) = 1 + 2 + 3 (10 each); II (50) = 4 (30) + 5 (20);
# IV bonus (15) = 8 (10) + 9 (5) + 10 (5); V penalty (20) = 11 (5) + 12 (10)
NODES = [
    Node(100, None, "tieu_chi", D(30)),
    Node(1, 100, "tieu_chi", D(10)),
    Node(2, 100, "tieu_chi", D(10)),
    Node(3, 100, "tieu_chi", D(10)),
    Node(200, None, "tieu_chi", D(50)),
    Node(4, 200, "tieu_chi", D(30)),
    Node(5, 200, "tieu_chi", D(20)),
    Node(400, None, "cong", D(15)),
    Node(8, 400, "cong", D(10)),
    Node(9, 400, "cong", D(5)),
    Node(10, 400, "cong", D(5)),
    Node(500, None, "tru", D(20)),
    Node(11, 500, "tru", D(5)),
    Node(12, 500, "tru", D(10)),
]


def test_compute_sums_base_bonus_and_penalty():
    totals = compute(NODES, {1: D(10), 2: D("8.5"), 3: D(10), 4: D(30), 5: D(20), 8: D(10), 12: D(10)})
    assert (totals.base, totals.bonus, totals.penalty, totals.total) == (D("78.5"), D(10), D(10), D("78.5"))


def test_compute_caps_a_line_at_its_maximum():
    totals = compute(NODES, {1: D(12), 2: D(10), 3: D(10)})
    assert totals.values[1] == D(10)
    assert totals.base == D(30)
    assert totals.capped == {1}


def test_compute_caps_the_bonus_group_at_its_maximum():
    totals = compute(NODES, {4: D(30), 8: D(10), 9: D(5), 10: D(5)})
    assert totals.bonus == D(15)
    assert totals.total == D(45)
    assert totals.capped == {400}


def test_compute_caps_a_heading_below_the_sum_of_its_children():
    nodes = [
        Node(100, None, "tieu_chi", D(25)),
        Node(1, 100, "tieu_chi", D(10)),
        Node(2, 100, "tieu_chi", D(10)),
        Node(3, 100, "tieu_chi", D(10)),
    ]
    assert compute(nodes, {1: D(10), 2: D(10), 3: D(10)}).base == D(25)


def test_compute_penalty_never_makes_the_total_negative():
    totals = compute(NODES, {1: D(5), 11: D(5), 12: D(10)})
    assert (totals.base, totals.penalty, totals.total) == (D(5), D(15), D(0))


def test_compute_full_base_plus_flag_bonus_reaches_95():
    points = {1: D(10), 2: D(10), 3: D(10), 4: D(30), 5: D(20), 8: D(10), 9: D(5)}
    totals = compute(NODES, points)
    assert (totals.base, totals.bonus, totals.total) == (D(80), D(15), D(95))


def test_rank_breaks_ties_by_base_then_penalty_then_shares():
    rows = [
        ("b", "UBND xã Bích Hòa", D(90), D(80), D(0)),  # same total, lower base
        ("c", "UBND xã Cự Khê", D(90), D(85), D(5)),  # same total and base, more penalty
        ("a", "UBND thị trấn Kim Bài", D(90), D(85), D(0)),
        ("d", "UBND xã Cao Viên", D(90), D(85), D(0)),  # identical to Kim Bài: same rank
        ("e", "UBND xã Dân Hòa", D("95.5"), D("85.5"), D(0)),
    ]
    ranked = rank(rows)
    assert [(r.rank, r.name) for r in ranked] == [
        (1, "UBND xã Dân Hòa"),
        (2, "UBND thị trấn Kim Bài"),
        (2, "UBND xã Cao Viên"),
        (4, "UBND xã Cự Khê"),
        (5, "UBND xã Bích Hòa"),
    ]


def test_tie_rule_is_stated_in_vietnamese():
    assert TIE_RULE.startswith("Xếp hạng theo tổng điểm từ cao xuống thấp. Bằng tổng điểm thì đơn vị có điểm tiêu chí")


def test_format_points_uses_a_decimal_comma():
    assert [format_points(D("12.50")), format_points(D("10.00")), format_points(None)] == ["12,5", "10", "—"]
