## Нагадування: щотижнева зустріч (treffstedet), угода про проживання та супровід (bo- og oppfølgingsavtale) і налаштування для працівників.

## Час і дата
reminders-weekday = { $day ->
    [mon] понеділок
    [tue] вівторок
    [wed] середа
    [thu] четвер
    [fri] п’ятниця
    [sat] субота
   *[sun] неділя
}
reminders-weekday-short = { $day ->
    [mon] Пн
    [tue] Вт
    [wed] Ср
    [thu] Чт
    [fri] Пт
    [sat] Сб
   *[sun] Нд
}
reminders-clock = { $hh }:{ $mm }
reminders-when = { $rel ->
    [today] сьогодні о { $time }
    [tomorrow] завтра ({ $weekday }, { $date }) о { $time }
   *[other] { $weekday }, { $date }, о { $time }
}
reminders-weekly = щотижня, { $weekday } о { $time }

## Кнопки
reminders-btn-menu = ↩️ Меню
reminders-btn-stop = 🔕 Не нагадувати про зустрічі
reminders-btn-subscribe = 🔔 Підписатися: { $meetup }
reminders-btn-unsubscribe = 🔕 Відписатися: { $meetup }
reminders-btn-staff = 💬 Поговорити з працівником
reminders-btn-next-home = 💬 Допомога з новим житлом
reminders-btn-stop-agreement = 🔕 Не нагадувати про угоду
reminders-btn-cancel = ✖️ Скасувати
reminders-btn-save = ✅ Зберегти
reminders-btn-keep = Залишити: { $value }
reminders-btn-skip = Пропустити
reminders-btn-new-meetup = ➕ Нова зустріч
reminders-btn-edit = ✏️ Змінити { $n }
reminders-btn-cancel-date = 🚫 Скасувати дату { $n }
reminders-btn-delete = 🗑 Видалити { $n }
reminders-btn-delete-yes = 🗑 Так, видалити
reminders-btn-no = Ні
reminders-btn-undo = ↩️ Відновити зустріч
reminders-btn-confirm-cancel = ✅ Так, скасувати
reminders-btn-new-agreement = ➕ Нова угода
reminders-btn-new-code = 🔗 Нове посилання { $n }
reminders-btn-today = Сьогодні ({ $date })
reminders-btn-end-default = Через { $months } міс. ({ $date })
reminders-btn-end-keep = Так, залишити { $date }
reminders-btn-every = { $days ->
    [one] Кожен { $days } день
    [few] Кожні { $days } дні
    [many] Кожні { $days } днів
   *[other] Кожні { $days } дня
}
reminders-btn-no-reviews = Без переглядів

## Для мешканців і колишніх мешканців
reminders-menu-intro =
    🔔 <b>Нагадування</b>
    Я можу нагадувати вам про зустріч (treffstedet), яка відбувається раз на тиждень. Перед кожною зустріччю ви отримаєте повідомлення з часом і місцем.
    Відписатися можна будь-коли.
reminders-menu-none = Зараз не заплановано жодної зустрічі. Запитайте працівника.
reminders-menu-line = • { $meetup }, { $place }{ $mark }
reminders-menu-on = ✅ (ви отримуєте нагадування)
reminders-menu-agreement = Ви також отримуєте нагадування про свою угоду про проживання та супровід (bo- og oppfølgingsavtale). Вона закінчується { $end }.
reminders-subscribed =
    ✅ Тепер ви отримуватимете нагадування про зустріч ({ $weekly }), місце: { $place }.
    Наступна зустріч — { $next }.
    Хочете відписатися? Натисніть кнопку під нагадуванням або напишіть /stopp.
reminders-already-subscribed = Ви вже отримуєте нагадування про цю зустріч. Наступна зустріч — { $next }.
reminders-unsubscribed = 🔕 Добре, ви більше не отримуватимете нагадувань про зустріч ({ $weekly }). Підписатися знову можна в меню, розділ «Нагадування».
reminders-stopped = 🔕 Добре, ви більше не отримуватимете нагадувань про зустрічі.
reminders-stopped-none = Зараз ви не отримуєте нагадувань про зустрічі.
reminders-stop-agreement-ask = Ви й далі отримуєте нагадування про свою угоду про проживання та супровід (bo- og oppfølgingsavtale). Вимкнути й ці нагадування?
reminders-agreement-unlinked = 🔕 Добре, ви більше не отримуватимете нагадувань про угоду. Якщо передумаєте, зверніться до працівника.
reminders-link-ok =
    ✅ Дякую! Тепер ви отримуватимете нагадування про свою угоду про проживання та супровід (bo- og oppfølgingsavtale).
    Я нагадаю вам перед кожним переглядом угоди, а також перед тим, як вона закінчиться { $end }.
    Хочете відписатися? Напишіть /stopp.
reminders-link-invalid = Це посилання більше не діє. Ним можна скористатися лише один раз, і через деякий час воно стає недійсним. Попросіть у працівника нове посилання.

## Нагадування
reminders-meetup-reminder =
    🔔 <b>Нагадування:</b> зустріч — { $when }.
    Місце: { $place }
    Чекаємо на вас!
reminders-meetup-note = Примітка: { $note }
reminders-meetup-cancelled =
    🚫 <b>Зустріч скасовано: { $when }.</b>
    Цього разу зустрічі не буде.
reminders-meetup-next = Наступна зустріч — { $next }, { $place }.
reminders-review-resident =
    🔔 <b>Нагадування:</b> перегляд вашої угоди про проживання та супровід (bo- og oppfølgingsavtale) — { $weekday }, { $date }.
    Подумайте, як у вас справи і з чим вам потрібна допомога.
reminders-end-resident =
    🔔 <b>Нагадування:</b> ваша угода про проживання та супровід (bo- og oppfølgingsavtale) закінчується: { $weekday }, { $date }.
    Ми охоче допоможемо вам знайти, де жити далі. Зверніться до нас, і ми разом знайдемо рішення.
reminders-review-staff = 📋 Перегляд угоди «{ $label }»: { $weekday }, { $date }. { $linked }
reminders-end-staff = 📋 Угода «{ $label }» закінчується: { $weekday }, { $date }. { $linked }
reminders-staff-linked = Мешканцю надіслано нагадування.
reminders-staff-not-linked = Мешканець ще не під’єднав Telegram, тому нагадування не надіслано.

## Працівники: зустрічі (/treff)
reminders-meetups-title = 📅 <b>Зустрічі</b>
reminders-meetups-none = Ще не заплановано жодної зустрічі.
reminders-meetups-line = { $n }. { $meetup }, { $place } (підписників: { $count })
reminders-meetups-cancelled = Скасовано: { $dates }
reminders-meetups-link = Посилання для підписки: { $link }
reminders-meetups-how = Колишні мешканці підписуються в меню, розділ «Нагадування».
reminders-ask-weekday = У який день тижня зустріч? Натисніть на день або напишіть норвезькою чи англійською, наприклад «tirsdag 18» чи «Tuesday 18».
reminders-ask-time = О котрій годині? Напишіть, наприклад, «18:00».
reminders-ask-place = Де відбувається зустріч? Напишіть місце, наприклад «Storgata 1, 2. etasje».
reminders-ask-note = Хочете додати коротку примітку? Наприклад: «Разом готуємо вечерю». Якщо ні, натисніть «Пропустити».
reminders-meetup-summary =
    Усе правильно?
    <b>{ $meetup }</b>
    Місце: { $place }
    Примітка: { $note }
reminders-no-note = (немає)
reminders-meetup-saved = ✅ Зустріч збережено.
reminders-meetup-gone = Такої зустрічі вже немає.
reminders-meetup-delete-ask = Видалити зустріч ({ $meetup })? { $count ->
    [one] { $count } підписник більше не отримуватиме нагадувань.
    [few] { $count } підписники більше не отримуватимуть нагадувань.
    [many] { $count } підписників більше не отримуватимуть нагадувань.
   *[other] { $count } підписника більше не отримуватимуть нагадувань.
}
reminders-meetup-deleted = 🗑 Зустріч видалено.
reminders-ask-cancel-date = Яку дату зустрічі ({ $meetup }) скасувати? Натисніть на дату або напишіть її, наприклад «24.12».
reminders-cancel-summary = Скасувати зустріч ({ $when })? Замість нагадування { $count ->
    [one] { $count } підписник отримає
    [few] { $count } підписники отримають
    [many] { $count } підписників отримають
   *[other] { $count } підписника отримають
} повідомлення, що зустрічі не буде.
reminders-cancel-saved = ✅ Зустріч ({ $when }) скасовано. Підписники отримають повідомлення.
reminders-cancel-exists = Цю дату вже скасовано.
reminders-cancel-undone = ↩️ Скасування відмінено. Зустріч ({ $when }) відбудеться як зазвичай.
reminders-cancel-undo-gone = Цього скасування вже немає.

## Працівники: угоди (/avtale)
reminders-agreements-title = 📋 <b>Угоди про проживання та супровід</b>
reminders-agreements-none = Немає зареєстрованих активних угод.
reminders-agreements-line = { $n }. «{ $label }»: { $start }–{ $end }. Наступний перегляд: { $review }. { $linked }
reminders-agreements-linked = Під’єднано ✅
reminders-agreements-not-linked = Ще не під’єднано
reminders-agreements-no-review = немає
reminders-ask-label =
    Напишіть коротку позначку або номер для угоди, наприклад «Кімната 3» чи номер справи (не більше { $max ->
        [one] { $max } символу
        [few] { $max } символів
        [many] { $max } символів
       *[other] { $max } символу
    }).
    Не пишіть ім’я мешканця. Я не зберігаю імен — лише позначку й дати.
reminders-ask-start = Коли почалася угода? Напишіть дату, наприклад «12.03.2027», або натисніть «Сьогодні».
reminders-ask-end = Коли закінчується угода? Проживання триває не більше { $months ->
    [one] { $months } місяця
    [few] { $months } місяців
    [many] { $months } місяців
   *[other] { $months } місяця
}. Напишіть дату або натисніть кнопку.
reminders-ask-reviews = Коли переглядати угоду? Натисніть «{ $days ->
    [one] Кожен { $days } день
    [few] Кожні { $days } дні
    [many] Кожні { $days } днів
   *[other] Кожні { $days } дня
}», напишіть іншу кількість днів (наприклад «7» — кожні 7 днів) або напишіть дати (наприклад «20.03, 03.04»).
reminders-agreement-summary =
    Усе правильно?
    Позначка: <b>{ $label }</b>
    З { $start } до { $end }
    Перегляди: { $reviews }
reminders-agreement-saved =
    ✅ Угоду «{ $label }» збережено.
    Передайте мешканцеві це посилання. Воно спрацює лише один раз; термін дії закінчується: { $expires }.
    { $link }
    Коли мешканець відкриє посилання, він отримуватиме нагадування перед кожним переглядом і перед завершенням угоди. Ви отримуватимете нагадування перед кожним переглядом.
reminders-agreement-code =
    🔗 Нове посилання для «{ $label }». Воно спрацює лише один раз; термін дії закінчується: { $expires }. Старе посилання більше не діє.
    { $link }
reminders-agreement-link-manual = Або: відкрийте бота й напишіть { $command }
reminders-agreement-delete-ask = Видалити угоду «{ $label }»? Мешканець більше не отримуватиме нагадувань про неї.
reminders-agreement-deleted = 🗑 Угоду видалено.

## Спільне для покрокових налаштувань
reminders-flow-cancelled = Скасовано. Нічого не збережено.
reminders-flow-hint = (Щоб скасувати, напишіть «avbryt» або «cancel».)
reminders-err-weekday = Не вдалося розпізнати день. Напишіть день тижня норвезькою чи англійською, наприклад «tirsdag» або «tirsdag 18».
reminders-err-time = Не вдалося розпізнати час. Напишіть так: «18:00».
reminders-err-place = Напишіть місце: від 2 до { $max ->
    [one] { $max } символу
    [few] { $max } символів
    [many] { $max } символів
   *[other] { $max } символу
}.
reminders-err-note = Примітка може містити не більше { $max ->
    [one] { $max } символу
    [few] { $max } символів
    [many] { $max } символів
   *[other] { $max } символу
}.
reminders-err-date = Не вдалося розпізнати дату. Напишіть так: «24.12.2027».
reminders-err-ambiguous = Цю дату можна зрозуміти по-різному. Напишіть так: «03.04.2027» (день.місяць.рік).
reminders-err-mismatch = День тижня і дата не збігаються: { $date } — це { $weekday }. Напишіть дату ще раз.
reminders-err-past = Дата { $date } уже минула. Напишіть майбутню дату.
reminders-err-not-meetup-day = Зустріч відбувається в такий день тижня: { $weekday }. Напишіть дату, яка припадає на цей день ({ $weekday }).
reminders-err-label = Напишіть позначку довжиною від 1 до { $max ->
    [one] { $max } символу
    [few] { $max } символів
    [many] { $max } символів
   *[other] { $max } символу
}.
reminders-err-start-old = Ця дата була більше ніж { $months ->
    [one] { $months } місяць
    [few] { $months } місяці
    [many] { $months } місяців
   *[other] { $months } місяця
} тому. Перевірте дату й напишіть її ще раз.
reminders-err-start-far = Ця дата більше ніж на рік уперед. Перевірте дату й напишіть її ще раз.
reminders-err-end-before-start = Угода має закінчуватися після початку ({ $start }).
reminders-warn-end-long = ⚠️ { $date } — це більше ніж { $months ->
    [one] { $months } місяць
    [few] { $months } місяці
    [many] { $months } місяців
   *[other] { $months } місяця
} після початку (найпізніше { $limit }). Усе правильно? Натисніть «Так, залишити» або напишіть іншу дату.
reminders-err-reviews = Не вдалося розпізнати. Напишіть кількість днів (наприклад «7» — кожні 7 днів) або дати (наприклад «20.03, 03.04»).
reminders-err-review-after-end = Перегляд не може бути пізніше, ніж закінчується угода ({ $end }).
reminders-err-confirm = Натисніть «Зберегти» або «Скасувати».

## /mine_data
reminders-data-subscription = Нагадування про зустріч ({ $meetup }), { $place }.
reminders-data-agreement = Прив’язка до угоди про проживання та супровід «{ $label }» (до { $end }) для нагадувань.
reminders-data-staff = Відповідальний працівник за { $count ->
    [one] { $count } угоду
    [few] { $count } угоди
    [many] { $count } угод
   *[other] { $count } угоди
}.
reminders-data-log = Список надісланих вам нагадувань ({ $count }), щоб жодне не надійшло двічі. Його буде видалено через { $days ->
    [one] { $days } день
    [few] { $days } дні
    [many] { $days } днів
   *[other] { $days } дня
}.
reminders-data-flow = Налаштування, яке ви ще не завершили (зустріч або угода).

## Команди
commands-stopp = Вимкнути нагадування
commands-treff = Зустрічі (для працівників)
commands-avtale = Угоди (для працівників)
reminders-flow-private = Зустрічі та угоди налаштовуються в особистому чаті зі мною. Напишіть там /treff або /avtale.
