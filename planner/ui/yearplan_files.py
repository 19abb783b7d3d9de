"""The year plan page's files: Excel, calendar, Word and the plan file, the year report, every classroom kit
(made by a worker process, with progress) and each class's parent meeting (opened on the Forældremøde page)."""

import datetime as dt
import hashlib

import streamlit as st

from planner.content.translations import LANGUAGES, language_label
from planner.documents import yearplan_report as XR
from planner.documents.yearplan_docx import DOCX_MIME, to_docx
from planner.documents.yearplan_ics import ICS_MIME, class_ics, to_ics
from planner.documents.yearplan_kits import kits_zip_from_file
from planner.documents.yearplan_xlsx import XLSX_MIME, to_xlsx
from planner.planning import school_calendar as SC
from planner.planning import yearplan as Y
from planner.ui.support import Spooled, content, content_key, md, run_heavy_with_progress
from planner.ui.yearplan_state import set_plan

ss = st.session_state


def share_files(plan: Y.YearPlan, today: dt.date) -> None:
    """The plan's files for the district, one school or one class, and the year report."""
    st.subheader("Del årshjulet")
    stem = Y.file_stem(plan)
    which = None
    if len(plan.school_names) > 1:
        which = st.selectbox("Filer for", [None, *plan.school_names], key="yp_files_for",
                             format_func=lambda s: "Hele området (alle skoler)" if s is None else s)
    part = plan.for_school(which) if which else plan
    pstem = Y.file_stem(plan, which) if which else stem
    d1, d2, d3, d4 = st.columns(4)
    d1.download_button("Excel (.xlsx)", data=lambda: to_xlsx(part), file_name=f"{pstem}.xlsx", mime=XLSX_MIME,
                       key="yp_xlsx", on_click="ignore", icon=":material/table_view:")
    d2.download_button("Kalender (.ics)", data=lambda: to_ics(part), file_name=f"{pstem}.ics", mime=ICS_MIME,
                       key="yp_ics", on_click="ignore", icon=":material/calendar_month:")
    d3.download_button("Word (.docx)", data=lambda: to_docx(part), file_name=f"{pstem}.docx", mime=DOCX_MIME,
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
        e2.download_button("Klassens kalender (.ics)", data=lambda: class_ics(plan, *klass),
                           file_name=f"{Y.file_stem(plan, *klass)}.ics", mime=ICS_MIME, key="yp_class_ics_dl",
                           on_click="ignore", icon=":material/calendar_month:")

    st.subheader("Årsrapport")
    st.caption("Til skolelederen og SSP-styregruppen: pr. skole og klasse, hvad der var planlagt, og hvad der er "
               "gennemført og aflyst, og temaerne pr. klassetrin. Sæt status i tabellen ovenfor.")
    r1, r2 = st.columns(2)
    r1.download_button("Årsrapport (Word)", data=lambda: XR.to_docx(plan, today), file_name=f"{stem}-aarsrapport.docx",
                       mime=DOCX_MIME, key="yp_report_docx", on_click="ignore", icon=":material/summarize:")
    r2.download_button("Årsrapport (Excel)", data=lambda: XR.to_xlsx(plan, today), file_name=f"{stem}-aarsrapport.xlsx",
                       mime=XLSX_MIME, key="yp_report_xlsx", on_click="ignore", icon=":material/table_view:")


def all_kits(plan: Y.YearPlan) -> None:
    """Every classroom kit of the year (or of one school) as a zip, made in a worker process."""
    st.subheader("Alle klassesæt")
    st.caption("Et klassesæt (lærerplan, elevark, forældrebrev og plakat) til hver lektion, i en mappe pr. skole og "
               "klasse, med skolens og klassens navn i dokumenterne.")
    with st.expander("Forældrebrevet på andre sprog"):
        st.caption("Vælg familiernes sprog pr. klasse: klassens sæt får så et brev på hvert sprog ved siden af det "
                   "danske. »Ikke gennemlæst« betyder, at en translatør ikke har læst oversættelsen igennem – det står "
                   "også på brevet, og det danske brev gælder.")
        with st.form("yp_languages"):
            chosen = {}
            for i, sch in enumerate(plan.schools):
                for j, name in enumerate(sch.classes):
                    chosen[(sch.name, name)] = st.multiselect(
                        f"{sch.name}: {name}" if len(plan.schools) > 1 else name, list(LANGUAGES),
                        default=sch.letter_languages.get(name, []), format_func=language_label,
                        placeholder="kun dansk", key=f"yp_lang_{i}_{j}")
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
        labels = [Y.kit_label(plan, s) for s in Y.kit_lessons(plan.for_school(kit_school) if kit_school else plan)]

        def show(done: int, total: int) -> None:
            what = labels[done - 1][:80] if 0 < done <= len(labels) else ""
            bar.progress(min(1.0, done / max(1, total)), text=f"Klassesæt {done} af {total}: {what}")

        try:
            run_heavy_with_progress(kits_zip_from_file, *content_key(), Y.to_json(plan), str(spool.path),
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


MEETING_FIELDS = ("band", "age", "minutes", "start", "themes", "school", "class", "date")
"""The Forældremøde page's request (its session_state »pm_request« and the »pm_…« fields)."""


def parent_meetings(plan: Y.YearPlan) -> None:
    """Each class's parent meeting of the year, opened on the Forældremøde page with the class, date, time and the
    themes its lessons teach this year filled in (the page makes the agenda, deck, cards and sheet, also as PDF)."""
    booked = [s for s in plan.sessions if s.kind == "foraeldremoede" and s.active]
    if not booked:
        return
    st.subheader("Forældremøder")
    st.caption("Dagsorden, præsentation, dilemmakort og forældreark til en klasses forældremøde – med de temaer, "
               "klassen får i år.")
    m1, m2 = st.columns([3, 1], vertical_alignment="bottom")
    by_uid = {s.uid: s for s in booked}  # chosen by the session, not its place: an edit may reorder the list
    chosen = m1.selectbox("Forældremøde", list(by_uid), key="yp_meeting",
                          format_func=lambda uid: f"{by_uid[uid].who}: {SC.long_date(by_uid[uid].date)} kl. "
                                                  f"{by_uid[uid].start:%H:%M}")
    if m2.button("Åbn forældremødet", key="yp_open_meeting", icon=":material/groups:"):
        s = by_uid.get(chosen) or booked[0]
        age = Y.meeting_age(plan, s)
        ss["pm_request"] = {"band": s.band, "age": age or (s.band if s.band != "special" else "indskoling"),
                            "minutes": Y.meeting_minutes(s), "start": f"{s.start:%H:%M}",
                            "themes": Y.meeting_themes(content(), plan, s) or [], "school": s.school,
                            "class": s.class_name, "date": SC.short_date(s.date)}
        for name in MEETING_FIELDS:  # the page's fields start from the request, not from an earlier visit
            ss.pop(f"pm_{name}", None)
        st.switch_page("ui/pages/foraeldremoede.py")
