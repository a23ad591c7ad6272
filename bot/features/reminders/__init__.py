"""Reminders: the weekly meetup and the bo- og oppfølgingsavtale, restart-safe.

Users subscribe to meetups (menu "reminders", ``/start meetup``) and stop with the button under
every reminder or ``/stopp``; residents link their Telegram to an agreement with a one-time
deep link (``/start avt_<code>``). Staff manage meetups with ``/treff`` and agreements with
``/avtale`` through short guided flows whose state lives in ``reminder_flows``. A sweep every
minute sends what is due, reading only the database (:mod:`.sending`).

Modules: :mod:`.feature` (the ``Reminders`` feature, which composes the others),
:mod:`.sending`, :mod:`.resident`, :mod:`.staff`, :mod:`.staff_flows`, :mod:`.shared`.
"""

from bot.features.reminders.feature import Reminders, stats

__all__ = ["Reminders", "stats"]
