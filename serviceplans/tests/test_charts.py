from decimal import Decimal
from xml.etree import ElementTree

from serviceplans.charts import Segment, TrendPoint, stacked_bar_svg, trend_chart_svg


def parse(svg):
    return ElementTree.fromstring(str(svg))


def test_stacked_bar_chart_is_valid_svg_with_a_title_and_counts_as_text():
    svg = stacked_bar_svg(
        "Task status <by unit>",
        [
            (
                "Waste & Recycling",
                [Segment("green", "Green", 12), Segment("red", "Red", 3), Segment("amber", "Amber", 0)],
            )
        ],
    )
    root = parse(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.find(f"{ns}title").text == "Task status <by unit>"
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert "Waste & Recycling" in texts and "12" in texts
    rects = root.findall(f"{ns}rect")
    assert [r.find(f"{ns}title").text for r in rects] == [
        "Green: 12",
        "Red: 3",
    ]  # empty segments are left out


def test_a_long_unit_name_wraps_onto_lines_rather_than_being_cut():
    """Issue 15: “Highways and Transporta…” was cut; the whole name is there, a row taller."""
    long_name = "Highways and Transportation Infrastructure Services"
    short = parse(stacked_bar_svg("Tasks", [("Waste", [Segment("green", "Green", 2)])]))
    root = parse(stacked_bar_svg("Tasks", [(long_name, [Segment("green", "Green", 2)])]))
    ns = "{http://www.w3.org/2000/svg}"
    lines = [t.text for t in root.iter(f"{ns}tspan")]
    assert " ".join(lines) == long_name
    assert all(len(line) <= 28 for line in lines) and len(lines) == 2
    assert "…" not in str(stacked_bar_svg("Tasks", [(long_name, [])]))
    assert int(root.get("height")) > int(short.get("height"))


def test_trend_chart_draws_actuals_and_a_dashed_target_line():
    svg = trend_chart_svg(
        "Recycling rate",
        [
            TrendPoint("Q1", Decimal(40), Decimal(42)),
            TrendPoint("Q2", Decimal(44), Decimal(42)),
            TrendPoint("Q3", None, Decimal(43)),
        ],
    )
    root = parse(svg)
    ns = "{http://www.w3.org/2000/svg}"
    lines = root.findall(f"{ns}polyline")
    assert len(lines) == 2
    assert lines[0].get("stroke-dasharray")  # the target
    assert len(lines[1].get("points").split()) == 2  # two actuals; the missing one is not drawn
    assert len(root.findall(f"{ns}circle")) == 3  # two actuals and the legend


def test_trend_chart_says_so_when_there_is_nothing_to_chart():
    assert "No figures to chart yet" in trend_chart_svg("Empty", [])
