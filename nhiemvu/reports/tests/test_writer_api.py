"""`writers.render` and `writers.file_name`: what every door (web, CLI) calls."""

import pytest

from nhiemvu.messages import bilingual
from nhiemvu.reports import writers
from nhiemvu.reports.tests.sample_documents import appendix


def test_every_format_has_its_extension_and_content_type():
    for fmt in writers.FORMATS:
        assert writers.file_name(appendix(), fmt).endswith("." + fmt)
        assert writers.CONTENT_TYPES[fmt]


def test_file_name_drops_what_a_file_system_refuses_but_keeps_vietnamese():
    assert (
        writers.file_name(appendix(), "xlsx") == "Phụ lục 02- Tổng hợp nhiệm vụ tháng 6-2019 theo đơn vị.xlsx"
    )


def test_unknown_format_is_refused_in_vietnamese_then_english():
    with pytest.raises(writers.UnknownFormat) as refused:
        writers.render(appendix(), "odt")
    assert bilingual(refused.value.message).startswith("Không có định dạng “odt”; chọn một trong: csv, xlsx")
    assert "/ There is no format “odt”" in bilingual(refused.value.message)
