"""The year plan page's pictures: the wheel and the timeline, drawn with Altair from planning's layers.

The Vega-Lite specs are made once per plan and kept: Altair's building and checking took most of a rerun of the page
(about 115 of 136 ms), and most reruns (a tab, a download, a field elsewhere) leave the plan as it was."""

import altair as alt
import pandas as pd
import streamlit as st

from planner.content.bands import BAND_LABELS
from planner.documents.yearplan_wheel import wheel_alt_text
from planner.planning import school_calendar as SC
from planner.planning import yearplan as Y

WHEEL_PX = 300
BAND_SCALE = alt.Scale(domain=[BAND_LABELS[b] for b in Y.BAND_COLOURS], range=list(Y.BAND_COLOURS.values()))
# Fixed shapes, as in the Word picture: a lesson is a circle and a parent meeting a diamond, with or without meetings.
KIND_SHAPES = alt.Scale(domain=list(Y.KIND_LABELS.values()), range=["circle", "diamond"])


def wheel_and_timeline(plan: Y.YearPlan) -> None:
    """The wheel and the timeline in two tabs, each with a text alternative."""
    wheel, line = chart_specs(plan)
    tab_wheel, tab_line = st.tabs(["Årshjul", "Tidslinje"])
    with tab_wheel:
        st.vega_lite_chart(spec=wheel, key="yp_wheel", width="content", alt=wheel_alt_text(plan))
        st.caption("Månederne går med uret fra august øverst. Hver ring er et klassetrin (0. klasse inderst), "
                   "en cirkel er en lektion og en rombe et forældremøde. Ferierne er markeret i kanten, Uge Sex "
                   "med en lilla streg.")
    with tab_line:
        st.vega_lite_chart(spec=line, width="stretch", key="yp_timeline",
                           alt=f"Tidslinje for skoleåret {plan.year.label}: en linje pr. klassetrin med lektioner og "
                               "forældremøder som prikker og ferierne skraverede. Alle datoer står i tabellen til "
                               "venstre.")
        st.caption("Tidslinjen viser de samme lektioner som tabellen, med ferierne skraverede.")


@st.cache_data(max_entries=32, show_spinner=False, hash_funcs={Y.YearPlan: lambda p: p.model_dump_json()})
def chart_specs(plan: Y.YearPlan) -> tuple[dict, dict]:
    """The wheel's and the timeline's Vega-Lite specs for this plan."""
    return wheel_chart(plan).to_dict(), timeline_chart(plan, plan.calendar()).to_dict()


def wheel_chart(plan: Y.YearPlan) -> alt.TopLevelMixin:
    layers = Y.wheel_layers(plan)
    scale = alt.Scale(domain=[-1.3, 1.3])
    xy = {"x": alt.X("x:Q", scale=scale, axis=None), "y": alt.Y("y:Q", scale=scale, axis=None)}
    rings = alt.Chart(pd.DataFrame(layers["rings"])).mark_line(color="#C9D1D9", strokeWidth=1).encode(
        **xy, detail="klasse:N", order="orden:Q")
    spokes = alt.Chart(pd.DataFrame(layers["spokes"])).mark_rule(color="#C9D1D9").encode(**xy, x2="x2:Q", y2="y2:Q")
    months = alt.Chart(pd.DataFrame(layers["months"])).mark_text(fontSize=11).encode(**xy, text="måned:N")
    breaks = alt.Chart(pd.DataFrame(layers["breaks"])).mark_line(color="#F0B43C", strokeWidth=8, opacity=0.6).encode(
        **xy, detail="stykke:N", order="orden:Q", tooltip=alt.Tooltip("ferie:N", title="Ferie"))
    uge_sex = alt.Chart(pd.DataFrame(layers["uge_sex"])).mark_rule(color="#AA3377", strokeWidth=2).encode(
        **xy, x2="x2:Q", y2="y2:Q", tooltip=alt.Tooltip("tekst:N", title=" "))
    points = alt.Chart(pd.DataFrame(layers["points"])).mark_point(filled=True, size=90, opacity=0.95).encode(
        # One legend column: it fits the narrow column whole. The shapes are told in the caption below.
        **xy, color=alt.Color("trin:N", scale=BAND_SCALE, legend=alt.Legend(title=None, orient="bottom", columns=1,
                                                                            labelLimit=0)),
        shape=alt.Shape("type:N", scale=KIND_SHAPES, legend=None),
        tooltip=[alt.Tooltip("klasse:N", title="Klasse"), alt.Tooltip("dato:N", title="Dato"),
                 alt.Tooltip("uge:Q", title="Uge"), alt.Tooltip("tema:N", title="Tema"),
                 alt.Tooltip("type:N", title="Type")])
    # Width and height the same, and small enough for the column on a laptop: a chart wider than its column is
    # squeezed sideways, and the wheel would become an egg.
    # "pad": the legend and the month names are added around the square, not squeezed into it.
    wheel = (breaks + rings + spokes + uge_sex + months + points).properties(
        width=WHEEL_PX, height=WHEEL_PX, autosize=alt.AutoSizeParams(type="pad"))
    return wheel.configure_view(stroke=None).configure_legend(labelLimit=0, symbolLimit=0)


def timeline_chart(plan: Y.YearPlan, cal: SC.SchoolCalendar) -> alt.TopLevelMixin:
    rows = pd.DataFrame(Y.timeline_rows(plan))
    order = [Y.grade_label(g) for g in plan.grades]
    # Vega-Lite names months in English; the axis spells them in Danish.
    month_names = "['jan','feb','mar','apr','maj','jun','jul','aug','sep','okt','nov','dec'][month(datum.value)]"
    span = alt.Scale(domain=[cal.first.isoformat(), cal.last.isoformat()])
    off = pd.DataFrame([{"fra": b.start, "til": b.end, "ferie": b.title} for b in cal.breaks])
    shade = alt.Chart(off).mark_rect(color="#F0B43C", opacity=0.25).encode(
        x=alt.X("fra:T", title=None, scale=span), x2="til:T", tooltip=alt.Tooltip("ferie:N", title="Ferie"))
    dots = alt.Chart(rows).mark_point(filled=True, size=80, opacity=0.95).encode(
        x=alt.X("dato:T", title=None, scale=span, axis=alt.Axis(labelExpr=month_names, tickCount="month")),
        y=alt.Y("klasse:N", sort=order, title=None),
        # One legend column, as on the wheel: the narrow column cuts a wider one off.
        color=alt.Color("trin:N", scale=BAND_SCALE, legend=alt.Legend(title=None, orient="bottom", columns=1,
                                                                      labelLimit=0)),
        shape=alt.Shape("type:N", scale=KIND_SHAPES, legend=alt.Legend(title=None, orient="bottom", columns=1,
                                                                        labelLimit=0)),
        tooltip=[alt.Tooltip("klasse:N", title="Klasse"), alt.Tooltip("dato:T", title="Dato", format="%d.%m.%Y"),
                 alt.Tooltip("uge:Q", title="Uge"), alt.Tooltip("tema:N", title="Tema")])
    return (shade + dots).properties(height=30 * len(order) + 60)
