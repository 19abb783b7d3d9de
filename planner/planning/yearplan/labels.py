"""The year plan's words and colours: how a session's kind and status read in Danish, and each band's colour on
the wheel, the chart and the spreadsheet."""

STATUS_LABELS = {"planlagt": "Planlagt", "gennemfoert": "Gennemført", "aflyst": "Aflyst"}
KIND_LABELS = {"lektion": "Lektion", "foraeldremoede": "Forældremøde"}
THE_KIND = {"lektion": "Lektionen", "foraeldremoede": "Forældremødet"}
NEW_KIND = {"lektion": "Ny lektion", "foraeldremoede": "Nyt forældremøde"}
BAND_COLOURS = {"indskoling": "#009E73", "mellemtrin": "#0072B2", "udskoling": "#D55E00", "special": "#CC79A7"}
"""Okabe–Ito colours: told apart also with red–green colour blindness."""
