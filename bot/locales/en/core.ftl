welcome =
    Hi, { $name }! 👋 I am the municipality's housing assistant.
    I can answer questions about housing, check what may suit you, and put you in touch with a member of staff.
    I am a chatbot, not a caseworker. What I say is guidance, not a decision.
menu-prompt = What would you like to do?
menu-faq = ❓ Ask a question
menu-bolignu = 🏠 Temporary housing
menu-startlan = 💰 Start loan
menu-foyer = 🧑 Foyer (young people)
menu-reminders = 🔔 Reminders
menu-staff = 💬 Talk to staff
menu-language = 🌐 Språk / Language
menu-privacy = 🔒 Privacy
coming-soon = This part is not ready yet. It is coming soon. You can type your question, or contact the housing office.
help-text =
    How to use me:
    • Type a question in your own words, for example "what does a room cost".
    • Tap the buttons in the menu.
    • /start shows the menu.
    • /sprak changes the language.
    • /personvern tells what I store.
    • /mine_data shows what I have stored about you.
    • /slett deletes everything about you.
language-choose = Velg språk / Choose language:
language-set = OK, I will write in English now.
language-name-nb = Norwegian (bokmål)
language-name-en = English
language-name-nn = Norwegian (nynorsk)
language-name-uk = Ukrainian
unsupported-input = Sorry, I can only read text and buttons. Please type your question in words.
unknown-command = I don't know that command. Type /help to see what I can do.
text-not-understood = I did not quite understand. Please choose from the menu.
button-inactive = That button is no longer active.
button-inactive-short = That button is no longer active
staff-only = Sorry, this is not available to you.
error-apology = Sorry, something went wrong on my side. Please try again in a moment, or type /start.
privacy-title =
    🔒 <b>Privacy</b>
    What I store about you, for how long, and why:
privacy-account = • Your Telegram ID, your language, and when you first and last used me. Why: to answer you in your language. How long: until you type /slett, or until you have not used me for { $days ->
        [one] { $days } day
       *[other] { $days } days
    }. Then everything about you is deleted.
privacy-questions = • Questions I could not answer, or was unsure about. Before they are stored, I remove names, phone numbers, addresses, e-mail addresses and long numbers. They are stored without your ID, so they cannot be linked to you, and /slett cannot find them. Why: so staff can make the answers better. How long: { $days ->
        [one] { $days } day
       *[other] { $days } days
    }.
privacy-dialogs = • Your answers in a check, only while the check runs. Names and numbers you type yourself are removed before they are stored. The answers are deleted when the check ends, or after { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    } without an answer. If you choose to send them to staff, they go to the staff's group chat.
privacy-handover = • When you talk to staff, your messages go to the staff: to their group chat in Telegram and to their staff desk. Why: so they can read your case and the answer reaches you. How long: the text of the conversation is kept while the case is open, but at most { $days ->
        [one] { $days } day
       *[other] { $days } days
    }. It is deleted within { $after ->
        [one] { $after } day
       *[other] { $after } days
    } after the case is closed. That there was a case is kept until { $days ->
        [one] { $days } day
       *[other] { $days } days
    } after it is closed.
privacy-subscriptions = • Reminders and tips you signed up for. Why: to send what you asked for. How long: until you sign off (/stopp) or type /slett.
privacy-agreement = • If you linked a housing and follow-up agreement (bo- og oppfølgingsavtale) to me: its dates. Why: to remind you of the meetings. How long: until { $days ->
        [one] { $days } day
       *[other] { $days } days
    } after the agreement ends.
privacy-reminder-log = • Which reminders I have sent you. Why: so you never get the same reminder twice. How long: { $days ->
        [one] { $days } day
       *[other] { $days } days
    }.
privacy-counts = • Numbers without names or IDs: how many got an answer, 👍 and 👎 on the answers, and how the checks ended.
privacy-audit = • If you are staff: what you do with the staff tools (for example send tips, close cases, change meetups), with when and who, but never text you wrote. Why: the municipality must be able to see who did what. How long: { $days ->
        [one] { $days } day
       *[other] { $days } days
    }. If you write /slett, the rows stay, but without your Telegram ID.
privacy-rights =
    Do not send national ID numbers, health details or documents here. Telegram chats are not end-to-end encrypted.
    Controller: { $controller }. Data protection officer: { $dpo }.
    See everything stored: /mine_data. Delete everything: /slett.
mydata-title = 📄 <b>What I have stored about you</b>
mydata-user = Telegram ID { $id }, language: { $language }, first used: { $first }, last used: { $last }
mydata-footer = Want to delete it all? Type /slett.
delete-confirm = Do you want to delete everything I have stored about you? This cannot be undone. Sign-ups for reminders and tips will also be removed.
delete-yes = 🗑 Yes, delete everything
delete-no = No, keep it
delete-done = ✅ Everything I had stored about you has been deleted. Type /start if you want to use me again.
commands-start = Start and menu
commands-help = Help
commands-sprak = Change language
commands-personvern = What I store
commands-mine_data = See your data
commands-slett = Delete your data
