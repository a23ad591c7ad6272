## Reminders: the weekly meetup, the housing and follow-up agreement, and staff set-up.

## Time and date
reminders-weekday = { $day ->
    [mon] Monday
    [tue] Tuesday
    [wed] Wednesday
    [thu] Thursday
    [fri] Friday
    [sat] Saturday
   *[sun] Sunday
}
reminders-weekday-short = { $day ->
    [mon] Mon
    [tue] Tue
    [wed] Wed
    [thu] Thu
    [fri] Fri
    [sat] Sat
   *[sun] Sun
}
reminders-clock = { $hh }:{ $mm }
reminders-when = { $rel ->
    [today] today at { $time }
    [tomorrow] tomorrow, { $weekday } { $date }, at { $time }
   *[other] { $weekday } { $date } at { $time }
}
reminders-weekly = every { $weekday } at { $time }

## Buttons
reminders-btn-menu = ↩️ Menu
reminders-btn-stop = 🔕 No more meetup reminders
reminders-btn-subscribe = 🔔 Sign up: { $meetup }
reminders-btn-unsubscribe = 🔕 Stop: { $meetup }
reminders-btn-staff = 💬 Talk to staff
reminders-btn-next-home = 💬 Talk to staff about where to live next
reminders-btn-stop-agreement = 🔕 Also stop agreement reminders
reminders-btn-cancel = ✖️ Cancel
reminders-btn-save = ✅ Save
reminders-btn-keep = Keep: { $value }
reminders-btn-skip = Skip
reminders-btn-new-meetup = ➕ New meetup
reminders-btn-edit = ✏️ Change { $n }
reminders-btn-cancel-date = 🚫 Cancel a date { $n }
reminders-btn-delete = 🗑 Delete { $n }
reminders-btn-delete-yes = 🗑 Yes, delete
reminders-btn-no = No
reminders-btn-undo = ↩️ Undo the cancellation
reminders-btn-confirm-cancel = ✅ Yes, cancel it
reminders-btn-new-agreement = ➕ New agreement
reminders-btn-new-code = 🔗 New link { $n }
reminders-btn-today = Today ({ $date })
reminders-btn-end-default = { $months } months after start ({ $date })
reminders-btn-end-keep = Yes, keep { $date }
reminders-btn-every = Every { $days } days
reminders-btn-no-reviews = No reviews

## For residents and former residents
reminders-menu-intro =
    🔔 <b>Reminders</b>
    I can remind you of the meetup that takes place once a week. You get a message before each meetup, with the time and place.
    You can stop whenever you like.
reminders-menu-none = No meetup is set up right now. Feel free to ask a member of staff.
reminders-menu-line = • { $meetup }, { $place }{ $mark }
reminders-menu-on = ✅ (you get reminders)
reminders-menu-agreement = You also get reminders about your housing and follow-up agreement. It ends on { $end }.
reminders-subscribed =
    ✅ You will now get reminders of the meetup { $weekly }, { $place }.
    The next meetup is { $next }.
    Want to stop? Tap the button under a reminder, or type /stopp.
reminders-already-subscribed = You already get reminders of this meetup. The next meetup is { $next }.
reminders-unsubscribed = 🔕 OK, no more reminders of the meetup { $weekly }. You can sign up again under "Reminders" in the menu.
reminders-stopped = 🔕 OK, you will get no more meetup reminders.
reminders-stopped-none = You do not get any meetup reminders now.
reminders-stop-agreement-ask = You still get reminders about your housing and follow-up agreement. Do you want to stop those too?
reminders-agreement-unlinked = 🔕 OK, no more reminders about your agreement. Talk to staff if you change your mind.
reminders-link-ok =
    ✅ Thank you! You will now get reminders about your housing and follow-up agreement.
    I will tell you before each review, and before the agreement ends on { $end }.
    Want to stop? Type /stopp.
reminders-link-invalid = This link does not work any more. It can only be used once, and it expires after a while. Ask a member of staff for a new link.

## The reminders
reminders-meetup-reminder =
    🔔 <b>Reminder:</b> The meetup is { $when }.
    Place: { $place }
    Welcome!
reminders-meetup-note = Note: { $note }
reminders-meetup-cancelled =
    🚫 <b>No meetup { $when }.</b>
    The meetup is cancelled this time.
reminders-meetup-next = The next meetup is { $next }, { $place }.
reminders-review-resident =
    🔔 <b>Reminder:</b> Your housing and follow-up agreement will be reviewed on { $weekday } { $date }.
    Think about how things are going, and what you need help with.
reminders-end-resident =
    🔔 <b>Reminder:</b> Your housing and follow-up agreement ends on { $weekday } { $date }.
    We are glad to help you find a place to live next. Get in touch, and we will work it out together.
reminders-review-staff = 📋 Review of agreement "{ $label }" on { $weekday } { $date }. { $linked }
reminders-end-staff = 📋 Agreement "{ $label }" ends on { $weekday } { $date }. { $linked }
reminders-staff-linked = The resident has been reminded.
reminders-staff-not-linked = The resident has not linked their Telegram and has not been reminded.

## Staff: meetups (/treff)
reminders-meetups-title = 📅 <b>Meetups</b>
reminders-meetups-none = No meetup is set up yet.
reminders-meetups-line = { $n }. { $meetup }, { $place } ({ $count } signed up)
reminders-meetups-cancelled = Cancelled: { $dates }
reminders-meetups-link = Sign-up link: { $link }
reminders-meetups-how = Former residents sign up under "Reminders" in the menu.
reminders-ask-weekday = Which day of the week is the meetup? Tap a day, or type for example "Tuesday 18".
reminders-ask-time = At what time? Type for example "18:00".
reminders-ask-place = Where is the meetup? Type the place, for example "Storgata 1, 2nd floor".
reminders-ask-note = Do you want to add a short note? For example "We cook dinner together". Otherwise tap "Skip".
reminders-meetup-summary =
    Is this right?
    <b>{ $meetup }</b>
    Place: { $place }
    Note: { $note }
reminders-no-note = (none)
reminders-meetup-saved = ✅ The meetup is saved.
reminders-meetup-gone = That meetup no longer exists.
reminders-meetup-delete-ask = Delete the meetup { $meetup }? { $count } people signed up will get no more reminders.
reminders-meetup-deleted = 🗑 The meetup is deleted.
reminders-ask-cancel-date = Which date of the meetup ({ $meetup }) is cancelled? Tap a date, or type it, for example "24.12".
reminders-cancel-summary = Cancel the meetup { $when }? The { $count } people signed up get a message that there is no meetup, instead of a reminder.
reminders-cancel-saved = ✅ The meetup { $when } is cancelled. People signed up will be told.
reminders-cancel-exists = That date is already cancelled.
reminders-cancel-undone = ↩️ The cancellation is undone. The meetup { $when } takes place as usual.
reminders-cancel-undo-gone = That cancellation no longer exists.

## Staff: agreements (/avtale)
reminders-agreements-title = 📋 <b>Housing and follow-up agreements</b>
reminders-agreements-none = No active agreement is registered.
reminders-agreements-line = { $n }. "{ $label }": { $start }–{ $end }. Next review: { $review }. { $linked }
reminders-agreements-linked = Linked ✅
reminders-agreements-not-linked = Not linked yet
reminders-agreements-no-review = none
reminders-ask-label =
    Type a short label or reference for the agreement, for example "Room 3" or a case number (at most { $max } characters).
    Do not type the resident's name. I store no names, only the label and the dates.
reminders-ask-start = When did the agreement start? Type a date, for example "12.03.2027" or "today".
reminders-ask-end = When does the agreement end? The stay is at most { $months } months. Type a date, or tap the button.
reminders-ask-reviews = When will the agreement be reviewed? Tap "Every { $days } days", type another number of days (for example "every 7 days"), or type the dates (for example "20.03, 03.04").
reminders-agreement-summary =
    Is this right?
    Label: <b>{ $label }</b>
    From { $start } to { $end }
    Reviews: { $reviews }
reminders-agreement-saved =
    ✅ The agreement "{ $label }" is saved.
    Give the resident this link. It works once, and expires { $expires }:
    { $link }
    Once the link is opened, the resident gets reminders before each review and before the agreement ends. You get a reminder before each review.
reminders-agreement-code =
    🔗 New link for "{ $label }". It works once, and expires { $expires }. The old link no longer works.
    { $link }
reminders-agreement-link-manual = Or: open the bot and type { $command }
reminders-agreement-delete-ask = Delete the agreement "{ $label }"? The resident will get no more reminders about it.
reminders-agreement-deleted = 🗑 The agreement is deleted.

## Shared by the guided flows
reminders-flow-cancelled = Cancelled. Nothing is saved.
reminders-flow-hint = (Type "cancel" to stop.)
reminders-err-weekday = I did not understand the day. Type a weekday, for example "Tuesday" or "Tuesday 18".
reminders-err-time = I did not understand the time. Type it like this: "18:00".
reminders-err-place = Type the place with 2 to { $max } characters.
reminders-err-note = The note can have at most { $max } characters.
reminders-err-date = I did not understand the date. Type it like this: "24.12.2027".
reminders-err-ambiguous = That date can be read in more than one way. Type it like this: "03.04.2027" (day.month.year).
reminders-err-mismatch = The weekday and the date do not match: { $date } is a { $weekday }. Please type the date again.
reminders-err-past = { $date } has already passed. Type a date in the future.
reminders-err-not-meetup-day = The meetup is on { $weekday }s. Type a date that is a { $weekday }.
reminders-err-label = Type a label with 1 to { $max } characters.
reminders-err-start-old = That date is more than { $months } months ago. Check the date and type it again.
reminders-err-start-far = That date is more than a year ahead. Check the date and type it again.
reminders-err-end-before-start = The agreement must end after it starts ({ $start }).
reminders-warn-end-long = ⚠️ { $date } is more than { $months } months after the start (at the latest { $limit }). Is that right? Tap "Yes, keep", or type another date.
reminders-err-reviews = I did not understand that. Type a number of days (for example "every 7 days") or dates (for example "20.03, 03.04").
reminders-err-review-after-end = A review cannot be after the agreement ends ({ $end }).
reminders-err-confirm = Tap "Save" or "Cancel".

## /mine_data
reminders-data-subscription = Reminders of the meetup { $meetup }, { $place }.
reminders-data-agreement = Linked to the housing and follow-up agreement "{ $label }" (until { $end }), for reminders.
reminders-data-staff = Responsible staff member for { $count } agreement(s).
reminders-data-log = A list of { $count } reminders sent to you, so that none is sent twice. It is deleted after { $days } days.
reminders-data-flow = A set-up you are in the middle of (meetup or agreement).

## Commands
commands-stopp = Stop reminders
commands-treff = Meetups (staff)
commands-avtale = Agreements (staff)
reminders-flow-private = Meetups and agreements are set up in a private chat with me. Type /treff or /avtale there.
