import hashlib

import altair as alt
import pandas as pd
import streamlit as st
from pydantic import ValidationError

from planner.content.bands import BAND_LABELS
from planner.documents import yearplan_export as X
from planner.planning import school_calendar as SC
from planner.planning import yearplan as Y
from planner.ui.support import content, content_key, md, plan_upload, run_heavy

ss = st.session_state
c = content()
BAND_SCALE = alt.Scale(domain=[BAND_LABELS[b] for b in Y.BAND_COLOURS], range=list(Y.BAND_COLOURS.values()))
# Fixed shapes, as in the Word picture: a lesson is a circle and a parent meeting a diamond, with or without meetings.
KIND_SHAPES = alt.Scale(domain=list(Y.KIND_LABELS.values()), range=["circle", "diamond"])
FORM_KEYS = ("yp_year", "yp_grades", "yp_sessions", "yp_winter", "yp_parents", "yp_from")


def set_plan(plan: Y.YearPlan, messages=(), sync_form: bool = False) -> None:
    ss["year_plan"] = plan
    if sync_form:  # an opened file: the form shows that plan's choices on the next run
        for k in FORM_KEYS:
            ss.pop(k, None)
    ss["yp_messages"] = list(messages)
    ss.pop("yp_error", None)
    ss.pop("yp_zip", None)
    # A new key gives a fresh table showing the plan as it is now, not the edits it was made from.
    ss["yp_editor_n"] = ss.get("yp_editor_n", 0) + 1


st.title("Årshjul")
st.caption("Læg skoleårets forebyggende undervisning for 0.–9. klasse og specialklasser. Temaerne bygger op fra trin "
           "til trin, sessionerne ligger kun i hele skoleuger, og én session pr. klasse ligger i Uge Sex. Ret i "
           "tabellen, og del årshjulet som Excel, kalender og Word.")

if not c.school_years or c.progression is None:
    st.error("Årshjulet mangler sine indholdsfiler: materials/school_years/*.yaml og "
             "materials/yearplan_progression.yaml. Kør `python -m planner check`.")
    st.stop()

years = {f"{y.school_year}|{y.kommune or ''}": y for y in c.school_years}
plan: Y.YearPlan | None = ss.get("year_plan")
req = plan.request if plan else None
current = f"{req.school_year}|{req.kommune or ''}" if req else f"{Y.default_school_year(c)}|"
grade_keys = [Y.grade_key(g) for g in Y.GRADES]


def grade_name(key) -> str:
    return Y.grade_label(Y.parse_grade(key))


with st.container(border=True):
    col1, col2, col3, col4 = st.columns([1.3, 3, 1.2, 1.3])
    year_key = col1.selectbox("Skoleår", list(years), format_func=lambda k: years[k].label, key="yp_year", placeholder="Vælg …",
                              index=list(years).index(current) if current in years else 0)
    grades = col2.multiselect("Klassetrin", grade_keys, format_func=grade_name, key="yp_grades", placeholder="Vælg …",
                              default=[Y.grade_key(g) for g in req.grades] if req else grade_keys[:10])
    sessions = col3.number_input("Lektioner pr. klassetrin", min_value=1, max_value=Y.MAX_SESSIONS, key="yp_sessions",
                                 value=(req and req.sessions_per_year) or c.progression.sessions_per_year)
    winter = col4.radio("Vinterferie", [7, 8], format_func=lambda w: f"Uge {w}", horizontal=True, key="yp_winter",
                        index=[7, 8].index(plan.winter_break_week) if plan and plan.winter_break_week in (7, 8) else 0)
    p1, p2 = st.columns([3, 1.3], vertical_alignment="bottom")
    parents = p1.checkbox("Forældremøde før første lektion", key="yp_parents", value=bool(req and req.parent_meetings))
    sy = years[year_key]
    if ss.get("yp_from") and not sy.first_school_day <= ss["yp_from"] <= sy.last_school_day:
        ss.pop("yp_from")  # another school year was chosen: its own default applies
    start_from = p2.date_input(
        "Planlæg fra", key="yp_from", format="DD.MM.YYYY", min_value=sy.first_school_day, max_value=sy.last_school_day,
        value=(req.start_from if req and req.start_from and sy.first_school_day <= req.start_from <= sy.last_school_day
               else Y.default_start(sy) or sy.first_school_day),
        help="Er skoleåret i gang, lægges lektionerne fra i dag og frem.")
    make = st.button("Lav årshjul", type="primary", key="yp_make")

if make or plan is None:
    chosen = years[year_key]
    try:
        set_plan(Y.carry_sequences(plan, Y.build_plan(c, Y.YearPlanRequest(
            school_year=chosen.school_year, kommune=chosen.kommune, grades=[Y.parse_grade(g) for g in grades],
            sessions_per_year=int(sessions), winter_break_week=winter, parent_meetings=parents,
            start_from=start_from if start_from and start_from > chosen.first_school_day else None))))
    except Y.YearPlanError as exc:
        ss["yp_error"] = str(exc)
    except ValidationError:
        ss["yp_error"] = "Vælg mindst ét klassetrin."

with st.expander("Åbn et gemt årshjul"):
    plan_upload("Årshjul (.json)", "yp_upload", lambda data: Y.from_json(data, c), lambda p: set_plan(p, sync_form=True),
                (Y.YearPlanFileError,), "Dit nuværende årshjul er uændret.")

if ss.get("yp_error"):
    st.error(md(ss["yp_error"]))
plan = ss.get("year_plan")
if plan is None:
    st.stop()

cal = plan.calendar()
y = plan.year
st.header(md(plan.title))
st.markdown(f"**{md(len(plan.lessons()))} lektioner** for {md(len(plan.grades))} klassetrin · første skoledag "
            f"{SC.long_date(y.first_school_day)} · sidste skoledag {SC.long_date(y.last_school_day)} · vinterferie "
            f"uge {plan.winter_break_week} · Uge Sex uge {y.uge_sex_week}")
if y.status != "confirmed":
    st.warning(f"**Datoerne er ikke bekræftet.** {md(y.note or SC.DERIVED_NOTE)} Ferierne står i en fil i "
               "`materials/school_years/`, som jeres IT-ansvarlige kan kopiere og rette; se README.",
               icon=":material/event_busy:")
else:
    st.caption(f"{md(SC.STATUS_LABELS[y.status])}. {md(y.note)}")
for message in ss.get("yp_messages", []):
    st.warning(md(message), icon=":material/edit_calendar:")
r = plan.request
form = (year_key, sorted(map(str, grades)), int(sessions), winter, parents,
        start_from if start_from and start_from > sy.first_school_day else None)
shown = (f"{r.school_year}|{r.kommune or ''}", sorted(Y.grade_key(g) for g in plan.grades),
         int(r.sessions_per_year or c.progression.sessions_per_year), plan.winter_break_week, bool(r.parent_meetings),
         r.start_from)
if form != shown:
    st.info("Valgene ovenfor gælder først, når du trykker på **Lav årshjul**. Det laver et nyt årshjul, og dine "
            "rettelser i tabellen forsvinder – gem årshjulet først, hvis du vil beholde dem.", icon=":material/sync_problem:")

# --- Table and charts ----------------------------------------------------------------------------
left, right = st.columns([3, 2])
with left:
    st.subheader("Lektioner og forældremøder")
    st.caption("Ret dato, klokkeslæt, klasse, tema eller skabelon direkte i tabellen. Tilføj en række nederst, eller "
               "markér rækker og slet dem med skraldespanden over tabellen. Hver ændring tjekkes: ingen ferie, weekend eller helligdag, og temaet skal "
               "passe til klassen.")
    df = pd.DataFrame(Y.table_rows(plan), columns=list(Y.COLUMNS))
    themes = plan.theme_by_id
    templates = plan.template_by_id
    key = f"yp_editor_{ss.get('yp_editor_n', 0)}"
    edited = st.data_editor(
        df, key=key, num_rows="dynamic", hide_index=True, width="stretch",
        column_order=["uge", "dato", "tid", "klasse", "type", "tema", "skabelon", "note"],
        column_config={
            "uge": st.column_config.NumberColumn("Uge", disabled=True, width="small"),
            "dato": st.column_config.DateColumn("Dato", format="DD.MM.YYYY", min_value=cal.first, max_value=cal.last),
            "tid": st.column_config.TimeColumn("Kl.", format="HH:mm", step=300, width="small"),
            "klasse": st.column_config.SelectboxColumn("Klasse", options=grade_keys, format_func=grade_name,
                                                       default=Y.grade_key(plan.grades[0]), required=True),
            "type": st.column_config.SelectboxColumn("Type", options=list(Y.KIND_LABELS), default="lektion",
                                                     format_func=lambda k: Y.KIND_LABELS.get(k, k), required=True),
            "tema": st.column_config.SelectboxColumn("Tema", options=list(themes), width="medium",
                                                     format_func=lambda t: themes[t].title if t in themes else t),
            "skabelon": st.column_config.SelectboxColumn(
                "Lektionsskabelon", options=list(templates), default="lektion" if "lektion" in templates else None,
                format_func=lambda t: templates[t].title if t in templates else t),
            "note": st.column_config.TextColumn("Note", max_chars=Y.MAX_NOTE),
        },
    )
    state = ss.get(key) or {}
    if state.get("edited_rows") or state.get("added_rows") or state.get("deleted_rows"):
        set_plan(*Y.apply_table(plan, edited.to_dict("records")))
        st.rerun()

with right:
    layers = Y.wheel_layers(plan)
    scale = alt.Scale(domain=[-1.3, 1.3])
    xy = {"x": alt.X("x:Q", scale=scale, axis=None), "y": alt.Y("y:Q", scale=scale, axis=None)}
    tab_wheel, tab_line = st.tabs(["Årshjul", "Tidslinje"])
    with tab_wheel:
        rings = alt.Chart(pd.DataFrame(layers["rings"])).mark_line(color="#C9D1D9", strokeWidth=1).encode(
            **xy, detail="klasse:N", order="orden:Q")
        spokes = alt.Chart(pd.DataFrame(layers["spokes"])).mark_rule(color="#C9D1D9").encode(**xy, x2="x2:Q", y2="y2:Q")
        months = alt.Chart(pd.DataFrame(layers["months"])).mark_text(fontSize=11).encode(**xy, text="måned:N")
        breaks = alt.Chart(pd.DataFrame(layers["breaks"])).mark_line(color="#F0B43C", strokeWidth=8, opacity=0.6).encode(
            **xy, detail="stykke:N", order="orden:Q", tooltip=alt.Tooltip("ferie:N", title="Ferie"))
        uge_sex = alt.Chart(pd.DataFrame(layers["uge_sex"])).mark_rule(color="#AA3377", strokeWidth=2).encode(
            **xy, x2="x2:Q", y2="y2:Q", tooltip=alt.Tooltip("tekst:N", title=" "))
        points = alt.Chart(pd.DataFrame(layers["points"])).mark_point(filled=True, size=90, opacity=0.95).encode(
            **xy, color=alt.Color("trin:N", scale=BAND_SCALE, legend=alt.Legend(title=None, orient="bottom", columns=2, labelLimit=0)),
            shape=alt.Shape("type:N", scale=KIND_SHAPES, legend=alt.Legend(title=None, orient="bottom")),
            tooltip=[alt.Tooltip("klasse:N", title="Klasse"), alt.Tooltip("dato:N", title="Dato"),
                     alt.Tooltip("uge:Q", title="Uge"), alt.Tooltip("tema:N", title="Tema"),
                     alt.Tooltip("type:N", title="Type")])
        wheel = (breaks + rings + spokes + uge_sex + months + points).properties(width=420, height=420)
        st.altair_chart(wheel.configure_view(stroke=None), key="yp_wheel", alt=X.wheel_alt_text(plan))
        st.caption("Månederne går med uret fra august øverst. Hver ring er et klassetrin (0. klasse inderst), "
                   "en cirkel er en lektion og en rombe et forældremøde. Ferierne er markeret i kanten, Uge Sex "
                   "med en lilla streg.")
    with tab_line:
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
            color=alt.Color("trin:N", scale=BAND_SCALE, legend=alt.Legend(title=None, orient="bottom", columns=2, labelLimit=0)),
            shape=alt.Shape("type:N", scale=KIND_SHAPES, legend=alt.Legend(title=None, orient="bottom")),
            tooltip=[alt.Tooltip("klasse:N", title="Klasse"), alt.Tooltip("dato:T", title="Dato", format="%d.%m.%Y"),
                     alt.Tooltip("uge:Q", title="Uge"), alt.Tooltip("tema:N", title="Tema")])
        st.altair_chart((shade + dots).properties(height=30 * len(order) + 60), width="stretch", key="yp_timeline",
                        alt=f"Tidslinje for skoleåret {plan.year.label}: en linje pr. klassetrin med lektioner og "
                            "forældremøder som prikker og ferierne skraverede. Alle datoer står i tabellen til "
                            "venstre.")
        st.caption("Tidslinjen viser de samme lektioner som tabellen, med ferierne skraverede.")

# --- Files -----------------------------------------------------------------------------------------
st.subheader("Del årshjulet")
stem = Y.file_stem(plan)
d1, d2, d3, d4 = st.columns(4)
d1.download_button("Excel (.xlsx)", data=lambda: X.to_xlsx(plan), file_name=f"{stem}.xlsx", mime=X.XLSX_MIME,
                   key="yp_xlsx", on_click="ignore", icon=":material/table_view:")
d2.download_button("Kalender (.ics)", data=lambda: X.to_ics(plan), file_name=f"{stem}.ics", mime=X.ICS_MIME,
                   key="yp_ics", on_click="ignore", icon=":material/calendar_month:")
d3.download_button("Word (.docx)", data=lambda: X.to_docx(plan), file_name=f"{stem}.docx", mime=X.DOCX_MIME,
                   key="yp_docx", on_click="ignore", icon=":material/description:")
d4.download_button("Gem årshjul (.json)", data=Y.to_json(plan), file_name=f"{stem}.json", mime="application/json",
                   key="yp_json", on_click="ignore", icon=":material/download:")
st.caption("Kalenderfilen kan importeres i Outlook, Google Kalender og Aula-kalendere, der læser .ics. Flyttes en "
           "session, beholder den sit id, så en ny import flytter aftalen.")

st.subheader("Alle klassesæt")
st.caption("Et klassesæt (lærerplan, elevark, forældrebrev og plakat) til hver lektion, i en mappe pr. klassetrin.")
k1, k2 = st.columns([3, 1])
school = k1.text_input("Skole (valgfrit, står i dokumenterne)", key="yp_school", max_chars=120)
fingerprint = hashlib.sha256((Y.to_json(plan) + "\0" + school).encode()).hexdigest()
if k2.button("Lav alle klassesæt", key="yp_kits", icon=":material/folder_zip:"):
    with st.spinner(f"{len(plan.lessons())} klassesæt laves … det tager op til et minut."):
        try:
            ss["yp_zip"] = (fingerprint, run_heavy(X.kits_zip_from_file, *content_key(), Y.to_json(plan), school))
            st.success(f"Færdig – {len(plan.lessons())} klassesæt er klar.")
        except (Y.YearPlanError, Y.YearPlanFileError) as exc:
            st.error(md(exc))
        except Exception:  # a worker that died or timed out: say so in Danish, keep the plan
            st.error("Klassesættene kunne ikke laves lige nu. Prøv igen om lidt.")
made = ss.get("yp_zip")
if made and made[0] == fingerprint:
    st.download_button("Hent alle klassesæt (.zip)", data=made[1], file_name=f"{stem}-klassesaet.zip",
                       mime="application/zip", key="yp_zip_dl", on_click="ignore", type="primary",
                       icon=":material/download:")
