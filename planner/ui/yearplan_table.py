"""The year plan page's table: one editable tab per band, each edit checked by planning before it is kept."""

from typing import cast

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from planner.content.bands import BAND_LABELS, Band
from planner.planning import school_calendar as SC
from planner.planning import yearplan as Y
from planner.ui.yearplan_state import set_plan

ss = st.session_state


def session_table(plan: Y.YearPlan, cal: SC.SchoolCalendar) -> None:
    """The sessions in a table per band, with the edit applied (or refused in Danish) on the next run."""
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
