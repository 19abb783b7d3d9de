import streamlit as st

from planner.content.bands import AUDIENCES, BANDS
from planner.content.catalog import filter_frame, frame
from planner.ui.support import band_label, content, md

c = content()
st.title("Materialer")
st.caption(
    "Vidensbanken fra Aarhus Kommunes pjece om digitale seksuelle krænkelser: undervisningsmaterialer, "
    "vejledninger og litteratur til ledelse, personale, elever og forældre."
)

df = frame(c, "materials")
themes = {t.id: t.title for t in c.themes}
col1, col2, col3, col4 = st.columns(4)
band = col1.selectbox("Trin", [None, *BANDS], format_func=lambda b: "Alle trin" if b is None else band_label(b), key="mat_band", placeholder="Vælg …")
theme = col2.selectbox("Tema", [None, *themes], format_func=lambda t: "Alle temaer" if t is None else themes[t], key="mat_theme", placeholder="Vælg …")
audience = col3.selectbox("Målgruppe", [None, *AUDIENCES], format_func=lambda a: "Alle" if a is None else a.capitalize(), key="mat_audience", placeholder="Vælg …")
text = col4.text_input("Søg", key="mat_search", placeholder="fx Red Barnet")

hits = filter_frame(df, "materials", band=band, theme=theme, audience=audience, text=text or None)
st.write(f"**{md(len(hits))}** af {md(len(df))} materialer")

if hits.empty:
    st.info("Ingen materialer passer til filtrene. Prøv at fjerne et filter.")
else:
    view = hits.assign(
        trin=hits["bands"].map(lambda bs: ", ".join(band_label(b) for b in bs) or "Alle trin"),
        temaer=hits["themes"].map(lambda ts: ", ".join(themes.get(t, t) for t in ts)),
        målgruppe=hits["audience"].map(", ".join),
    )[["title", "provider", "målgruppe", "trin", "form", "url"]]
    st.dataframe(
        view,
        hide_index=True,
        width="stretch",
        column_config={
            "title": st.column_config.TextColumn("Titel", width="medium"),
            "provider": st.column_config.TextColumn("Udbyder"),
            "målgruppe": st.column_config.TextColumn("Målgruppe"),
            "trin": st.column_config.TextColumn("Trin"),
            "form": st.column_config.TextColumn("Form"),
            "url": st.column_config.LinkColumn("Link", display_text="Åbn"),
        },
    )

    st.subheader("Detaljer")
    by_id = c.by_id("materials")
    pick = st.selectbox("Vælg et materiale", list(hits["id"]), format_func=lambda i: by_id[i].title, key="mat_pick", placeholder="Vælg …")
    item = by_id[pick]
    st.markdown(f"### {md(item.title)}")
    st.markdown(f"**Udbyder:** {md(item.provider)}  \n**Målgruppe:** {md(', '.join(item.audience))}")
    if item.bands:
        st.markdown("**Trin:** " + md(", ".join(band_label(b) for b in item.bands)))
    if item.special_needs:
        st.markdown("**Egnet til specialundervisning**")
    if item.form:
        st.markdown(f"**Form:** {md(item.form)}")
    if item.purpose:
        st.markdown(f"**Formål/indhold:** {md(item.purpose)}")
    if item.themes:
        st.markdown("**Temaer:** " + md(", ".join(themes.get(t, t) for t in item.themes)))
    if item.url:
        st.link_button("Åbn materialet", item.url)
    else:
        st.caption("Der er ikke noget kendt link til materialet.")
    if item.note:
        st.info(md(item.note))
    st.caption(f"Kilde: {md(item.source)} · tjekket {item.checked:%d.%m.%Y}")
