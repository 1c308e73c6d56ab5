"""What the demo province is made of: units, fields, people and the directives' topics.

The 30 units and their order are those of seed 000 appendix 02; `weight` is the number of
tasks each received in 2018 there, so the demo spreads its tasks the same way. Names of
people are random combinations; e-mail addresses use the reserved `.example` domain so that
no reminder can ever reach a real mailbox.
"""

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
# delegated to after a "→".
TOPICS = [
    (
        "NN",
        "CV",
        "V/v triển khai các biện pháp cấp bách phòng, chống bệnh dịch tả lợn châu Phi",
        [
            (
                (
                    "Hướng dẫn các địa phương tăng cường giám sát, phát hiện sớm, xử lý triệt để các ổ dịch tả lợn "
                    "châu Phi"
                ),
                "SNNPTNT→CCCNTY",
            ),
            (
                (
                    "Chỉ đạo UBND các xã tổ chức tiêu độc, khử trùng môi trường chăn nuôi; báo cáo tình hình dịch "
                    "bệnh hằng tuần"
                ),
                "*H",
            ),
            ("Kiểm soát chặt chẽ việc vận chuyển, buôn bán lợn và sản phẩm từ lợn qua địa bàn tỉnh", "SCT"),
            ("Bố trí kinh phí dự phòng hỗ trợ tiêu hủy lợn bị bệnh theo quy định", "STC"),
        ],
    ),
    (
        "NN",
        "CT",
        "Về việc tăng cường công tác quản lý, bảo vệ rừng và phòng cháy, chữa cháy rừng mùa khô {year}",
        [
            (
                (
                    "Xây dựng phương án phòng cháy, chữa cháy rừng mùa khô {year}; tổ chức trực 24/24 giờ tại các "
                    "vùng trọng điểm"
                ),
                "SNNPTNT→CCKL",
            ),
            (
                (
                    "Rà soát, xử lý dứt điểm các vụ phá rừng, lấn chiếm đất rừng trên địa bàn; báo cáo kết quả về "
                    "UBND tỉnh"
                ),
                "*H",
            ),
            (
                "Tuyên truyền quy định về bảo vệ rừng, phòng cháy rừng trên các phương tiện thông tin đại chúng",
                "STTTT",
            ),
        ],
    ),
    (
        "NN",
        "KH",
        "Kế hoạch thực hiện Chương trình mỗi xã một sản phẩm (OCOP) tỉnh Kon Tum năm {year}",
        [
            ("Tổ chức đánh giá, phân hạng sản phẩm OCOP cấp tỉnh năm {year}", "SNNPTNT→CCPTNT"),
            ("Hỗ trợ các chủ thể OCOP xúc tiến thương mại, tham gia hội chợ trong và ngoài tỉnh", "SCT"),
            ("Rà soát, đăng ký sản phẩm tham gia Chương trình OCOP trên địa bàn", "*H"),
        ],
    ),
    (
        "NN",
        "CĐ",
        "Công điện về việc khắc phục hậu quả mưa lũ, sớm ổn định đời sống nhân dân",
        [
            (
                "Thống kê thiệt hại về người, nhà ở, cây trồng, vật nuôi; đề xuất hỗ trợ khôi phục sản xuất",
                "*H",
            ),
            (
                "Kiểm tra an toàn các hồ chứa thủy lợi; xây dựng phương án vận hành bảo đảm an toàn hạ du",
                "SNNPTNT→CCTL",
            ),
            ("Kiểm tra việc vận hành hồ chứa thủy điện trong mùa mưa lũ", "SCT"),
            ("Khắc phục sạt lở, bảo đảm giao thông thông suốt trên các tuyến quốc lộ, tỉnh lộ", "SGTVT"),
        ],
    ),
    (
        "NN",
        "CV",
        "V/v đẩy nhanh tiến độ thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
        [
            (
                "Đánh giá kết quả thực hiện các tiêu chí nông thôn mới; đề xuất danh sách xã đạt chuẩn năm {year}",
                "SNNPTNT→CCPTNT",
            ),
            ("Phân bổ chi tiết vốn sự nghiệp thực hiện Chương trình năm {year}", "STC"),
            ("Tổng hợp, cân đối nguồn vốn đầu tư phát triển thực hiện Chương trình", "SKHDT"),
            ("Đẩy nhanh tiến độ các công trình hạ tầng thuộc Chương trình trên địa bàn", "*H"),
        ],
    ),
    (
        "NN",
        "CV",
        "V/v chủ động phòng, chống hạn hán, thiếu nước sản xuất vụ Đông Xuân",
        [
            ("Xây dựng kế hoạch điều tiết nước tưới, ưu tiên nước cho cây trồng chủ lực", "SNNPTNT→CCTTBVTV"),
            ("Rà soát diện tích có nguy cơ thiếu nước; chuyển đổi cơ cấu cây trồng phù hợp", "*H"),
        ],
    ),
    (
        "TNMT",
        "CV",
        "V/v chấn chỉnh hoạt động khai thác cát, sỏi lòng sông trên địa bàn tỉnh",
        [
            (
                "Kiểm tra, xử lý nghiêm các trường hợp khai thác cát, sỏi trái phép trên sông Đắk Bla, sông Pô Kô",
                "STNMT",
            ),
            (
                "Chỉ đạo lực lượng chức năng tuần tra, ngăn chặn khai thác khoáng sản trái phép trên địa bàn",
                "*H",
            ),
        ],
    ),
    (
        "TNMT",
        "CV",
        "V/v đẩy nhanh tiến độ lập kế hoạch sử dụng đất năm {year} cấp huyện",
        [
            (
                "Hoàn thiện hồ sơ kế hoạch sử dụng đất năm {year}, gửi Sở Tài nguyên và Môi trường thẩm định",
                "*H",
            ),
            ("Thẩm định, trình UBND tỉnh phê duyệt kế hoạch sử dụng đất năm {year} cấp huyện", "STNMT"),
        ],
    ),
    (
        "TNMT",
        "CV",
        "V/v giải quyết kiến nghị của cử tri về cấp giấy chứng nhận quyền sử dụng đất",
        [
            ("Rà soát, giải quyết dứt điểm hồ sơ cấp giấy chứng nhận quyền sử dụng đất còn tồn đọng", "*H"),
            (
                "Hướng dẫn, tháo gỡ vướng mắc trong cấp giấy chứng nhận quyền sử dụng đất; báo cáo UBND tỉnh",
                "STNMT",
            ),
        ],
    ),
    (
        "TNMT",
        "CV",
        "V/v xử lý ô nhiễm môi trường tại các cơ sở chế biến mủ cao su, tinh bột sắn",
        [
            ("Quan trắc chất lượng nước thải của các cơ sở chế biến; xử lý vi phạm theo quy định", "STNMT"),
            ("Đôn đốc các cơ sở chế biến đầu tư hoàn thiện hệ thống xử lý nước thải", "*H"),
            ("Rà soát quy hoạch các cụm công nghiệp chế biến nông sản", "SCT"),
        ],
    ),
    (
        "KTTH",
        "KH",
        (
            "Kế hoạch hành động thực hiện Nghị quyết của Chính phủ về nhiệm vụ, giải pháp chủ yếu "
            "phát triển kinh tế - xã hội năm {year}"
        ),
        [
            ("Tham mưu UBND tỉnh ban hành Kế hoạch hành động thực hiện Nghị quyết", "SKHDT"),
            (
                "Xây dựng kịch bản tăng trưởng theo từng quý; báo cáo kết quả trước ngày 20 hằng tháng",
                "SKHDT",
            ),
            ("Triển khai các giải pháp điều hành dự toán ngân sách nhà nước năm {year}", "STC"),
            ("Xây dựng chương trình hành động của ngành thực hiện Nghị quyết", "*D"),
        ],
    ),
    (
        "KTTH",
        "CV",
        "V/v đẩy nhanh tiến độ giải ngân kế hoạch vốn đầu tư công năm {year}",
        [
            ("Tổng hợp tình hình giải ngân; đề xuất điều chuyển vốn của các dự án chậm giải ngân", "SKHDT"),
            ("Đẩy nhanh giải phóng mặt bằng, thi công các dự án được giao làm chủ đầu tư", "*H"),
            ("Đẩy nhanh tiến độ thi công các công trình giao thông trọng điểm", "SGTVT"),
            ("Thanh toán kịp thời khối lượng hoàn thành của các dự án", "STC"),
        ],
    ),
    (
        "KTTH",
        "CV",
        "V/v cải thiện Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)",
        [
            ("Xây dựng Kế hoạch cải thiện chỉ số PCI; phân công nhiệm vụ cho từng sở, ngành", "SKHDT"),
            ("Tổ chức đối thoại với doanh nghiệp, tháo gỡ khó khăn, vướng mắc", "SCT"),
            ("Rút ngắn thời gian giải quyết thủ tục đầu tư tại Khu kinh tế", "BQLKKT"),
        ],
    ),
    (
        "KTTH",
        "CV",
        "V/v thu hút đầu tư vào Khu kinh tế cửa khẩu quốc tế Bờ Y",
        [
            ("Rà soát quy hoạch, đề xuất danh mục dự án kêu gọi đầu tư tại Khu kinh tế", "BQLKKT"),
            ("Phối hợp tổ chức hội nghị xúc tiến đầu tư với các đối tác nước ngoài", "SNGV"),
            ("Hỗ trợ giải phóng mặt bằng, bảo đảm an ninh trật tự tại khu vực cửa khẩu", "NGOCHOI"),
        ],
    ),
    (
        "TC",
        "CV",
        "V/v xây dựng dự toán ngân sách nhà nước năm {next_year}",
        [
            ("Hướng dẫn các cơ quan, đơn vị, địa phương xây dựng dự toán ngân sách năm {next_year}", "STC"),
            (
                "Xây dựng dự toán thu, chi ngân sách địa phương năm {next_year}; gửi Sở Tài chính đúng thời hạn",
                "*H",
            ),
            ("Xây dựng dự toán chi sự nghiệp của ngành năm {next_year}", "*D"),
        ],
    ),
    (
        "TC",
        "QĐ",
        "Quyết định ban hành Chương trình thực hành tiết kiệm, chống lãng phí năm {year}",
        [
            ("Hướng dẫn, kiểm tra việc thực hiện Chương trình thực hành tiết kiệm, chống lãng phí", "STC"),
            ("Kiểm tra việc quản lý, sử dụng tài sản công, xe ô tô công tại các cơ quan, đơn vị", "TTT"),
            ("Xây dựng chương trình thực hành tiết kiệm, chống lãng phí của đơn vị", "*D"),
        ],
    ),
    (
        "TC",
        "CV",
        "V/v sắp xếp lại, xử lý nhà, đất thuộc sở hữu nhà nước",
        [
            ("Lập phương án sắp xếp lại, xử lý nhà, đất do đơn vị quản lý", "*H"),
            ("Thẩm định phương án sắp xếp lại, xử lý nhà, đất; trình UBND tỉnh phê duyệt", "STC"),
            ("Rà soát cơ sở nhà, đất của các trường học dôi dư sau sáp nhập", "SGDDT"),
        ],
    ),
    (
        "HTKT",
        "CV",
        "V/v bảo đảm trật tự, an toàn giao thông dịp Tết Nguyên đán và mùa Lễ hội Xuân {next_year}",
        [
            ("Xây dựng kế hoạch bảo đảm vận tải hành khách phục vụ nhân dân đi lại dịp Tết", "SGTVT"),
            ("Tuyên truyền, vận động nhân dân chấp hành pháp luật về trật tự, an toàn giao thông", "*H"),
        ],
    ),
    (
        "HTKT",
        "CV",
        "V/v chấn chỉnh công tác quản lý trật tự xây dựng đô thị",
        [
            ("Kiểm tra, xử lý các công trình xây dựng không phép, sai phép trên địa bàn thành phố", "TPKT"),
            ("Hướng dẫn cấp giấy phép xây dựng theo quy định mới của Luật Xây dựng", "SXD"),
            ("Rà soát, điều chỉnh quy hoạch chung thị trấn trung tâm huyện", "*H"),
        ],
    ),
    (
        "HTKT",
        "QĐ",
        "Quyết định phê duyệt chủ trương đầu tư dự án đường kết nối các huyện phía Bắc tỉnh",
        [
            ("Hoàn thiện hồ sơ báo cáo nghiên cứu khả thi, trình thẩm định", "SGTVT"),
            ("Bố trí vốn chuẩn bị đầu tư dự án", "SKHDT"),
            ("Phối hợp giải phóng mặt bằng dự án trên địa bàn", "DAKTO"),
            ("Phối hợp giải phóng mặt bằng dự án trên địa bàn", "DAKGLEI"),
        ],
    ),
    (
        "HTKT",
        "CV",
        "V/v hỗ trợ xóa nhà tạm, nhà dột nát cho hộ nghèo, hộ cận nghèo",
        [
            ("Rà soát danh sách hộ nghèo, hộ cận nghèo có nhu cầu hỗ trợ nhà ở", "*H"),
            ("Hướng dẫn thiết kế mẫu nhà, kiểm tra chất lượng công trình", "SXD"),
            ("Tổng hợp nhu cầu, đề xuất nguồn kinh phí hỗ trợ", "SLDTBXH"),
        ],
    ),
    (
        "KGVX",
        "KH",
        "Kế hoạch tổ chức Kỳ thi tốt nghiệp trung học phổ thông năm {year}",
        [
            ("Tổ chức Kỳ thi tốt nghiệp trung học phổ thông năm {year} an toàn, nghiêm túc", "SGDDT"),
            ("Bảo đảm cung cấp điện ổn định trong thời gian tổ chức thi", "SCT"),
            ("Bố trí lực lượng y tế trực tại các điểm thi", "SYT"),
        ],
    ),
    (
        "KGVX",
        "CV",
        "V/v tăng cường phòng, chống dịch bệnh mùa mưa (sốt xuất huyết, tay chân miệng)",
        [
            ("Giám sát dịch tễ, tổ chức phun hóa chất diệt muỗi tại các ổ dịch", "SYT"),
            ("Tổ chức chiến dịch vệ sinh môi trường, diệt lăng quăng tại khu dân cư", "*H"),
            ("Hướng dẫn phòng bệnh tại các trường mầm non, tiểu học", "SGDDT"),
        ],
    ),
    (
        "KGVX",
        "KH",
        "Kế hoạch tổ chức các hoạt động văn hóa, thể thao chào mừng Ngày Quốc khánh 2/9",
        [
            (
                "Tổ chức các hoạt động văn hóa, văn nghệ, thể dục thể thao chào mừng Ngày Quốc khánh",
                "SVHTTDL",
            ),
            ("Tuyên truyền trực quan, treo cờ Tổ quốc tại trụ sở cơ quan, khu dân cư", "*H"),
        ],
    ),
    (
        "KGVX",
        "CV",
        "V/v thực hiện chính sách đối với người có công với cách mạng",
        [
            ("Rà soát, giải quyết hồ sơ tồn đọng xác nhận người có công", "SLDTBXH"),
            ("Tổ chức thăm hỏi, tặng quà gia đình chính sách nhân dịp ngày Thương binh - Liệt sĩ 27/7", "*H"),
        ],
    ),
    (
        "KGVX",
        "CV",
        "V/v giải quyết việc làm, đào tạo nghề cho lao động nông thôn năm {year}",
        [
            ("Tổ chức phiên giao dịch việc làm; kết nối đưa lao động đi làm việc ở nước ngoài", "SLDTBXH"),
            ("Rà soát nhu cầu học nghề của lao động nông thôn trên địa bàn", "*H"),
        ],
    ),
    (
        "KGVX",
        "CV",
        "V/v xây dựng Khu du lịch Măng Đen thành khu du lịch quốc gia",
        [
            ("Hoàn thiện hồ sơ đề nghị công nhận Khu du lịch quốc gia Măng Đen", "SVHTTDL"),
            ("Quản lý chặt chẽ quy hoạch, trật tự xây dựng tại Khu du lịch Măng Đen", "KONPLONG"),
            ("Xây dựng chương trình quảng bá du lịch Măng Đen trên các phương tiện truyền thông", "STTTT"),
        ],
    ),
    (
        "KGVX",
        "CV",
        "V/v triển khai nhiệm vụ khoa học và công nghệ cấp tỉnh năm {year}",
        [
            ("Tổ chức xét chọn, giao thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh năm {year}", "SKHCN"),
            ("Đề xuất đặt hàng nhiệm vụ khoa học và công nghệ của ngành", "*D"),
        ],
    ),
    (
        "NC",
        "CT",
        "Chỉ thị về tăng cường kỷ luật, kỷ cương hành chính trong các cơ quan hành chính nhà nước",
        [
            ("Kiểm tra đột xuất việc chấp hành kỷ luật, kỷ cương hành chính tại các cơ quan, đơn vị", "SNV"),
            ("Quán triệt Chỉ thị đến toàn thể cán bộ, công chức; báo cáo kết quả về Sở Nội vụ", "*H"),
            ("Quán triệt Chỉ thị đến toàn thể cán bộ, công chức; báo cáo kết quả về Sở Nội vụ", "*D"),
        ],
    ),
    (
        "NC",
        "KH",
        "Kế hoạch cải cách hành chính tỉnh Kon Tum năm {year}",
        [
            ("Hướng dẫn tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {year}", "SNV"),
            ("Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết", "STP"),
            ("Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết", "*D"),
        ],
    ),
    (
        "NC",
        "CV",
        "V/v giải quyết đơn khiếu nại, tố cáo kéo dài, vượt cấp",
        [
            ("Thẩm tra, xác minh nội dung đơn; báo cáo, đề xuất UBND tỉnh hướng giải quyết", "TTT"),
            ("Tổ chức đối thoại với công dân, giải quyết dứt điểm vụ việc thuộc thẩm quyền", "*H"),
        ],
    ),
    (
        "NC",
        "CV",
        "V/v thực hiện Kết luận thanh tra về công tác quản lý, sử dụng đất đai",
        [
            ("Thực hiện các kiến nghị tại Kết luận thanh tra; báo cáo kết quả khắc phục", "STNMT"),
            ("Thực hiện các kiến nghị tại Kết luận thanh tra thuộc trách nhiệm của địa phương", "*H"),
            ("Theo dõi, đôn đốc việc thực hiện Kết luận thanh tra", "TTT"),
        ],
    ),
    (
        "NC",
        "CV",
        "V/v rà soát văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành",
        [
            ("Tổng hợp kết quả rà soát; đề xuất bãi bỏ, sửa đổi văn bản không còn phù hợp", "STP"),
            ("Rà soát văn bản thuộc lĩnh vực quản lý; gửi kết quả về Sở Tư pháp", "*D"),
        ],
    ),
    (
        "NC",
        "CV",
        "V/v chuẩn bị đón, làm việc với Đoàn công tác tỉnh Attapeu (Lào)",
        [
            ("Xây dựng chương trình đón tiếp, làm việc với Đoàn", "SNGV"),
            ("Chuẩn bị nội dung hợp tác về nông nghiệp, trồng rừng", "SNNPTNT→VPS"),
            ("Chuẩn bị nội dung hợp tác về thương mại, dịch vụ", "SCT"),
        ],
    ),
    (
        "CDS",
        "QĐ",
        "Quyết định ban hành Kiến trúc Chính quyền điện tử tỉnh Kon Tum (phiên bản cập nhật)",
        [
            ("Cập nhật, triển khai Kiến trúc Chính quyền điện tử tỉnh", "STTTT"),
            ("Kết nối hệ thống thông tin một cửa điện tử với Cổng dịch vụ công quốc gia", "VPUBND"),
            ("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "*H"),
        ],
    ),
    (
        "CDS",
        "CV",
        "V/v sử dụng chữ ký số, gửi nhận văn bản điện tử qua Trục liên thông văn bản quốc gia",
        [
            ("Bảo đảm văn bản đi được ký số và gửi, nhận trên hệ thống quản lý văn bản", "*D"),
            ("Bảo đảm văn bản đi được ký số và gửi, nhận trên hệ thống quản lý văn bản", "*H"),
            ("Hướng dẫn, cấp chứng thư số cho cán bộ, công chức", "STTTT"),
        ],
    ),
    (
        "TH",
        "CV",
        "V/v cập nhật tiến độ thực hiện nhiệm vụ trên Phần mềm theo dõi chỉ đạo điều hành",
        [
            (
                (
                    "Cập nhật đầy đủ tình hình, kết quả thực hiện nhiệm vụ được giao, chậm nhất 02 ngày làm việc sau "
                    "thời hạn"
                ),
                "*D",
            ),
            (
                (
                    "Cập nhật đầy đủ tình hình, kết quả thực hiện nhiệm vụ được giao, chậm nhất 02 ngày làm việc sau "
                    "thời hạn"
                ),
                "*H",
            ),
        ],
    ),
    (
        "TH",
        "CV",
        "V/v báo cáo kết quả thực hiện nhiệm vụ năm {year}, phương hướng nhiệm vụ năm {next_year}",
        [
            ("Báo cáo kết quả thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao năm {year}", "*D"),
            ("Báo cáo kết quả thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao năm {year}", "*H"),
            ("Chuẩn bị nội dung phiên họp thường kỳ cuối năm của UBND tỉnh", "VPUBND"),
        ],
    ),
    (
        "DT",
        "CV",
        "V/v thực hiện chính sách hỗ trợ đồng bào dân tộc thiểu số vùng đặc biệt khó khăn",
        [
            ("Rà soát đối tượng thụ hưởng chính sách; đề xuất phân bổ kinh phí", "BDT"),
            ("Cấp phát kịp thời giống cây trồng, vật tư hỗ trợ đồng bào", "*H"),
            ("Tổ chức gặp mặt, biểu dương người có uy tín trong đồng bào dân tộc thiểu số", "BDT"),
        ],
    ),
]

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
