# Strings of the screening-dialog engine (bot/core/dialogs). The dialogs' own texts are in dialogs/*.yaml.
dialog-back = ◀️ Назад
dialog-cancel = ✖️ Скасувати
dialog-continue = Далі ▶️
dialog-progress = Питання { $n } з { $total }
dialog-yes = Так
dialog-no = Ні
dialog-unsure = Не знаю
dialog-sensitive = Відповідати на це питання не обов'язково. Можете натомість поговорити з працівником. Вашу відповідь не зберігають.
dialog-guidance = Це порада, а не рішення. { $decides }

# Shown in front of the question when the answer could not be used.
dialog-hint-buttons = Натисніть одну з кнопок нижче. Можна також написати відповідь так, як на кнопці.
dialog-hint-info = Натисніть «{ $button }», щоб продовжити.
dialog-type-number =
    { $unit ->
        [none] ✏️ Напишіть відповідь числом.
       *[other] ✏️ Напишіть відповідь числом ({ $unit }).
    }
dialog-type-date = ✏️ Напишіть дату, наприклад 12.03.2027.
dialog-type-text = ✏️ Напишіть відповідь своїми словами.

dialog-number-empty = Я не отримав відповіді. Напишіть число, наприклад 12 000.
dialog-number-not-a-number = Я не знайшов числа у відповіді. Напишіть лише число, наприклад 12 000.
dialog-number-range = Потрібне одне число, а не проміжок. Напишіть приблизне число, наприклад 12 000.
dialog-number-several = Я знайшов у відповіді кілька чисел. Напишіть лише одне.
dialog-number-ambiguous = Не зрозуміло, як читати це число. Напишіть його без коми, наприклад 12000 або 12,5.
dialog-number-not-whole = Напишіть ціле число, без коми.
dialog-number-too-small = Число замале. Воно має бути щонайменше { $min }.
dialog-number-too-large = Число завелике. Воно може бути щонайбільше { $max }.

dialog-date-empty = Я не отримав дати. Напишіть, наприклад, 12.03.2027.
dialog-date-ambiguous = Не зрозуміло, яку дату ви маєте на увазі. Напишіть день, місяць і рік, наприклад 12.03.2027.
dialog-date-invalid = Такої дати не існує. Перевірте день і місяць, наприклад 12.03.2027.
dialog-date-mismatch = День тижня і дата не збігаються. Напишіть лише дату, наприклад 12.03.2027.
dialog-date-unknown = Я не зрозумів дату. Напишіть її так: 12.03.2027.
dialog-date-no-date = Потрібна дата, а не лише час. Напишіть, наприклад, 12.03.2027.
dialog-date-too-early = Дата не може бути раніше за { $date }.
dialog-date-too-late = Дата не може бути пізніше за { $date }.

dialog-text-empty = Напишіть кілька слів або натисніть «Назад».
dialog-text-too-long = Задовго. Напишіть коротше, щонайбільше { $max } символів.
