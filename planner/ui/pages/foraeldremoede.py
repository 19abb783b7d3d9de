"""Forældremøde: the SSP coordinator's and class teacher's kit for a parent meeting. The page shows and calls; the
meeting is made in planning.parents and its documents in documents.parents. What the user chose is one value in
session_state (pm_request), so it is still there after a visit to another page."""

from typing import cast

import streamlit as st

from planner.content.bands import AGE_BANDS, BAND_INFO, BAND_LABELS, BANDS, AgeBand, Band
from planner.content.parent_meeting import MEETING_MINUTES
from planner.documents import parents as DP
from planner.documents.kit import zip_files
from planner.planning import parents as P
from planner.documents.pdf import INSTALL_HINT as PDF_HINT
from planner.ui.support import content, content_key, md, pdf_available, pdf_zip_of

STATE = "pm_request"
DEFAULTS = {"band": "mellemtrin", "age": "mellemtrin", "minutes": 60, "start": "19:00", "themes": [], "school": "",
            "class": "", "date": ""}

c = content()
saved = {**DEFAULTS, **st.session_state.get(STATE, {})}
# Widgets forget their value when their page is not shown: they start from the saved request each time.
for name, value in saved.items():
    st.session_state.setdefault(f"pm_{name}", value)


@st.cache_data(max_entries=32, show_spinner=False)
def _files(_key, band, age, minutes, start, themes, school, class_name, date) -> dict[str, bytes]:
    meeting = P.meeting(content(), band, age, minutes, start, list(themes))
    return DP.build_meeting(meeting, DP.MeetingDetails(school, class_name, date))


st.title("Forældremøde")
st.caption("Dagsorden, præsentation, dilemmakort og et forældreark til et forældremøde om børns digitale liv – "
           "tilpasset klassens trin, elevernes alder og de temaer, klassen får i år.")
col1, col2, col3 = st.columns(3)
band = cast(Band, col1.selectbox("Trin", list(BANDS), format_func=lambda b: BAND_LABELS[b], key="pm_band"))
age = cast(AgeBand, col2.selectbox("Elevernes alder", list(AGE_BANDS), key="pm_age", disabled=band != "special",
                     format_func=lambda a: f"{BAND_INFO[a].ages[0]}–{BAND_INFO[a].ages[1]} år",
                     help="Kun for specialklasser: de andre trin har deres egen alder."))
minutes = col3.radio("Mødets længde", MEETING_MINUTES, key="pm_minutes", horizontal=True,
                     format_func=lambda n: f"{n} minutter")
age_band = age if band == "special" else None
fit = [t for t in c.themes if t.suits(band, age if band == "special" else cast(AgeBand, band))]
st.session_state["pm_themes"] = [t for t in st.session_state["pm_themes"] if t in {x.id for x in fit}]
themes = st.multiselect("Temaer klassen får i år (tomt: alle trinnets temaer)", [t.id for t in fit], key="pm_themes",
                        format_func=lambda x: c.by_id("themes")[x].title, placeholder="Alle trinnets temaer")
col1, col2, col3, col4 = st.columns(4)
start = col1.text_input("Start", key="pm_start", max_chars=5)
school = col2.text_input("Skole", key="pm_school", max_chars=120)
class_name = col3.text_input("Klasse", key="pm_class", max_chars=120)
date = col4.text_input("Dato", key="pm_date", max_chars=120)
st.session_state[STATE] = {"band": band, "age": age, "minutes": minutes, "start": start, "themes": themes,
                           "school": school, "class": class_name, "date": date}

try:
    meeting = P.meeting(c, band, age_band, minutes, start, themes)
except P.MeetingError as exc:
    st.error(md(str(exc)))
    st.stop()

st.subheader("Dagsorden")
st.table({"Tid": [f"{r.start}–{r.end}" for r in meeting.agenda], "Punkt": [r.item.title for r in meeting.agenda]})
with st.expander("Hvis en forælder fortæller om en sag under mødet", icon=":material/shield:"):
    st.markdown(md(meeting.texts.disclosure_note))

st.subheader("Hent")
files = _files(content_key(), band, age_band, minutes, meeting.start, tuple(themes), school, class_name, date)
cols = st.columns(len(DP.PARENT_MEETING) + 1)
for col, kind in zip(cols, DP.PARENT_MEETING, strict=False):
    col.download_button(kind.label, files[kind.file_name], kind.file_name, kind.mime, key=f"pm_get_{kind.name}")
cols[-1].download_button("Det hele (zip)", zip_files(files), "foraeldremoede.zip", "application/zip", key="pm_get_zip",
                         type="primary")
# PDF as for a lesson's kit: LibreOffice converts all four in one run, in the kit worker.
pdf_for = (content_key(), band, age_band, minutes, meeting.start, tuple(themes), school, class_name, date)
if not pdf_available():
    st.info(md(PDF_HINT), icon=":material/picture_as_pdf:")
elif st.session_state.get("pm_pdf_for") != pdf_for and st.button("Lav PDF-udgave", key="pm_make_pdf",
                                                                  icon=":material/picture_as_pdf:"):
    with st.spinner("LibreOffice laver PDF-filerne …"):
        try:
            pdf_zip_of(files)
            st.session_state["pm_pdf_for"] = pdf_for
        except Exception:  # noqa: BLE001 - whatever failed, the coordinator gets the Office files and a Danish reason
            st.error("PDF-filerne kunne ikke laves lige nu. Hent Word- og PowerPoint-filerne, eller prøv igen om lidt.")
if st.session_state.get("pm_pdf_for") == pdf_for:
    st.download_button("Hent som PDF (.zip)", pdf_zip_of(files), "foraeldremoede-pdf.zip", "application/zip",
                       key="pm_get_pdf", type="primary", icon=":material/picture_as_pdf:")
st.caption("Kontakterne er bekræftede tjenester for forældre med kilde og dato: " +
           md(", ".join(f"{h.name} (tjekket {h.checked:%d.%m.%Y})" for h in meeting.contacts)) + ".")
