welcome =
    Hei, { $name }! 👋 Eg er bustadassistenten til kommunen.
    Eg kan svare på spørsmål om bustad, sjekke kva som kan passe for deg, og setje deg i kontakt med ein tilsett.
    Eg er ein chatbot, ikkje ein saksbehandlar. Det eg seier, er rettleiing, ikkje ei avgjerd.
menu-prompt = Kva vil du gjere?
menu-faq = ❓ Still eit spørsmål
menu-bolignu = 🏠 Mellombels bustad
menu-startlan = 💰 Startlån
menu-foyer = 🧑 Foyer (unge)
menu-reminders = 🔔 Påminningar
menu-staff = 💬 Snakk med ein tilsett
menu-language = 🌐 Språk / Language
menu-privacy = 🔒 Personvern
coming-soon = Denne delen er ikkje ferdig enno, men kjem snart. Du kan skrive spørsmålet ditt, eller ta kontakt med bustadkontoret.
help-text =
    Slik brukar du meg:
    • Skriv eit spørsmål med dine eigne ord, til dømes «kva kostar hybel».
    • Trykk på knappane i menyen.
    • /start viser menyen.
    • /sprak byter språk.
    • /personvern fortel kva eg lagrar.
    • /mine_data viser det eg har lagra om deg.
    • /slett slettar alt om deg.
language-choose = Vel språk / Choose language:
language-set = Greitt, no skriv eg nynorsk.
language-name-nb = norsk (bokmål)
language-name-en = engelsk
language-name-nn = norsk (nynorsk)
language-name-uk = ukrainsk
unsupported-input = Eg kan dessverre berre lese tekst og knappar. Skriv gjerne spørsmålet ditt med ord.
unknown-command = Den kommandoen kjenner eg ikkje. Skriv /help for å sjå kva eg kan.
text-not-understood = Eg skjønte ikkje heilt. Vel noko frå menyen.
button-inactive = Den knappen er ikkje aktiv lenger.
button-inactive-short = Knappen er ikkje aktiv lenger
staff-only = Dette er dessverre ikkje tilgjengeleg for deg.
error-apology = Orsak, noko gjekk gale hos meg. Prøv igjen om litt, eller skriv /start.
privacy-title =
    🔒 <b>Personvern</b>
    Dette lagrar eg om deg, kor lenge og kvifor:
privacy-account = • Telegram-ID-en din, språket ditt og når du brukte meg første og siste gong. Kvifor: så eg kan svare deg på språket ditt. Kor lenge: til du skriv /slett, eller til du ikkje har brukt meg på { $days ->
        [one] { $days } dag
       *[other] { $days } dagar
    }. Då blir alt om deg sletta.
privacy-questions = • Spørsmål eg ikkje kunne svare på, eller var usikker på. Før dei blir lagra, tek eg bort namn, telefonnummer, adresser, e-post og lange tal. Dei blir lagra utan ID, så dei kan ikkje knytast til deg, og /slett finn dei ikkje. Kvifor: så dei tilsette kan gjere svara betre. Kor lenge: { $days ->
        [one] { $days } dag
       *[other] { $days } dagar
    }.
privacy-dialogs = • Svara dine i ein sjekk, berre medan sjekken held på. Namn og nummer du skriv sjølv, tek eg bort før lagring. Svara blir sletta når sjekken er ferdig, eller etter { $hours ->
        [one] { $hours } time
       *[other] { $hours } timar
    } utan svar. Vel du å sende dei til dei tilsette, hamnar dei i gruppechatten deira.
privacy-handover = • Når du snakkar med ein tilsett, går meldingane dine til dei tilsette: i gruppechatten deira i Telegram og på skrivebordet deira. Kvifor: så dei kan lese saka, og svaret kjem fram til deg. Kor lenge: teksten i samtalen blir lagra medan saka er open, men høgst { $days ->
        [one] { $days } dag
       *[other] { $days } dagar
    }. Han blir sletta innan { $after ->
        [one] { $after } dag
       *[other] { $after } dagar
    } etter at saka er lukka. At saka fanst, blir lagra til { $days ->
        [one] { $days } dag
       *[other] { $days } dagar
    } etter at ho er lukka.
privacy-subscriptions = • Påminningar og tips du har meldt deg på. Kvifor: for å sende det du har bede om. Kor lenge: til du meldar deg av (/stopp) eller skriv /slett.
privacy-agreement = • Har du kopla ein bu- og oppfølgingsavtale til meg: datoane i avtalen. Kvifor: for å minne deg på møta. Kor lenge: til { $days ->
        [one] { $days } dag
       *[other] { $days } dagar
    } etter at avtalen er slutt.
privacy-reminder-log = • Kva påminningar eg har sendt deg. Kvifor: så du aldri får den same påminninga to gonger. Kor lenge: { $days ->
        [one] { $days } dag
       *[other] { $days } dagar
    }.
privacy-counts = • Tal utan namn eller ID: kor mange som fekk svar, 👍 og 👎 på svara, og korleis sjekkane enda.
privacy-audit = • Er du tilsett: kva du gjer i verktøya for tilsette (til dømes sender tips, lukkar saker, endrar treff), med når og kven, men aldri tekst du skreiv. Kvifor: kommunen må kunne sjå kven som gjorde kva. Kor lenge: { $days ->
        [one] { $days } dag
       *[other] { $days } dagar
    }. Skriv du /slett, blir radene liggjande, men utan Telegram-ID-en din.
privacy-rights =
    Ikkje send fødselsnummer, helseopplysningar eller dokument her. Telegram-chattar er ikkje ende-til-ende-krypterte.
    Behandlingsansvarleg: { $controller }. Personvernombod: { $dpo }.
    Sjå alt eg har lagra: /mine_data. Slett alt: /slett.
mydata-title = 📄 <b>Dette har eg lagra om deg</b>
mydata-user = Telegram-ID { $id }, språk: { $language }, første gong: { $first }, siste gong: { $last }
mydata-footer = Vil du slette alt? Skriv /slett.
delete-confirm = Vil du slette alt eg har lagra om deg? Det kan ikkje gjerast om. Påmeldingar til påminningar og tips blir også borte.
delete-yes = 🗑 Ja, slett alt
delete-no = Nei, behald
delete-done = ✅ Alt eg hadde lagra om deg, er sletta. Skriv /start om du vil bruke meg igjen.
commands-start = Start og meny
commands-help = Hjelp
commands-sprak = Byt språk
commands-personvern = Kva eg lagrar
commands-mine_data = Sjå dataa dine
commands-slett = Slett dataa dine
