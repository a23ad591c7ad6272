dialog-cancelled = OK, I have cancelled the check and deleted your answers.
dialog-send-summary = 📨 Send my answers to staff
dialog-delete-answers = 🗑 No thanks, delete my answers
dialog-summary-offer = Would you like a member of staff to see your answers? Then I send them to the housing office staff, with your first name. Otherwise I delete them.
dialog-answers-deleted = Your answers have been deleted.
dialog-summary-sent = ✅ Your answers were sent to staff and deleted here. You will get a reply in this chat.
dialog-summary-header = 📋 <b>Check sent by { $name }</b> (Telegram ID { $id }, language { $language }) with consent
    Check: { $dialog } – outcome: { $outcome }
dialog-mydata = A check you have started ({ $dialog }). The answers are deleted when it ends or after a day.
dialog-delete-answers-now = 🗑 Delete my answers
dialog-summary-contact-office = Would you like to talk to someone about this? Contact { $office_name }: phone { $office_phone }, e-mail { $office_email }. Open: { $office_hours }. Your answers are deleted here when you move on.
dialog-question-again = Here is the question again, in case it did not reach you:
