"""What the demo province is made of: units, fields, people and the directives' topics.

The 30 units and their order are those of seed 000 appendix 02; `weight` is the number of
tasks each received in 2018 there, so the demo spreads its tasks the same way. Names of
people are random combinations; e-mail addresses use the reserved `.example` domain so that
no reminder can ever reach a real mailbox.
"""

import csv
from pathlib import Path

from nhiemvu.accounts.choices import Role
from nhiemvu.units.choices import UnitKind

ROOT_CODE = "CHINHPHU"
ROOT_NAME = "Chính phủ"
PROVINCE_CODE = "KONTUM"
PROVINCE_NAME = "UBND tỉnh Kon Tum"
EMAIL_DOMAIN = "kontum.example"

D, H, O = UnitKind.DEPARTMENT, UnitKind.DISTRICT, UnitKind.OFFICE

# (code, name, short name, kind, field, weight): seed 000 appendix 02, in its order.
UNITS = [
    ("KONTUM.BDT", "Ban Dân tộc", "BDT", D, "DT", 45),
    ("KONTUM.BQLKKT", "Ban quản lý Khu kinh tế", "BQLKKT", D, "KTTH", 55),
    ("KONTUM.SCT", "Sở Công Thương", "SCT", D, "KTTH", 136),
    ("KONTUM.SGDDT", "Sở Giáo dục và Đào tạo", "SGDĐT", D, "KGVX", 55),
    ("KONTUM.SGTVT", "Sở Giao thông vận tải", "SGTVT", D, "HTKT", 88),
    ("KONTUM.SKHDT", "Sở Kế hoạch và Đầu tư", "SKHĐT", D, "KTTH", 291),
    ("KONTUM.SKHCN", "Sở Khoa học và Công nghệ", "SKHCN", D, "KGVX", 68),
    ("KONTUM.SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "SLĐTBXH", D, "KGVX", 181),
    ("KONTUM.SNGV", "Sở Ngoại vụ", "SNGV", D, "NC", 48),
    ("KONTUM.SNV", "Sở Nội vụ", "SNV", D, "NC", 166),
    ("KONTUM.SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "SNN", D, "NN", 179),
    ("KONTUM.STC", "Sở Tài chính", "STC", D, "TC", 219),
    ("KONTUM.STNMT", "Sở Tài nguyên và Môi trường", "STNMT", D, "TNMT", 255),
    ("KONTUM.STTTT", "Sở Thông tin và Truyền thông", "STTTT", D, "CDS", 126),
    ("KONTUM.STP", "Sở Tư pháp", "STP", D, "NC", 89),
    ("KONTUM.SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", D, "KGVX", 91),
    ("KONTUM.SXD", "Sở Xây dựng", "SXD", D, "HTKT", 104),
    ("KONTUM.SYT", "Sở Y tế", "SYT", D, "KGVX", 73),
    ("KONTUM.TTT", "Thanh tra tỉnh", "TTT", D, "NC", 101),
    ("KONTUM.DAKGLEI", "UBND huyện Đắk Glei", "Đắk Glei", H, "TH", 90),
    ("KONTUM.DAKHA", "UBND huyện Đắk Hà", "Đắk Hà", H, "TH", 105),
    ("KONTUM.DAKTO", "UBND huyện Đắk Tô", "Đắk Tô", H, "TH", 75),
    ("KONTUM.IAHDRAI", "UBND huyện Ia H'Drai", "Ia H'Drai", H, "TH", 71),
    ("KONTUM.KONPLONG", "UBND huyện Kon Plông", "Kon Plông", H, "TH", 75),
    ("KONTUM.KONRAY", "UBND huyện Kon Rẫy", "Kon Rẫy", H, "TH", 93),
    ("KONTUM.NGOCHOI", "UBND huyện Ngọc Hồi", "Ngọc Hồi", H, "TH", 104),
    ("KONTUM.SATHAY", "UBND huyện Sa Thầy", "Sa Thầy", H, "TH", 94),
    ("KONTUM.TUMORONG", "UBND huyện Tu Mơ Rông", "Tu Mơ Rông", H, "TH", 80),
    ("KONTUM.TPKT", "UBND thành phố Kon Tum", "TP Kon Tum", H, "TH", 157),
    ("KONTUM.VPUBND", "Văn phòng UBND tỉnh Kon Tum", "VP UBND tỉnh", O, "TH", 79),
]
OFFICE_CODE = "KONTUM.VPUBND"
AGRICULTURE_CODE = "KONTUM.SNNPTNT"

# The 2025 reorganisation: one district merged into a new commune; one rename.
MERGED_CODE = "KONTUM.DAKHA"
MERGED_ON = (2025, 7, 1)
COMMUNE = ("KONTUM.XADAKHA", "UBND xã Đắk Hà", "xã Đắk Hà")
RENAMED_CODE = "KONTUM.BDT"
RENAMED_TO = "Sở Dân tộc và Tôn giáo"
RENAMED_ON = (2025, 3, 1)

# Desks (phòng) of the provincial office, by the field they follow; their codes are the
# suffixes of the office's letters (1196/UBND-TH, 3439/UBND-KTTH, 1908/VP-NNTN).
DESKS = [
    ("TH", "Phòng Tổng hợp", ("TH", "DT")),
    ("KTTH", "Phòng Kinh tế tổng hợp", ("KTTH", "TC")),
    ("NNTN", "Phòng Nông nghiệp - Tài nguyên", ("NN", "TNMT")),
    ("HTKT", "Phòng Hạ tầng kinh tế", ("HTKT", "CDS")),
    ("KGVX", "Phòng Khoa giáo - Văn xã", ("KGVX",)),
    ("NC", "Phòng Nội chính", ("NC",)),
]

# Seed 003: the Department of Agriculture's own office and its sub-units.
AGRICULTURE_SUB_UNITS = [
    ("VPS", "Văn phòng Sở", UnitKind.OFFICE),
    ("TTRS", "Thanh tra Sở", UnitKind.SUB_UNIT),
    ("KHTC", "Phòng Kế hoạch - Tài chính", UnitKind.SUB_UNIT),
    ("CCKL", "Chi cục Kiểm lâm", UnitKind.SUB_UNIT),
    ("CCCNTY", "Chi cục Chăn nuôi và Thú y", UnitKind.SUB_UNIT),
    ("CCTL", "Chi cục Thủy lợi", UnitKind.SUB_UNIT),
    ("CCPTNT", "Chi cục Phát triển nông thôn", UnitKind.SUB_UNIT),
    ("CCTTBVTV", "Chi cục Trồng trọt và Bảo vệ thực vật", UnitKind.SUB_UNIT),
    ("TTKN", "Trung tâm Khuyến nông", UnitKind.SUB_UNIT),
]

FIELDS = [
    ("TH", "Tổng hợp"),
    ("KTTH", "Kinh tế tổng hợp, đầu tư"),
    ("TC", "Tài chính, ngân sách"),
    ("NN", "Nông nghiệp và phát triển nông thôn"),
    ("TNMT", "Tài nguyên và môi trường"),
    ("HTKT", "Giao thông, xây dựng"),
    ("KGVX", "Giáo dục, y tế, văn hóa - xã hội"),
    ("NC", "Nội chính, tổ chức bộ máy"),
    ("CDS", "Chuyển đổi số"),
    ("DT", "Dân tộc, tôn giáo"),
]

# One user per role: (username, role, unit code, fields, title, superuser).
USERS = [
    ("lanhdao", Role.LEADER, PROVINCE_CODE, ("NN", "TNMT", "DT"), "Phó Chủ tịch UBND tỉnh", False),
    (
        "vanphong",
        Role.OFFICE_DESK,
        PROVINCE_CODE,
        (),
        "Chuyên viên Phòng Tổng hợp, Văn phòng UBND tỉnh",
        False,
    ),
    ("tokiemtra", Role.INSPECTION, PROVINCE_CODE, (), "Thành viên Tổ Kiểm tra của Chủ tịch UBND tỉnh", False),
    ("giamdoc.snn", Role.UNIT_LEADER, AGRICULTURE_CODE, (), "Giám đốc Sở", False),
    ("daumoi.snn", Role.FOCAL_OFFICER, AGRICULTURE_CODE, (), "Chánh Văn phòng Sở", False),
    ("kiemlam", Role.SPECIALIST, f"{AGRICULTURE_CODE}.CCKL", (), "Chuyên viên Chi cục Kiểm lâm", False),
    ("xem", Role.VIEWER, PROVINCE_CODE, (), "Chuyên viên Sở Nội vụ (theo dõi thi đua)", False),
    ("quantri", Role.ADMIN, None, (), "Quản trị hệ thống", True),
]

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
]
MIDDLE_NAMES = [
    "Văn",
    "Thị",
    "Đình",
    "Minh",
    "Quốc",
    "Hữu",
    "Thanh",
    "Ngọc",
    "Xuân",
    "Đức",
    "Thị Thu",
    "Công",
]
GIVEN_NAMES = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Phương",
    "Quang",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thủy",
    "Trung",
    "Tuấn",
    "Vân",
    "Việt",
]
FOCAL_TITLES = {
    UnitKind.DEPARTMENT: ["Chánh Văn phòng", "Phó Chánh Văn phòng", "Chuyên viên Văn phòng"],
    UnitKind.DISTRICT: ["Chánh Văn phòng HĐND và UBND", "Phó Chánh Văn phòng HĐND và UBND"],
    UnitKind.COMMUNE: ["Công chức Văn phòng - Thống kê"],
    UnitKind.OFFICE: ["Phó Trưởng phòng Tổng hợp"],
}


# Letters of the provincial People's Committee carry the desk's code after "UBND-".
# Each topic: field, document type (CV, QĐ, CT, KH, TB, CĐ), summary, and its tasks:
# (content, lead units). A lead is a unit code suffix, "*H" (some district), "*D" (some
# department); a task led by the Department of Agriculture may name the sub-unit it is
# delegated to after a "→". One row per task in topics.csv, the topic's number first.
def _read_topics() -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    topics: dict[str, tuple[str, str, str, list]] = {}
    with (Path(__file__).with_name("topics.csv")).open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            topic = topics.setdefault(row["topic"], (row["field"], row["document_type"], row["summary"], []))
            topic[3].append((row["task"], row["lead"]))
    return list(topics.values())


TOPICS = _read_topics()

# Government tasks to the province (seed 004), delegated by the province to its units.
GOVERNMENT_TOPICS = [
    (
        "NN",
        "TB",
        "Thông báo kết luận của Phó Thủ tướng tại Hội nghị triển khai Chương trình mỗi xã một sản phẩm",
        "Triển khai Chương trình mỗi xã một sản phẩm giai đoạn {year} - {plus2}",
        ["SNNPTNT", "SCT"],
    ),
    (
        "CDS",
        "CV",
        "V/v thử nghiệm kết nối liên thông, gửi, nhận văn bản điện tử qua Trục liên thông văn bản quốc gia",
        "Kết nối phần mềm quản lý văn bản của tỉnh với Trục liên thông văn bản quốc gia",
        ["STTTT", "VPUBND"],
    ),
    (
        "NC",
        "CV",
        "V/v đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình",
        "Rà soát, cung cấp dịch vụ công trực tuyến toàn trình đối với thủ tục đủ điều kiện",
        ["VPUBND", "STTTT"],
    ),
    (
        "DT",
        "CV",
        "V/v triển khai Đề án hỗ trợ thôn, bản các xã đặc biệt khó khăn xây dựng nông thôn mới",
        "Triển khai Đề án hỗ trợ thôn, bản các xã đặc biệt khó khăn khu vực biên giới",
        ["SNNPTNT", "BDT"],
    ),
    (
        "KGVX",
        "CV",
        "V/v báo cáo tình hình thực hiện cải cách chính sách bảo hiểm xã hội",
        "Báo cáo tình hình thực hiện Chương trình hành động về cải cách chính sách bảo hiểm xã hội",
        ["SLDTBXH"],
    ),
]

PROGRESS_NOTES = [
    "Đã ban hành văn bản triển khai đến các đơn vị liên quan.",
    "Đang tổng hợp ý kiến góp ý của các sở, ngành, địa phương.",
    "Đã tổ chức họp triển khai; đang hoàn thiện dự thảo.",
    "Đã gửi dự thảo lấy ý kiến Sở Tư pháp.",
    "Đang chờ hướng dẫn của bộ, ngành Trung ương.",
    "Đã kiểm tra thực tế tại cơ sở; đang hoàn thiện báo cáo.",
]
EXTENSION_REASONS = [
    "Nội dung phức tạp, cần lấy ý kiến nhiều sở, ngành và địa phương.",
    "Đang chờ hướng dẫn của bộ, ngành Trung ương.",
    "Phải tổ chức kiểm tra thực tế tại các xã vùng sâu, vùng xa.",
]
RETURN_REASONS = [
    "Nội dung không thuộc chức năng, nhiệm vụ của đơn vị; đề nghị giao Sở Kế hoạch và Đầu tư chủ trì.",
    "Nhiệm vụ thuộc thẩm quyền của địa phương; đề nghị giao lại đơn vị phù hợp.",
]
CANCEL_REASONS = [
    "Nhiệm vụ đã được thay thế bằng chỉ đạo mới của UBND tỉnh.",
    "Văn bản chỉ đạo đã hết hiệu lực.",
]
REOPEN_REASONS = [
    "Kết quả chưa đáp ứng yêu cầu; đề nghị bổ sung báo cáo đánh giá cụ thể.",
    "Lãnh đạo UBND tỉnh yêu cầu tiếp tục theo dõi, hoàn thiện nội dung.",
]
