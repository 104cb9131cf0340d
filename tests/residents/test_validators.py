"""身份证号 validation (GB 11643): normalisation, the Chinese messages, derivation and masking."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from residents.choices import Sex
from residents.validators import (
    birth_date_from_id,
    mask_id_number,
    normalise_id_number,
    sex_from_id,
    upgrade_15_digit,
    validate_resident_id,
)
from tests.residents.factories import make_id_number

# The specimen number printed in GB 11643 examples: Beijing 东城区, born 31 December 1949, a woman.
SPECIMEN = "11010519491231002X"
TODAY = datetime.date(2024, 6, 1)

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def iso7064_check_digit(body: str) -> str:
    """The check digit computed from the standard's weights, independently of python-stdnum."""
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def _error(value: str, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        validate_resident_id(value, today=kwargs.get("today", TODAY))
    return error.value


def test_validate_resident_id_accepts_a_valid_18_digit_number():
    assert validate_resident_id(SPECIMEN, today=TODAY) == SPECIMEN


def test_validate_resident_id_accepts_a_number_with_a_numeric_check_digit():
    number = make_id_number(datetime.date(1980, 5, 1), Sex.MALE, serial=3)
    assert number[17].isdigit() or number[17] == "X"
    assert number[17] == iso7064_check_digit(number[:17])
    assert validate_resident_id(number, today=TODAY) == number


def test_validate_resident_id_normalises_a_lowercase_x_and_surrounding_spaces():
    assert validate_resident_id("  " + SPECIMEN.lower() + " ", today=TODAY) == SPECIMEN


def test_normalise_id_number_strips_spaces_inside_the_number():
    number = make_id_number(datetime.date(1980, 5, 1), Sex.MALE, serial=3)
    assert normalise_id_number(f"{number[:6]} {number[6:14]} {number[14:]}") == number


def test_validate_resident_id_names_the_expected_check_digit():
    wrong = SPECIMEN[:17] + "1"
    error = _error(wrong)
    assert error.code == "checksum"
    assert error.messages == ["身份证号校验位错误(最后一位应为 X),请核对号码。"]


@pytest.mark.parametrize("digit", list("0123456789"))
def test_validate_resident_id_refuses_every_other_check_digit(digit):
    assert _error(SPECIMEN[:17] + digit).code == "checksum"


def test_validate_resident_id_refuses_an_impossible_birth_date():
    body = "53011219801301003"  # month 13
    error = _error(body + iso7064_check_digit(body))
    assert error.code == "birth_date"
    assert error.messages == ["身份证号中的出生日期 19801301 不存在。"]


def test_validate_resident_id_refuses_30_february():
    body = "53011220000230003"
    assert _error(body + iso7064_check_digit(body)).code == "birth_date"


def test_validate_resident_id_refuses_a_birth_date_in_the_future():
    number = make_id_number(TODAY + datetime.timedelta(days=1), Sex.FEMALE)
    error = _error(number)
    assert error.code == "birth_date"
    assert "不合理" in error.messages[0]
    assert (TODAY + datetime.timedelta(days=1)).isoformat() in error.messages[0]


def test_validate_resident_id_accepts_a_baby_born_today():
    number = make_id_number(TODAY, Sex.FEMALE)
    assert validate_resident_id(number, today=TODAY) == number


def test_validate_resident_id_refuses_a_birth_year_before_1880():
    assert _error(make_id_number(datetime.date(1879, 12, 31), Sex.MALE)).code == "birth_date"


def test_validate_resident_id_uses_the_local_date_by_default():
    """Without ``today``, a number dated tomorrow (by the project's clock) is refused."""
    from django.utils import timezone

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        validate_resident_id(make_id_number(tomorrow, Sex.MALE))


@pytest.mark.parametrize(
    ("fifteen", "eighteen"),
    [
        ("110105491231002", "11010519491231002X"),
        ("530112800501003", "530112198005010031"),
    ],
)
def test_validate_resident_id_upgrades_a_15_digit_number(fifteen, eighteen):
    assert eighteen[17] == iso7064_check_digit(eighteen[:17])
    assert upgrade_15_digit(fifteen) == eighteen
    assert validate_resident_id(fifteen, today=TODAY) == eighteen


def test_upgraded_15_digit_number_keeps_birth_date_and_sex():
    number = validate_resident_id("530112800501004", today=TODAY)
    assert birth_date_from_id(number) == datetime.date(1980, 5, 1)
    assert sex_from_id(number) == Sex.FEMALE


@pytest.mark.parametrize(
    ("value", "length"),
    [("", 0), ("5301121980", 10), ("53011219800501003", 17), ("5301121980050100331", 19), ("53011280050100", 14)],
)
def test_validate_resident_id_refuses_a_wrong_length(value, length):
    error = _error(value)
    assert error.code == "length"
    assert error.messages == [f"身份证号应为18位(旧版15位号码会自动升级),当前为{length}位。"]


@pytest.mark.parametrize("value", ["53011219800501003A", "5301121980050X0033", "A30112198005010033"])
def test_validate_resident_id_refuses_letters_other_than_a_final_x(value):
    assert _error(value).code == "format"


def test_sex_from_id_reads_the_parity_of_the_17th_digit():
    assert sex_from_id(make_id_number(datetime.date(1990, 1, 1), Sex.MALE)) == Sex.MALE
    assert sex_from_id(make_id_number(datetime.date(1990, 1, 1), Sex.FEMALE)) == Sex.FEMALE
    assert sex_from_id(SPECIMEN) == Sex.FEMALE  # 17th digit 2


def test_birth_date_from_id_reads_digits_7_to_14():
    assert birth_date_from_id(SPECIMEN) == datetime.date(1949, 12, 31)


def test_mask_id_number_keeps_the_first_and_last_four():
    assert mask_id_number("530112198005010033") == "5301**********0033"
    assert mask_id_number(SPECIMEN) == "1101**********002X"


def test_mask_id_number_keeps_the_length():
    assert len(mask_id_number("E12345678")) == 9
    assert mask_id_number("E12345678") == "E123*5678"


def test_mask_id_number_hides_short_numbers_entirely():
    assert mask_id_number("12345678") == "********"
    assert mask_id_number("") == ""
