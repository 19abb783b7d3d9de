import streamlit as st

from planner.documents import statement as S

# The statement is made from the last recorded accessibility run (docs/tilgaengelighed-resultat.json); its own
# first line is the page's title.
text = S.statement_markdown(S.load_result())
title, _, body = text.partition("\n")
st.title(title.removeprefix("# "))
st.markdown(body)
st.download_button("Hent erklæringen (.md)", data=text, file_name="tilgaengelighed.md", mime="text/markdown",
                   key="a11y_md", on_click="ignore", icon=":material/download:")
