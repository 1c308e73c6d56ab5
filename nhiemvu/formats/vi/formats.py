# One set of formats for every language.
from nhiemvu.formats.common import *
