"""What both languages' format modules say; the date list itself lives in nhiemvu.dates."""

from nhiemvu.dates import DATE_DISPLAY_FORMAT, DATE_INPUT_FORMATS

DATE_FORMAT = DATE_DISPLAY_FORMAT
SHORT_DATE_FORMAT = DATE_DISPLAY_FORMAT
DATETIME_FORMAT = f"{DATE_DISPLAY_FORMAT} H:i"
SHORT_DATETIME_FORMAT = f"{DATE_DISPLAY_FORMAT} H:i"
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M"]
DATETIME_INPUT_FORMATS = [f"{day} {time}" for day in DATE_INPUT_FORMATS for time in TIME_INPUT_FORMATS] + [
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    *DATE_INPUT_FORMATS,
]
FIRST_DAY_OF_WEEK = 1  # Monday
