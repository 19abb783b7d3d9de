"""Planlæg forløb: 2–6 lessons for one class in one go. Thin: the planning and documents layers do the work; the
forløb lives in the session as one value (`series`), so it survives a visit to another page."""

import functools
import datetime as dt
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from planner.content.bands import AGE_BANDS, BANDS
from planner.content.text import slug
from planner.documents import kit as K
from planner.documents import series_docs as SD
from planner.planning import lesson as L
from planner.planning.lesson import series as S
from planner.planning.lesson import series_sharing as SS
from planner.planning.lesson.series_overview import summaries
from planner.ui.support import band_label, content, kit_output, md, plan_upload, series_output

ss = st.session_state
c = content()
themes = c.by_id("themes")
exercises = c.by_id("exercises")
templates = {t.id: t for t in c.templates if t.minutes <= S.MAX_SERIES_MINUTES}
CUSTOM = "__minutter__"


def length_label(x: str) -> str:
    return "Andet antal minutter" if x == CUSTOM else templates[x].title


def set_series(series: S.Series) -> None:
    ss["series"] = series
    ss.pop("fl_error", None)


def edit(lesson: int, kind: S.EditKind, *args) -> None:
    """One edit of one lesson; the forløb refuses what would break its rules and then stays as it was."""
    try:
        set_series(S.edit_lesson(c, ss["series"], lesson, kind, *args))
    except L.PlanError as exc:
        st.toast(md(exc), icon=":material/error:")


def length_of(key: str, minutes_key: str) -> dict:
    value = ss.get(key, "lektion")
    return {"minutes": int(ss.get(minutes_key) or 60)} if value == CUSTOM else {"template": value}


st.title("Planlæg forløb")
st.caption("Et forløb er 2–6 lektioner for den samme klasse. Klassekit fordeler temaerne fra det lette til det svære, "
           "bruger aldrig den samme øvelse to gange og skifter mellem metoderne. Hver lektion kan rettes bagefter.")

ss.setdefault("fl_band", BANDS[0])
ss.setdefault("fl_age", None)
ss.setdefault("fl_lessons", 4)
ss.setdefault("fl_same", True)
ss.setdefault("fl_length", "lektion")
ss.setdefault("fl_minutes", 60)
ss.setdefault("fl_themes", [])
ss.setdefault("fl_use_date", False)
ss.setdefault("fl_class", "")
ss.setdefault("fl_start", L.KitInfo().start)

with st.container(border=True):
    col1, col2, col3 = st.columns(3)
    band = col1.selectbox("Trin", BANDS, format_func=band_label, key="fl_band")
    age_band = None
    if band == "special":
        age_band = col1.selectbox("Elevernes alderstrin", AGE_BANDS, format_func=band_label, key="fl_age",
                                  placeholder="Vælg …")
    n = col2.number_input("Antal lektioner", min_value=S.MIN_LESSONS, max_value=S.MAX_LESSONS, step=1,
                          key="fl_lessons")
    same = col2.checkbox("Alle lektioner er lige lange", key="fl_same")
    options = [*templates, CUSTOM]
    if same:
        col3.selectbox("Længde", options, key="fl_length", format_func=length_label)
        if ss["fl_length"] == CUSTOM:
            col3.number_input("Minutter", min_value=L.MIN_MINUTES, max_value=S.MAX_SERIES_MINUTES, step=5,
                              key="fl_minutes")
        lengths = [length_of("fl_length", "fl_minutes")]
    else:
        lengths = []
        for i in range(int(n)):
            ss.setdefault(f"fl_length_{i}", "lektion")
            col3.selectbox(f"Lektion {i + 1}", options, key=f"fl_length_{i}", format_func=length_label)
            if ss[f"fl_length_{i}"] == CUSTOM:
                ss.setdefault(f"fl_minutes_{i}", 60)
                col3.number_input(f"Minutter, lektion {i + 1}", min_value=L.MIN_MINUTES,
                                  max_value=S.MAX_SERIES_MINUTES, step=5, key=f"fl_minutes_{i}")
            lengths.append(length_of(f"fl_length_{i}", f"fl_minutes_{i}"))
    fit = [t.id for t in L.themes_for(c, band, age_band)]
    ss["fl_themes"] = [t for t in ss["fl_themes"] if t in fit]
    chosen = st.multiselect("Temaer (vælg ingen: trinnets temaer fra årshjulet)", fit, key="fl_themes",
                            format_func=lambda t: themes[t].title, placeholder="Vælg temaer")
    d1, d2, d3 = st.columns(3)
    use_date = d1.checkbox("Lektionerne har datoer (én om ugen)", key="fl_use_date")
    start_date = None
    if use_date:
        ss.setdefault("fl_date", dt.date.today())
        start_date = d1.date_input("Første lektion", key="fl_date", format="DD.MM.YYYY")
    d2.text_input("Klasse", key="fl_class", max_chars=120)
    d3.text_input("Starttid", key="fl_start", max_chars=5, help="Lektionerne starter på dette klokkeslæt.")

    if st.button("Lav forløb", type="primary", key="fl_make"):
        try:
            kit = L.KitInfo(class_name=ss["fl_class"], start=L.details.clock(L.parse_start(ss["fl_start"])))
            set_series(S.build_series(c, {"band": band, "age_band": age_band, "lessons": int(n),
                                          "lengths": lengths, "themes": chosen, "start_date": start_date}, kit))
        except (L.StartTimeError, L.PlanError) as exc:
            ss["fl_error"] = str(exc)

# A share link opens the same forløb for a colleague.
if "series" not in ss and st.query_params.get("forloeb"):
    try:
        set_series(SS.series_from_query(c, {k: st.query_params[k] for k in st.query_params}))
        st.toast("Forløbet fra linket er åbnet.")
    except L.PlanError as exc:
        st.error(f"Linket kunne ikke åbnes: {md(exc)}")

with st.expander("Åbn et gemt forløb"):
    plan_upload("Forløb (gemt fra Klassekit)", "fl_upload", lambda data: SS.from_json(data, c), set_series,
                (L.PlanFileError,), "Dit nuværende forløb er uændret.")

if ss.get("fl_error"):
    st.error(md(ss["fl_error"]))

series: S.Series | None = ss.get("series")
if series is None:
    st.info("Vælg trin, antal lektioner, længde og temaer, og tryk på **Lav forløb**.")
    st.stop()
shown_series: S.Series = series  # for the download callbacks, which run when series is no longer narrowed

st.header(md(series.title))
items = summaries(series)
st.table(pd.DataFrame([{"Lektion": s.number, "Hvornår": s.when, "Temaer": ", ".join(s.themes),
                        "Øvelser": "; ".join(s.exercises)} for s in items]), hide_index=True)
day = S.lesson_of_day(series, dt.date.today())
st.page_link("ui/pages/tavle.py", label=f"Vis lektion {day + 1} på tavlen", icon=":material/co_present:",
             query_params=L.plan_to_query(series.lessons[day], edited=True))

for i, (plan, s) in enumerate(zip(series.lessons, items, strict=False)):
    with st.expander(f"Lektion {i + 1}: {', '.join(s.themes)}", expanded=i == 0):
        st.markdown(md(s.builds_on))
        used = {a.exercise_id for p in series.lessons for a in p.exercise_activities}
        spare = [e.id for e in L.exercises_for(c, plan.band, plan.age_band) if e.id not in used]
        acts = plan.exercise_activities
        for pos, act in enumerate(acts):
            e = plan.exercise(act.exercise_id)
            st.markdown(f"**{pos + 1}. {md(e.title)}** · {md(e.method_label)} · {act.minutes} minutter")
            b1, b2, b3, b4 = st.columns(4, vertical_alignment="bottom")
            b1.button("Flyt op", key=f"fl_up_{i}_{pos}", disabled=pos == 0, on_click=edit, args=(i, "move", pos, pos - 1))
            b2.button("Fjern", key=f"fl_rm_{i}_{pos}", disabled=len(acts) == 1, on_click=edit, args=(i, "remove", pos))
            key, where = f"fl_min_{i}_{pos}", plan.activities.index(act)
            ss[key] = act.minutes  # the forløb is the truth: an edit elsewhere may have retimed this exercise
            b3.number_input("Minutter", min_value=e.minutes_min, max_value=e.minutes_max, key=key,
                            on_change=lambda i=i, k=key, a=where: edit(i, "minutes", a, int(ss[k])))
            if spare:
                b4.selectbox("Byt med", spare, key=f"fl_pick_{i}_{pos}", format_func=lambda x: exercises[x].title)
                b4.button("Byt øvelse", key=f"fl_swap_{i}_{pos}", on_click=lambda i=i, p=pos, k=f"fl_pick_{i}_{pos}":
                          edit(i, "swap", p, ss[k]))
        if spare:
            a1, a2 = st.columns([3, 1], vertical_alignment="bottom")
            a1.selectbox("Tilføj en øvelse", spare, key=f"fl_add_pick_{i}", format_func=lambda x: exercises[x].title)
            a2.button("Tilføj", key=f"fl_add_{i}", on_click=lambda i=i: edit(i, "add", ss[f"fl_add_pick_{i}"]))
        plan_json = L.to_json(plan)
        cols = st.columns(len(K.documents_of(plan)))
        for col, (label, name) in zip(cols, K.documents_of(plan), strict=False):
            col.download_button(label, data=functools.partial(kit_output, plan_json, name), file_name=name,
                                mime=K.mime_of(name), key=f"fl_doc_{i}_{name}", on_click="ignore")

st.subheader("Gem og hent")
name = "forloeb" + (f"-{slug(series.kit.class_name, 20, empty='')}" if slug(series.kit.class_name, 20, empty="") else "")
g1, g2, g3 = st.columns(3)
g1.download_button("Gem forløbet", data=SS.to_json(series), file_name=f"{name}.json", mime="application/json",
                   key="fl_json", on_click="ignore", icon=":material/download:")
g2.download_button("Forløbsoversigt (Word)", data=lambda: SD.overview_docx(shown_series), file_name=SD.OVERVIEW,
                   mime=K.DOCX, key="fl_overview", on_click="ignore", icon=":material/description:")
g3.download_button("Hele forløbets sæt (.zip)", data=lambda: series_output(shown_series.model_dump_json()),
                   file_name=f"{name}.zip",
                   mime="application/zip", key="fl_zip", on_click="ignore", type="primary", icon=":material/folder_zip:")
base = (st.context.url or "").split("?")[0] or "/forloeb"
st.markdown("**Del forløbet med en kollega** – kopiér linket:")
st.code(f"{base}?{urlencode(SS.series_to_query(series))}", language=None, wrap_lines=True)
st.caption("Zip-filen har oversigten, ét forældrebrev for hele forløbet og en mappe for hver lektion med lærerplan, "
           "kort og skilte, elevark, plakat og præsentation.")
