### What staff read about cases (conversations with staff): bokmål and English only.

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
handover-staff-undelivered = The answer did not get through after several tries. The person has not received it; try again later, or contact them another way.
handover-staff-unknown = Not known whether the answer arrived: Telegram did not respond in time. It is not sent again, so the person does not get it twice.
handover-staff-not-linked = This reply went nowhere: the message you replied to does not belong to a case. Reply to the post with the case number, or write /lukk and the case number.
handover-staff-desk-answer = 💬 { $by } answered on the desk (case { NUMBER($thread, useGrouping: 0) }):
handover-staff-desk-closed = Case { NUMBER($thread, useGrouping: 0) } was closed on the desk by { $by }.
handover-staff-desk-reopened = Case { NUMBER($thread, useGrouping: 0) } was reopened on the desk by { $by }.
