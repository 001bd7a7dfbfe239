"""Workflows of a meeting's materials (bahan rapat): files or links, public or internal."""

from django.db import transaction

from meetings.models import Material


@transaction.atomic
def add_material(
    meeting, *, title, user=None, file=None, url="", agenda_item=None, is_public=False
) -> Material:
    """Attach a file (already checked by MaterialForm) or a link to a meeting or one of its items.

    Side effects: the file is written to storage under a random name (materials/<hex>.<ext>); one
    Material row records its original name, type and size.
    """
    material = Material(
        meeting=meeting,
        agenda_item=agenda_item,
        title=title,
        url=url or "",
        is_public=is_public,
        uploaded_by=user if user is not None and user.is_authenticated else None,
    )
    if file:
        material.original_name = file.name[:255]
        material.content_type = getattr(file, "detected_content_type", "") or ""
        material.size = file.size
        material.file = file
    material.save()
    return material


@transaction.atomic
def update_material(material, **fields) -> Material:
    """Change a material's title, linked item, link or visibility (the file itself stays)."""
    for name, value in fields.items():
        setattr(material, name, value)
    material.save()
    return material


def delete_material(material):
    """Delete a material and, once the deletion is committed, its stored file."""
    with transaction.atomic():
        file = material.file
        name = file.name if file else ""
        storage = file.storage if file else None
        material.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))
