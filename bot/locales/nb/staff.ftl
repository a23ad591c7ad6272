## Snakk med en ansatt, tips om ledige boliger, ansattmeny og statistikk.

## Snakk med en ansatt
handover-unavailable = Det går dessverre ikke å skrive til de ansatte her ennå. Ta kontakt med { $office_name }: telefon { $office_phone }, e-post { $office_email }.
handover-ask = 💬 Skriv meldingen din til de ansatte i én melding. Skriv ikke helseopplysninger eller personnummer her. Jeg sender den videre med fornavnet ditt, og svaret kommer her i chatten.
handover-next-opening = { $weekday } kl. { $time }
handover-closed =
    🕑 Kontoret er stengt nå. Du kan skrive likevel – vi svarer når vi åpner igjen, { $when }. Åpningstid: { $hours }.
    Haster det?
    • Ring <b>113</b> hvis noen er syke eller skadet, <b>112</b> for politiet.
    • Har du ikke et sted å sove i natt: { $nav_after_hours }. NAV: { $nav_national_phone }.
handover-btn-cancel = ✖️ Avbryt
handover-btn-end = ✅ Avslutt samtalen med de ansatte
handover-btn-menu = ↩️ Meny
handover-text-only = Jeg kan bare sende tekst videre til de ansatte. Skriv gjerne det du ville vise med ord.
handover-sent-first = ✅ Sendt til de ansatte. Svaret kommer her. Alt du skriver nå går til dem, til samtalen er avsluttet.
handover-sent = ✅ Sendt til de ansatte.
handover-failed = Beklager, jeg fikk ikke sendt meldingen din til de ansatte. Ta kontakt med { $office_name }: telefon { $office_phone }.
handover-cancelled = Greit, jeg sendte ingenting.
handover-still-open = Samtalen med de ansatte er fortsatt åpen: det du skriver, går til dem. Vil du avslutte den?
handover-already-closed = Denne samtalen er allerede avsluttet.
handover-closed-by-person = Samtalen med de ansatte er avsluttet. Nå svarer jeg igjen selv.
handover-closed-by-staff = De ansatte har avsluttet samtalen. Skriv et spørsmål, eller velg «Snakk med en ansatt» i menyen hvis du vil skrive til dem igjen.
handover-answer =
    💬 <b>Svar fra { $office }:</b>
    { $text }
handover-data = { $status ->
    [asking] Du har bedt om å snakke med en ansatt. Meldingene dine lagres ikke hos meg.
   *[open] Du har en åpen samtale med de ansatte. Meldingene dine lagres ikke hos meg, bare at samtalen finnes.
}

## I ansattgruppen
handover-staff-post = 💬 <b>{ $name }</b> ({ $language }) · sak { NUMBER($thread, useGrouping: 0) } · svar på denne meldingen for å svare
handover-btn-close = ✅ Lukk saken
handover-staff-person-closed = { $name } avsluttet samtalen (sak { NUMBER($thread, useGrouping: 0) }).
handover-staff-thread-closed = Denne saken er lukket.
handover-staff-blocked = Kunne ikke levere: personen har blokkert boten. Saken er lukket.
handover-staff-failed = Kunne ikke levere svaret akkurat nå. Prøv igjen om litt.
handover-staff-text-only = Bare tekst kommer fram til personen. Skriv svaret som tekst, som svar på en melding i saken.
handover-close-how = Svar på en melding i saken med /lukk, eller skriv /lukk og saksnummeret.
handover-staff-closed = Sak { NUMBER($thread, useGrouping: 0) } er lukket av { $by }.
handover-staff-closed-short = Saken er lukket

## Tips om ledige boliger – for beboere
menu-tips = 🔑 Tips om ledige boliger
tips-menu-offer = 🏠 De ansatte ser etter ledige utleieboliger hver dag. Vil du få tips her når de finner noe? Du kan melde deg av når som helst.
tips-menu-subscribed = 🏠 Du får tips om ledige boliger. Vil du slutte å få dem?
tips-btn-subscribe = 🔔 Ja, send meg tips
tips-btn-subscribe-again = 🔔 Meld meg på igjen
tips-btn-unsubscribe = 🔕 Ikke send flere tips
tips-btn-menu = ↩️ Meny
tips-subscribed = ✅ Nå får du tips om ledige boliger her. Under hvert tips er det en knapp for å melde seg av.
tips-unsubscribed = Greit, du får ikke flere tips om ledige boliger.
tips-data-subscribed = Du får tips om ledige boliger.
tips-heading = 🏠 <b>Tips om ledig bolig fra { $office }</b>

## Tips – for ansatte
tips-draft-ask = 📣 Send tipset her: tekst, et bilde med bildetekst, eller en lenke. Du får se det før noe sendes.
tips-draft-private = 📣 Tips skrives i en privat chat med meg. Send meg /tips der.
tips-btn-drop = ✖️ Avbryt
tips-draft-unsupported = Et tips kan være tekst, et bilde med bildetekst, eller en lenke.
tips-draft-too-long = Teksten er for lang ({ $length } tegn). Et tips kan ha høyst { $limit } tegn. Send en kortere tekst.
tips-preview-choose = ☝️ Slik ser tipset ut. Hvem skal få det?
tips-audience-residents = Nåværende beboere ({ $count })
tips-audience-former = Tidligere beboere ({ $count })
tips-audience-all = Alle som abonnerer ({ $count })
tips-audience-name-residents = nåværende beboere
tips-audience-name-former = tidligere beboere
tips-audience-name-all = alle som abonnerer
tips-audience-empty = Ingen i den gruppen abonnerer på tips. Velg en annen gruppe.
tips-btn-change = ↩️ Velg mottakere på nytt
tips-confirm = Sende tipset til { $count } personer ({ $audience })?
tips-btn-send = ✅ Send til { $count }
tips-where-staff-chat = i ansattgruppen
tips-where-here = her
tips-started = 📣 Sendingen til { $count } personer har startet. Du ser framdriften { $where }.
tips-dropped = Greit, tipset er forkastet.
tips-cancel-too-late = Sendingen er allerede ferdig eller stoppet.
tips-cancelled-short = Sendingen er stoppet
tips-btn-cancel-broadcast = ⏹ Stopp sendingen
tips-progress = 📣 Tips { NUMBER($id, useGrouping: 0) } til { $audience }: sendt { $done } av { $total } (levert { $sent }, blokkert { $blocked }, feilet { $failed })
tips-report-done = ✅ Tips { NUMBER($id, useGrouping: 0) } til { $audience } er ferdig sendt: { $total } mottakere, levert { $sent }, blokkert { $blocked }, feilet { $failed }.
tips-report-cancelled = ⏹ Tips { NUMBER($id, useGrouping: 0) } til { $audience } ble stoppet: levert { $sent }, blokkert { $blocked }, feilet { $failed }, ikke sendt { $cancelled }.
tips-report-unknown = {" "}Uvisst om { $unknown } kom fram: boten stoppet mens de ble sendt, og de sendes ikke på nytt.

## Ansattmeny og ansatte
staff-menu = 🧑‍💼 Ansattmeny
staff-btn-tips = 📣 Send tips om ledig bolig
staff-btn-stats = 📊 Statistikk
staff-btn-meetups = 📅 Treff
staff-btn-agreements = 📝 Avtaler
staff-btn-manage = 👥 Ansatte
staff-btn-open-menu = 🧑‍💼 Åpne ansattmenyen
staff-list = Administratorer (fra oppsettet): { $admins }. Ansatte lagt til her: { $count }. Trykk på en ansatt for å fjerne tilgangen.
staff-add-how = Skriv /ansatte fulgt av Telegram-ID-en, for eksempel /ansatte 123456789, eller lag en invitasjonslenke.
staff-added = ✅ { $id } er lagt til som ansatt.
staff-already = { $id } er allerede ansatt.
staff-btn-remove = ✖️ Fjern { NUMBER($id, useGrouping: 0) }
staff-btn-invite = ➕ Lag invitasjonslenke
staff-invite = Send denne lenken til den nye ansatte. Den virker én gang og i { $hours } timer:
    { $link }
staff-remove-confirm = Fjerne tilgangen for { $id }?
staff-btn-remove-yes = Ja, fjern
staff-btn-back = ↩️ Tilbake
staff-removed = { $id } er ikke ansatt lenger.
staff-not-member = { $id } var ikke på listen.
staff-invite-invalid = Denne invitasjonen er brukt eller utløpt. Be en administrator om en ny.
staff-invite-already = Du har allerede tilgang som ansatt. Skriv /ansatt for ansattmenyen.
staff-welcome = ✅ Velkommen! Du har nå tilgang som ansatt. Skriv /ansatt for ansattmenyen.
staff-data-member = Du er registrert som ansatt (Telegram-ID-en din).

## Statistikk
stats-title = 📊 <b>Statistikk</b>
stats-users = Brukere: { $total } (aktive siste 30 dager: { $active })
stats-faq = Spørsmål besvart: { $answered }. Ubesvarte eller usikre (lagret): { $unanswered }
stats-top-unanswered = Vanligste ubesvarte spørsmål:
stats-dialogs = Sjekker (startet / fullført, utfall):
stats-dialog = • { $dialog }: { $started } / { $finished } ({ $detail })
stats-none = • ingen ennå
stats-subscribers = Abonnenter: treff { $meetup }, tips { $tips }. Avtaler som løper: { $agreements } (koblet til Telegram: { $linked })
stats-handover = Samtaler med ansatte: åpne { $open }, lukket { $closed }
stats-broadcasts = Siste tips:
stats-broadcast = • { NUMBER($id, useGrouping: 0) } ({ $date }, { $status }): { $total } mottakere, levert { $sent }, blokkert { $blocked }, feilet { $failed }, gjenstår { $pending }
