"""A province's week around the 30 April – 1 May 2026 holidays: tasks in every state a
reminder is about, for the shared cast (tests/cast.py), whose people get e-mail addresses."""

import asyncio
import email
import email.policy
import socket
import threading
from dataclasses import dataclass
from datetime import date

import pytest
from aiosmtpd.controller import Controller

from nhiemvu.directives.choices import SourceChannel
from nhiemvu.directives.services import register_directive
from nhiemvu.tracking import services
from tests.factories import make_task, moment

# Tuesday 5 and Wednesday 6 May 2026, after the holidays of Thursday 30 April and Friday 1 May.
TUESDAY, WEDNESDAY = date(2026, 5, 5), date(2026, 5, 6)
HOLIDAY = date(2026, 5, 1)
ADDRESSES = {
    "unit_leader": "giamdoc.snn@kontum.gov.vn",
    "focal_officer": "daumoi.snn@kontum.gov.vn",
    "desk": "tonghop.vp@kontum.gov.vn",
    "other_officer": "daumoi.stp@kontum.gov.vn",
}


@dataclass
class Week:
    due_on_holiday: object
    new: object
    due_soon: object
    extension: object
    returned: object
    directive: object


@pytest.fixture
def people(cast):
    return with_addresses(cast)


def with_addresses(cast):
    for persona, address in ADDRESSES.items():
        user = getattr(cast, persona)
        user.email = address
        user.save(update_fields=["email"])
    return cast


@pytest.fixture
def week(people):
    return make_week(people)


def make_week(cast) -> Week:
    """The tasks and the directive of the week, for a cast whose people have addresses."""
    agri, province = cast.agriculture_department, cast.province

    def accepted(**fields):
        task = make_task(lead_unit=agri, assigning_unit=province, assigned_on=date(2026, 4, 20), **fields)
        services.accept(task, by=cast.focal_officer, at=moment(date(2026, 4, 21)))
        return task

    due_on_holiday = accepted(due_on=date(2026, 4, 30), content="Báo cáo tình hình cháy rừng mùa khô")
    due_soon = accepted(due_on=date(2026, 5, 8), content="Rà soát diện tích trồng cà phê")
    extension = accepted(due_on=date(2026, 5, 29), content="Xây dựng đề án phát triển sâm Ngọc Linh")
    services.request_extension(
        extension,
        by=cast.unit_leader,
        at=moment(date(2026, 5, 4)),
        proposed=date(2026, 6, 30),
        reason="Chờ ý kiến Bộ",
    )
    new = make_task(
        lead_unit=agri,
        assigning_unit=province,
        assigned_on=date(2026, 4, 29),
        due_on=date(2026, 5, 29),
        content="Kiểm tra công tác phòng chống dịch tả lợn châu Phi",
    )
    returned = make_task(
        lead_unit=cast.justice_department,
        assigning_unit=province,
        assigned_on=date(2026, 4, 20),
        due_on=date(2026, 5, 29),
        content="Thẩm định dự thảo quy định về đất rừng",
    )
    services.return_task(
        returned, by=cast.other_officer, at=moment(date(2026, 5, 4)), reason="Không thuộc chức năng"
    )
    directive = register_directive(
        by=cast.desk,
        on_behalf_of=province,
        number_symbol="1196/UBND-TH",
        issuer="Văn phòng Chính phủ",
        issued_on=date(2026, 5, 4),
        received_on=date(2026, 5, 4),
        summary="V/v theo dõi nội dung chậm trễ",
        channel=SourceChannel.EOFFICE,
    )
    return Week(due_on_holiday, new, due_soon, extension, returned, directive)


class Inbox:
    """What a real SMTP server (aiosmtpd, in this process) received; it answers each message
    with the next of `answers` while there are some (a refusal: "451 …"), then accepts."""

    def __init__(self):
        self.messages = []
        self.answers = []
        # hold_at = n: the n-th message received is kept, and its "250 OK" withheld until
        # `released` is set (a worker can be killed while the server has its message).
        self.hold_at = None
        self.held, self.released = threading.Event(), threading.Event()
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            if self.answers:
                return self.answers.pop(0)
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            self.messages.append((list(envelope.rcpt_tos), message))
            hold = self.hold_at == len(self.messages)
        if hold:
            self.held.set()
            while not self.released.is_set():
                await asyncio.sleep(0.05)
        return "250 OK"

    def recipients(self) -> list[str]:
        return sorted(address for rcpt_tos, _ in self.messages for address in rcpt_tos)

    def to(self, address: str):
        (message,) = [m for rcpt_tos, m in self.messages if address in rcpt_tos]
        return message


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def smtp_server() -> tuple[Inbox, Controller]:
    """A real SMTP server on 127.0.0.1 at a free port, started; stop() its controller."""
    handler = Inbox()
    handler.port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    return handler, controller


@pytest.fixture
def inbox(settings):
    """A real SMTP server on 127.0.0.1 at a free port, and Django's SMTP backend sending to it."""
    handler, controller = smtp_server()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "nhiemvu@kontum.gov.vn"
    yield handler
    controller.stop()
