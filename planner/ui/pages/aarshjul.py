import datetime as dt
from typing import Literal, cast

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from planner.content import school_years as SY
from planner.documents.yearplan_xlsx import school_days_text
from planner.planning import school_calendar as SC
from planner.planning import yearplan as Y
from planner.ui.support import content, md, plan_upload
from planner.ui.yearplan_charts import wheel_and_timeline
from planner.ui.yearplan_files import all_kits, parent_meetings, share_files
from planner.ui.yearplan_state import set_plan
from planner.ui.yearplan_table import session_table

ss = st.session_state
c = content()
DEFAULT_SCHOOLS = f"{Y.DEFAULT_SCHOOL}: " + ", ".join(f"{g}.a" for g in range(10))

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
            f"{y.uge_sex_week} · {md(school_days_text(plan))}")
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
    session_table(plan, cal)
with right:
    wheel_and_timeline(plan)

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

share_files(plan, today)
all_kits(plan)
parent_meetings(plan)
