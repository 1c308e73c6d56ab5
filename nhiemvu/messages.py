"""Messages kept as one msgid (the Vietnamese text) and rendered when they are said.

The web says a message in the user's language. The command line says it in Vietnamese
and then in English (the brief: a clear message in Vietnamese, and English for the CLI),
from the same msgid and the English catalogue: the catalogue holds no "vi / en" pairs.
"""

from django.conf import settings
from django.utils import translation

VIETNAMESE, ENGLISH = "vi", "en"
SEPARATOR = " / "


class Message:
    """A msgid (a `gettext_lazy` string, or a plain string that is data) with its
    %-parameters, rendered in any language; parameters may be Messages themselves."""

    __slots__ = ("params", "text")

    def __init__(self, text, /, **params):
        self.text = text
        self.params = params

    def render(self, language: str) -> str:
        with translation.override(language):
            text = str(self.text)
            if not self.params:
                return text
            return text % {
                key: value.render(language) if isinstance(value, Message) else value
                for key, value in self.params.items()
            }

    def __str__(self) -> str:
        return self.render(active_language())

    def __repr__(self) -> str:
        return f"Message({self.render(VIETNAMESE)!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Message) and self.render(VIETNAMESE) == other.render(VIETNAMESE)

    def __hash__(self) -> int:
        return hash(self.render(VIETNAMESE))


def active_language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def bilingual(message) -> str:
    """What the command line says: Vietnamese, then the English of the same msgid; English
    once when English is the active language (the user chose it). `message` is a Message,
    anything else with a `render(language)`, or a lazy msgid."""
    if not hasattr(message, "render"):
        message = Message(message)
    english = message.render(ENGLISH)
    if active_language().startswith(ENGLISH):
        return english
    vietnamese = message.render(VIETNAMESE)
    return vietnamese if vietnamese == english else f"{vietnamese}{SEPARATOR}{english}"
