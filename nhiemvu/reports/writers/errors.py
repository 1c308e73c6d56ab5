"""What the writers raise: one type per cause, each carrying a Message the CLI and the web say."""

from nhiemvu.messages import Message


class WriterError(Exception):
    """A file that cannot be written; `message` (a Message) says why, in the user's language."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(str(message))


class UnknownFormat(WriterError):
    pass


class WriterUnavailable(WriterError):
    """The format needs a program this machine lacks (PDF: LibreOffice)."""


class ConversionFailed(WriterError):
    """The program ran but gave no file (PDF: LibreOffice failed or took too long)."""
