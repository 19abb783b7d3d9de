import functools
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from planner.content.bands import AGE_BANDS, BANDS
from planner.content.catalog import find_themes
from planner.content.text import slug
from planner.content.translations import LANGUAGES, language_label
from planner.documents import kit as K
from planner.documents.pdf import INSTALL_HINT as PDF_HINT
from planner.planning import lesson as L
from planner.planning.lesson import overview as O
from planner.ui.lesson_details import lesson_details
from planner.ui.support import band_label, content, focus_heading, kit_output, md, pdf_available, plan_upload

ss = st.session_state
c = content()
templates = c.by_id("templates")
themes = c.by_id("themes")
exercises = c.by_id("exercises")
CUSTOM = "__minutter__"
KIND_LABELS = {"ground_rules": "Aftaler", "starter": "Opstart", "exercise": "Øvelse", "facts": "Lovstof",
               "help": "Hjælp", "closing": "Afslutning", "break": "Pause"}


NATIONAL = "national"
"""A word, not None, for "no kommune": Streamlit shows a None value as an empty field, not as "Kun nationale"."""
FORM_KEYS = ("ls_band", "ls_age", "ls_length", "ls_minutes", "ls_kommune", "ls_themes", "ls_start")
KIT_KEYS = {"kit_school": "school", "kit_class": "class_name", "kit_date": "date", "kit_teacher": "teacher",
            "kit_pupils": "pupils", "kit_a3": "poster", "kit_languages": "letter_languages"}
"""The kit fields' widgets and the plan's details they show: the plan (plan.kit) is the truth, the widgets a view."""


def set_plan(plan: L.LessonPlan, sync_form: bool = False, edited: bool = False) -> None:
    ss["lesson_plan"] = plan
    ss["lesson_edited"] = edited
    ss.pop("lesson_error", None)
    st.query_params.from_dict(L.plan_to_query(plan, edited=edited))
    if sync_form:  # a plan from a file or a link: the form shows its choices before it is drawn again
        ss["ls_sync"] = form_values(plan)


def kit_widget_values(kit: L.KitInfo) -> dict:
    return {key: (kit.poster == "A3" if field == "poster" else getattr(kit, field)) for key, field in KIT_KEYS.items()}


def set_kit(**changes) -> None:
    """Keep a changed kit field in the plan itself, so it travels to every page, the board, the file and the link."""
    plan = ss["lesson_plan"]
    try:
        kit = L.KitInfo(**(plan.kit.model_dump() | changes))
    except ValidationError:
        return
    ss["lesson_plan"] = plan.model_copy(update={"kit": kit})
    st.query_params.from_dict(L.plan_to_query(ss["lesson_plan"], edited=bool(ss.get("lesson_edited"))))


def kit_changed(key: str) -> None:
    field, value = KIT_KEYS[key], ss[key]
    set_kit(**{field: ("A3" if value else "A4") if field == "poster" else value})


def start_changed() -> None:
    """A new start time: checked, then kept in the plan; a wrong one is named and the plan keeps its time."""
    try:
        L.parse_start(ss["ls_start"])
    except L.StartTimeError as exc:
        ss["ls_start_error"] = str(exc)
        return
    ss.pop("ls_start_error", None)
    if ss.get("lesson_plan") is not None:
        set_kit(start=ss["ls_start"])


def form_values(plan: L.LessonPlan) -> dict:
    r = plan.request
    values: dict[str, object] = {"ls_band": r.band, "ls_length": r.template or CUSTOM,
                                 "ls_kommune": r.kommune if r.kommune in c.kommuner else NATIONAL,
                                 "ls_themes": list(r.themes), "ls_start": plan.kit.start}
    for key, value in kit_widget_values(plan.kit).items():
        values[key] = value
    if r.band == "special":
        values["ls_age"] = r.age_band
    if not r.template:
        values["ls_minutes"] = plan.minutes
    return values


def apply_sync() -> None:
    """Set the form's widgets to an opened plan's choices. Streamlit keeps a widget's value in the browser, so
    forgetting the value is not enough: it must be set before the widget is drawn."""
    values = ss.pop("ls_sync", None)
    if values:
        for k in (*FORM_KEYS, *KIT_KEYS):
            ss.pop(k, None)
        ss.update(values)


def edit(fn, *args, edited: str | None = None) -> None:
    """Run an edit on the current plan; say which other activities gave or got minutes; on failure keep the plan
    and show why, where the teacher is looking."""
    before = ss["lesson_plan"]
    try:
        after = fn(*args)
        set_plan(after, edited=True)
        changes = L.minute_changes(before, after, edited)
        if changes:
            st.toast(md("Tiden passer igen: " + ", ".join(changes) + "."), icon=":material/schedule:")
    except L.PlanError as exc:
        st.toast(md(exc), icon=":material/error:")


st.title("Planlæg lektion")
st.caption("Vælg trin, længde og temaer. Klassekit sammensætter en lektion med tidsplan, dialogøvelser, lovstof "
           "til alderen, klassens aftaler og hjælp – klar til at printe.")

# A share link opens the same plan for a colleague.
if "lesson_plan" not in ss and st.query_params.get("band"):
    try:
        set_plan(L.plan_from_query(c, {k: st.query_params[k] for k in st.query_params}), sync_form=True, edited=True)
        st.toast("Lektionsplanen fra linket er åbnet.")
    except L.PlanError as exc:
        st.error(f"Linket kunne ikke åbnes: {md(exc)}")

apply_sync()
plan: L.LessonPlan | None = ss.get("lesson_plan")
req = plan.request if plan else None

# The form's widgets take their values from the session only (set here, or by an opened plan above), never also
# from a default: Streamlit warns when a widget gets both.
for key, value in (form_values(plan) if plan else {"ls_band": BANDS[0], "ls_length": "lektion"}).items():
    ss.setdefault(key, value)
ss.setdefault("ls_age", None)  # chosen by the teacher: a special class's age is never guessed
ss.setdefault("ls_minutes", 60)
ss.setdefault("ls_kommune", NATIONAL)
ss.setdefault("ls_start", L.KitInfo().start)

with st.container(border=True):
    col1, col2, col3 = st.columns(3)
    band = col1.selectbox("Trin", BANDS, format_func=band_label, key="ls_band", placeholder="Vælg …")
    age_band = None
    if band == "special":
        age_band = col1.selectbox("Elevernes alderstrin", AGE_BANDS, format_func=band_label, key="ls_age", placeholder="Vælg …",
                                  help="Lovstof og rådgivninger vælges efter elevernes alder.")
        if age_band is None:
            col1.caption("Vælg elevernes alder. Indtil da får klassen kun det, der passer til alle aldre (som i "
                         "indskolingen).")
    length_options = [*templates, CUSTOM]
    length = col2.selectbox("Længde", length_options, key="ls_length", placeholder="Vælg …",
                            format_func=lambda t: "Andet antal minutter" if t == CUSTOM else templates[t].title)
    minutes = None
    if length == CUSTOM:
        minutes = col2.number_input("Minutter", min_value=L.MIN_MINUTES, max_value=L.MAX_MINUTES, step=5,
                                    key="ls_minutes")
    # The start time belongs with the length: the timeline, the board and the printed plan show clock times from it.
    col2.text_input("Starttid", key="ls_start", max_chars=5, on_change=start_changed,
                    help="Tidsplanen, tavlen og lærerplanen viser klokkeslæt fra dette tidspunkt.")
    if ss.get("ls_start_error"):
        col2.error(md(f"{ss['ls_start_error']}. Planen bruger stadig {plan.kit.start if plan else '08:00'}."))
    picked_kommune = col3.selectbox("Lokale kontakter", [NATIONAL, *c.kommuner], key="ls_kommune",
                                    placeholder="Vælg …", format_func=lambda k: "Kun nationale" if k == NATIONAL else k)
    kommune = None if picked_kommune in (NATIONAL, None) else str(picked_kommune)
    options = [t.id for t in L.themes_for(c, band, age_band)]
    ss["ls_themes"] = [t for t in ss.get("ls_themes", []) if t in options]
    search = st.text_input("Find et tema", key="ls_theme_search", max_chars=100,
                           placeholder="fx nøgenbilleder, afpresning, snak med fremmede")
    if search:
        found = [t for t in find_themes(L.themes_for(c, band, age_band), search) if t.id not in ss["ls_themes"]]
        if not found:
            st.caption(md(f"Ingen temaer til dette trin passer til »{search}«."))
        cols = st.columns(max(1, min(3, len(found))))
        for i, t in enumerate(found[:6]):
            cols[i % len(cols)].button(f"Tilføj »{md(t.title)}«", key=f"ls_add_theme_{t.id}",
                                       on_click=lambda x=t.id: ss.__setitem__("ls_themes", [*ss["ls_themes"], x]))
    chosen = st.multiselect("Temaer (vælg ingen for en blanding)", options, format_func=lambda t: themes[t].title,
                            placeholder="Vælg et eller flere temaer", key="ls_themes",
                            select_all=False)  # no English »Select all«; »vælg ingen« already gives a mix

    def make_plan() -> None:
        # A new plan is for the same class: it keeps the kit fields the teacher typed, and the start time.
        kit = plan.kit if plan is not None else L.KitInfo()
        if not ss.get("ls_start_error"):
            kit = kit.model_copy(update={"start": L.KitInfo(start=ss["ls_start"]).start})
        try:
            new = L.assemble(c, L.LessonRequest(band=band, age_band=age_band,
                                                template=None if length == CUSTOM else length,
                                                minutes=int(minutes) if minutes else None,
                                                themes=chosen, kommune=kommune))
            set_plan(new.model_copy(update={"kit": kit}))
            ss["ls_focus_plan"] = True  # keyboard and screen-reader users land on the new plan, not on the button
        except L.PlanError as exc:
            ss["lesson_error"] = str(exc)
        ss.pop("ls_confirm", None)

    if st.button("Lav lektionsplan", type="primary", key="ls_make"):
        if plan is not None and ss.get("lesson_edited"):
            ss["ls_confirm"] = True  # an edited plan is never thrown away without asking
        else:
            make_plan()
    if ss.get("ls_confirm"):
        st.warning("Du har rettet i planen herunder. En ny plan erstatter dine rettelser. Gem planen først, hvis du "
                   "vil beholde den.", icon=":material/warning:")
        y, n = st.columns(2)
        if y.button("Lav en ny plan alligevel", key="ls_confirm_yes"):
            make_plan()
            st.rerun()
        if n.button("Behold min plan", key="ls_confirm_no"):
            ss.pop("ls_confirm", None)
            st.rerun()

with st.expander("Åbn en gemt lektionsplan"):
    plan_upload("Lektionsplan (gemt fra Klassekit)", "ls_upload", lambda data: L.from_json(data, c), lambda p: set_plan(p, sync_form=True, edited=True),
                (L.PlanFileError,), "Din nuværende plan er uændret.")

if ss.get("lesson_error"):
    st.error(md(ss["lesson_error"]))

plan = ss.get("lesson_plan")
if plan is None:
    st.info("Vælg trin, længde og temaer, og tryk på **Lav lektionsplan**.")
    st.stop()

st.header(md(plan.title))
if ss.pop("ls_focus_plan", False):
    focus_heading(plan.title)
st.markdown(f"**{md(plan.band_label)}** · {md(plan.template_title)} · {md(plan.minutes)} minutter")
st.page_link("ui/pages/tavle.py", label="Vis på tavlen", icon=":material/co_present:",
             query_params=L.plan_to_query(plan, edited=bool(ss.get("lesson_edited"))),
             help="Lektionens dias i fuld bredde til smartboardet: skift med piletasterne, nedtælling for hver "
                  "aktivitet og hjælp-diaset ét tryk væk.")
r = plan.request
form = (band, age_band if band == "special" else None, None if length == CUSTOM else length,
        None if length != CUSTOM else int(minutes or 0), sorted(chosen), kommune)
shown = (r.band, r.age_band if r.band == "special" else None, r.template,
         None if r.template else plan.minutes, sorted(r.themes), r.kommune)
if form != shown:
    st.warning("Valgene ovenfor er ændret. Tryk på **Lav lektionsplan** for at lave en ny plan – planen herunder "
               "og dokumenterne følger stadig de gamle valg.", icon=":material/sync_problem:")

for note in O.uncovered_themes(plan, L.exercises_for(c, plan.band, plan.age_band)):
    st.info(md(note), icon=":material/info:")

# --- Timeline ---------------------------------------------------------------------------------
# Clock times from the plan's start time (set beside the length at the top).
clock_rows = O.schedule(plan, plan.kit.start)
TIMELINE_ALT = ("Tidslinje: lektionens aktiviteter som vandrette bjælker fra start til slut, farvet efter type. "
                "Det samme står som tekst i tabellen under fanen Tidsplan.")
tab_table, tab_chart = st.tabs(["Tidsplan", "Tidslinje"])
with tab_table:
    # A plain table wraps long titles: on a phone nothing is cut off, as it would be in a scrolling grid.
    st.table(pd.DataFrame([{"Kl.": f"{r.start}–{r.end}", "Min.": r.minutes,
                            "Aktivitet": (f"Modul {r.module}: " if r.module else "") + r.title}
                           for r in clock_rows]), hide_index=True)
with tab_chart:
    # A plain Vega-Lite spec: Altair validates its schema on every rerun, which cost more than the rest of the page.
    values = [{"Nr": f"{i + 1:02d} {r.title}", "Fra": a.start, "Til": a.end, "Minutter": a.minutes,
               "Aktivitet": r.title, "Kl.": f"{r.start}–{r.end}", "Type": KIND_LABELS[a.kind]}
              for i, (a, r) in enumerate(zip(plan.activities, clock_rows, strict=False))]
    st.vega_lite_chart({
        "data": {"values": values},
        "mark": "bar",
        "encoding": {
            "x": {"field": "Fra", "type": "quantitative", "title": "Minutter"},
            "x2": {"field": "Til"},
            "y": {"field": "Nr", "type": "nominal", "sort": None, "title": None},
            "color": {"field": "Type", "type": "nominal", "legend": {"title": None}},
            "tooltip": [{"field": f} for f in ("Aktivitet", "Kl.", "Minutter")],
        },
    }, width="stretch", alt=TIMELINE_ALT)
    st.caption("Tidslinjen viser det samme som tabellen under »Tidsplan«: hver aktivitet med klokkeslæt og minutter.")

# --- Exercises -------------------------------------------------------------------------------
st.subheader("Øvelser")
ex_acts = plan.exercise_activities
used = {a.exercise_id for a in ex_acts}
spare = [e.id for e in L.exercises_for(c, plan.band, plan.age_band) if e.id not in used]
st.caption("Du kan flytte, forkorte, fjerne og bytte øvelserne – tidsplanen og dokumenterne følger med. "
           "Åbn »Vis øvelsen« for trin, kort og noter til dig.")
by_exercise = {r.exercise_id: r for r in clock_rows if r.exercise_id}
for pos, act in enumerate(ex_acts):
    e = plan.exercise(act.exercise_id)
    when = by_exercise.get(e.id)
    with st.container(border=True):
        st.markdown(f"**{md(pos + 1)}. {md(e.title)}**  \n{md(act.minutes)} minutter"
                    + (f" · kl. {md(when.start)}–{md(when.end)}" if when else ""))
        b1, b2, b3, b4 = st.columns(4, vertical_alignment="bottom")
        b1.button("Flyt op", key=f"up_{pos}", disabled=pos == 0, on_click=edit, args=(L.move_exercise, plan, pos, pos - 1))
        b2.button("Flyt ned", key=f"down_{pos}", disabled=pos == len(ex_acts) - 1,
                  on_click=edit, args=(L.move_exercise, plan, pos, pos + 1))
        b3.button("Fjern", key=f"rm_{pos}", disabled=len(ex_acts) == 1, on_click=edit, args=(L.remove_exercise, plan, pos))
        idx = plan.activities.index(act)
        key = f"min_{pos}"
        ss[key] = act.minutes  # the plan is the truth: an edit elsewhere may have retimed this exercise
        b4.number_input("Minutter", min_value=e.minutes_min, max_value=e.minutes_max, key=key,
                        help=f"Øvelsen kan vare {e.minutes_min}–{e.minutes_max} minutter.",
                        on_change=lambda i=idx, k=key, x=e.id: edit(L.set_minutes, ss["lesson_plan"], i, int(ss[k]),
                                                                      edited=x))
        if spare:
            s1, s2 = st.columns([3, 1], vertical_alignment="bottom")
            s1.selectbox("Byt med", spare, key=f"swap_pick_{pos}", placeholder="Vælg …", format_func=lambda x: exercises[x].title)
            s2.button("Byt øvelse", key=f"swap_{pos}", on_click=lambda p=pos, k=f"swap_pick_{pos}": edit(
                L.swap_exercise, c, ss["lesson_plan"], p, ss[k]))
        # A label that does not change with the minutes keeps the exercise open while the teacher edits it.
        with st.expander("Vis øvelsen", key=f"ex_{e.id}"):
            st.markdown(f"**Metode:** {md(e.method_label)} · **Organisering:** {md(e.group_form)} · "
                        f"**Varighed:** {md(e.minutes_min)}–{md(e.minutes_max)} min")
            st.markdown(f"**Læringsmål:** {md(e.learning_goal)}")
            st.markdown(f"**Forberedelse:** {md(e.preparation)}")
            st.markdown("**Sådan gør du:**\n" + "\n".join(f"{md(i)}. {md(s)}" for i, s in enumerate(e.steps, 1)))
            if e.statements:
                st.markdown("**Udsagn:**\n" + "\n".join(f"- {md(s)}" for s in e.statements))
            for case in e.cases:
                st.markdown(f"**{md(case.title)}:** {md(case.text)}")
            st.markdown("**Spørgsmål til samtalen:**\n" + "\n".join(f"- {md(q)}" for q in e.discussion_questions))
            st.info(md(e.teacher_notes), icon=":material/lightbulb:")
            st.warning(md(e.safety_note), icon=":material/shield:")

if spare:
    a1, a2 = st.columns([3, 1], vertical_alignment="bottom")
    a1.selectbox("Tilføj en øvelse", spare, key="add_pick", placeholder="Vælg …", format_func=lambda x: exercises[x].title)
    a2.button("Tilføj", key="add_btn", on_click=lambda: edit(L.add_exercise, c, ss["lesson_plan"], ss["add_pick"]))

# --- Around the exercises -------------------------------------------------------------------------
lesson_details(plan)

# --- Save and share -------------------------------------------------------------------------------
st.subheader("Gem og del")
st.download_button("Gem planen", data=L.to_json(plan), file_name="lektionsplan.json",
                   mime="application/json", key="ls_json", on_click="ignore", icon=":material/download:")
share = L.plan_to_query(plan, edited=bool(ss.get("lesson_edited")))
base = (st.context.url or "").split("?")[0] or "/lektion"
st.markdown("**Del planen med en kollega** – kopiér linket (knappen til højre i feltet):")
st.code(f"{base}?{urlencode(share)}", language=None, wrap_lines=True)
st.caption("Linket åbner den samme plan med samme starttid. Det indeholder trin, længde, temaer, øvelser og de "
           "felter til klassesættet, du har udfyldt (skole, klasse, dato, elevtal, brevets sprog) – aldrig lærerens navn og ingen "
           "oplysninger om elever.")

# --- Classroom kit ---------------------------------------------------------------------------------
st.subheader("Klassesæt til print")
st.caption("Felterne er valgfrie og bruges kun i dokumenterne. De følger planen til tavlen og ind i den gemte fil; "
           "et delt link har dem også, men aldrig lærerens navn.")
for key, value in kit_widget_values(plan.kit).items():
    ss.setdefault(key, value)
k1, k2, k3, k4 = st.columns(4)
k1.text_input("Skole", key="kit_school", max_chars=120, on_change=kit_changed, args=("kit_school",))
k2.text_input("Klasse", key="kit_class", max_chars=120, on_change=kit_changed, args=("kit_class",))
k3.text_input("Dato", key="kit_date", max_chars=120, placeholder="fx tirsdag 12. januar", on_change=kit_changed,
              args=("kit_date",))
k4.text_input("Lærer", key="kit_teacher", max_chars=120, on_change=kit_changed, args=("kit_teacher",))
k6, k7 = st.columns([1, 3])
k6.number_input("Elever i klassen", min_value=1, max_value=40, step=1, key="kit_pupils", on_change=kit_changed,
                args=("kit_pupils",), help="Bruges til materialelisten: hvor mange elevark, kort og sedler du skal printe.")
k7.checkbox("Plakat i A3", key="kit_a3", on_change=kit_changed, args=("kit_a3",))
st.multiselect("Forældrebrevet også på", list(LANGUAGES), key="kit_languages", format_func=language_label,
               on_change=kit_changed, args=("kit_languages",), placeholder="kun dansk",
               help="Hvert sprog giver ét brev mere ved siden af det danske, med samme dato, temaer og kontakter. "
                    "Print altid det danske brev med: det er det, der gælder. En oversættelse, som en translatør "
                    "ikke har læst igennem, står der »ikke gennemlæst« ved – og det står også på brevet.")
st.caption(f"Tidsplanen i dokumenterne starter kl. {md(plan.kit.start)} – ret starttiden øverst ved længden.")
plan_json = L.to_json(plan)
documents = K.documents_of(plan)
per_row = 7  # letters in several languages add buttons: rows of seven keep every label readable
cols = [c for _ in range(0, len(documents) + 1, per_row) for c in st.columns(per_row)][:len(documents) + 1]
for col, (label, name) in zip(cols, documents, strict=False):  # one column more: the zip
    col.download_button(label, data=functools.partial(kit_output, plan_json, name), file_name=name,
                        mime=K.mime_of(name),
                        key=f"kit_{name}", on_click="ignore",
                        icon=":material/slideshow:" if name.endswith(".pptx") else ":material/description:")
zip_name = "klassesaet" + (f"-{slug(plan.kit.class_name, 20, empty='')}" if slug(plan.kit.class_name, 20, empty="")
                           else "") + ".zip"
cols[-1].download_button("Hele sættet (.zip)", data=lambda: kit_output(plan_json, K.ZIP), file_name=zip_name,
                         mime="application/zip", key="kit_zip", on_click="ignore", type="primary",
                         icon=":material/folder_zip:")
if not pdf_available():
    st.info(md(PDF_HINT), icon=":material/picture_as_pdf:")
elif st.session_state.get("kit_pdf_for") != plan_json and st.button(
        "Lav PDF-udgave", key="kit_make_pdf", icon=":material/picture_as_pdf:",
        help="Alle dokumenter som PDF – til iPad og Chromebook. Det tager et par sekunder."):
    with st.spinner("LibreOffice laver PDF-filerne …"):
        try:
            kit_output(plan_json, K.PDF_ZIP)
            st.session_state["kit_pdf_for"] = plan_json
        except Exception:  # noqa: BLE001 - whatever failed, the teacher gets the Word files and a Danish reason
            st.error("PDF-filerne kunne ikke laves lige nu. Hent Word-filerne, eller prøv igen om lidt.")
if st.session_state.get("kit_pdf_for") == plan_json:
    st.download_button("Hent som PDF (.zip)", data=kit_output(plan_json, K.PDF_ZIP),
                       file_name=zip_name.replace(".zip", "-pdf.zip"), mime="application/zip", key="kit_pdf",
                       on_click="ignore", type="primary", icon=":material/picture_as_pdf:")
if plan.band == "special":
    st.caption("Specialundervisning: elevarket er letlæst med stor skrift. Zip-filen har også et almindeligt elevark.")
st.caption("Elevark, plakat og forældrebrev viser kun bekræftede kontakter. Kontakter fra kommunens pjece, som ikke er "
           "bekræftet, står kun i lærerplanen – markeret.")
