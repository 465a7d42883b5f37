import pytest

from govtui.domain.model import Role
from govtui.domain.units import looks_like_units, parse_units


def names_roles(text: str) -> list[tuple[str, str, bool]]:
    return [(u.name, u.role.value, u.generic) for u in parse_units(text)]


def test_lead_and_cooperate() -> None:
    assert names_roles("办公室牵头,各科室配合") == [("办公室", "lead", False), ("各科室", "cooperate", True)]
    assert names_roles("办公室牵头，各科室配合") == names_roles("办公室牵头,各科室配合")


def test_plain_list_is_responsible() -> None:
    assert names_roles("相关业务科室、办公室") == [("相关业务科室", "responsible", True),
                                                  ("办公室", "responsible", False)]


def test_labelled_roles() -> None:
    units = parse_units("牵头单位：办公室；配合单位：财务室、各股室")
    assert [(u.name, u.role) for u in units] == [("办公室", Role.LEAD), ("财务室", Role.COOPERATE),
                                                 ("各股室", Role.COOPERATE)]


def test_run_together_names_are_split() -> None:
    assert [u.name for u in parse_units("养老服务和社会救助股慈善事业和社会福利股")] == [
        "养老服务和社会救助股", "慈善事业和社会福利股"]


def test_alias_in_brackets_stays_in_name() -> None:
    assert [u.name for u in parse_units("综合科(法规科)、办公室")] == ["综合科(法规科)", "办公室"]
    assert [u.name for u in parse_units("综合科（法规科）")] == ["综合科(法规科)"]


def test_surrounding_wording_is_not_a_unit() -> None:
    assert [u.name for u in parse_units("办公室、财务室等按职责分工负责")] == ["办公室", "财务室"]
    assert [u.name for u in parse_units("由市民政局办公室负责")] == ["市民政局办公室"]


def test_generic_units() -> None:
    for name in ("各科室", "各相关股室", "相关业务科室", "各单位"):
        assert parse_units(name)[0].generic, name
    assert not parse_units("办公室")[0].generic


def test_unit_cells_recognised() -> None:
    assert looks_like_units("办公室牵头,各科室配合")
    assert looks_like_units("相关业务科室、办公室")
    assert not looks_like_units("及时公开加快构建现代化产业体系、扩大有效投资。")


def test_role_in_brackets_after_each_name() -> None:
    """The form people type in the editor and in `govtui set --units`: 办公室(牵头)、法规科(配合)."""
    assert [(u.name, u.role.value) for u in parse_units("办公室(牵头)、法规科")] == [
        ("办公室", "lead"), ("法规科", "responsible")]
    assert [(u.name, u.role.value) for u in parse_units("宣传科（牵头单位）、各股室（配合）")] == [
        ("宣传科", "lead"), ("各股室", "cooperate")]
    assert [u.name for u in parse_units("综合科(法规科)")] == ["综合科(法规科)"]  # an alias is not a role


@pytest.mark.parametrize(("text", "expected"), [
    ("办公室负责，各股室配合", [("办公室", Role.LEAD), ("各股室", Role.COOPERATE)]),  # in charge beside cooperating
    ("办公室负责落实，信息中心配合", [("办公室", Role.LEAD), ("信息中心", Role.COOPERATE)]),
    ("办公室负责", [("办公室", Role.RESPONSIBLE)]),  # alone: responsible, as printed
    ("办公室、法规科分别负责落实", [("办公室", Role.RESPONSIBLE), ("法规科", Role.RESPONSIBLE)]),
    ("办公室、信息中心共同负责，各科室配合",
     [("办公室", Role.RESPONSIBLE), ("信息中心", Role.RESPONSIBLE), ("各科室", Role.COOPERATE)]),
    ("责任单位:办公室;配合单位:信息中心", [("办公室", Role.RESPONSIBLE), ("信息中心", Role.COOPERATE)]),
])
def test_the_unit_in_charge_beside_cooperating_units_leads(text: str, expected: list[tuple[str, Role]]) -> None:
    assert [(u.name, u.role) for u in parse_units(text)] == expected
