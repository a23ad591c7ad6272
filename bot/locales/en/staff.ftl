### What staff read: the staff menu, staff and statistics (bokmål and English only).

staff-menu = 🧑‍💼 Staff menu
staff-btn-tips = 📣 Send a vacant home tip
staff-btn-stats = 📊 Statistics
staff-btn-meetups = 📅 Meetups
staff-btn-agreements = 📝 Agreements
staff-btn-manage = 👥 Staff
staff-btn-open-menu = 🧑‍💼 Open the staff menu
staff-list = Admins (from the config): { $admins }. Staff added here: { $count }. Press a staff member to remove their access.
staff-add-how = Write /ansatte followed by the Telegram ID, for example /ansatte 123456789. A Telegram ID is a number (digits 0–9 only, not 0). You can also create an invite link with the button below.
staff-added = ✅ { $id } was added as staff.
staff-already = { $id } is already staff.
staff-btn-remove = ✖️ Remove { NUMBER($id, useGrouping: 0) }
staff-btn-invite = ➕ Create an invite link
staff-invite =
    Send this link to the new staff member. It works once and for { $hours } hours:
    { $link }
staff-remove-confirm = Remove access for { $id }?
staff-btn-remove-yes = Yes, remove
staff-btn-back = ↩️ Back
staff-removed = { $id } is no longer staff.
staff-not-member = { $id } was not on the list.
staff-invite-invalid = This invite has been used or has expired. Ask an admin for a new one.
staff-invite-already = You already have staff access. Write /ansatt for the staff menu.
staff-welcome = ✅ Welcome! You now have staff access. Write /ansatt for the staff menu.
staff-data-member = You are registered as staff (your Telegram ID).
staff-data-audit = The audit log names you in { $count ->
        [one] { $count } row
       *[other] { $count } rows
    }: what you did with the staff tools (when, what, no text you wrote). It is kept { $days } days. /slett removes your Telegram ID from it, but not the rows.
delete-warning-staff = ⚠️ You are staff. If you delete everything, you lose your staff access at once, and tips you have not sent are deleted. Tips already sent and the audit log of what you did as staff are kept without your Telegram ID, and reminders about agreements you follow up go to the staff group chat. An administrator must add you again if you need access again.
delete-warning-admin = ⚠️ You are an administrator in the configuration (bot.admin_ids). /slett deletes your data and tips you have not sent, but not your administrator access: only the configuration can remove it.
stats-title = 📊 <b>Statistics</b>
stats-users = Users: { $total } (active in the last 30 days: { $active })
stats-faq = Questions answered: { $answered }. Unanswered or unsure (stored): { $unanswered }
stats-top-unanswered = Most common unanswered questions:
stats-dialogs = Checks (started / finished, outcomes):
stats-dialog = • { $dialog }: { $started } / { $finished } ({ $detail })
stats-none = • none yet
stats-reminders = Meetups: subscribers { $meetup }. Running agreements: { $agreements } (linked to Telegram: { $linked })
stats-tips = Tips: subscribers { $tips }
stats-outbox = Messages in the outbox: waiting { $pending }, sent { $sent }, failed { $failed }, unknown { $unknown }
stats-handover = Conversations with staff: open { $open }, closed { $closed }
stats-broadcasts = Latest tips:
stats-broadcast = • { NUMBER($id, useGrouping: 0) } ({ $date }, { $status }): { $total } recipients, delivered { $sent }, blocked { $blocked }, failed { $failed }, remaining { $pending }
