import streamlit as st

from planner.content.bands import AUDIENCES
from planner.content.catalog import filter_frame, frame
from planner.content.models import STATUS_LABELS
from planner.ui.support import content, md

c = content()
st.title("Hjælp og kontakter")
st.caption(
    "Rådgivninger og myndigheder for børn, unge, forældre og fagpersoner. Nationale kontakter vises altid; "
    "vælg jeres kommune for at se de lokale."
)

col1, col2 = st.columns(2)
kommune = col1.selectbox("Kommune", [None, *c.kommuner], format_func=lambda k: "Kun nationale" if k is None else k, key="hl_kommune", placeholder="Vælg …")
audience = col2.selectbox("Til hvem?", [None, *AUDIENCES], format_func=lambda a: "Alle" if a is None else a.capitalize(), key="hl_audience", placeholder="Vælg …")

df = frame(c, "helplines")
hits = filter_frame(df, "helplines", audience=audience, region=kommune or "national")
if hits.empty:
    st.info("Ingen kontakter passer til valget.")
else:
    by_id = {h.id: h for h in c.helplines}
    for hid in hits["id"]:
        h = by_id[hid]
        icon = ":material/verified:" if h.status == "confirmed" else ":material/help:"
        # One list, each contact once: the number in the title, the rest inside.
        reach = " · ".join(x for x in (h.phone and f"tlf. {h.phone}", h.chat and "chat") if x)
        with st.expander(f"{md(h.name)}{' · ' + md(reach) if reach else ''} – {md(STATUS_LABELS[h.status])}",
                         icon=icon):
            if h.status != "confirmed":
                st.warning("Oplysningerne kommer fra kommunens pjece og er ikke efterprøvet. Bekræft dem, før I printer dem.")
            st.markdown(md(h.purpose))
            lines = []
            if h.phone:
                lines.append(f"**Telefon:** {md(h.phone)}" + (f" ({md(h.phone_label)})" if h.phone_label else ""))
            if h.sms:
                lines.append(f"**SMS:** {md(h.sms)}")
            if h.chat:
                lines.append("**Chat:** ja")
            if h.email:
                lines.append(f"**E-mail:** {md(h.email)}")
            if h.opening_hours:
                lines.append(f"**Åbent:** {md(h.opening_hours)}")
            lines.append(f"**Udbyder:** {md(h.provider)}")
            st.markdown("  \n".join(lines))
            if h.url:
                st.link_button("Gå til hjemmesiden", h.url)
            if h.note:
                st.caption(md(h.note))
            st.caption(f"Kilde: {md(h.source)} · tjekket {h.checked:%d.%m.%Y}")
