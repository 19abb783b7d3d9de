"""The year plan's words and colours: how a session's kind and status read in Danish, and each band's colour on
the wheel, the chart and the spreadsheet."""

from ...content import bands

STATUS_LABELS = {"planlagt": "Planlagt", "gennemfoert": "Gennemført", "aflyst": "Aflyst"}
KIND_LABELS = {"lektion": "Lektion", "foraeldremoede": "Forældremøde"}
THE_KIND = {"lektion": "Lektionen", "foraeldremoede": "Forældremødet"}
NEW_KIND = {"lektion": "Ny lektion", "foraeldremoede": "Nyt forældremøde"}
BAND_COLOURS = bands.BAND_COLOURS
"""The bands' one palette (content/bands.py), the same as on the posters and slides."""
