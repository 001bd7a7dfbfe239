"""Names people can read: at least one visible letter or digit, and no bidi control characters.

A name made only of zero-width spaces looks empty on every list and letter; a name carrying a
right-to-left override (U+202E) prints reversed text after it ("Budi\u202eiduB") and can make a
badge or a document say something else. Model name fields carry this validator, so every form and
import that validates through the model refuses them with a message next to the field.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Embedding, override and isolate controls, and the invisible direction marks.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def validate_visible_name(value):
    if any(character in BIDI_CONTROLS for character in value):
        raise ValidationError(
            _("Nama tidak boleh memuat karakter pengatur arah teks (mis. U+202E)."), code="bidi_control"
        )
    if not any(unicodedata.category(character)[0] in "LN" for character in value):
        raise ValidationError(_("Nama harus memuat huruf atau angka yang terlihat."), code="invisible")
