# Strings of the screening-dialog engine (bot/core/dialogs). The dialogs' own texts are in dialogs/*.yaml.
dialog-back = ◀️ Back
dialog-cancel = ✖️ Cancel
dialog-continue = Continue ▶️
dialog-progress = Question { $n } of { $total }
dialog-yes = Yes
dialog-no = No
dialog-unsure = Don't know
dialog-sensitive = This question is optional. You can talk to a member of staff instead. Your answer is not stored.
dialog-guidance = This is guidance, not a decision. { $decides }

# Shown in front of the question when the answer could not be used.
dialog-hint-buttons = Please tap one of the buttons below. You can also type the answer as it is written on the button.
dialog-hint-info = Tap “{ $button }” to go on.
dialog-type-number =
    { $unit ->
        [none] ✏️ Type the answer as a number.
       *[other] ✏️ Type the answer as a number ({ $unit }).
    }
dialog-type-date = ✏️ Type a date, for example 12.03.2027 or “tomorrow”.
dialog-type-text = ✏️ Type the answer in your own words.

dialog-number-empty = I got no answer. Type a number, for example 12000.
dialog-number-not-a-number = I found no number in your answer. Type just the number, for example 12000.
dialog-number-range = I need one number, not a range. Type your best estimate, for example 12000.
dialog-number-several = I found several numbers in your answer. Type just one number.
dialog-number-ambiguous = I am not sure how to read that number. Type it without commas, for example 12000 or 12.5.
dialog-number-not-whole = Type a whole number, without decimals.
dialog-number-too-small = That number is too small. It must be at least { $min }.
dialog-number-too-large = That number is too large. It can be at most { $max }.

dialog-date-empty = I got no date. Type for example 12.03.2027.
dialog-date-ambiguous = I am not sure which date you mean. Type day, month and year, for example 12.03.2027.
dialog-date-invalid = That date does not exist. Check the day and month, for example 12.03.2027.
dialog-date-mismatch = The weekday and the date do not match. Type just the date, for example 12.03.2027.
dialog-date-unknown = I did not understand the date. Type it as 12.03.2027.
dialog-date-no-date = I need a date, not just a time. Type for example 12.03.2027.
dialog-date-too-early = The date cannot be before { $date }.
dialog-date-too-late = The date cannot be after { $date }.

dialog-text-empty = Please type a few words, or tap Back.
dialog-text-too-long = That is a bit long. Please keep it under { $max } characters.
