import datetime as dt
import hashlib
from typing import Literal, cast

import altair as alt
import pandas as pd
import streamlit as st
from pydantic import ValidationError

from planner.content.bands import Band, BAND_LABELS
from planner.content.translations import LANGUAGES, language_label
from planner.documents import yearplan_export as X
from planner.documents import yearplan_report as XR
from planner.content import school_years as SY
from planner.planning import school_calendar as SC
from planner.planning import yearplan as Y
from planner.ui.support import Spooled, content, content_key, md, plan_upload, run_heavy_with_progress

ss = st.session_state
c = content()
WHEEL_PX = 300
BAND_SCALE = alt.Scale(domain=[BAND_LABELS[b] for b in Y.BAND_COLOURS], range=list(Y.BAND_COLOURS.values()))
# Fixed shapes, as in the Word picture: a lesson is a circle and a parent meeting a diamond, with or without meetings.
KIND_SHAPES = alt.Scale(domain=list(Y.KIND_LABELS.values()), range=["circle", "diamond"])
DEFAULT_SCHOOLS = f"{Y.DEFAULT_SCHOOL}: " + ", ".join(f"{g}.a" for g in range(10))


def form_values(plan: Y.YearPlan) -> dict:
    """The form's widget values for a plan's own choices."""
    r = plan.request
    return {"yp_year": f"{r.school_year}|{r.kommune or ''}", "yp_schools": Y.schools_text(r.schools),
            "yp_sessions": r.sessions_per_year or c.progression.sessions_per_year, "yp_winter": plan.winter_break_week,
            "yp_parents": r.parent_meetings, "yp_weekdays": list(r.weekdays), "yp_max": r.max_per_day,
            "yp_day_start": r.day_start, "yp_day_end": r.day_end, "yp_same_half": r.same_half_day,
            "yp_from": r.start_from or plan.year.first_school_day}


def set_plan(plan: Y.YearPlan, messages=(), sync_form: bool = False) -> None:
    ss["year_plan"] = plan
    if sync_form:  # an opened file: the form shows that plan's choices on the next run (see the top of the page)
        ss["yp_sync"] = form_values(plan)
    ss["yp_messages"] = list(messages)
    ss.pop("yp_error", None)
    ss.pop("yp_pending", None)
    ss.pop("yp_zip", None)
    # A new key gives fresh tables showing the plan as it is now, not the edits it was made from.
    ss["yp_editor_n"] = ss.get("yp_editor_n", 0) + 1


st.title("Årshjul")
st.caption("Læg skoleårets forebyggende undervisning for en eller flere skoler, klasse for klasse. Temaerne bygger op "
           "fra trin til trin, lektionerne spredes over året efter din tid (ugedage, klokkeslæt, lektioner om dagen, "
           "én skole pr. halve dag), og ingen lægges i ferier eller på skolernes lukkedage. Ret i tabellen, følg op med "
           "status, og del årshjulet som Excel, kalender og Word – for hele området, pr. skole og pr. klasse.")

if c.progression is None:  # a school year without a file is derived; the progression cannot be
    st.error("Årshjulet mangler sin indholdsfil materials/yearplan_progression.yaml. Kør `python -m planner check`.")
    st.stop()

# The page's clock: today, unless a test sets the day it runs on.
today: dt.date = ss.get("yp_today") or dt.date.today()
offered = Y.offered_years(c, today)
if ss.get("year_plan") is not None and ss["year_plan"].year.school_year not in {y.school_year for y in offered}:
    offered.append(ss["year_plan"].year)  # an opened plan for a year further ahead is still offered
years = {f"{y.school_year}|{y.kommune or ''}": y for y in offered}
# Streamlit keeps a widget's value in the browser, so an opened plan's choices are set before the widgets are drawn;
# the widgets below then get no default of their own (None) whenever their value is already in the session.
synced = ss.pop("yp_sync", None)
if synced:
    ss.update({k: v for k, v in synced.items() if k != "yp_year" or v in years})
plan: Y.YearPlan | None = ss.get("year_plan")
req = plan.request if plan else None
current = f"{req.school_year}|{req.kommune or ''}" if req else f"{Y.default_school_year(c, today)}|"
WEEKDAY_NAMES = [SC.WEEKDAYS[i] for i in range(5)]

with st.container(border=True):
    col1, col2, col3 = st.columns([1.3, 1.2, 1.3])
    picked = col1.selectbox("Skoleår", list(years), key="yp_year",
                              format_func=lambda k: years[k].label + (" (beregnet)" if years[k].status == "derived"
                                                                      else ""), placeholder="Vælg …",
                              index=None if "yp_year" in ss else list(years).index(current) if current in years else 0)
    # No choice (the field emptied) means the year the page suggests.
    year_key = picked if picked in years else current if current in years else next(iter(years))
    sessions = col2.number_input("Lektioner pr. klasse", min_value=1, max_value=Y.MAX_SESSIONS, key="yp_sessions",
                                 value=None if "yp_sessions" in ss else (req and req.sessions_per_year)
                                 or c.progression.sessions_per_year)
    winter = col3.radio("Vinterferie", [7, 8], format_func=lambda w: f"Uge {w}", horizontal=True, key="yp_winter",
                        index=None if "yp_winter" in ss else [7, 8].index(plan.winter_break_week)
                        if plan and plan.winter_break_week in (7, 8) else 0)
    schools_text = st.text_area(
        "Skoler og klasser – én skole pr. linje", key="yp_schools", height=110, max_chars=8000,
        value=None if "yp_schools" in ss else Y.schools_text(req.schools) if req else DEFAULT_SCHOOLS,
        help="Skriv skolens navn, et kolon og klasserne, fx »Skovvangskolen: 0.a, 0.b, 1.a, 10.a, Specialklasse A "
             "(indskoling), Modtagerklasse (mellemtrin)«. En klasse uden klassetrin får elevernes alderstrin i "
             "parentes: indskoling, mellemtrin eller udskoling. "
             f"Højst {Y.MAX_SCHOOLS} skoler og {Y.MAX_CLASSES} klasser pr. skole. Ingen elevnavne.")
    st.markdown("**Din tid som koordinator**")
    t1, t2, t3, t4 = st.columns([2.6, 1, 1, 1.2])
    weekdays = t1.multiselect("Ugedage", list(range(5)), format_func=lambda d: WEEKDAY_NAMES[d], key="yp_weekdays",
                              default=None if "yp_weekdays" in ss else list(req.weekdays) if req
                              else list(Y.DEFAULT_WEEKDAYS), placeholder="Vælg …",
                              select_all=False)  # Streamlit's »Select all« is English and cannot be renamed
    day_start = t2.time_input("Fra kl.", key="yp_day_start", step=900,
                              value=None if "yp_day_start" in ss else req.day_start if req else Y.DAY_START)
    day_end = t3.time_input("Til kl.", key="yp_day_end", step=900,
                            value=None if "yp_day_end" in ss else req.day_end if req else Y.DAY_END)
    max_per_day = t4.number_input("Højst lektioner om dagen", min_value=1, max_value=Y.MAX_PER_DAY, key="yp_max",
                                  value=None if "yp_max" in ss else req.max_per_day if req else Y.DEFAULT_MAX_PER_DAY)
    p1, p2, p3 = st.columns([1.6, 1.6, 1.3], vertical_alignment="bottom")
    parents = p1.checkbox("Forældremøde før hver klasses første lektion", key="yp_parents",
                          value=False if "yp_parents" in ss else bool(req and req.parent_meetings))
    same_half = p2.checkbox("To skoler på samme halve dag", key="yp_same_half",
                            value=False if "yp_same_half" in ss else bool(req and req.same_half_day),
                            help="Sæt kun flueben, hvis skolerne ligger så tæt, at du kan nå fra den ene til den anden "
                                 "mellem to lektioner.")
    sy = years[year_key]
    if ss.get("yp_from") and not sy.first_school_day <= ss["yp_from"] <= sy.last_school_day:
        ss.pop("yp_from")  # another school year was chosen: its own default applies
    start_from = p3.date_input(
        "Planlæg fra", key="yp_from", format="DD.MM.YYYY", min_value=sy.first_school_day, max_value=sy.last_school_day,
        value=None if "yp_from" in ss else (
            req.start_from if req and req.start_from and sy.first_school_day <= req.start_from <= sy.last_school_day
            else Y.default_start(sy, today) or sy.first_school_day),
        help="Er skoleåret i gang, lægges lektionerne fra i dag og frem.")
    make = st.button("Lav årshjul", type="primary", key="yp_make")


def form_request(own_calendar=None) -> Y.YearPlanRequest:
    chosen = years[year_key]
    keep = own_calendar if own_calendar is not None else (
        req.calendar if req and req.calendar and req.school_year == chosen.school_year else None)
    old = {s.name: s for s in req.schools} if req else {}
    # What the form does not show stays with the school: its closed days, the coordinator's contact, and the themes
    # each class has had in earlier years.
    schools = [s.model_copy(update={"closed_days": old[s.name].closed_days, "contact": old[s.name].contact,
                                    "themes_had": {c: h for c, h in old[s.name].themes_had.items() if c in s.classes}})
               if s.name in old else s for s in Y.parse_schools(schools_text or "")]
    return Y.YearPlanRequest(
        school_year=chosen.school_year, kommune=chosen.kommune, schools=schools, sessions_per_year=int(sessions or 1),
        winter_break_week=cast(Literal[7, 8] | None, winter), parent_meetings=parents,
        weekdays=weekdays or list(Y.DEFAULT_WEEKDAYS), day_start=day_start or Y.DAY_START,
        day_end=day_end or Y.DAY_END, max_per_day=int(max_per_day or Y.DEFAULT_MAX_PER_DAY), same_half_day=same_half,
        calendar=keep, start_from=start_from if start_from and start_from > chosen.first_school_day else None)


def rebuild(own_calendar=None) -> None:
    """'Lav årshjul': the same choices keep the plan; new ones carry the coordinator's work over, and what cannot come
    along is shown for a yes or no before the plan is replaced."""
    try:
        result = Y.rebuild(c, plan, form_request(own_calendar))
        if result.unchanged:
            ss["yp_messages"] = result.kept
            ss.pop("yp_pending", None)
        elif result.lost:
            ss["yp_pending"] = result
        else:
            set_plan(result.plan, result.kept)
    except Y.YearPlanError as exc:
        ss["yp_error"] = str(exc)
    except ValidationError as exc:
        from planner.content.messages import danish

        err = exc.errors()[0]
        ss["yp_error"] = f"Årshjulet kan ikke laves: {danish(err)}."


if make or plan is None:
    rebuild()

with st.expander("Åbn et gemt årshjul"):
    plan_upload("Årshjul (.json)", "yp_upload", lambda data: Y.open_file(data, c),
                lambda opened: set_plan(opened[0], opened[1], sync_form=True),
                (Y.YearPlanFileError,), "Dit nuværende årshjul er uændret.")

if ss.get("yp_error"):
    st.error(md(ss["yp_error"]))
pending: Y.Rebuilt | None = ss.get("yp_pending")
if pending:
    shown = pending.lost[:10]
    st.warning("**Det nye årshjul kan ikke få alt med fra dit nuværende.** Laver du det, forsvinder det her:\n\n"
               + "\n".join(f"- {md(x)}" for x in shown)
               + (f"\n- … og {len(pending.lost) - len(shown)} mere." if len(pending.lost) > len(shown) else "")
               + "\n\nResten af dit arbejde kommer med. Gem årshjulet først (»Gem årshjul« nederst), hvis du vil "
                 "kunne finde det igen.", icon=":material/warning:")
    yes, no = st.columns(2)
    if yes.button("Lav det nye årshjul alligevel", key="yp_confirm_yes"):
        set_plan(pending.plan, pending.kept)
        st.rerun()
    if no.button("Behold mit årshjul", key="yp_confirm_no"):
        ss.pop("yp_pending", None)
        ss["yp_messages"] = ["Dit årshjul er uændret. Valgene ovenfor er ikke brugt endnu."]
        st.rerun()
plan = ss.get("year_plan")
if plan is None:
    st.stop()
shown_plan: Y.YearPlan = plan  # for the callbacks below, which run when plan is no longer narrowed

cal = plan.calendar()
y = plan.year
st.header(md(plan.full_title))
st.markdown(f"**{md(len(plan.lessons()))} lektioner** for {md(len(plan.classes()))} klasser på "
            f"{md(', '.join(plan.school_names))} · første skoledag {SC.long_date(y.first_school_day)} · sidste skoledag "
            f"{SC.long_date(y.last_school_day)} · vinterferie uge {plan.winter_break_week} · Uge Sex uge "
            f"{y.uge_sex_week} · {md(X.school_days_text(plan))}")
st.caption(f"Din tid: {md(Y.Rules.of(plan.request).describe())}.")
if y.status != "confirmed":
    st.warning(f"**Datoerne er ikke bekræftet.** {md(y.note or SC.DERIVED_NOTE)} Ret ferierne under »Ferie og "
               "lukkedage« herunder, eller hent skoleårsfilen, ret den til jeres kommunes ferieplan og upload den "
               "igen.", icon=":material/event_busy:")
else:
    st.caption(f"{md(SC.STATUS_LABELS[y.status])}. {md(y.note)}")
no_age = plan.without_age()
if no_age:
    names = ", ".join(f"{c} på {sch}" if len(plan.school_names) > 1 else c for sch, c in no_age)
    st.info(f"**{md(names)}** har intet klassetrin og intet alderstrin. Derfor får "
            f"{'klassen' if len(no_age) == 1 else 'klasserne'} kun temaer og øvelser, der passer til alle aldre – "
            "også til 6–9-årige. Skriv elevernes alderstrin i parentes efter klassen under Skoler og klasser, fx "
            f"»{md(no_age[0][1])} (mellemtrin)«, og tryk **Lav årshjul**.", icon=":material/child_care:")
for message in ss.get("yp_messages", []):
    st.warning(md(message), icon=":material/edit_calendar:")
clashes = Y.conflicts(plan.sessions, Y.Rules.of(plan.request))
if clashes:
    st.info("Årshjulet passer ikke helt til din tid (det er fx gemt med en ældre udgave af Klassekit): "
            + md("; ".join(clashes[:3])) + (f" – og {len(clashes) - 3} mere." if len(clashes) > 3 else "."),
            icon=":material/schedule:")
try:
    changed = not Y.same_choices(plan, form_request(), c.progression.sessions_per_year)
except (Y.YearPlanError, ValidationError):
    changed = True
if changed and not pending:
    st.info("Valgene ovenfor gælder først, når du trykker på **Lav årshjul**. Det nye årshjul får dine datoer, "
            "status og noter med, hvor de stadig passer – og kan noget ikke komme med, får du det at vide først.",
            icon=":material/sync_problem:")

# --- Holidays and closed days ------------------------------------------------------------------------
with st.expander("Ferie og lukkedage", expanded=bool(ss.get("yp_days_open"))):
    st.caption("Skolernes ferier (for alle skoler) og hver skoles egne lukkedage: planlægningsdage, lejrskole, "
               "emneuge. Ret, tilføj eller slet rækker; hver ændring tjekkes, og en dag med en session kan først "
               "lukkes, når sessionen er flyttet. Helligdage og vinterferien (uge 7 eller 8) kommer af sig selv.")
    days_key = f"yp_days_{ss.get('yp_editor_n', 0)}"
    st.data_editor(
        pd.DataFrame(Y.day_rows(plan), columns=list(Y.DAY_COLUMNS)), key=days_key, num_rows="dynamic",
        hide_index=True, width="stretch",
        column_config={
            "skole": st.column_config.SelectboxColumn("Skole", options=[Y.ALL_SCHOOLS, *plan.school_names],
                                                      default=Y.ALL_SCHOOLS, required=True),
            "hvad": st.column_config.TextColumn("Hvad", max_chars=80, required=True),
            "fra": st.column_config.DateColumn("Fra", format="DD.MM.YYYY", min_value=cal.first, max_value=cal.last),
            "til": st.column_config.DateColumn("Til", format="DD.MM.YYYY", min_value=cal.first, max_value=cal.last),
        })
    state = ss.get(days_key) or {}
    if state.get("edited_rows") or state.get("added_rows") or state.get("deleted_rows"):
        ss["yp_days_open"] = True  # the section stays open while the coordinator works in it
        rows = Y.day_rows(plan)
        for i, change in state.get("edited_rows", {}).items():
            rows[int(i)] = rows[int(i)] | change
        rows = [r for i, r in enumerate(rows) if i not in set(state.get("deleted_rows", []))]
        rows += list(state.get("added_rows", []))
        waiting = Y.unfinished_day_rows(rows)
        if waiting:  # a row being typed is kept in the table until it is whole, never refused half-way
            st.caption(f"Udfyld {md(waiting)} – så gemmes rækken.")
        else:
            set_plan(*Y.apply_days(plan, rows))
            st.rerun()
    f1, f2 = st.columns(2)
    f1.download_button("Hent skoleårsfilen (.yaml)", data=SY.to_yaml(plan.year), key="yp_year_dl",
                       file_name=f"{SC.school_year_slug(y.school_year)}{'-' + Y.slug(y.kommune) if y.kommune else ''}.yaml",
                       mime="application/x-yaml", on_click="ignore", icon=":material/download:",
                       help="Ferierne som fil: ret den til jeres kommunes ferieplan, og upload den igen – eller giv "
                            "den til IT, så den kommer i materials/school_years/.")
    n_up = ss.get("yp_year_up_n", 0)
    up = f2.file_uploader("Upload en kommunes skoleårsfil (.yaml)", type=["yaml", "yml"], key=f"yp_year_up_{n_up}")
    if up is not None:
        try:
            own = SY.from_yaml(up.getvalue())
            Y.with_school_year(plan, own)
        except (ValueError, Y.YearPlanError) as exc:
            st.error(f"Filen blev ikke brugt: {md(exc)} Dit årshjul er uændret.")
        else:
            ss["yp_year_up_n"] = n_up + 1
            rebuild(own)
            st.rerun()

# --- Table and charts ----------------------------------------------------------------------------
left, right = st.columns([3, 2])
with left:
    st.subheader("Lektioner og forældremøder")
    st.caption("Ret dato, klokkeslæt, klasse, tema, status eller note direkte i tabellen. Tilføj en række nederst, "
               "eller markér rækker og slet dem med skraldespanden – en slettet eller aflyst session bliver aflyst i "
               "kalenderfilen. Hver ændring tjekkes: ingen ferie, weekend, helligdag eller lukkedag, din tid, og "
               "temaet skal passe til klassen. Ét faneblad pr. trin, så Tema kun viser temaer, der passer.")
    themes = plan.theme_by_id
    templates = plan.template_by_id
    bands = [b for b in Y.BAND_COLOURS if any(Y.band_of(Y.class_grade(n)) == b for _, n in plan.classes())]
    school_filter = None
    if len(plan.school_names) > 1:
        school_filter = st.selectbox("Vis skole", [None, *plan.school_names], key="yp_show_school",
                                     format_func=lambda s: "Alle skoler" if s is None else s)
    for band, tab in zip(bands, st.tabs([BAND_LABELS[b] for b in bands]), strict=False):
        with tab:
            rows = Y.table_rows(plan, band=band, school=school_filter)
            fits = [t.id for t in Y.themes_for_band(plan, cast(Band, band))]
            class_names = list(dict.fromkeys(n for sch, n in plan.classes(school_filter)
                                             if Y.band_of(Y.class_grade(n)) == band))
            key = f"yp_editor_{band}_{ss.get('yp_editor_n', 0)}"
            edited = st.data_editor(
                pd.DataFrame(rows, columns=list(Y.COLUMNS)), key=key, num_rows="dynamic", hide_index=True,
                width="stretch",
                column_order=["uge", "dato", "tid", "skole", "klasse", "type", "tema", "skabelon", "status", "note"],
                column_config={
                    "uge": st.column_config.NumberColumn("Uge", disabled=True, width="small"),
                    "dato": st.column_config.DateColumn("Dato", format="DD.MM.YYYY", min_value=cal.first,
                                                        max_value=cal.last),
                    "tid": st.column_config.TimeColumn("Kl.", format="HH:mm", step=300, width="small"),
                    "skole": st.column_config.SelectboxColumn("Skole", options=plan.school_names,
                                                              default=school_filter or plan.school_names[0],
                                                              required=True),
                    "klasse": st.column_config.SelectboxColumn("Klasse", options=class_names,
                                                               default=class_names[0] if class_names else None,
                                                               required=True),
                    "type": st.column_config.SelectboxColumn("Type", options=list(Y.KIND_LABELS), default="lektion",
                                                             format_func=lambda k: Y.KIND_LABELS.get(str(k), str(k)),
                                                             required=True),
                    "tema": st.column_config.SelectboxColumn("Tema", options=fits, width="medium",
                                                             format_func=lambda t: themes[str(t)].title if t in themes else str(t)),
                    "skabelon": st.column_config.SelectboxColumn(
                        "Lektionsskabelon", options=list(templates),
                        default="lektion" if "lektion" in templates else None,
                        format_func=lambda t: templates[str(t)].title if t in templates else str(t)),
                    "status": st.column_config.SelectboxColumn("Status", options=list(Y.STATUS_LABELS),
                                                               default="planlagt", required=True,
                                                               format_func=lambda k: Y.STATUS_LABELS.get(str(k), str(k))),
                    "note": st.column_config.TextColumn("Note", max_chars=Y.MAX_NOTE),
                },
            )
            state = ss.get(key) or {}
            if state.get("edited_rows") or state.get("added_rows") or state.get("deleted_rows"):
                try:
                    set_plan(*Y.apply_table(plan, Y.merge_rows(plan, rows, edited.to_dict("records"))))
                except (ValueError, ValidationError):  # never a traceback: the edit is dropped, the plan kept
                    set_plan(plan, ["Rettelsen kunne ikke gemmes, og årshjulet er uændret. Prøv igen, eller gem "
                                    "årshjulet og åbn det på ny."])
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
        st.altair_chart(wheel.configure_view(stroke=None).configure_legend(labelLimit=0, symbolLimit=0),
                        key="yp_wheel", width="content", alt=X.wheel_alt_text(plan))
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
            # One legend column, as on the wheel: the narrow column cuts a wider one off.
            color=alt.Color("trin:N", scale=BAND_SCALE, legend=alt.Legend(title=None, orient="bottom", columns=1,
                                                                          labelLimit=0)),
            shape=alt.Shape("type:N", scale=KIND_SHAPES, legend=alt.Legend(title=None, orient="bottom", columns=1,
                                                                            labelLimit=0)),
            tooltip=[alt.Tooltip("klasse:N", title="Klasse"), alt.Tooltip("dato:T", title="Dato", format="%d.%m.%Y"),
                     alt.Tooltip("uge:Q", title="Uge"), alt.Tooltip("tema:N", title="Tema")])
        st.altair_chart((shade + dots).properties(height=30 * len(order) + 60), width="stretch", key="yp_timeline",
                        alt=f"Tidslinje for skoleåret {plan.year.label}: en linje pr. klassetrin med lektioner og "
                            "forældremøder som prikker og ferierne skraverede. Alle datoer står i tabellen til "
                            "venstre.")
        st.caption("Tidslinjen viser de samme lektioner som tabellen, med ferierne skraverede.")

# --- The coordinator's week ------------------------------------------------------------------------------
st.subheader("Din uge")
st.caption("Hvor du skal være, dag for dag: tid, skole, klasse, tema og status. En session, hvis dato er overskredet, "
           "og som stadig står som planlagt, er markeret – sæt den til gennemført eller aflyst i tabellen ovenfor.")
weeks = Y.school_weeks(plan)
now_week = Y.this_week(plan, today)
if ss.get("yp_week") not in weeks:
    ss.pop("yp_week", None)
week = st.selectbox("Uge", weeks, key="yp_week", index=None if "yp_week" in ss else
                    weeks.index(now_week) if now_week in weeks else 0,
                    format_func=lambda w: f"Uge {w[1]} {w[0]} (fra "
                                          f"{SC.short_date(dt.date.fromisocalendar(w[0], w[1], 1))})"
                    + (" – denne uge" if w == SC.iso_week(today) else
                       " – næste uge" if w == SC.iso_week(today + dt.timedelta(days=7)) else ""))
if week:
    days = Y.week_days(plan, *week, today)
    late = sum(r["overdue"] for d in days for r in d["sessions"])
    if late:
        st.warning(f"**{late} {'session' if late == 1 else 'sessioner'} i ugen har overskredet dato** og står stadig "
                   "som planlagt. Sæt status til gennemført eller aflyst i tabellen ovenfor.", icon=":material/schedule:")
    rows = [r for d in days for r in d["sessions"]]
    if rows:
        st.dataframe(pd.DataFrame(rows, columns=list(Y.WEEK_COLUMNS)), hide_index=True, width="stretch",
                     key="yp_week_table", column_config={c: c.capitalize() for c in Y.WEEK_COLUMNS})
    off = [f"{SC.WEEKDAYS[d['date'].weekday()]} {d['date']:%d.%m}: ingen skole – {d['off']}" for d in days if d["off"]]
    st.caption(md(("Ingen sessioner i ugen. " if not rows else "") + " · ".join(off)))

# --- A new time for a cancelled session -------------------------------------------------------------------
cancelled = [s for s in plan.sessions if s.status == "aflyst"]
if cancelled:
    st.subheader("Find en ny tid")
    st.caption("Til en aflyst lektion eller et aflyst forældremøde: de næste ledige tider, der holder alle regler – din "
               "tid og dine ugedage, højst lektioner om dagen, én skole pr. halve dag, ferier, helligdage, skolens "
               "lukkedage og ingen lektion i 9. og 10. klasse fra 1. maj. Den aflyste bliver stående som aflyst i "
               "kalenderen.")
    by_uid = {s.uid: s for s in cancelled}
    uid = st.selectbox("Aflyst session", list(by_uid), key="yp_new_time_for",
                       format_func=lambda u: f"{by_uid[u].class_name} på {by_uid[u].school}, "
                                             f"{SC.short_date(by_uid[u].date)}: "
                                             f"{shown_plan.theme_title(by_uid[u].theme)}")
    if uid:
        slots: list | None
        try:
            slots = Y.free_slots(plan, uid, today, n=5)
        except Y.YearPlanError as exc:
            slots = None
            st.info(md(exc), icon=":material/event_available:")
        if slots == []:
            st.info(md(Y.why_no_slot(plan, uid, today)), icon=":material/event_busy:")
        elif slots:
            slot = st.radio("Ledige tider", slots, key=f"yp_new_time_slot_{uid}",
                            format_func=lambda t: f"{SC.long_date(t[0])} kl. {t[1]:%H.%M} (uge {SC.iso_week(t[0])[1]})")
            if st.button("Flyt til den valgte tid", key="yp_new_time_go", icon=":material/event_repeat:"):
                moved, messages = Y.move_to_new_time(plan, uid, *slot)
                set_plan(moved, messages)
                st.rerun()

# --- Next school year --------------------------------------------------------------------------------------
st.subheader("Næste skoleår")
st.caption("Lav næste skoleårs årshjul ud fra dette: klasserne rykker et klassetrin op, 9. klasse går ud, en ny "
           "0. klasse kommer til, og hver klasse får temaer, den ikke har haft (gennemførte og planlagte lektioner "
           "tæller, aflyste gør ikke). Din tid, dine skoler og kontakterne kommer med. Dette årshjul ændres ikke – "
           "gem det først.")
if st.button(f"Lav årshjul for {Y.next_school_year(plan.year.school_year)}", key="yp_next_year",
             icon=":material/event_upcoming:"):
    try:
        new, notes = Y.next_year(c, plan)
    except (Y.YearPlanError, ValidationError) as exc:
        st.error(md(exc if isinstance(exc, Y.YearPlanError) else "Næste skoleårs årshjul kan ikke laves."))
    else:
        ss["yp_previous"] = plan
        set_plan(new, notes, sync_form=True)
        st.rerun()
previous = ss.get("yp_previous")
if previous is not None and previous.year.school_year != plan.year.school_year:
    st.download_button(f"Gem det forrige årshjul ({previous.year.label}) (.json)", data=Y.to_json(previous),
                       file_name=f"{Y.file_stem(previous)}.json", mime="application/json", key="yp_previous_json",
                       on_click="ignore", icon=":material/download:")

# --- The coordinator's contact per school --------------------------------------------------------------------
with st.expander("Din kontakt pr. skole"):
    st.caption("Dit navn, telefon og mail til hver skoles lærere: det står i hver kalenderaftale og i Word-planen. "
               "Det gemmes kun i årshjulsfilen.")
    with st.form("yp_contacts"):
        typed = {}
        for i, sch in enumerate(plan.schools):
            have = sch.contact or Y.Contact()
            k1, k2, k3 = st.columns([1.4, 1, 1.4])
            typed[sch.name] = (k1.text_input(f"{sch.name}: navn", value=have.name, max_chars=80, key=f"yp_c_name_{i}"),
                               k2.text_input("Telefon", value=have.phone, max_chars=20, key=f"yp_c_phone_{i}"),
                               k3.text_input("Mail", value=have.mail, max_chars=120, key=f"yp_c_mail_{i}"))
        if st.form_submit_button("Gem kontakt"):
            try:
                contacts = {name: Y.make_contact(*v, school=name) if any(x.strip() for x in v) else None
                            for name, v in typed.items()}
            except Y.YearPlanError as exc:
                st.error(f"{md(exc)} Kontakten er ikke gemt.")
            else:
                set_plan(Y.with_contacts(plan, contacts), ["Kontakten er gemt i årshjulet."])
                st.rerun()

# --- Files -----------------------------------------------------------------------------------------
st.subheader("Del årshjulet")
stem = Y.file_stem(plan)
which = None
if len(plan.school_names) > 1:
    which = st.selectbox("Filer for", [None, *plan.school_names], key="yp_files_for",
                         format_func=lambda s: "Hele området (alle skoler)" if s is None else s)
part = plan.for_school(which) if which else plan
pstem = Y.file_stem(plan, which) if which else stem
d1, d2, d3, d4 = st.columns(4)
d1.download_button("Excel (.xlsx)", data=lambda: X.to_xlsx(part), file_name=f"{pstem}.xlsx", mime=X.XLSX_MIME,
                   key="yp_xlsx", on_click="ignore", icon=":material/table_view:")
d2.download_button("Kalender (.ics)", data=lambda: X.to_ics(part), file_name=f"{pstem}.ics", mime=X.ICS_MIME,
                   key="yp_ics", on_click="ignore", icon=":material/calendar_month:")
d3.download_button("Word (.docx)", data=lambda: X.to_docx(part), file_name=f"{pstem}.docx", mime=X.DOCX_MIME,
                   key="yp_docx", on_click="ignore", icon=":material/description:")
d4.download_button("Gem årshjul (.json)", data=Y.to_json(plan), file_name=f"{stem}.json", mime="application/json",
                   key="yp_json", on_click="ignore", icon=":material/download:")
st.caption("Kalenderfilen kan importeres i Outlook, Google Kalender og Aula-kalendere, der læser .ics. Skolens navn "
           "står i hver aftale og i dens id, så to skolers filer aldrig overskriver hinanden. Flyttes en session, "
           "beholder den sit id, så en ny import flytter aftalen; en aflyst eller slettet session bliver aflyst.")
e1, e2 = st.columns([2, 1], vertical_alignment="bottom")
klass = e1.selectbox("Kalender til en klasses lærere", plan.classes(), key="yp_class_ics",
                     format_func=lambda sc_: f"{sc_[1]} – {sc_[0]}")
if klass:
    e2.download_button("Klassens kalender (.ics)", data=lambda: X.class_ics(shown_plan, *klass),
                       file_name=f"{Y.file_stem(plan, *klass)}.ics", mime=X.ICS_MIME, key="yp_class_ics_dl",
                       on_click="ignore", icon=":material/calendar_month:")

st.subheader("Årsrapport")
st.caption("Til skolelederen og SSP-styregruppen: pr. skole og klasse, hvad der var planlagt, og hvad der er "
           "gennemført og aflyst, og temaerne pr. klassetrin. Sæt status i tabellen ovenfor.")
r1, r2 = st.columns(2)
r1.download_button("Årsrapport (Word)", data=lambda: XR.to_docx(shown_plan, today), file_name=f"{stem}-aarsrapport.docx",
                   mime=X.DOCX_MIME, key="yp_report_docx", on_click="ignore", icon=":material/summarize:")
r2.download_button("Årsrapport (Excel)", data=lambda: XR.to_xlsx(shown_plan, today), file_name=f"{stem}-aarsrapport.xlsx",
                   mime=X.XLSX_MIME, key="yp_report_xlsx", on_click="ignore", icon=":material/table_view:")

st.subheader("Alle klassesæt")
st.caption("Et klassesæt (lærerplan, elevark, forældrebrev og plakat) til hver lektion, i en mappe pr. skole og "
           "klasse, med skolens og klassens navn i dokumenterne.")
with st.expander("Forældrebrevet på andre sprog"):
    st.caption("Vælg familiernes sprog pr. klasse: klassens sæt får så et brev på hvert sprog ved siden af det danske. "
               "»Ikke gennemlæst« betyder, at en translatør ikke har læst oversættelsen igennem – det står også på "
               "brevet, og det danske brev gælder.")
    with st.form("yp_languages"):
        chosen = {}
        for i, sch in enumerate(plan.schools):
            for j, name in enumerate(sch.classes):
                chosen[(sch.name, name)] = st.multiselect(
                    f"{sch.name}: {name}" if len(plan.schools) > 1 else name, list(LANGUAGES),
                    default=sch.letter_languages.get(name, []), format_func=language_label, placeholder="kun dansk",
                    key=f"yp_lang_{i}_{j}")
        if st.form_submit_button("Gem sprog"):
            try:
                set_plan(Y.with_letter_languages(plan, chosen), ["Forældrebrevenes sprog er gemt i årshjulet."])
            except (Y.YearPlanError, ValueError) as exc:
                st.error(f"{md(exc)} Sprogene er ikke gemt.")
            else:
                st.rerun()
k1, k2 = st.columns([3, 1], vertical_alignment="bottom")
kit_school = k1.selectbox("Skole", [None, *plan.school_names], key="yp_kit_school",
                          format_func=lambda s: "Alle skoler" if s is None else s)
n_kits = len([s for s in (plan.for_school(kit_school) if kit_school else plan).lessons() if s.active])
fingerprint = hashlib.sha256((Y.to_json(plan) + "\0" + (kit_school or "")).encode()).hexdigest()
if k2.button("Lav alle klassesæt", key="yp_kits", icon=":material/folder_zip:"):
    bar = st.progress(0.0, text=f"{n_kits} klassesæt laves …")
    if ss.get("yp_zip"):  # the last zip's folder goes as a new one is made
        ss.pop("yp_zip")[1].remove()
    spool = Spooled()  # removed when downloaded, when the session ends, at exit and at the next start
    labels = [X.kit_label(plan, s) for s in X.kit_lessons(plan.for_school(kit_school) if kit_school else plan)]

    def show(done: int, total: int) -> None:
        what = labels[done - 1][:80] if 0 < done <= len(labels) else ""
        bar.progress(min(1.0, done / max(1, total)), text=f"Klassesæt {done} af {total}: {what}")

    try:
        run_heavy_with_progress(X.kits_zip_from_file, *content_key(), Y.to_json(plan), str(spool.path),
                                kit_school or "", str(spool.progress), progress_path=str(spool.progress),
                                on_progress=show)
        ss["yp_zip"] = (fingerprint, spool)
        bar.progress(1.0, text=f"Færdig – {n_kits} klassesæt er klar.")
    except (Y.YearPlanError, Y.YearPlanFileError) as exc:
        spool.remove()
        st.error(md(exc))
    except Exception:  # a worker that died or timed out: say so in Danish, keep the plan
        spool.remove()
        st.error("Klassesættene kunne ikke laves lige nu. Prøv igen om lidt.")
    finally:
        spool.progress.unlink(missing_ok=True)
made = ss.get("yp_zip")
if made and made[0] == fingerprint and made[1].ready:
    # Read from disk (and removed from it) when the button is pressed, not kept in the session before.
    st.download_button("Hent alle klassesæt (.zip)", data=made[1].take,
                       file_name=f"{Y.file_stem(plan, kit_school)}-klassesaet.zip", mime="application/zip",
                       key="yp_zip_dl", on_click="ignore", type="primary", icon=":material/download:")
