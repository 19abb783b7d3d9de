"""The lesson page's tabs around the exercises: goals, law, help, agreements, what to do if a pupil tells, and
materials to use as well. Only shows the plan; every text is escaped (md)."""

import streamlit as st

from planner.planning.lesson import LessonPlan
from planner.ui.support import md


def lesson_details(plan: LessonPlan) -> None:
    t1, t2, t3, t4, t5, t6 = st.tabs(["Læringsmål", "Lovstof", "Hjælp", "Aftaler og forberedelse", "Hvis en elev fortæller",
                                      "Brug også"])
    with t6:
        if not plan.related_materials:
            st.markdown("Vidensbanken har ikke et materiale med link til dette trin og disse temaer.")
        for x in plan.related_materials:
            st.markdown(f"**{md(x.title)}** – {md(x.provider)}  \n{md(x.purpose or x.form)}")
            if x.url:  # "Brug også" only suggests materials with a link; a material without one gets no button
                st.link_button("Åbn materialet", x.url, icon=":material/open_in_new:")
    with t1:
        cur = plan.curriculum
        st.markdown(f"**{md(cur.subject)}** · trinforløb {md(cur.step)} · kompetenceområder: {md(', '.join(cur.areas))}")
        st.markdown(md(cur.goal))
        st.markdown("\n".join(f"- {md(g)}" for g in plan.learning_goals))
        st.caption(f"Fagformål: “{md(cur.purpose_quote)}” · Kilde: {md(cur.source)}")
    with t2:
        if not plan.facts:
            st.markdown("Indskolingen får ingen lovstof. Her handler det om krop, grænser, hemmeligheder og at sige det til en voksen."
                        if plan.age_band == "indskoling" else "Ingen lovstof passer til de valgte temaer.")
        for f in plan.facts:
            st.markdown(f"**{md(f.title)}** ({md(f.law_ref)})  \n{md(f.pupil_text)}")
            if f.max_penalty and plan.age_band == "udskoling":
                st.caption(f"Strafferamme: {md(f.max_penalty)}")
            if f.uncertain:
                st.caption(f":material/warning: {md(f.uncertain)}")
            st.caption(f"Kilde: {md(f.source)} · tjekket {f.checked:%d.%m.%Y}")
    with t3:
        for h in plan.helplines:
            status = "" if h.status == "confirmed" else " · *fra pjecen, ikke bekræftet*"
            contact = " · ".join(x for x in [h.phone and f"tlf. {h.phone}", h.url] if x)
            st.markdown(f"**{md(h.name)}** – {md(h.purpose)} {md(contact)}{status}")
    with t4:
        st.markdown("**Klassens aftaler**\n" + "\n".join(f"- {md(r)}" for r in plan.ground_rules))
        st.markdown("**Forberedelse**\n" + "\n".join(f"- {md(p)}" for p in plan.preparation))
    with t5:
        d = plan.disclosure
        st.markdown("\n".join(f"{md(i)}. {md(s)}" for i, s in enumerate(d.steps, 1)))
        st.caption(f"Lovgrundlag: {md(d.legal_basis)} · Kilde: {md(d.source)}")
