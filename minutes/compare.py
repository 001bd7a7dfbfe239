"""Differences between two finalised versions of the minutes, per section and line (difflib)."""

import difflib

from django.utils.translation import gettext as _


def _sections(snapshot):
    """(title, lines) per section of a snapshot, in print order."""
    chair, note_taker = snapshot["chair"], snapshot["note_taker"]
    yield (
        _("Pimpinan rapat dan notulis"),
        [
            " · ".join(p for p in (chair["name"], chair["title"], chair["nip"]) if p),
            " · ".join(p for p in (note_taker["name"], note_taker["title"], note_taker["nip"]) if p),
        ],
    )
    yield _("Kata pembukaan"), snapshot["opening"].splitlines()
    for item in snapshot["items"]:
        yield _("Pembahasan: %(title)s") % {"title": item["title"]}, item["note"].splitlines()
    yield _("Kesimpulan"), [f"{d['number']}. {d['text']}" for d in snapshot["decisions"]]
    yield (
        _("Tindak lanjut"),
        [f"{a['number']}. {a['what']} — {a['agency']} — {a['due_date'] or '-'}" for a in snapshot["actions"]],
    )
    yield _("Peserta"), [f"{p['name']} ({p['agency']})" for p in snapshot["attendance"]["people"]]


def compare_versions(a, b):
    """What changed from version ``a`` to ``b`` (MinutesVersion rows or snapshots).

    A list of ``{"title", "added", "removed", "changed"}`` for the sections that differ; ``changed``
    holds ``(old, new)`` line pairs. Sections are matched by title.
    """
    old = dict(_sections(getattr(a, "snapshot", a)))
    new = dict(_sections(getattr(b, "snapshot", b)))
    result = []
    for title in list(new) + [t for t in old if t not in new]:
        before, after = old.get(title, []), new.get(title, [])
        added, removed, changed = [], [], []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after).get_opcodes():
            if tag == "insert":
                added += after[j1:j2]
            elif tag == "delete":
                removed += before[i1:i2]
            elif tag == "replace":
                pairs = list(zip(before[i1:i2], after[j1:j2], strict=False))
                changed += pairs
                removed += before[i1 + len(pairs) : i2]
                added += after[j1 + len(pairs) : j2]
        if added or removed or changed:
            result.append({"title": title, "added": added, "removed": removed, "changed": changed})
    return result
