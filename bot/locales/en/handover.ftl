### Talk to staff: what the person reads.

handover-unavailable = You cannot write to the staff here in the chat. Contact { $office_name } directly: phone { $office_phone }, e-mail { $office_email }. Open: { $office_hours }.
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
handover-reopened = 💬 A staff member has opened the conversation again. What you write now goes to staff.
handover-answer = 💬 <b>Answer from { $office }:</b>
handover-data =
    { $status ->
        [asking] You asked to talk to staff. I don't store your messages.
       *[open] You have an open conversation with staff. I don't store your messages, only that the conversation exists.
    }
