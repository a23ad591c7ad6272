welcome =
    Hei, { $name }! 👋 Jeg er boligassistenten til kommunen.
    Jeg kan svare på spørsmål om bolig, sjekke hva som kan passe for deg, og sette deg i kontakt med en ansatt.
    Jeg er en chatbot, ikke en saksbehandler. Det jeg sier er veiledning, ikke en avgjørelse.
menu-prompt = Hva vil du gjøre?
menu-faq = ❓ Still et spørsmål
menu-bolignu = 🏠 Midlertidig bolig
menu-startlan = 💰 Startlån
menu-foyer = 🧑 Foyer (unge)
menu-reminders = 🔔 Påminnelser
menu-staff = 💬 Snakk med en ansatt
menu-language = 🌐 Språk / Language
menu-privacy = 🔒 Personvern
coming-soon = Denne delen er ikke ferdig ennå. Den kommer snart. Du kan skrive spørsmålet ditt, eller ta kontakt med boligkontoret.
help-text =
    Slik bruker du meg:
    • Skriv et spørsmål med dine egne ord, for eksempel «hva koster hybel».
    • Trykk på knappene i menyen.
    • /start viser menyen.
    • /sprak bytter språk.
    • /personvern forteller hva jeg lagrer.
    • /mine_data viser det jeg har lagret om deg.
    • /slett sletter alt om deg.
language-choose = Velg språk / Choose language:
language-set = Greit, jeg skriver norsk (bokmål) nå.
language-name-nb = norsk (bokmål)
language-name-en = engelsk
language-name-nn = norsk (nynorsk)
language-name-uk = ukrainsk
unsupported-input = Jeg kan dessverre bare lese tekst og knapper. Skriv gjerne spørsmålet ditt med ord.
unknown-command = Den kommandoen kjenner jeg ikke. Skriv /help for å se hva jeg kan.
text-not-understood = Jeg skjønte ikke helt. Velg noe fra menyen.
button-inactive = Den knappen er ikke aktiv lenger.
button-inactive-short = Knappen er ikke aktiv lenger
staff-only = Dette er dessverre ikke tilgjengelig for deg.
error-apology = Beklager, noe gikk galt hos meg. Prøv igjen om litt, eller skriv /start.
privacy-text =
    🔒 <b>Personvern</b>
    Dette lagrer jeg om deg:
    • Telegram-ID-en din, språket du har valgt, og når du første og siste gang brukte meg.
    • Påminnelser og tips du har meldt deg på, hvis du har gjort det.
    • Svar i en sjekk bare mens sjekken pågår. Svarene slettes når sjekken er ferdig, hvis du ikke selv velger å sende dem til en ansatt.
    • Spørsmål jeg ikke kunne svare på lagres uten navn eller ID, for å gjøre meg bedre.
    Hvorfor: for å kunne svare deg og sende det du har bedt om.
    Hvor lenge: til du sletter det med /slett, eller til du ikke har brukt meg på { $days } dager.
    Ikke send fødselsnummer, helseopplysninger eller dokumenter her. Telegram-chatter er ikke ende-til-ende-kryptert.
    Behandlingsansvarlig: { $controller }. Personvernombud: { $dpo }.
    Se alt jeg har lagret: /mine_data. Slett alt: /slett.
mydata-title = 📄 <b>Dette har jeg lagret om deg</b>
mydata-user = Telegram-ID { $id }, språk: { $language }, første gang: { $first }, siste gang: { $last }
mydata-footer = Vil du slette alt? Skriv /slett.
delete-confirm = Vil du slette alt jeg har lagret om deg? Det kan ikke angres. Påmeldinger til påminnelser og tips blir også borte.
delete-yes = 🗑 Ja, slett alt
delete-no = Nei, behold
delete-done = ✅ Alt jeg hadde lagret om deg er slettet. Skriv /start hvis du vil bruke meg igjen.
commands-start = Start og meny
commands-help = Hjelp
commands-sprak = Bytt språk
commands-personvern = Hva jeg lagrer
commands-mine_data = Se dine data
commands-slett = Slett dine data
