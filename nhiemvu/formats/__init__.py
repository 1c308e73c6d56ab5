"""Date formats of the project (FORMAT_MODULE_PATH), the same for every language: Django's
`vi` locale has no DATE_INPUT_FORMATS and would read 01/12/2026 in the US order."""
