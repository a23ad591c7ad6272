## Påminningar: treffstaden, bu- og oppfølgingsavtalen, og oppsettet til dei tilsette.

## Tid og dato
reminders-weekday = { $day ->
    [mon] måndag
    [tue] tysdag
    [wed] onsdag
    [thu] torsdag
    [fri] fredag
    [sat] laurdag
   *[sun] søndag
}
reminders-weekday-short = { $day ->
    [mon] mån
    [tue] tys
    [wed] ons
    [thu] tor
    [fri] fre
    [sat] lau
   *[sun] søn
}
reminders-clock = { $hh }.{ $mm }
reminders-when = { $rel ->
    [today] i dag kl. { $time }
    [tomorrow] i morgon, { $weekday } { $date }, kl. { $time }
   *[other] { $weekday } { $date } kl. { $time }
}
reminders-weekly = kvar { $weekday } kl. { $time }

## Knappar
reminders-btn-menu = ↩️ Meny
reminders-btn-stop = 🔕 Stopp påminningar om treffet
reminders-btn-subscribe = 🔔 Meld på: { $meetup }
reminders-btn-unsubscribe = 🔕 Meld av: { $meetup }
reminders-btn-staff = 💬 Snakk med ein tilsett
reminders-btn-next-home = 💬 Få hjelp med ny bustad
reminders-btn-stop-agreement = 🔕 Stopp påminningar om avtalen
reminders-btn-cancel = ✖️ Avbryt
reminders-btn-save = ✅ Lagre
reminders-btn-keep = Behald: { $value }
reminders-btn-skip = Hopp over
reminders-btn-new-meetup = ➕ Nytt treff
reminders-btn-edit = ✏️ Endre { $n }
reminders-btn-cancel-date = 🚫 Avlys ein dato { $n }
reminders-btn-delete = 🗑 Slett { $n }
reminders-btn-delete-yes = 🗑 Ja, slett
reminders-btn-no = Nei
reminders-btn-undo = ↩️ Angre avlysinga
reminders-btn-confirm-cancel = ✅ Ja, avlys
reminders-btn-new-agreement = ➕ Ny avtale
reminders-btn-new-code = 🔗 Ny lenkje { $n }
reminders-btn-today = I dag ({ $date })
reminders-btn-end-default = { $months } mnd. etter start ({ $date })
reminders-btn-end-keep = Ja, behald { $date }
reminders-btn-every = Kvar { $days }. dag
reminders-btn-no-reviews = Ingen gjennomgangar

## For bebuarar og tidlegare bebuarar
reminders-menu-intro =
    🔔 <b>Påminningar</b>
    Eg kan minne deg på treffstaden, som er ein gong i veka. Du får ei melding før kvart treff, med tid og stad.
    Du kan stoppe når du vil.
reminders-menu-none = Det er ikkje sett opp noko treff akkurat no. Spør gjerne ein tilsett.
reminders-menu-line = • { $meetup }, { $place }{ $mark }
reminders-menu-on = ✅ (du får påminningar)
reminders-menu-agreement = Du får også påminningar om bu- og oppfølgingsavtalen din. Avtalen sluttar { $end }.
reminders-subscribed =
    ✅ No får du påminningar om treffet { $weekly }, { $place }.
    Neste treff er { $next }.
    Vil du stoppe? Trykk på knappen under ei påminning, eller skriv /stopp.
reminders-already-subscribed = Du får allereie påminningar om dette treffet. Neste treff er { $next }.
reminders-unsubscribed = 🔕 Greitt, du får ikkje fleire påminningar om treffet { $weekly }. Du kan melde deg på igjen under «Påminningar» i menyen.
reminders-stopped = 🔕 Greitt, du får ikkje fleire påminningar om treffet.
reminders-stopped-none = Du får ingen påminningar om treffet no.
reminders-stop-agreement-ask = Du får framleis påminningar om bu- og oppfølgingsavtalen din. Vil du stoppe dei òg?
reminders-agreement-unlinked = 🔕 Greitt, du får ikkje fleire påminningar om avtalen. Snakk med ein tilsett om du kjem på andre tankar.
reminders-link-ok =
    ✅ Takk! No får du påminningar om bu- og oppfølgingsavtalen din.
    Eg seier frå før kvar gjennomgang, og før avtalen sluttar { $end }.
    Vil du stoppe? Skriv /stopp.
reminders-link-invalid = Denne lenkja verkar ikkje lenger. Ho kan berre brukast éin gong, og ho går ut etter ei stund. Be ein tilsett om ei ny lenkje.

## Påminningane
reminders-meetup-reminder =
    🔔 <b>Påminning:</b> Treffet er { $when }.
    Stad: { $place }
    Velkomen!
reminders-meetup-note = Merk: { $note }
reminders-meetup-cancelled =
    🚫 <b>Ikkje noko treff { $when }.</b>
    Treffet er avlyst denne gongen.
reminders-meetup-next = Neste treff er { $next }, { $place }.
reminders-review-resident =
    🔔 <b>Påminning:</b> Det blir gjennomgang av bu- og oppfølgingsavtalen din { $weekday } { $date }.
    Tenk gjerne over korleis det går, og kva du treng hjelp til.
reminders-end-resident =
    🔔 <b>Påminning:</b> Bu- og oppfølgingsavtalen din sluttar { $weekday } { $date }.
    Vi hjelper deg gjerne med å finne ein stad å bu vidare. Ta kontakt, så finn vi ut av det saman.
reminders-review-staff = 📋 Gjennomgang av avtale «{ $label }» { $weekday } { $date }. { $linked }
reminders-end-staff = 📋 Avtale «{ $label }» sluttar { $weekday } { $date }. { $linked }
reminders-staff-linked = Bebuaren har fått påminning.
reminders-staff-not-linked = Bebuaren har ikkje kopla seg til, og har ikkje fått påminning.

## Tilsette: treff (/treff)
reminders-meetups-title = 📅 <b>Treff</b>
reminders-meetups-none = Det er ikkje sett opp noko treff enno.
reminders-meetups-line = { $n }. { $meetup }, { $place } (påmelde: { $count })
reminders-meetups-cancelled = Avlyst: { $dates }
reminders-meetups-link = Lenkje for påmelding: { $link }
reminders-meetups-how = Tidlegare bebuarar melder seg på under «Påminningar» i menyen.
reminders-ask-weekday = Kva dag i veka er treffet? Trykk på ein dag, eller skriv til dømes «tysdag 18».
reminders-ask-time = Kva klokkeslett? Skriv til dømes «18:00».
reminders-ask-place = Kvar er treffet? Skriv staden, til dømes «Storgata 1, 2. etasje».
reminders-ask-note = Vil du leggje til ein kort merknad? Til dømes «Vi lagar middag saman». Elles trykkjer du «Hopp over».
reminders-meetup-summary =
    Stemmer dette?
    <b>{ $meetup }</b>
    Stad: { $place }
    Merknad: { $note }
reminders-no-note = (ingen)
reminders-meetup-saved = ✅ Treffet er lagra.
reminders-meetup-gone = Det treffet finst ikkje lenger.
reminders-meetup-delete-ask = Vil du slette treffet { $meetup }? Dei påmelde ({ $count }) får ikkje fleire påminningar.
reminders-meetup-deleted = 🗑 Treffet er sletta.
reminders-ask-cancel-date = Kva dato vil du avlyse treffet ({ $meetup })? Trykk på ein dato, eller skriv han, til dømes «24.12».
reminders-cancel-summary = Avlyse treffet { $when }? Dei påmelde ({ $count }) får beskjed om at det ikkje blir treff, i staden for påminning.
reminders-cancel-saved = ✅ Treffet { $when } er avlyst. Dei påmelde får beskjed.
reminders-cancel-exists = Den datoen er allereie avlyst.
reminders-cancel-undone = ↩️ Avlysinga er angra. Treffet { $when } blir som vanleg.
reminders-cancel-undo-gone = Den avlysinga finst ikkje lenger.

## Tilsette: avtalar (/avtale)
reminders-agreements-title = 📋 <b>Bu- og oppfølgingsavtalar</b>
reminders-agreements-none = Ingen aktive avtalar er registrerte.
reminders-agreements-line = { $n }. «{ $label }»: { $start }–{ $end }. Neste gjennomgang: { $review }. { $linked }
reminders-agreements-linked = Kopla ✅
reminders-agreements-not-linked = Ikkje kopla enno
reminders-agreements-no-review = ingen
reminders-ask-label =
    Skriv ein kort merkelapp eller referanse for avtalen, til dømes «Rom 3» eller eit saksnummer (høgst { $max } teikn).
    Ikkje skriv namnet til bebuaren. Eg lagrar ikkje namn, berre merkelappen og datoane.
reminders-ask-start = Når starta avtalen? Skriv ein dato, til dømes «12.03.2027» eller «i dag».
reminders-ask-end = Når sluttar avtalen? Opphaldet er høgst { $months } månader. Skriv ein dato, eller trykk på knappen.
reminders-ask-reviews = Når skal det vere gjennomgang av avtalen? Trykk «Kvar { $days }. dag», skriv eit anna tal på dagar (til dømes «7» for kvar 7. dag), eller skriv datoane (til dømes «20.03, 03.04»).
reminders-agreement-summary =
    Stemmer dette?
    Merkelapp: <b>{ $label }</b>
    Frå { $start } til { $end }
    Gjennomgangar: { $reviews }
reminders-agreement-saved =
    ✅ Avtalen «{ $label }» er lagra.
    Gi bebuaren denne lenkja. Ho verkar éin gong, og går ut { $expires }:
    { $link }
    Når lenkja er opna, får bebuaren påminningar før kvar gjennomgang og før avtalen sluttar. Du får påminning før kvar gjennomgang.
reminders-agreement-code =
    🔗 Ny lenkje for «{ $label }». Ho verkar éin gong, og går ut { $expires }. Den gamle lenkja verkar ikkje lenger.
    { $link }
reminders-agreement-link-manual = Eller: opne boten og skriv { $command }
reminders-agreement-delete-ask = Vil du slette avtalen «{ $label }»? Bebuaren får ikkje fleire påminningar om avtalen.
reminders-agreement-deleted = 🗑 Avtalen er sletta.

## Felles for rettleiingane
reminders-flow-cancelled = Avbrote. Ingenting er lagra.
reminders-flow-hint = (Skriv «avbryt» for å avbryte.)
reminders-err-weekday = Eg skjønte ikkje kva dag. Skriv ein vekedag, til dømes «tysdag» eller «tysdag 18».
reminders-err-time = Eg skjønte ikkje klokkeslettet. Skriv det slik: «18:00».
reminders-err-place = Skriv staden med 2 til { $max } teikn.
reminders-err-note = Merknaden kan ha høgst { $max } teikn.
reminders-err-date = Eg skjønte ikkje datoen. Skriv han slik: «24.12.2027».
reminders-err-ambiguous = Den datoen kan lesast på fleire måtar. Skriv han slik: «03.04.2027» (dag.månad.år).
reminders-err-mismatch = Vekedagen og datoen passar ikkje saman: { $date } er ein { $weekday }. Skriv datoen på nytt.
reminders-err-past = { $date } har alt vore. Skriv ein dato fram i tid.
reminders-err-not-meetup-day = Treffet er kvar { $weekday }. Skriv ein dato som er ein { $weekday }.
reminders-err-label = Skriv ein merkelapp med 1 til { $max } teikn.
reminders-err-start-old = Den datoen er meir enn { $months } månader sidan. Sjekk datoen og skriv han på nytt.
reminders-err-start-far = Den datoen er meir enn eitt år fram i tid. Sjekk datoen og skriv han på nytt.
reminders-err-end-before-start = Avtalen må slutte etter at han startar ({ $start }).
reminders-warn-end-long = ⚠️ { $date } er meir enn { $months } månader etter start (seinast { $limit }). Er det rett? Trykk «Ja, behald», eller skriv ein annan dato.
reminders-err-reviews = Eg skjønte ikkje det. Skriv eit tal på dagar (til dømes «7» for kvar 7. dag) eller datoar (til dømes «20.03, 03.04»).
reminders-err-review-after-end = Ein gjennomgang kan ikkje vere etter at avtalen sluttar ({ $end }).
reminders-err-confirm = Trykk «Lagre» eller «Avbryt».

## /mine_data
reminders-data-subscription = Påminningar om treffet { $meetup }, { $place }.
reminders-data-agreement = Kopla til bu- og oppfølgingsavtale «{ $label }» (til { $end }), for påminningar.
reminders-data-staff = Ansvarleg tilsett for avtalar: { $count }.
reminders-data-log = Ei liste over påminningar som er sende til deg ({ $count }), slik at ingen blir sendt to gonger. Lista blir sletta etter { $days } dagar.
reminders-data-flow = Eit oppsett du er midt i (treff eller avtale).

## Kommandoar
commands-stopp = Stopp påminningar
commands-treff = Treff (for tilsette)
commands-avtale = Avtalar (for tilsette)
reminders-flow-private = Treff og avtalar blir sette opp i ein privat chat med meg. Skriv /treff eller /avtale der.
