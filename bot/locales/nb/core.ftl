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
privacy-title =
    🔒 <b>Personvern</b>
    Dette lagrer jeg om deg, hvor lenge og hvorfor:
privacy-account = • Telegram-ID-en din, språket ditt og når du brukte meg første og siste gang. Hvorfor: så jeg kan svare deg på ditt språk. Hvor lenge: til du skriver /slett, eller til du ikke har brukt meg på { $days ->
        [one] { $days } dag
       *[other] { $days } dager
    }. Da slettes alt om deg.
privacy-questions = • Spørsmål jeg ikke kunne svare på, eller var usikker på. Før de lagres, tar jeg bort navn, telefonnumre, adresser, e-post og lange tall. De lagres uten ID, så de kan ikke knyttes til deg, og /slett finner dem ikke. Hvorfor: så de ansatte kan gjøre svarene bedre. Hvor lenge: { $days ->
        [one] { $days } dag
       *[other] { $days } dager
    }.
privacy-dialogs = • Svarene dine i en sjekk, bare mens sjekken pågår. Navn og numre du skriver selv, tar jeg bort før lagring. Svarene slettes når sjekken er ferdig, eller etter { $hours ->
        [one] { $hours } time
       *[other] { $hours } timer
    } uten svar. Velger du å sende dem til de ansatte, havner de i gruppechatten deres.
privacy-handover = • Når du snakker med en ansatt, går meldingene dine til de ansatte: i gruppechatten deres i Telegram og på skrivebordet deres. Hvorfor: så de kan lese saken, og svaret kommer fram til deg. Hvor lenge: teksten i samtalen lagres mens saken er åpen, men høyst { $days ->
        [one] { $days } dag
       *[other] { $days } dager
    }. Den slettes innen { $after ->
        [one] { $after } dag
       *[other] { $after } dager
    } etter at saken er lukket. At saken fantes, lagres til { $days ->
        [one] { $days } dag
       *[other] { $days } dager
    } etter at den er lukket.
privacy-subscriptions = • Påminnelser og tips du har meldt deg på. Hvorfor: for å sende det du har bedt om. Hvor lenge: til du melder deg av (/stopp) eller skriver /slett.
privacy-agreement = • Har du koblet en bo- og oppfølgingsavtale til meg: datoene i avtalen. Hvorfor: for å minne deg på møtene. Hvor lenge: til { $days ->
        [one] { $days } dag
       *[other] { $days } dager
    } etter at avtalen er slutt.
privacy-reminder-log = • Hvilke påminnelser jeg har sendt deg. Hvorfor: så du aldri får samme påminnelse to ganger. Hvor lenge: { $days ->
        [one] { $days } dag
       *[other] { $days } dager
    }.
privacy-counts = • Tall uten navn eller ID: hvor mange som fikk svar, 👍 og 👎 på svarene, og hvordan sjekkene endte.
privacy-audit = • Er du ansatt: hva du gjør i verktøyene for ansatte (for eksempel sender tips, lukker saker, endrer treff), med når og hvem, men aldri tekst du skrev. Hvorfor: kommunen må kunne se hvem som gjorde hva. Hvor lenge: { $days ->
        [one] { $days } dag
       *[other] { $days } dager
    }. Skriver du /slett, blir radene liggende, men uten Telegram-ID-en din.
privacy-rights =
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
