"""Workflows of programs and targets: saving one, and the bulk import of an agency's year.

Every function validates with the models' rules (``full_clean``), runs in one transaction and
leaves a history entry per saved row (django-simple-history).
"""

from django.db import transaction

from programs.models import Program, Target


@transaction.atomic
def save_program(program):
    """Validate and save a program (level taken from its agency). Raises ValidationError."""
    program.level = program.agency.level
    program.full_clean()
    program.save()
    return program


@transaction.atomic
def save_target(target):
    """Validate and save a target; a program without a parent program adopts the parent target's
    program as its parent (side effect: that program is saved too). Raises ValidationError."""
    target.full_clean()
    target.save()
    program = target.program
    if target.parent_id and not program.parent_id:
        program.parent = target.parent.program
        save_program(program)
    return target


@transaction.atomic
def delete_target(target):
    """Delete a target that no target below depends on (PROTECT raises otherwise)."""
    target.delete()


def allowed_parent_targets(program):
    """Targets a target of ``program`` may contribute to: one level up, same year, same province."""
    from agencies.models import Level

    qs = Target.objects.select_related("program__agency").filter(program__fiscal_year=program.fiscal_year)
    if program.level == Level.PROVINCIAL:
        return qs.filter(program__level=Level.NATIONAL)
    if program.level == Level.REGENCY and program.agency.region_id:
        province = program.agency.region_id.split(".")[0]
        return qs.filter(program__level=Level.PROVINCIAL, program__agency__region_id=province)
    return qs.none()


def allowed_parent_programs(agency, year=None):
    from agencies.models import Level

    qs = Program.objects.select_related("agency")
    if year:
        qs = qs.filter(fiscal_year=year)
    if agency.level == Level.PROVINCIAL:
        return qs.filter(level=Level.NATIONAL)
    if agency.level == Level.REGENCY and agency.region_id:
        return qs.filter(level=Level.PROVINCIAL, agency__region_id=agency.region_id.split(".")[0])
    return qs.none()
