## Talk to staff, vacant-rental tips, staff menu and statistics.

## Talk to staff
handover-unavailable = Sorry, writing to staff here is not possible yet. Contact { $office_name }: phone { $office_phone }, email { $office_email }.
handover-ask = 💬 Write your message to the staff in one message. Please don't write health details or your national ID number here. I'll pass it on with your first name, and the answer will come here in this chat.
handover-next-opening = { $weekday } at { $time }
handover-closed =
    🕑 The office is closed now. You can still write – we'll answer when we open again, { $when }. Opening hours: { $hours }.
    Is it urgent?
    • Call <b>113</b> if someone is ill or injured, <b>112</b> for the police.
    • If you have nowhere to sleep tonight: { $nav_after_hours }. NAV: { $nav_national_phone }.
handover-btn-cancel = ✖️ Cancel
handover-btn-end = ✅ End the conversation with staff
handover-btn-menu = ↩️ Menu
handover-text-only = I can only pass text on to the staff. Please describe what you wanted to show in words.
handover-sent-first = ✅ Sent to the staff. The answer will come here. Everything you write now goes to them until the conversation is ended.
handover-sent = ✅ Sent to the staff.
handover-failed = Sorry, I couldn't send your message to the staff. Please contact { $office_name }: phone { $office_phone }.
handover-cancelled = OK, I didn't send anything.
handover-still-open = Your conversation with the staff is still open: what you write goes to them. Do you want to end it?
handover-already-closed = This conversation has already ended.
handover-closed-by-person = The conversation with staff has ended. I'll answer you myself again.
handover-closed-by-staff = The staff have ended the conversation. Ask me a question, or choose "Talk to staff" in the menu to write to them again.
handover-answer =
    💬 <b>Answer from { $office }:</b>
    { $text }
handover-data = { $status ->
    [asking] You asked to talk to staff. I don't store your messages.
   *[open] You have an open conversation with staff. I don't store your messages, only that the conversation exists.
}

## In the staff group
handover-staff-post = 💬 <b>{ $name }</b> ({ $language }) · case { NUMBER($thread, useGrouping: 0) } · reply to this message to answer
handover-btn-close = ✅ Close the case
handover-staff-person-closed = { $name } ended the conversation (case { NUMBER($thread, useGrouping: 0) }).
handover-staff-thread-closed = This case is closed.
handover-staff-blocked = Could not deliver: the person has blocked the bot. The case is closed.
handover-staff-failed = Could not deliver the answer right now. Please try again shortly.
handover-staff-text-only = Only text reaches the person. Please write the answer as text, as a reply to a message in the case.
handover-close-how = Reply to a message in the case with /lukk, or write /lukk and the case number.
handover-staff-closed = Case { NUMBER($thread, useGrouping: 0) } was closed by { $by }.
handover-staff-closed-short = The case is closed

## Vacant-rental tips – residents
menu-tips = 🔑 Tips on vacant homes
tips-menu-offer = 🏠 The staff look for vacant rental homes every day. Do you want tips here when they find something? You can unsubscribe at any time.
tips-menu-subscribed = 🏠 You get tips on vacant homes. Do you want to stop getting them?
tips-btn-subscribe = 🔔 Yes, send me tips
tips-btn-subscribe-again = 🔔 Subscribe again
tips-btn-unsubscribe = 🔕 No more tips
tips-btn-menu = ↩️ Menu
tips-subscribed = ✅ You'll now get tips on vacant homes here. Every tip has a button to unsubscribe.
tips-unsubscribed = OK, you won't get any more tips on vacant homes.
tips-data-subscribed = You get tips on vacant homes.
tips-heading = 🏠 <b>Vacant home tip from { $office }</b>

## Tips – staff
tips-draft-ask = 📣 Send the tip here: text, a photo with a caption, or a link. You'll see it before anything is sent.
tips-draft-private = 📣 Tips are written in a private chat with me. Send me /tips there.
tips-btn-drop = ✖️ Cancel
tips-draft-unsupported = A tip can be text, a photo with a caption, or a link.
tips-draft-too-long = The text is too long ({ $length } characters). A tip can have at most { $limit } characters. Please send a shorter text.
tips-preview-choose = ☝️ This is how the tip looks. Who should get it?
tips-audience-residents = Current residents ({ $count })
tips-audience-former = Former residents ({ $count })
tips-audience-all = Everyone subscribed ({ $count })
tips-audience-name-residents = current residents
tips-audience-name-former = former residents
tips-audience-name-all = everyone subscribed
tips-audience-empty = Nobody in that group subscribes to tips. Please choose another group.
tips-btn-change = ↩️ Choose recipients again
tips-confirm = Send the tip to { $count } people ({ $audience })?
tips-btn-send = ✅ Send to { $count }
tips-where-staff-chat = in the staff group
tips-where-here = here
tips-started = 📣 Sending to { $count } people has started. You'll see the progress { $where }.
tips-dropped = OK, the tip was discarded.
tips-cancel-too-late = The sending has already finished or been stopped.
tips-cancelled-short = Sending stopped
tips-btn-cancel-broadcast = ⏹ Stop sending
tips-progress = 📣 Tip { NUMBER($id, useGrouping: 0) } to { $audience }: sent { $done } of { $total } (delivered { $sent }, blocked { $blocked }, failed { $failed })
tips-report-done = ✅ Tip { NUMBER($id, useGrouping: 0) } to { $audience } is sent: { $total } recipients, delivered { $sent }, blocked { $blocked }, failed { $failed }.
tips-report-cancelled = ⏹ Tip { NUMBER($id, useGrouping: 0) } to { $audience } was stopped: delivered { $sent }, blocked { $blocked }, failed { $failed }, not sent { $cancelled }.
tips-report-unknown = {" "}{ $unknown } may or may not have arrived: the bot stopped while sending them, and they are not sent again.

## Staff menu and staff
staff-menu = 🧑‍💼 Staff menu
staff-btn-tips = 📣 Send a vacant home tip
staff-btn-stats = 📊 Statistics
staff-btn-meetups = 📅 Meetups
staff-btn-agreements = 📝 Agreements
staff-btn-manage = 👥 Staff
staff-btn-open-menu = 🧑‍💼 Open the staff menu
staff-list = Admins (from the config): { $admins }. Staff added here: { $count }. Press a staff member to remove their access.
staff-add-how = Write /ansatte followed by the Telegram ID, for example /ansatte 123456789, or create an invite link.
staff-added = ✅ { $id } was added as staff.
staff-already = { $id } is already staff.
staff-btn-remove = ✖️ Remove { NUMBER($id, useGrouping: 0) }
staff-btn-invite = ➕ Create an invite link
staff-invite = Send this link to the new staff member. It works once and for { $hours } hours:
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

## Statistics
stats-title = 📊 <b>Statistics</b>
stats-users = Users: { $total } (active in the last 30 days: { $active })
stats-faq = Questions answered: { $answered }. Unanswered or unsure (stored): { $unanswered }
stats-top-unanswered = Most common unanswered questions:
stats-dialogs = Checks (started / finished, outcomes):
stats-dialog = • { $dialog }: { $started } / { $finished } ({ $detail })
stats-none = • none yet
stats-subscribers = Subscribers: meetups { $meetup }, tips { $tips }. Running agreements: { $agreements } (linked to Telegram: { $linked })
stats-handover = Conversations with staff: open { $open }, closed { $closed }
stats-broadcasts = Latest tips:
stats-broadcast = • { NUMBER($id, useGrouping: 0) } ({ $date }, { $status }): { $total } recipients, delivered { $sent }, blocked { $blocked }, failed { $failed }, remaining { $pending }
