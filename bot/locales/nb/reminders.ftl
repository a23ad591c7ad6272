## Påminnelser: treffstedet, bo- og oppfølgingsavtalen, og de ansattes oppsett.

## Tid og dato
reminders-weekday = { $day ->
    [mon] mandag
    [tue] tirsdag
    [wed] onsdag
    [thu] torsdag
    [fri] fredag
    [sat] lørdag
   *[sun] søndag
}
reminders-weekday-short = { $day ->
    [mon] man
    [tue] tir
    [wed] ons
    [thu] tor
    [fri] fre
    [sat] lør
   *[sun] søn
}
reminders-clock = { $hh }.{ $mm }
reminders-when = { $rel ->
    [today] i dag kl. { $time }
    [tomorrow] i morgen, { $weekday } { $date }, kl. { $time }
   *[other] { $weekday } { $date } kl. { $time }
}
reminders-weekly = hver { $weekday } kl. { $time }

## Knapper
reminders-btn-menu = ↩️ Meny
reminders-btn-stop = 🔕 Ikke send flere påminnelser om treffet
reminders-btn-subscribe = 🔔 Meld på: { $meetup }
reminders-btn-unsubscribe = 🔕 Meld av: { $meetup }
reminders-btn-staff = 💬 Snakk med en ansatt
reminders-btn-next-home = 💬 Snakk med en ansatt om hvor du skal bo
reminders-btn-stop-agreement = 🔕 Stopp også påminnelser om avtalen
reminders-btn-cancel = ✖️ Avbryt
reminders-btn-save = ✅ Lagre
reminders-btn-keep = Behold: { $value }
reminders-btn-skip = Hopp over
reminders-btn-new-meetup = ➕ Nytt treff
reminders-btn-edit = ✏️ Endre { $n }
reminders-btn-cancel-date = 🚫 Avlys en dato { $n }
reminders-btn-delete = 🗑 Slett { $n }
reminders-btn-delete-yes = 🗑 Ja, slett
reminders-btn-no = Nei
reminders-btn-undo = ↩️ Angre avlysningen
reminders-btn-confirm-cancel = ✅ Ja, avlys
reminders-btn-new-agreement = ➕ Ny avtale
reminders-btn-new-code = 🔗 Ny lenke { $n }
reminders-btn-today = I dag ({ $date })
reminders-btn-end-default = { $months } måneder etter start ({ $date })
reminders-btn-end-keep = Ja, behold { $date }
reminders-btn-every = Hver { $days }. dag
reminders-btn-no-reviews = Ingen gjennomganger

## For beboere og tidligere beboere
reminders-menu-intro =
    🔔 <b>Påminnelser</b>
    Jeg kan minne deg på treffstedet som er en gang i uken. Du får en melding før hvert treff, med tid og sted.
    Du kan stoppe når du vil.
reminders-menu-none = Det er ingen treff satt opp akkurat nå. Spør gjerne en ansatt.
reminders-menu-line = • { $meetup }, { $place }{ $mark }
reminders-menu-on = ✅ (du får påminnelser)
reminders-menu-agreement = Du får også påminnelser om bo- og oppfølgingsavtalen din. Den slutter { $end }.
reminders-subscribed =
    ✅ Nå får du påminnelser om treffet { $weekly }, { $place }.
    Neste treff er { $next }.
    Vil du stoppe? Trykk på knappen under en påminnelse, eller skriv /stopp.
reminders-already-subscribed = Du får allerede påminnelser om dette treffet. Neste treff er { $next }.
reminders-unsubscribed = 🔕 Greit, du får ikke flere påminnelser om treffet { $weekly }. Du kan melde deg på igjen under «Påminnelser» i menyen.
reminders-stopped = 🔕 Greit, du får ikke flere påminnelser om treffet.
reminders-stopped-none = Du får ingen påminnelser om treffet nå.
reminders-stop-agreement-ask = Du får fortsatt påminnelser om bo- og oppfølgingsavtalen din. Vil du stoppe dem også?
reminders-agreement-unlinked = 🔕 Greit, du får ikke flere påminnelser om avtalen. Snakk med en ansatt hvis du ombestemmer deg.
reminders-link-ok =
    ✅ Takk! Nå får du påminnelser om bo- og oppfølgingsavtalen din.
    Jeg sier fra før hver gjennomgang, og før avtalen slutter { $end }.
    Vil du stoppe? Skriv /stopp.
reminders-link-invalid = Denne lenken virker ikke lenger. Den kan bare brukes én gang, og den går ut etter en stund. Be en ansatt om en ny lenke.

## Påminnelsene
reminders-meetup-reminder =
    🔔 <b>Påminnelse:</b> Treffet er { $when }.
    Sted: { $place }
    Velkommen!
reminders-meetup-note = Merk: { $note }
reminders-meetup-cancelled =
    🚫 <b>Ingen treff { $when }.</b>
    Treffet er avlyst denne gangen.
reminders-meetup-next = Neste treff er { $next }, { $place }.
reminders-review-resident =
    🔔 <b>Påminnelse:</b> Bo- og oppfølgingsavtalen din skal gjennomgås { $weekday } { $date }.
    Tenk gjerne på hvordan det går, og hva du trenger hjelp til.
reminders-end-resident =
    🔔 <b>Påminnelse:</b> Bo- og oppfølgingsavtalen din slutter { $weekday } { $date }.
    Vi hjelper deg gjerne med å finne et sted å bo videre. Ta kontakt, så finner vi ut av det sammen.
reminders-review-staff = 📋 Gjennomgang av avtale «{ $label }» { $weekday } { $date }. { $linked }
reminders-end-staff = 📋 Avtale «{ $label }» slutter { $weekday } { $date }. { $linked }
reminders-staff-linked = Beboeren har fått påminnelse.
reminders-staff-not-linked = Beboeren har ikke koblet seg til, og har ikke fått påminnelse.

## Ansatte: treff (/treff)
reminders-meetups-title = 📅 <b>Treff</b>
reminders-meetups-none = Ingen treff er satt opp ennå.
reminders-meetups-line = { $n }. { $meetup }, { $place } ({ $count } påmeldt)
reminders-meetups-cancelled = Avlyst: { $dates }
reminders-meetups-link = Lenke for påmelding: { $link }
reminders-meetups-how = Tidligere beboere melder seg på under «Påminnelser» i menyen.
reminders-ask-weekday = Hvilken dag i uken er treffet? Trykk på en dag, eller skriv for eksempel «tirsdag 18».
reminders-ask-time = Hvilket klokkeslett? Skriv for eksempel «18:00».
reminders-ask-place = Hvor er treffet? Skriv stedet, for eksempel «Storgata 1, 2. etasje».
reminders-ask-note = Vil du legge til en kort merknad? For eksempel «Vi lager middag sammen». Ellers trykk «Hopp over».
reminders-meetup-summary =
    Stemmer dette?
    <b>{ $meetup }</b>
    Sted: { $place }
    Merknad: { $note }
reminders-no-note = (ingen)
reminders-meetup-saved = ✅ Treffet er lagret.
reminders-meetup-gone = Det treffet finnes ikke lenger.
reminders-meetup-delete-ask = Vil du slette treffet { $meetup }? { $count } påmeldte får ikke flere påminnelser.
reminders-meetup-deleted = 🗑 Treffet er slettet.
reminders-ask-cancel-date = Hvilken dato skal treffet ({ $meetup }) avlyses? Trykk på en dato, eller skriv den, for eksempel «24.12».
reminders-cancel-summary = Avlyse treffet { $when }? De { $count } påmeldte får beskjed om at det ikke blir treff, i stedet for påminnelse.
reminders-cancel-saved = ✅ Treffet { $when } er avlyst. De påmeldte får beskjed.
reminders-cancel-exists = Den datoen er allerede avlyst.
reminders-cancel-undone = ↩️ Avlysningen er angret. Treffet { $when } blir som vanlig.
reminders-cancel-undo-gone = Den avlysningen finnes ikke lenger.

## Ansatte: avtaler (/avtale)
reminders-agreements-title = 📋 <b>Bo- og oppfølgingsavtaler</b>
reminders-agreements-none = Ingen aktive avtaler er registrert.
reminders-agreements-line = { $n }. «{ $label }»: { $start }–{ $end }. Neste gjennomgang: { $review }. { $linked }
reminders-agreements-linked = Koblet ✅
reminders-agreements-not-linked = Ikke koblet ennå
reminders-agreements-no-review = ingen
reminders-ask-label =
    Skriv en kort merkelapp eller referanse for avtalen, for eksempel «Rom 3» eller et saksnummer (høyst { $max } tegn).
    Ikke skriv navnet til beboeren. Jeg lagrer ikke navn, bare merkelappen og datoene.
reminders-ask-start = Når startet avtalen? Skriv en dato, for eksempel «12.03.2027» eller «i dag».
reminders-ask-end = Når slutter avtalen? Oppholdet er høyst { $months } måneder. Skriv en dato, eller trykk på knappen.
reminders-ask-reviews = Når skal avtalen gjennomgås? Trykk «Hver { $days }. dag», skriv et annet antall dager (for eksempel «hver 7. dag»), eller skriv datoene (for eksempel «20.03, 03.04»).
reminders-agreement-summary =
    Stemmer dette?
    Merkelapp: <b>{ $label }</b>
    Fra { $start } til { $end }
    Gjennomganger: { $reviews }
reminders-agreement-saved =
    ✅ Avtalen «{ $label }» er lagret.
    Gi beboeren denne lenken. Den virker én gang, og går ut { $expires }:
    { $link }
    Når lenken er åpnet, får beboeren påminnelser før hver gjennomgang og før avtalen slutter. Du får påminnelse før hver gjennomgang.
reminders-agreement-code =
    🔗 Ny lenke for «{ $label }». Den virker én gang, og går ut { $expires }. Den gamle lenken virker ikke lenger.
    { $link }
reminders-agreement-link-manual = Eller: åpne boten og skriv { $command }
reminders-agreement-delete-ask = Vil du slette avtalen «{ $label }»? Beboeren får ikke flere påminnelser om den.
reminders-agreement-deleted = 🗑 Avtalen er slettet.

## Felles for veiledningene
reminders-flow-cancelled = Avbrutt. Ingenting er lagret.
reminders-flow-hint = (Skriv «avbryt» for å avbryte.)
reminders-err-weekday = Jeg skjønte ikke hvilken dag. Skriv en ukedag, for eksempel «tirsdag» eller «tirsdag 18».
reminders-err-time = Jeg skjønte ikke klokkeslettet. Skriv det slik: «18:00».
reminders-err-place = Skriv stedet med 2 til { $max } tegn.
reminders-err-note = Merknaden kan ha høyst { $max } tegn.
reminders-err-date = Jeg skjønte ikke datoen. Skriv den slik: «24.12.2027».
reminders-err-ambiguous = Den datoen kan leses på flere måter. Skriv den slik: «03.04.2027» (dag.måned.år).
reminders-err-mismatch = Ukedagen og datoen passer ikke sammen: { $date } er en { $weekday }. Skriv datoen på nytt.
reminders-err-past = { $date } har allerede vært. Skriv en dato fram i tid.
reminders-err-not-meetup-day = Treffet er på { $weekday }er. Skriv en dato som er en { $weekday }.
reminders-err-label = Skriv en merkelapp med 1 til { $max } tegn.
reminders-err-start-old = Den datoen er mer enn { $months } måneder siden. Sjekk datoen og skriv den på nytt.
reminders-err-start-far = Den datoen er mer enn ett år fram i tid. Sjekk datoen og skriv den på nytt.
reminders-err-end-before-start = Avtalen må slutte etter at den starter ({ $start }).
reminders-warn-end-long = ⚠️ { $date } er mer enn { $months } måneder etter start (senest { $limit }). Er det riktig? Trykk «Ja, behold», eller skriv en annen dato.
reminders-err-reviews = Jeg skjønte ikke det. Skriv et antall dager (for eksempel «hver 7. dag») eller datoer (for eksempel «20.03, 03.04»).
reminders-err-review-after-end = En gjennomgang kan ikke være etter at avtalen slutter ({ $end }).
reminders-err-confirm = Trykk «Lagre» eller «Avbryt».

## /mine_data
reminders-data-subscription = Påminnelser om treffet { $meetup }, { $place }.
reminders-data-agreement = Koblet til bo- og oppfølgingsavtale «{ $label }» (til { $end }), for påminnelser.
reminders-data-staff = Ansvarlig ansatt for { $count } avtale(r).
reminders-data-log = En liste over { $count } påminnelser sendt til deg, så ingen sendes to ganger. Den slettes etter { $days } dager.
reminders-data-flow = Et oppsett du er midt i (treff eller avtale).

## Kommandoer
commands-stopp = Stopp påminnelser
commands-treff = Treff (for ansatte)
commands-avtale = Avtaler (for ansatte)
reminders-flow-private = Treff og avtaler settes opp i en privat chat med meg. Skriv /treff eller /avtale der.
