"""Units of a small province and helpers that write import files into tmp_path.

Files are built in each test with openpyxl/csv: never committed sample dumps.
"""

import csv
from datetime import date

import openpyxl
import pytest

from nhiemvu.importing.columns import BASE_COLUMNS
from tests.factories import UnitFactory

TODAY = date(2019, 12, 31)


@pytest.fixture
def province():
    return UnitFactory(code="UBND", name="UBND tỉnh Kon Tum", kind="province")


@pytest.fixture
def units(province):
    """The province and four units under it, by short key."""
    return {
        "province": province,
        "noi_vu": UnitFactory(code="SNV", name="Sở Nội vụ", parent=province),
        "tai_chinh": UnitFactory(code="STC", name="Sở Tài chính", parent=province),
        "tu_phap": UnitFactory(code="STP", name="Sở Tư pháp", parent=province),
        "dak_ha": UnitFactory(code="DAKHA", name="UBND huyện Đắk Hà", parent=province, kind="district"),
    }


def row(
    *,
    number_symbol="1196/UBND-TH",
    issued_on="10/05/2019",
    issuer="UBND tỉnh Kon Tum",
    summary="V/v triển khai các nhiệm vụ sau giao ban tháng 5",
    content="Rà soát, báo cáo tình hình thực hiện kỷ luật, kỷ cương hành chính",
    lead="Sở Nội vụ",
    coordinating="",
    assigned_on="10/05/2019",
    due_on="",
    completed_on="",
    note="",
) -> list:
    """One data row in the template's column order; keyword arguments name the columns."""
    return [
        number_symbol,
        issued_on,
        issuer,
        summary,
        content,
        lead,
        coordinating,
        assigned_on,
        due_on,
        completed_on,
        note,
    ]


def write_xlsx(path, rows, header=BASE_COLUMNS):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Nhiệm vụ"
    if header is not None:
        sheet.append(list(header))
    for values in rows:
        sheet.append(list(values))
    workbook.save(path)
    return path


def write_csv(path, rows, header=BASE_COLUMNS, *, delimiter=",", bom=True):
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=delimiter)
        if header is not None:
            writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture(params=["xlsx", "csv"])
def write_file(request, tmp_path):
    """write_file(rows, header=…) → the path of an .xlsx, then a .csv, file holding them."""
    suffix = request.param

    def write(rows, header=BASE_COLUMNS, name="nhiem-vu"):
        path = tmp_path / f"{name}.{suffix}"
        return (write_xlsx if suffix == "xlsx" else write_csv)(path, rows, header)

    write.suffix = suffix
    return write
