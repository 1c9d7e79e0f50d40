"""How dates read in Dutch (nl-BE), one format per kind (settings.FORMAT_MODULE_PATH).

Templates write `{{ day|date }}` for a date and `{{ moment|date:"DATETIME_FORMAT" }}` for a
date with a time, never a format of their own: 30 oktober 2026 and 30 oktober 2026, 14:05,
the month written out in lower case as Dutch does (never "30 Okt"). The short formats are the
same, so nothing renders 30-10-2026 beside them. What is not here (the input formats, the
first day of the week) comes from Django's `nl` formats.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
