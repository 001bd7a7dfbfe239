import pytest
from django.core.exceptions import ValidationError

from agencies.models import Level
from programs import services
from programs.models import Program, Target
from tests.programs.conftest import code, make_program, make_target


def test_a_provincial_program_cannot_use_a_regency_only_code(world):
    program = Program(
        agency=world["province"],
        fiscal_year=2019,
        name="X",
        nomenclature=code("2.13.02", Level.REGENCY),  # Penataan Desa: kabkota only
    )
    with pytest.raises(ValidationError) as exc:
        services.save_program(program)
    assert "nomenclature" in exc.value.message_dict
    assert not Program.objects.exists()


def test_a_regency_program_cannot_use_a_province_only_code(world):
    program = Program(
        agency=world["r01"], fiscal_year=2019, name="X", nomenclature=code("2.13.04.1.01", Level.PROVINCIAL)
    )
    with pytest.raises(ValidationError) as exc:
        services.save_program(program)
    assert "nomenclature" in exc.value.message_dict


def test_codes_for_both_levels_and_any_code_for_national_programs_are_accepted(world):
    make_program(world["province"], nomenclature="2.13.04")
    make_program(world["r01"], nomenclature="2.13.04")
    national = make_program(world["ministry"], nomenclature="2.13.02")
    assert national.level == Level.NATIONAL
    assert Program.objects.count() == 3


def test_a_regency_target_cannot_support_another_provinces_target(world):
    other = make_target(make_program(world["other_province"]), 10)
    program = make_program(world["r01"])
    with pytest.raises(ValidationError) as exc:
        services.save_target(Target(program=program, indicator="x", unit="desa", value=1, parent=other))
    assert "provinsi yang sama" in exc.value.message_dict["parent"][0]
    assert not program.targets.exists()


def test_a_target_cannot_support_a_target_of_another_year(world):
    provincial = make_target(make_program(world["province"], year=2020), 10)
    program = make_program(world["r01"], year=2019)
    with pytest.raises(ValidationError) as exc:
        services.save_target(Target(program=program, indicator="x", unit="desa", value=1, parent=provincial))
    assert "tahun anggaran yang sama" in exc.value.message_dict["parent"][0]


def test_a_provincial_target_supports_a_national_one_not_a_provincial_one(world):
    provincial = make_target(make_program(world["province"]), 10)
    program = make_program(world["province"], name="Lain")
    with pytest.raises(ValidationError) as exc:
        services.save_target(Target(program=program, indicator="x", unit="desa", value=1, parent=provincial))
    assert "satu tingkat di atas" in exc.value.message_dict["parent"][0]


def test_a_regency_target_cannot_skip_the_province(world):
    national = make_target(make_program(world["ministry"]), 10)
    program = make_program(world["r01"])
    with pytest.raises(ValidationError):
        services.save_target(Target(program=program, indicator="x", unit="desa", value=1, parent=national))


def test_negative_values_and_budgets_are_refused(world):
    program = make_program(world["r01"])
    with pytest.raises(ValidationError) as exc:
        services.save_target(Target(program=program, indicator="x", unit="desa", value=-1))
    assert "value" in exc.value.message_dict
    program.budget = -5
    with pytest.raises(ValidationError) as exc:
        services.save_program(program)
    assert "budget" in exc.value.message_dict


def test_linking_a_target_adopts_the_parent_program_and_records_history(chain):
    program = make_program(chain["r72"], name="Kota")
    target = services.save_target(
        Target(program=program, indicator="Lembaga", unit="desa", value=3, parent=chain["provincial"])
    )
    program.refresh_from_db()
    assert program.parent == chain["provincial"].program
    assert target.history.count() == 1
    assert program.history.count() == 2
