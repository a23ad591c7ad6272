"""The fault suite drives the real bot through the Bot API emulator's fault hooks; it uses the
end-to-end fixtures (emulator, bot, person, and the staff chat's members)."""

from tests.e2e.conftest import bot, emulator, person  # noqa: F401
from tests.e2e.test_staff_e2e import member, office_bot  # noqa: F401
