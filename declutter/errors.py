"""The exceptions declutter raises for a page it cannot clean.

Every one names a reason a person can act on; the CLI prints it after the page's path
and counts the page as failed. Bugs are not caught here: they surface as themselves.
"""


class DeclutterError(Exception):
    """Base class: a page that cannot be cleaned, with a one-line reason."""


class EmptyPageError(DeclutterError):
    """The page has no content (0 bytes or whitespace only)."""


class BinaryPageError(DeclutterError):
    """The bytes are not text (an image, archive, PDF... with a page extension)."""


class DecodeError(DeclutterError):
    """The bytes cannot be decoded to text with any plausible encoding."""


class TooLargeError(DeclutterError):
    """The page is larger than the configured size limit."""


class PageTimeoutError(DeclutterError):
    """Cleaning the page took longer than the configured time limit."""


class HtmlParseError(DeclutterError):
    """The HTML cannot be parsed (nesting or a text node beyond libxml2's limits)."""
