from typing import cast

import streamlit as st

from planner.content.models import STATUS_LABELS
from planner.documents import guide_docs as GD
from planner.planning import guide as G
from planner.ui.support import content, md

ss = st.session_state
c = content()
guide = c.guide
if guide is None:
    st.error("Handleguiden mangler i indholdet (materials/handleguide.yaml). Kør `python -m planner check`.")
    st.stop()
roles = {r.id: r for r in guide.roles}
facts = c.by_id("facts")


def reach(h) -> str:
    """How to reach a contact, flagged when it is not confirmed (markdown: the parts are escaped here)."""
    how = " · ".join(md(x) for x in [h.phone and f"tlf. {h.phone}", h.email, h.url] if x)
    return how + ("" if h.status == "confirmed" else f" *({md(STATUS_LABELS[h.status].lower())})*")


# The "Gør dette nu" card comes first, above everything else; it is filled in once the kommune below is known.
card = st.empty()
st.title("Handleguide")
st.caption(md(guide.intro))
st.info("Siden gemmer intet om sagen. Afkrydsninger og svar findes kun i denne browserfane og forsvinder, når du lukker "
        "den. Skriv ikke navne eller detaljer om sagen her.", icon=":material/lock:")

# A word, not None or "", for "no kommune": the app re-assigns the guide's answers on every run (so they survive a
# visit to another page), and Streamlit shows a re-assigned None or "" as an empty "Choose an option".
NATIONAL = "national"
picked = st.selectbox("Lokale kontakter", [NATIONAL, *c.kommuner], key="g_kommune", placeholder="Vælg …",
                       format_func=lambda k: "Kun nationale" if k == NATIONAL else k)
kommune = None if picked in (NATIONAL, None) else str(picked)
lines = [f"{i}. {md(line)}" for i, line in enumerate(G.act_now(c, kommune), 1)]
card.error(f"**{G.ACT_NOW_TITLE}**\n\n" + "\n".join(lines), icon=":material/emergency:")


with st.expander("Hurtige spørgsmål: hvad betyder det for sagen?", expanded=True, icon=":material/help:"):
    q1, q2 = st.columns(2)
    ages = {"ukendt": "Ved ikke", "under-15": "Under 15 år", "15-17": "15–17 år", "18+": "18 år eller mere"}
    victim_age = q1.radio("Hvor gammel er den krænkede?", list(ages), format_func=ages.get, key="g_age", horizontal=True)
    known = {"?": "Ved ikke", "ja": "Ja", "nej": "Nej"}
    offender = q2.radio("Ved I, hvem krænkeren er?", list(known), format_func=known.get, key="g_known", horizontal=True)
    adult = q2.checkbox("En voksen kan stå bag", key="g_adult",
                        help="Fx grooming, afpresning eller krav om seksuelle handlinger fra en voksen.")
    offender_age = "ukendt"
    if offender == "ja" and not adult:
        offender_age = q2.radio("Er krænkeren under 15 år?", ["ukendt", "under-15", "15+"], key="g_off_age",
                                format_func={"ukendt": "Ved ikke", "under-15": "Ja", "15+": "Nej"}.get, horizontal=True)
    danger = q1.checkbox("Nogen er i akut fare", key="g_danger")
    images = q1.checkbox("Der er billeder eller video", key="g_images")
    threats = q1.checkbox("Der er trusler eller afpresning", key="g_threats")
    advice = G.advise(victim_age=cast(G.VictimAge, victim_age), offender_known={"ja": True, "nej": False}.get(offender),
                      offender_age=cast(G.OffenderAge, offender_age), images=images, threats=threats, acute_danger=danger,
                      adult_offender=adult)
    for a in advice:
        box = st.error if a.urgent else st.warning
        refs = [md(f"{facts[f].title} ({facts[f].law_ref})") for f in a.facts if f in facts]
        people = [f"**{md(h.name)}** {reach(h)}" for h in G.contacts_for(c, a.contacts, kommune)]
        box(f"**{md(a.title)}.** {md(a.text)}" + (f"  \nSe: {'; '.join(refs)}." if refs else "")
            + (f"  \nKontakt: {' · '.join(people)}" if people else ""))

steps = guide.steps
done_total = 0
items_total = sum(len(s.checklist) for s in steps)
phase = None
for step in steps:
    if step.phase != phase:
        phase = step.phase
        st.header(md(phase))
    done = sum(bool(ss.get(f"g_{step.id}_{i}")) for i in range(len(step.checklist)))
    done_total += done
    # A fixed label keeps the step open while boxes are ticked; the count is shown inside.
    with st.expander(md(step.title), key=f"gx_{step.id}"):
        st.markdown("**Ansvar:** " + ", ".join(roles[r].title for r in step.responsible)
                    + f"  ·  {done} af {len(step.checklist)} punkter")
        st.markdown(md(step.text))
        for i, item in enumerate(step.checklist):
            st.checkbox(md(item), key=f"g_{step.id}_{i}")
        step_contacts = G.contacts_for(c, step.contacts, kommune)
        if step_contacts:
            st.markdown("**Kontakter**")
            for h in step_contacts:
                st.markdown(f"- **{md(h.name)}**: {md(h.purpose)} {reach(h)}")
        for f in step.facts:
            if f in facts:
                st.caption(f"{md(facts[f].title)} ({md(facts[f].law_ref)}). Kilde: {md(facts[f].source)}")

st.progress(done_total / items_total, text=f"{done_total} af {items_total} punkter krydset af")

st.header("Hvem gør hvad")
cols = st.columns(len(guide.roles))
for col, role in zip(cols, guide.roles, strict=False):
    with col.container(border=True):
        st.subheader(md(role.title))
        st.caption(md(role.description))
        st.markdown("\n".join(f"- {md(t)}" for t in role.tasks))

st.header("Til print")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
d1, d2, d3 = st.columns(3)
d1.download_button("Tjekliste (Word)", data=lambda: GD.checklist(c, kommune), file_name="handleguide-tjekliste.docx",
                   mime=DOCX, key="gdl_checklist", on_click="ignore", icon=":material/checklist:")
d2.download_button("Logbog til forældre (Word)", data=GD.logbook, file_name="logbog.docx", mime=DOCX,
                   key="gdl_logbook", on_click="ignore", icon=":material/edit_note:")
d3.download_button("Beredskabsplan – skabelon (Word)", data=lambda: GD.response_plan(c, kommune),
                   file_name="beredskabsplan.docx", mime=DOCX, key="gdl_plan", on_click="ignore",
                   icon=":material/description:")
st.caption(f"Kilde: {md(guide.source)}")
